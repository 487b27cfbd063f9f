"""What every section of the diagnosis reads: the dataset's frames, the rules, the period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import narwhals as nw

from luodi.contract import Dataset
from luodi.engines import Engine, Frame

if TYPE_CHECKING:
    from luodi.policy.coverage import CoverageReport
    from luodi.policy.library import Library

__all__ = [
    "EMPLOYER_STAGES",
    "HIGH_END_TIERS",
    "MIDDLE_TIERS",
    "TIER_GROUPS",
    "DiagnosisContext",
    "Period",
    "tier_group_expr",
]

HIGH_END_TIERS = ("A", "B", "C")
MIDDLE_TIERS = ("D", "E", "F")
# Groups in ascending order of status: the concentration index ranks them this way.
TIER_GROUPS = ("general", "middle", "high_end")
EMPLOYER_STAGES = ("startup", "growth", "mature")


@dataclass(frozen=True, kw_only=True)
class Period:
    """The days the data covers, both inclusive."""

    start: dt.date
    end: dt.date

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, kw_only=True)
class DiagnosisContext:
    """The inputs of one diagnosis run, shared read-only by its sections.

    ``coverage`` is the policy engine's microsimulation over the whole population when policy
    rules are given (``library``); without rules, sections that need eligibility fall back to
    applications and say so (``eligible_source``).
    """

    dataset: Dataset
    engine: Engine
    period: Period
    rules_on: dt.date
    library: Library | None = None
    coverage: CoverageReport | None = None
    _frames: dict[str, Frame] = field(default_factory=dict, compare=False, repr=False)

    @property
    def as_of(self) -> dt.date:
        """The day open steps and inquiries are judged on: the last day of the data."""
        return self.period.end

    def frame(self, name: str) -> Frame:
        """A lazy frame over the contract table ``name`` on the run's engine."""
        if name not in self._frames:
            self._frames[name] = self.engine.frame(self.dataset[name])
        return self._frames[name]

    def rows(self, frame: Frame) -> list[dict[str, object]]:
        return self.engine.rows(frame)

    def count(self, name: str) -> int:
        return int(self.dataset[name].num_rows)


def tier_group_expr(column: str = "talent_tier") -> nw.Expr:
    """high_end for tiers A–C, middle for D–F, general otherwise; null stays null."""
    tier = nw.col(column)
    middle_or_general = (
        nw.when(tier.is_in(MIDDLE_TIERS)).then(nw.lit("middle")).otherwise(nw.lit("general"))
    )
    grouped = (
        nw.when(tier.is_in(HIGH_END_TIERS)).then(nw.lit("high_end")).otherwise(middle_or_general)
    )
    return nw.when(~tier.is_null()).then(grouped)
