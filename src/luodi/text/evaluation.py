"""Evaluation of the policy text analyser on the labelled set in ``luodi/text/data``.

* Vague terms: precision, recall and F1 at span level — a predicted span counts only when its
  term, start and end equal a labelled one (exact match).
* Elements: accuracy of the six present/absent decisions, per element and their macro mean.
* Conflicts: recall@k — the labelled pairs of a split found among the top ``k`` candidates that
  ``conflict_candidates`` ranks over that split's corpus clauses, divided by the labelled pairs;
  precision@k — the same hits divided by the candidates inspected (``min(k, returned)``).
  Pairs are unordered: (a, b) and (b, a) are the same pair.

The held-out figures are the ``test`` split; the rules were tuned on ``train`` only, whose
figures are reported too. See ``data/README.md`` for how the data were written and labelled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from luodi.text.analyse import analyse_clause
from luodi.text.conflicts import conflict_candidates
from luodi.text.model import ELEMENTS, ClauseInput

__all__ = [
    "DATA_DIR",
    "TARGETS",
    "LabelledClause",
    "LabelledPair",
    "conflict_scores",
    "element_scores",
    "evaluate",
    "load_conflict_corpus",
    "load_conflict_pairs",
    "load_labelled",
    "vague_scores",
]

DATA_DIR = Path(__file__).with_name("data")
Split = Literal["train", "test"]
TARGETS: Mapping[str, float] = {
    "vague_f1": 0.85,
    "element_accuracy": 0.85,
    "conflict_recall_at_k": 0.8,
}


@dataclass(frozen=True)
class LabelledClause:
    """One line of ``labelled_clauses.jsonl``."""

    id: str
    text: str
    issuer: str
    level: str
    split: str
    vague: tuple[tuple[str, int, int], ...]
    elements: Mapping[str, bool]


@dataclass(frozen=True)
class LabelledPair:
    """One line of ``conflict_pairs.jsonl``: clauses ``a`` and ``b`` of the corpus conflict."""

    a: str
    b: str
    kind: str
    subject: str
    split: str


def _lines(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: invalid JSON ({error.msg})") from error
                if not isinstance(row, dict):
                    raise ValueError(f"{path}:{number}: expected a JSON object")
                yield row


def load_labelled(path: Path | None = None) -> list[LabelledClause]:
    """The labelled clauses (default: the set shipped in ``luodi/text/data``)."""
    return [
        LabelledClause(
            id=row["id"],
            text=row["text"],
            issuer=row["issuer"],
            level=row["level"],
            split=row["split"],
            vague=tuple((s["term"], s["start"], s["end"]) for s in row["vague"]),
            elements={e: bool(row["elements"][e]) for e in ELEMENTS},
        )
        for row in _lines(path or DATA_DIR / "labelled_clauses.jsonl")
    ]


def load_conflict_corpus(path: Path | None = None) -> list[tuple[ClauseInput, str]]:
    """The conflict corpus as ``(clause, split)`` pairs."""
    return [
        (ClauseInput(row["id"], row["text"], row.get("issuer"), row.get("level")), row["split"])
        for row in _lines(path or DATA_DIR / "conflict_corpus.jsonl")
    ]


def load_conflict_pairs(path: Path | None = None) -> list[LabelledPair]:
    """The labelled conflict pairs."""
    return [
        LabelledPair(row["a"], row["b"], row["kind"], row["subject"], row["split"])
        for row in _lines(path or DATA_DIR / "conflict_pairs.jsonl")
    ]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def vague_scores(clauses: Sequence[LabelledClause]) -> dict[str, Any]:
    """Span-level precision, recall and F1 of the analyser's vague terms (exact match)."""
    tp = fp = fn = 0
    for clause in clauses:
        found = analyse_clause(clause.text, id=clause.id).vague_terms
        predicted = {(s.term, s.start, s.end) for s in found}
        gold = set(clause.vague)
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def element_scores(clauses: Sequence[LabelledClause]) -> dict[str, Any]:
    """Accuracy of each element's present/absent decision and their macro mean."""
    right = dict.fromkeys(ELEMENTS, 0)
    for clause in clauses:
        found = analyse_clause(clause.text, id=clause.id).elements
        for element in ELEMENTS:
            right[element] += found[element].present == clause.elements[element]
    per_element = {e: _ratio(right[e], len(clauses)) for e in ELEMENTS}
    macro = round(sum(per_element.values()) / len(ELEMENTS), 4)
    return {"accuracy": macro, "per_element": per_element, "clauses": len(clauses)}


def conflict_scores(
    clauses: Sequence[ClauseInput], pairs: Sequence[LabelledPair], *, k: int = 20
) -> dict[str, Any]:
    """Recall@k and precision@k of ``conflict_candidates`` over ``clauses``."""
    ranked = conflict_candidates(clauses, limit=k)[:k]
    top = {frozenset((c.a, c.b)) for c in ranked}
    gold = {frozenset((p.a, p.b)) for p in pairs}
    hits = len(top & gold)
    return {
        "k": k,
        "recall_at_k": _ratio(hits, len(gold)),
        "precision_at_k": _ratio(hits, len(ranked)),
        "pairs": len(gold),
        "found": hits,
        "candidates": len(ranked),
        "clauses": len(clauses),
    }


def _split_scores(
    split: Split,
    labelled: Sequence[LabelledClause],
    corpus: Sequence[tuple[ClauseInput, str]],
    pairs: Sequence[LabelledPair],
    k: int,
) -> dict[str, Any]:
    clauses = [c for c in labelled if c.split == split]
    return {
        "vague": vague_scores(clauses),
        "elements": element_scores(clauses),
        "conflicts": conflict_scores(
            [c for c, s in corpus if s == split], [p for p in pairs if p.split == split], k=k
        ),
    }


def evaluate(*, k: int = 20, data_dir: Path | None = None) -> dict[str, Any]:
    """All figures, held-out (``test``) at the top level and ``train`` alongside: the JSON of
    ``luodi text eval --json``."""
    folder = data_dir or DATA_DIR
    labelled = load_labelled(folder / "labelled_clauses.jsonl")
    corpus = load_conflict_corpus(folder / "conflict_corpus.jsonl")
    pairs = load_conflict_pairs(folder / "conflict_pairs.jsonl")
    test = _split_scores("test", labelled, corpus, pairs, k)
    train = _split_scores("train", labelled, corpus, pairs, k)
    met = (
        test["vague"]["f1"] >= TARGETS["vague_f1"]
        and test["elements"]["accuracy"] >= TARGETS["element_accuracy"]
        and test["conflicts"]["recall_at_k"] >= TARGETS["conflict_recall_at_k"]
    )
    return {
        **test,
        "split": "test",
        "train": train,
        "targets": dict(TARGETS),
        "met": met,
    }
