"""The text analyser's reading in the factors: elements the wording omits, candidate conflicts."""

from __future__ import annotations

from typing import Any

from luodi.contract import Dataset
from luodi.text import analyse_clause


def test_every_clause_text_is_read_by_the_analyser(
    demo_dataset: Dataset, duckdb_report: dict[str, Any]
) -> None:
    elements = duckdb_report["factors"]["p1_ambiguity"]["text_elements"]
    texts = {r["clause_id"]: r["text"] for r in demo_dataset["clauses"].to_pylist()}
    assert [e["clause_id"] for e in elements] == sorted(texts)
    for entry in elements:
        analysis = analyse_clause(texts[entry["clause_id"]])
        assert entry["missing_elements"] == list(analysis.missing)
        assert entry["ambiguity"] == analysis.ambiguity
        assert entry["evidence"] == {"kind": "clause", "filters": {"clause_id": entry["clause_id"]}}


def test_the_studys_posts_conflict_is_a_candidate(duckdb_report: dict[str, Any]) -> None:
    candidates = duckdb_report["factors"]["p3_veto"]["candidate_conflicts"]
    pairs = {frozenset((c["a"], c["b"])): c for c in candidates}
    # 在职创业 (province Z) against 党政领导干部不得在企业兼职 (the centre): the study's P3 example.
    posts = pairs[frozenset(("CL-ZJ-01", "CL-CN-06"))]
    assert posts["kind"] == "modality"
    assert "兼职" in posts["why"]
    assert [c["score"] for c in candidates] == sorted(
        (c["score"] for c in candidates), reverse=True
    )
