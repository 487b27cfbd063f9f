"""The evaluation's arithmetic (span matching, accuracy, recall@k) and its JSON shape."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.text import ELEMENTS, ClauseInput, ConflictCandidate, evaluation
from luodi.text.evaluation import (
    LabelledClause,
    LabelledPair,
    conflict_scores,
    element_scores,
    evaluate,
    load_conflict_corpus,
    load_conflict_pairs,
    load_labelled,
    vague_scores,
)

TEXT = "对在我市实施的项目，按要求给予配套补助。"


def _clause(vague: tuple[tuple[str, int, int], ...], **elements: bool) -> LabelledClause:
    return LabelledClause(
        id="t",
        text=TEXT,
        issuer="C区管委会",
        level="district",
        split="test",
        vague=vague,
        elements={e: elements.get(e, False) for e in ELEMENTS},
    )


def test_exact_span_match_counts_a_true_positive() -> None:
    scores = vague_scores([_clause((("按要求", 10, 13),))])
    assert scores == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}


def test_a_shifted_span_is_one_false_positive_and_one_false_negative() -> None:
    scores = vague_scores([_clause((("按要求", 9, 12),))])
    assert (scores["tp"], scores["fp"], scores["fn"]) == (0, 1, 1)
    assert scores["f1"] == 0.0


def test_element_accuracy_is_per_element_and_macro() -> None:
    # The analyser finds 配套补助 (what) in TEXT; label everything absent: what is wrong.
    scores = element_scores([_clause(())])
    assert scores["per_element"]["what"] == 0.0
    assert set(scores["per_element"]) == set(ELEMENTS)
    expected = round(sum(scores["per_element"].values()) / 6, 4)
    assert scores["accuracy"] == expected


def _candidate(a: str, b: str, score: float) -> ConflictCandidate:
    return ConflictCandidate(a=a, b=b, score=score, kind="modality", why="", subject="")


def test_recall_and_precision_at_k_with_unordered_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    ranked = [_candidate("b", "a", 0.9), _candidate("a", "c", 0.8), _candidate("c", "d", 0.7)]

    def fake(clauses: Any, *, limit: int | None = None) -> list[ConflictCandidate]:
        return ranked[:limit]

    monkeypatch.setattr(evaluation, "conflict_candidates", fake)
    clauses = [ClauseInput(i, "条款") for i in "abcd"]
    pairs = [
        LabelledPair("a", "b", "modality", "s", "test"),
        LabelledPair("c", "d", "number", "s", "test"),
    ]
    at_2 = conflict_scores(clauses, pairs, k=2)
    assert (at_2["found"], at_2["recall_at_k"], at_2["precision_at_k"]) == (1, 0.5, 0.5)
    at_20 = conflict_scores(clauses, pairs, k=20)
    assert (at_20["recall_at_k"], at_20["precision_at_k"], at_20["candidates"]) == (1.0, 0.6667, 3)


def test_loaders_read_the_shipped_data() -> None:
    labelled = load_labelled()
    assert len(labelled) >= 170
    assert all(c.text[s:e] == t for c in labelled for t, s, e in c.vague)
    corpus_ids = {c.id for c, _ in load_conflict_corpus()}
    assert all({p.a, p.b} <= corpus_ids for p in load_conflict_pairs())


def test_evaluate_json_shape() -> None:
    result = evaluate(k=20)
    assert result["split"] == "test"
    assert set(result["vague"]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert set(result["elements"]["per_element"]) == set(ELEMENTS)
    assert 0 <= result["elements"]["accuracy"] <= 1
    assert {"k", "recall_at_k", "precision_at_k", "pairs"} <= set(result["conflicts"])
    assert result["conflicts"]["k"] == 20
    assert result["conflicts"]["pairs"] >= 10
    assert set(result["train"]) == {"vague", "elements", "conflicts"}
    assert set(result["targets"]) == {"vague_f1", "element_accuracy", "conflict_recall_at_k"}
    met = (
        result["vague"]["f1"] >= 0.85
        and result["elements"]["accuracy"] >= 0.85
        and result["conflicts"]["recall_at_k"] >= 0.8
    )
    assert result["met"] is met
