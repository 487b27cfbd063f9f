"""Values the diagnosis sections share: ratios with their counts, evidence links, findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

__all__ = [
    "EVIDENCE_KINDS",
    "REMEDIES",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "Ratio",
    "ratio",
]

# What a figure can be traced back to; the platform's dashboard turns each into a list page.
EvidenceKind: TypeAlias = Literal[
    "cases", "clause", "department", "responses", "inquiries", "exceptions", "conflicts"
]
EVIDENCE_KINDS: tuple[str, ...] = (
    "cases",
    "clause",
    "department",
    "responses",
    "inquiries",
    "exceptions",
    "conflicts",
)

# The study's three remedies, in its order.
REMEDIES: dict[str, tuple[str, str]] = {
    "hierarchical": ("层级性治理", "hierarchical governance"),
    "multi_attribute": ("多属性治理", "multi-attribute governance"),
    "public_dialogue": ("公共对话", "public dialogue"),
}


@dataclass(frozen=True, kw_only=True)
class Ratio:
    """A share or rate with the counts behind it; ``value`` is null when nothing is counted."""

    numerator: float
    denominator: float

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }


def ratio(numerator: float, denominator: float) -> Ratio:
    return Ratio(numerator=numerator, denominator=denominator)


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """The records behind a figure: ``kind`` names the list, ``filters`` select its rows.

    Filters use contract column names or the keys documented in the diagnosis README; the
    dashboard links a figure to the list they select.
    """

    kind: EvidenceKind
    filters: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "filters": dict(sorted(self.filters.items()))}


@dataclass(frozen=True, kw_only=True)
class Finding:
    """A sentence the report prints, with the figure it rests on."""

    code: str
    text_zh: str
    text_en: str
    value: float | int | None = None
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
            "value": self.value,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }
