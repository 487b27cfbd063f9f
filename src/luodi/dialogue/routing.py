"""Route an inquiry's text to the department kind that must act, or to the talent office's triage.

Two routers share one interface. ``Router.cold_start()`` scores each kind's duty keywords
(``luodi.dialogue.duties``) and needs no data: the desk routes from its first day.
``Router.fit(texts=…, labels=…)`` trains a character n-gram TF-IDF + logistic regression model on
resolved inquiries. Chinese has no spaces, so character n-grams stand in for words without a
segmenter, and they survive typos and colloquial spellings. The duty keywords are added to the
training texts as short documents of their kind (``duty_prior``): with a few dozen resolved
inquiries per department the classifier would otherwise not know the words of a department's
duties that its inquiries have not used yet.

>>> router = Router.cold_start()
>>> routing = router.route("个人所得税专项附加扣除怎么填报？")
>>> routing.label, routing.source, routing.confidence >= LOW_CONFIDENCE
('tax', 'keywords', True)
>>> router.route("你好").label  # nothing to go on: the talent office triages it
'talent_office'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from luodi.contract.choices import DEPARTMENT_KINDS
from luodi.dialogue.duties import DUTY_KEYWORDS

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

__all__ = [
    "CLASSIFIER_PARAMS",
    "DUTY_PRIOR_WEIGHT",
    "KEYWORD_SMOOTHING",
    "LOW_CONFIDENCE",
    "RANDOM_STATE",
    "TRIAGE_KIND",
    "Router",
    "Routing",
    "RoutingDataError",
    "normalise_text",
]

LOW_CONFIDENCE: Final = 0.25
"""Below this confidence the inquiry goes to the talent office's triage queue.

Chosen by cross-validation on the training part of the labelled set (never on the reported
held-out part): about one inquiry in nine is held back for a person, and the classifier would
have placed only six in ten of those right, against more than nine in ten of the rest. The talent
office has few staff, so a higher threshold would swamp it for little gain. Both routers report
the share of the evidence for the chosen kind, so one threshold serves both; the cold start is
rarely below it except when no duty keyword occurs at all.
"""

TRIAGE_KIND: Final = "talent_office"
"""The kind that triages what no router can place (and the label when the text gives nothing)."""

RANDOM_STATE: Final = 20171
"""Fixed seed: the same texts give the same model and the same routings on every run."""

DUTY_PRIOR_WEIGHT: Final = 1.0
"""Sample weight of each duty keyword as a training document (0 trains on the inquiries only)."""

KEYWORD_SMOOTHING: Final = 2.0
"""Added to the keyword evidence's total: a single short keyword is not a certainty."""

CLASSIFIER_PARAMS: Final[dict[str, Any]] = {
    "analyzer": "char",
    # No single characters: one common character (好, 税, 学) would otherwise carry a greeting or
    # a vague question to a department with confidence; bigrams are the shortest Chinese words.
    "ngram_range": (2, 4),
    "sublinear_tf": True,
    # Weak regularisation: the texts are short and sparse, and the kinds are balanced.
    "C": 20.0,
    # SAGA converges on these sparse n-gram matrices in a fraction of lbfgs's time; its sampling
    # is seeded with RANDOM_STATE, so training stays reproducible.
    "solver": "saga",
    "max_iter": 3000,
}

_KIND_ORDER: Final = {c.value: i for i, c in enumerate(DEPARTMENT_KINDS)}

Source = Literal["classifier", "keywords"]


class RoutingDataError(ValueError):
    """Training data the router cannot learn from: says what is wrong and how to fix it."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(f"无法训练分派模型 — cannot train the router: {problem}; {fix}")


@dataclass(frozen=True, kw_only=True, slots=True)
class Routing:
    """Where one text goes: the chosen kind, how sure, every kind ranked, and who decided."""

    label: str
    confidence: float
    ranked: tuple[tuple[str, float], ...]
    source: Source

    @property
    def needs_triage(self) -> bool:
        """True when the confidence is below LOW_CONFIDENCE: a person should route it."""
        return self.confidence < LOW_CONFIDENCE

    def top(self, n: int) -> tuple[str, ...]:
        """The ``n`` most likely kinds, best first."""
        return tuple(kind for kind, _ in self.ranked[:n])


def normalise_text(text: str) -> str:
    """NFKC (full-width letters and digits to half-width), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


