"""What every metric reads (the scoring context) and what every metric is (the Metric base).

Subjects: the executing departments — those on a clause route, a case step or an inquiry — or
the districts. Departments that issue policy from above but never act on a case are not rated:
a scorecard of the district would otherwise rank the province for work it does not do.
"""

from __future__ import annotations

import abc
import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

import narwhals as nw
from pydantic import BaseModel, ConfigDict

from luodi.contract import Dataset
from luodi.diagnosis.context import DiagnosisContext, Period
from luodi.engines import Engine, Frame
from luodi.scorecard.periods import ScorePeriod
from luodi.scorecard.values import IndicatorValue, Subject

__all__ = [
    "EXECUTING_TABLES",
    "NOTHING_TO_COUNT",
    "NO_ROUNDS",
    "TOO_FEW_RATERS",
    "Metric",
    "NoParams",
    "ScoreContext",
    "count_value",
    "in_period",
    "number",
    "ratio_value",
    "score_subjects",
]

NOTHING_TO_COUNT = "无可计算对象"
TOO_FEW_RATERS = "评价人数不足"
NO_ROUNDS = "无评价轮次"

# Where a department shows that it executes policy: the tables of its subject list.
EXECUTING_TABLES = ("clause_routes", "case_steps", "inquiries")


class NoParams(BaseModel):
    """Parameters of a metric that takes none."""

    model_config = ConfigDict(frozen=True, extra="forbid")


P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True, kw_only=True)
class ScoreContext:
    """The inputs of one indicator computation, shared read-only by the metrics."""

    dataset: Dataset
    engine: Engine
    period: ScorePeriod
    subject_kind: str
    subjects: tuple[Subject, ...] = ()
    _frames: dict[str, Frame] = field(default_factory=dict, compare=False, repr=False)

    def with_subjects(self, subjects: tuple[Subject, ...]) -> ScoreContext:
        return dataclasses.replace(self, subjects=subjects, _frames=self._frames)

    def frame(self, name: str) -> Frame:
        """A lazy frame over the contract table ``name`` on the run's engine."""
        if name not in self._frames:
            self._frames[name] = self.engine.frame(self.dataset[name])
        return self._frames[name]

    def rows(self, frame: Frame) -> list[dict[str, object]]:
        return self.engine.rows(frame)

    @property
    def subject_ids(self) -> tuple[str, ...]:
        return tuple(subject.id for subject in self.subjects)

    @property
    def diagnosis(self) -> DiagnosisContext:
        """The same frames seen as a diagnosis context, so diagnosis selectors can be reused."""
        return DiagnosisContext(
            dataset=self.dataset,
            engine=self.engine,
            period=Period(start=self.period.start, end=self.period.end),
            rules_on=self.period.end,
            _frames=self._frames,
        )


class Metric(abc.ABC, Generic[P]):
    """A registered formula: it states itself in Chinese and computes per subject."""

    name: ClassVar[str]
    params_model: type[P]

    @abc.abstractmethod
    def tables(self, params: P) -> tuple[str, ...]:
        """The contract tables the formula reads (checked against an indicator's sources)."""

    @abc.abstractmethod
    def describe(self, params: P) -> str:
        """The formula in Chinese, naming contract tables and columns."""

    @abc.abstractmethod
    def compute(self, ctx: ScoreContext, params: P) -> dict[str, IndicatorValue]:
        """The value per subject id; subjects without data may be absent."""


def in_period(column: str, ctx: ScoreContext) -> nw.Expr:
    """True where a date or datetime column falls in the period (both ends inclusive)."""
    value = nw.col(column).cast(nw.Date)
    return (value >= nw.lit(ctx.period.start)) & (value <= nw.lit(ctx.period.end))


def ratio_value(numerator: float, denominator: float, *, n: int | None = None) -> IndicatorValue:
    """A share or rate; None with a note when there is nothing to divide by."""
    count = int(denominator) if n is None else n
    if denominator <= 0:
        return IndicatorValue(
            value=None, numerator=numerator, denominator=denominator, n=count, note=NOTHING_TO_COUNT
        )
    return IndicatorValue(
        value=numerator / denominator, numerator=numerator, denominator=denominator, n=count
    )


def _department_subjects(ctx: ScoreContext) -> tuple[Subject, ...]:
    acting: set[str] = set()
    for table in EXECUTING_TABLES:
        frame = ctx.frame(table).select("department_id").unique()
        acting |= {str(r["department_id"]) for r in ctx.rows(frame) if r["department_id"]}
    departments = ctx.rows(ctx.frame("departments").select("department_id", "name"))
    return tuple(
        Subject(id=str(r["department_id"]), name=str(r["name"]), kind="department")
        for r in sorted(departments, key=lambda r: str(r["department_id"]))
        if r["department_id"] in acting
    )


def _region_subjects(ctx: ScoreContext) -> tuple[Subject, ...]:
    frame = ctx.frame("regions").filter(nw.col("level") == "district").select("region_id", "name")
    return tuple(
        Subject(id=str(r["region_id"]), name=str(r["name"]), kind="region")
        for r in sorted(ctx.rows(frame), key=lambda r: str(r["region_id"]))
    )


def score_subjects(ctx: ScoreContext) -> tuple[Subject, ...]:
    """The departments or districts rated, ordered by id."""
    if ctx.subject_kind == "department":
        return _department_subjects(ctx)
    return _region_subjects(ctx)


def number(value: Any) -> float:
    """An aggregate as a float: engines return a sum over no rows as null, DuckDB as Decimal."""
    return 0.0 if value is None else float(value)


def count_value(count: int) -> IndicatorValue:
    """A count: zero is a value (nothing landed), never missing."""
    return IndicatorValue(value=float(count), numerator=float(count), n=count)
