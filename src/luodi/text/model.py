"""The value types of the policy text analyser: spans, findings, analyses, conflict candidates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "ELEMENTS",
    "ClauseAnalysis",
    "ClauseInput",
    "ConflictCandidate",
    "ElementFinding",
    "Span",
    "Suggestion",
    "TextInputError",
]

# The six things a clause should state (DESIGN §2, policy text analyser).
ELEMENTS: tuple[str, ...] = ("who", "whom", "what", "how_much", "when", "how")


class TextInputError(ValueError):
    """A text the analyser cannot work on: the message says what, where and how to fix it."""

    def __init__(self, what: str, *, where: str = "", how: str = "") -> None:
        self.what = what
        self.where = where
        self.how = how
        parts = [what]
        if where:
            parts.append(f"where: {where}")
        if how:
            parts.append(f"how to fix: {how}")
        super().__init__("; ".join(parts))


@dataclass(frozen=True)
class Span:
    """``term`` found at ``text[start:end]`` (character offsets into the analysed text)."""

    term: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class ElementFinding:
    """Whether an element is stated, and the span that states it."""

    present: bool
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"present": self.present, "span": self.span.to_dict() if self.span else None}


@dataclass(frozen=True)
class Suggestion:
    """What a drafter should add: for a vague term (``target`` = the term) or a missing
    element (``target`` = the element name)."""

    kind: Literal["vague", "missing"]
    target: str
    text_zh: str
    text_en: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "target": self.target,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
        }


@dataclass(frozen=True)
class ClauseAnalysis:
    """The analysis of one clause; ``to_dict`` is one output line of ``luodi text analyse``."""

    id: str
    vague_terms: tuple[Span, ...]
    elements: Mapping[str, ElementFinding]
    ambiguity: float
    suggestions: tuple[Suggestion, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        """The elements the clause does not state, in ``ELEMENTS`` order."""
        return tuple(e for e in ELEMENTS if not self.elements[e].present)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "vague_terms": [s.to_dict() for s in self.vague_terms],
            "elements": {e: self.elements[e].to_dict() for e in ELEMENTS},
            "ambiguity": self.ambiguity,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class ClauseInput:
    """One clause of a library: its id, text and (when known) issuer and level."""

    id: str
    text: str
    issuer: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class ConflictCandidate:
    """Two clauses of different issuers that may contradict each other on ``subject``."""

    a: str
    b: str
    score: float
    kind: Literal["modality", "number"]
    why: str
    subject: str

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": self.score, "kind": self.kind, "why": self.why}