class Router:
    """Routes texts to department kinds; build one with ``fit`` or ``cold_start``."""

    __slots__ = ("_kinds", "_pipeline", "_source")

    def __init__(
        self, *, source: Source, kinds: tuple[str, ...], pipeline: Pipeline | None = None
    ) -> None:
        self._source: Source = source
        self._kinds = kinds
        self._pipeline = pipeline

    @property
    def source(self) -> Source:
        """Who decides: ``classifier`` (trained) or ``keywords`` (the cold start)."""
        return self._source

    @property
    def kinds(self) -> tuple[str, ...]:
        """The department kinds this router can choose."""
        return self._kinds

    @classmethod
    def cold_start(cls) -> Router:
        """A router from the duty keywords alone, for a desk with no resolved inquiries yet."""
        return cls(source="keywords", kinds=_ordered(DUTY_KEYWORDS))

    @classmethod
    def fit(
        cls,
        *,
        texts: Sequence[str],
        labels: Sequence[str],
        duty_prior: float = DUTY_PRIOR_WEIGHT,
    ) -> Router:
        """Train on resolved inquiries' ``texts`` and the department kinds that handled them.

        ``duty_prior`` weights the duty keywords added as training documents; 0 leaves them out.
        With the prior the router can choose every kind that has a duty table, even one no
        resolved inquiry has reached yet.
        """
        texts, labels = list(texts), list(labels)
        _check_training(texts, labels, duty_prior)
        weights = [1.0] * len(texts)
        if duty_prior > 0:
            for kind, keywords in DUTY_KEYWORDS.items():
                texts.extend(keywords)
                labels.extend([kind] * len(keywords))
                weights.extend([duty_prior] * len(keywords))
        pipeline = _pipeline()
        pipeline.fit(texts, labels, model__sample_weight=weights)
        kinds = tuple(str(kind) for kind in pipeline.classes_)
        return cls(source="classifier", kinds=kinds, pipeline=pipeline)

    def route(self, text: str) -> Routing:
        """Route one text."""
        return self.route_many([text])[0]

    def route_many(self, texts: Iterable[str]) -> tuple[Routing, ...]:
        """Route many texts at once (one model call for all of them)."""
        items = [normalise_text(text) for text in texts]
        if self._pipeline is None:
            return tuple(self._by_keywords(text) for text in items)
        routings: list[Routing | None] = [None] * len(items)
        todo = [i for i, text in enumerate(items) if text]
        for i, text in enumerate(items):
            if not text:
                routings[i] = _nothing(self._kinds, self._source)
        if todo:
            probabilities = self._pipeline.predict_proba([items[i] for i in todo])
            for i, row in zip(todo, probabilities, strict=True):
                scores = {kind: float(p) for kind, p in zip(self._kinds, row, strict=True)}
                routings[i] = _routing(scores, source="classifier")
        return tuple(r for r in routings if r is not None)

    def _by_keywords(self, text: str) -> Routing:
        evidence = {
            kind: float(sum(len(keyword) for keyword in keywords if keyword.lower() in text))
            for kind, keywords in DUTY_KEYWORDS.items()
        }
        total = sum(evidence.values())
        if total == 0:
            return _nothing(self._kinds, "keywords")
        scores = {kind: value / (total + KEYWORD_SMOOTHING) for kind, value in evidence.items()}
        return _routing(scores, source="keywords")


def _ordered(kinds: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(kinds, key=lambda kind: _KIND_ORDER.get(kind, len(_KIND_ORDER))))


def _routing(scores: dict[str, float], *, source: Source) -> Routing:
    # Ties go to the contract's order of department kinds, so equal scores route the same way
    # on every run and every platform.
    ranked = tuple(
        sorted(
            ((kind, round(score, 6)) for kind, score in scores.items()),
            key=lambda item: (-item[1], _KIND_ORDER.get(item[0], len(_KIND_ORDER))),
        )
    )
    label, confidence = ranked[0]
    return Routing(label=label, confidence=confidence, ranked=ranked, source=source)


def _nothing(kinds: tuple[str, ...], source: Source) -> Routing:
    ranked = tuple((kind, 0.0) for kind in _ordered(kinds))
    return Routing(label=TRIAGE_KIND, confidence=0.0, ranked=ranked, source=source)


def _check_training(texts: list[str], labels: list[str], duty_prior: float) -> None:
    if len(texts) != len(labels):
        raise RoutingDataError(
            f"{len(texts)} texts but {len(labels)} labels", "give one label per text"
        )
    if duty_prior < 0:
        raise RoutingDataError(f"duty_prior is {duty_prior}", "use 0 or a positive weight")
    unknown = sorted(set(labels) - set(_KIND_ORDER))
    if unknown:
        raise RoutingDataError(
            f"labels {', '.join(map(repr, unknown))} are not department kinds",
            f"use the contract's DEPARTMENT_KINDS: {', '.join(_KIND_ORDER)}",
        )
    if any(not normalise_text(text) for text in texts):
        raise RoutingDataError("a text is empty", "leave out inquiries without text")
    if duty_prior == 0 and len(set(labels)) < 2:
        raise RoutingDataError(
            "fewer than two department kinds among the labels",
            "train on inquiries of at least two kinds, or keep the duty prior",
        )


def _pipeline() -> Pipeline:
    # Imported here: the cold start and the platform's imports should not pay for scikit-learn.
    from sklearn.feature_extraction.text import (
        TfidfVectorizer,
    )
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    params = CLASSIFIER_PARAMS
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer=params["analyzer"],
                    ngram_range=params["ngram_range"],
                    sublinear_tf=params["sublinear_tf"],
                    preprocessor=normalise_text,
                ),
            ),
            (
                "model",
                LogisticRegression(
                    C=params["C"],
                    solver=params["solver"],
                    max_iter=params["max_iter"],
                    random_state=RANDOM_STATE,
                ),
            ),
        ]
    )
