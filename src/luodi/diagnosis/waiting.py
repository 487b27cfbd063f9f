"""How long each department keeps the cases that reach it, and how often past the deadline.

A step waits from ``arrived_at`` until ``decided_at``, or until the end of the last day of the
data when it is undecided; cancelled steps were never worked and are left out. It is over the
deadline when decided on a day after ``due_on``, or undecided and the last day of the data is
after ``due_on``. Datasets without ``case_steps`` (a log from another system) get their steps
from the event log: an event with decision ``received`` starts a step, the next decision
event of the same case at the same department ends it, and the due date is the clause's
deadline (else 5) in working days after arrival.

The engine groups the waits into a histogram of (department, whole hours); medians and 90th
percentiles are read off it exactly in Python, so every engine gives the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import narwhals as nw

from luodi.calendar import CalendarOutOfRange, working_day_index
from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.quantities import epoch_seconds, to_int, weighted_quantile
from luodi.engines import Frame

__all__ = ["DEFAULT_STEP_DAYS", "DepartmentWaiting", "department_waiting", "steps_source"]

# A department's working days for one step when the clause sets none (as the platform's).
DEFAULT_STEP_DAYS = 5
_HOUR = 3_600
_EPOCH = dt.datetime(1970, 1, 1)


@dataclass(frozen=True, kw_only=True)
class DepartmentWaiting:
    """Waiting times of one department's steps, in days (to the hour)."""

    department_id: str
    steps: int
    decided: int
    with_deadline: int
    over_deadline: int
    median_days: float | None
    p90_days: float | None

    @property
    def over_deadline_share(self) -> float | None:
        return self.over_deadline / self.with_deadline if self.with_deadline else None


def steps_source(ctx: DiagnosisContext) -> str:
    """``case_steps`` when the dataset records steps, else ``events``."""
    return "case_steps" if ctx.count("case_steps") else "events"


def _recorded_steps(ctx: DiagnosisContext) -> Frame:
    return (
        ctx.frame("case_steps")
        .filter(~nw.col("arrived_at").is_null() & (nw.col("status") != "cancelled"))
        .select("department_id", "arrived_at", "decided_at", "due_on")
    )


def _calendar(ctx: DiagnosisContext, longest: int) -> Frame | None:
    """Working-day ordinals over the data's days, wide enough for every due date."""
    end = ctx.as_of + dt.timedelta(days=2 * longest + 60)
    try:
        table = working_day_index(start=ctx.period.start - dt.timedelta(days=1), end=end)
    except CalendarOutOfRange:
        return None
    return ctx.engine.frame(table)


def _logged_steps(ctx: DiagnosisContext) -> Frame:
    """Steps rebuilt from the event log, with due dates from the clauses' deadlines."""
    order = ["timestamp", "event_id"]
    decisions = ctx.frame("events").filter(~nw.col("decision").is_null())
    steps = (
        decisions.with_columns(
            decided_at=nw.col("timestamp")
            .shift(-1)
            .over("case_id", "department_id", order_by=order)
        )
        .filter(nw.col("decision") == "received")
        .select("case_id", "department_id", nw.col("timestamp").alias("arrived_at"), "decided_at")
    )
    clauses = ctx.rows(ctx.frame("clauses").select("deadline_days"))
    longest = max([to_int(r["deadline_days"]) for r in clauses] + [DEFAULT_STEP_DAYS])
    calendar = _calendar(ctx, longest)
    if calendar is None:
        return steps.select(
            "department_id",
            "arrived_at",
            "decided_at",
            nw.lit(None, dtype=nw.Date()).alias("due_on"),
        )
    days = (
        ctx.frame("cases")
        .select("case_id", "clause_id")
        .join(ctx.frame("clauses").select("clause_id", "deadline_days"), on="clause_id")
        .select("case_id", nw.col("deadline_days").fill_null(DEFAULT_STEP_DAYS).alias("days"))
    )
    arrival = calendar.select(nw.col("day").alias("arrived_on"), nw.col("ordinal").alias("start"))
    due = calendar.filter(nw.col("is_working_day")).select(
        nw.col("ordinal").alias("due_ordinal"), nw.col("day").alias("due_on")
    )
    return (
        steps.join(days, on="case_id", how="left")
        .with_columns(arrived_on=nw.col("arrived_at").dt.date())
        .join(arrival, on="arrived_on", how="left")
        .with_columns(due_ordinal=nw.col("start") + nw.col("days").fill_null(DEFAULT_STEP_DAYS))
        .join(due, on="due_ordinal", how="left")
        .select("department_id", "arrived_at", "decided_at", "due_on")
    )


def _histogram(ctx: DiagnosisContext, steps: Frame) -> Frame:
    end_of_data = int(
        (dt.datetime.combine(ctx.as_of + dt.timedelta(days=1), dt.time()) - _EPOCH).total_seconds()
    )
    decided = ~nw.col("decided_at").is_null()
    end = nw.when(decided).then(epoch_seconds("decided_at")).otherwise(nw.lit(end_of_data))
    # Whole hours, half an hour rounding up: integer floor division rounds alike everywhere.
    hours = (end - epoch_seconds("arrived_at") + _HOUR // 2) // _HOUR
    over = (
        nw.when(decided)
        .then(nw.col("decided_at").dt.date() > nw.col("due_on"))
        .otherwise(nw.lit(ctx.as_of) > nw.col("due_on"))
    )
    return (
        steps.with_columns(
            hours=hours,
            decided=decided.cast(nw.Int64()),
            over=over.cast(nw.Int64()),
        )
        .group_by("department_id", "hours")
        .agg(
            nw.len().alias("n"),
            nw.col("decided").sum().alias("decided"),
            nw.col("over").count().alias("with_deadline"),
            nw.col("over").sum().alias("over"),
        )
    )


def _summaries(rows: Sequence[dict[str, object]]) -> tuple[DepartmentWaiting, ...]:
    by_department: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_department.setdefault(str(row["department_id"]), []).append(row)
    out = []
    for department_id, bins in sorted(by_department.items()):
        days = [to_int(b["hours"]) / 24 for b in bins]
        counts = [to_int(b["n"]) for b in bins]
        out.append(
            DepartmentWaiting(
                department_id=department_id,
                steps=sum(counts),
                decided=sum(to_int(b["decided"]) for b in bins),
                with_deadline=sum(to_int(b["with_deadline"]) for b in bins),
                over_deadline=sum(to_int(b["over"]) for b in bins),
                median_days=weighted_quantile(days, counts, 0.5),
                p90_days=weighted_quantile(days, counts, 0.9),
            )
        )
    return tuple(out)


def department_waiting(ctx: DiagnosisContext) -> tuple[DepartmentWaiting, ...]:
    """Waiting per department with steps, by department id; one aggregate query."""
    steps = _recorded_steps(ctx) if steps_source(ctx) == "case_steps" else _logged_steps(ctx)
    return _summaries(ctx.rows(_histogram(ctx, steps)))
