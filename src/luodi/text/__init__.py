"""Policy text analysis (the study's P1 and P3): vague terms, the six elements a clause should
state, an ambiguity score with drafting suggestions, and candidate conflicts between clauses
of different issuers. Core library: no Django.

jieba (for word boundaries) is loaded on first use.
"""

from __future__ import annotations

from luodi.text.analyse import ambiguity_score, analyse_clause
from luodi.text.conflicts import conflict_candidates
from luodi.text.model import (
    ELEMENTS,
    ClauseAnalysis,
    ClauseInput,
    ConflictCandidate,
    ElementFinding,
    Span,
    Suggestion,
    TextInputError,
)
from luodi.text.vague import vague_spans

__all__ = [
    "ELEMENTS",
    "ClauseAnalysis",
    "ClauseInput",
    "ConflictCandidate",
    "ElementFinding",
    "Span",
    "Suggestion",
    "TextInputError",
    "ambiguity_score",
    "analyse_clause",
    "conflict_candidates",
    "vague_spans",
]
