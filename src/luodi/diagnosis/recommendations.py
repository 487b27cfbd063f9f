"""Recommendations in the study's three remedies, each triggered by a threshold on a figure.

Every recommendation names the figure that triggered it by a JSON pointer into the report,
with the figure's value and the clause or department it is about; there is no recommendation
without evidence. The rules live in :mod:`luodi.diagnosis.recommendation_rules`; this module
holds the value types, the pointer helper and the ordering (the study's remedy order, then
strength: how far past its threshold the figure is).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from luodi.diagnosis.values import REMEDIES

__all__ = [
    "EvidenceRef",
    "Recommendation",
    "Rule",
    "Sections",
    "above",
    "below",
    "dict_at",
    "list_at",
    "number",
    "pct",
    "pointer",
    "recommendations",
    "resolve",
]

Sections: TypeAlias = dict[str, dict[str, Any]]


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from path parts: ``pointer("a", 0, "b")`` → ``/a/0/b``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def resolve(report: Mapping[str, Any], path: str) -> Any:
    """The value at JSON pointer ``path`` in ``report`` (KeyError/IndexError if absent)."""
    value: Any = report
    for raw in path.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


@dataclass(frozen=True, kw_only=True)
class EvidenceRef:
    """A figure of the report behind a recommendation."""

    path: str
    value: Any
    clause_id: str | None = None
    department_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "value": self.value}
        if self.clause_id is not None:
            out["clause_id"] = self.clause_id
        if self.department_id is not None:
            out["department_id"] = self.department_id
        return out


@dataclass(frozen=True, kw_only=True)
class Recommendation:
    """One remedy for one finding: ``evidence[0]`` is the figure that crossed ``threshold``.

    ``strength`` (0 at the threshold, below 1) is how far past the threshold the figure is:
    the excess relative to the figure, or the shortfall relative to the threshold; the
    strongest case for a remedy comes first.
    """

    remedy: str
    code: str
    text_zh: str
    text_en: str
    evidence: tuple[EvidenceRef, ...]
    threshold: float
    strength: float

    def __post_init__(self) -> None:
        if self.remedy not in REMEDIES:
            raise ValueError(f"unknown remedy {self.remedy!r}; one of {', '.join(REMEDIES)}")
        if not self.evidence:
            raise ValueError(f"recommendation {self.code} has no evidence")

    def to_dict(self) -> dict[str, Any]:
        return {
            "remedy": self.remedy,
            "remedy_zh": REMEDIES[self.remedy][0],
            "code": self.code,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
            "evidence": [e.to_dict() for e in self.evidence],
            "threshold": self.threshold,
            "strength": self.strength,
        }


def dict_at(data: Any, *keys: str) -> dict[str, Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def list_at(data: Any, *keys: str) -> list[dict[str, Any]]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return [x for x in data if isinstance(x, dict)] if isinstance(data, list) else []


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def above(value: float, threshold: float) -> float:
    """Strength of a figure at or above its threshold, in [0, 1): the excess over the value."""
    return (value - threshold) / value if value > 0 else 0.0


def below(value: float, threshold: float) -> float:
    """Strength of a figure at or below its threshold, in [0, 1]: the shortfall over the
    threshold."""
    return (threshold - value) / threshold if threshold > 0 else 0.0


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


Rule: TypeAlias = Callable[[Sections], list[Recommendation]]


def _order(rec: Recommendation) -> tuple[int, float, str, str]:
    return (list(REMEDIES).index(rec.remedy), -rec.strength, rec.code, rec.evidence[0].path)


def recommendations(sections: Sections) -> list[Recommendation]:
    """The recommendations the report's sections call for (missing sections call for none)."""
    from luodi.diagnosis.recommendation_rules import RULES

    found = [rec for rule in RULES for rec in rule(sections)]
    return sorted(found, key=_order)
