"""What the text analyser reads in the clauses: P1's missing elements, P3's candidate conflicts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.values import Evidence
from luodi.text import ClauseInput, TextInputError, analyse_clause, conflict_candidates

__all__ = ["CANDIDATE_LIMIT", "TextFactors", "text_factors"]

# The report lists the strongest candidates; the platform's conflict search lists them all.
CANDIDATE_LIMIT = 20


@dataclass(frozen=True, kw_only=True)
class TextFactors:
    """Per clause, the elements its wording leaves out; pairs of rules that may contradict."""

    clauses: tuple[Mapping[str, Any], ...]
    candidates: tuple[Mapping[str, Any], ...]


def _inputs(ctx: DiagnosisContext) -> list[ClauseInput]:
    # Clauses and policies are metadata (tens to thousands of rows): read in Python.
    policies = {str(row["policy_id"]): row for row in ctx.dataset["policies"].to_pylist()}
    inputs = []
    for row in sorted(ctx.dataset["clauses"].to_pylist(), key=lambda r: str(r["clause_id"])):
        policy = policies.get(str(row["policy_id"]), {})
        inputs.append(
            ClauseInput(
                id=str(row["clause_id"]),
                text=str(row["text"] or ""),
                issuer=str(policy.get("issuer_id") or "") or None,
                level=str(policy.get("level") or "") or None,
            )
        )
    return inputs


def text_factors(ctx: DiagnosisContext) -> TextFactors:
    """The analyser over every clause text, and the top candidate conflicts between issuers."""
    inputs = _inputs(ctx)
    clauses = []
    for clause in inputs:
        try:
            analysis = analyse_clause(clause.text, id=clause.id)
        except TextInputError:
            continue  # empty or not Chinese: nothing to read, the contract already checks text
        clauses.append(
            {
                "clause_id": clause.id,
                "missing_elements": list(analysis.missing),
                "vague_terms": len(analysis.vague_terms),
                "ambiguity": analysis.ambiguity,
                "evidence": Evidence(kind="clause", filters={"clause_id": clause.id}).to_dict(),
            }
        )
    candidates = [found.to_dict() for found in conflict_candidates(inputs, limit=CANDIDATE_LIMIT)]
    return TextFactors(clauses=tuple(clauses), candidates=tuple(candidates))
