"""How well the router places inquiries: accuracy on a held-out part of the labelled set.

A stratified split keeps every department kind's share in both parts. The trained router is
scored against the cold start on the same held-out inquiries, and the triage threshold is scored
by what it holds back and how accurate the rest is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from luodi.dialogue.corpus import LabelledInquiry
from luodi.dialogue.routing import (
    CLASSIFIER_PARAMS,
    DUTY_PRIOR_WEIGHT,
    LOW_CONFIDENCE,
    RANDOM_STATE,
    Router,
    Routing,
    RoutingDataError,
)

__all__ = ["KindScore", "RoutingReport", "routing_evaluate"]

DEFAULT_TEST_SIZE = 0.25
DEFAULT_SEED = 20171


@dataclass(frozen=True, kw_only=True, slots=True)
class KindScore:
    """Precision, recall and F1 of one department kind on the held-out part."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, kw_only=True, slots=True)
class RoutingReport:
    """The figures of one evaluation; ``to_dict`` gives them under stable key names."""

    top1_accuracy: float
    top3_accuracy: float
    cold_start_top1_accuracy: float
    text_only_top1_accuracy: float
    triage_share: float
    confident_top1_accuracy: float | None
    n_train: int
    n_test: int
    per_department: Mapping[str, KindScore]
    params: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: shares as fractions in [0, 1] rounded to 4 places, None as null."""
        return {
            "top1_accuracy": _r(self.top1_accuracy),
            "top3_accuracy": _r(self.top3_accuracy),
            "cold_start_top1_accuracy": _r(self.cold_start_top1_accuracy),
            "text_only_top1_accuracy": _r(self.text_only_top1_accuracy),
            "triage_share": _r(self.triage_share),
            "confident_top1_accuracy": (
                None if self.confident_top1_accuracy is None else _r(self.confident_top1_accuracy)
            ),
            "n_train": self.n_train,
            "n_test": self.n_test,
            "per_department": {
                kind: {
                    "precision": _r(score.precision),
                    "recall": _r(score.recall),
                    "f1": _r(score.f1),
                    "support": score.support,
                }
                for kind, score in sorted(self.per_department.items())
            },
            "params": dict(self.params),
        }


def routing_evaluate(
    *,
    records: Sequence[LabelledInquiry],
    test_size: float = DEFAULT_TEST_SIZE,
    seed: int = DEFAULT_SEED,
) -> RoutingReport:
    """Train on a stratified part of ``records`` and score routing on the rest.

    ``top1_accuracy`` is the trained router's; ``text_only_top1_accuracy`` the same model trained
    without the duty keywords, so the report shows what each source of knowledge contributes.
    """
    if not 0 < test_size < 1:
        raise RoutingDataError(
            f"test_size is {test_size}", "give the held-out share as a fraction between 0 and 1"
        )
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.model_selection import train_test_split

    texts = [record.text for record in records]
    labels = [record.department_kind for record in records]
    try:
        train_texts, test_texts, train_labels, test_labels = train_test_split(
            texts, labels, test_size=test_size, random_state=seed, stratify=labels
        )
    except ValueError as error:
        raise RoutingDataError(
            f"the stratified split failed ({error})",
            "give every department kind at least two records and a test share that leaves one "
            "of each kind on both sides",
        ) from None

    trained = Router.fit(texts=train_texts, labels=train_labels).route_many(test_texts)
    text_only = Router.fit(texts=train_texts, labels=train_labels, duty_prior=0).route_many(
        test_texts
    )
    cold = Router.cold_start().route_many(test_texts)

    predicted = [routing.label for routing in trained]
    kinds = sorted(set(test_labels))
    precision, recall, f1, support = precision_recall_fscore_support(
        test_labels, predicted, labels=kinds, zero_division=0
    )
    confident = [
        (routing, label)
        for routing, label in zip(trained, test_labels, strict=True)
        if not routing.needs_triage
    ]
    return RoutingReport(
        top1_accuracy=_top(trained, test_labels, 1),
        top3_accuracy=_top(trained, test_labels, 3),
        cold_start_top1_accuracy=_top(cold, test_labels, 1),
        text_only_top1_accuracy=_top(text_only, test_labels, 1),
        triage_share=1 - len(confident) / len(trained),
        confident_top1_accuracy=(
            _top([r for r, _ in confident], [label for _, label in confident], 1)
            if confident
            else None
        ),
        n_train=len(train_texts),
        n_test=len(test_texts),
        per_department={
            kind: KindScore(precision=float(p), recall=float(r), f1=float(f), support=int(s))
            for kind, p, r, f, s in zip(kinds, precision, recall, f1, support, strict=True)
        },
        params={
            "test_size": test_size,
            "seed": seed,
            "records": len(records),
            "kinds": len(set(labels)),
            "vectorizer": "TfidfVectorizer",
            "analyzer": CLASSIFIER_PARAMS["analyzer"],
            "ngram_range": list(CLASSIFIER_PARAMS["ngram_range"]),
            "sublinear_tf": CLASSIFIER_PARAMS["sublinear_tf"],
            "model": "LogisticRegression",
            "C": CLASSIFIER_PARAMS["C"],
            "solver": CLASSIFIER_PARAMS["solver"],
            "duty_prior_weight": DUTY_PRIOR_WEIGHT,
            "low_confidence": LOW_CONFIDENCE,
            "random_state": RANDOM_STATE,
        },
    )


def _top(routings: Sequence[Routing], labels: Sequence[str], n: int) -> float:
    hits = sum(label in routing.top(n) for routing, label in zip(routings, labels, strict=True))
    return hits / len(labels)


def _r(value: float) -> float:
    return round(float(value), 4)
