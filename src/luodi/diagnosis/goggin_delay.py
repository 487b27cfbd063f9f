"""Goggin's second question per clause: was the benefit delivered within the clause's deadline?

Time to benefit is counted in Chinese working days (luodi.calendar) from the day a case was
opened to the day its benefit arrived (first payment, else the day an approved case closed).
The count runs in the engine: each case joins a working-day calendar table twice and the
per-clause histogram of working days comes back; exact quantiles are taken in Python.
Each case is held to the deadline of the clause version in force on the day it was opened,
so a deadline shortened later does not make earlier cases late.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import pyarrow as pa
import pyarrow.compute as pc

from luodi.calendar import CalendarOutOfRange, working_days_between
from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.outcomes import RECEIVED_STATUSES
from luodi.diagnosis.quantities import to_int, weighted_quantile
from luodi.diagnosis.values import Evidence
from luodi.engines import Frame

__all__ = [
    "DELAY_VERDICTS",
    "DeadlineSegment",
    "case_benefits",
    "clause_delays",
    "deadline_segments",
]

DELAY_VERDICTS = ("on_time", "delayed", "unknown")
# Bounds of the open-ended deadline segments; any real date falls between them.
_FIRST, _LAST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


@dataclass(frozen=True, kw_only=True)
class DeadlineSegment:
    """A clause's deadline for cases opened in ``[start, end)``."""

    clause_id: str
    start: dt.date
    end: dt.date
    deadline_days: int


def case_benefits(ctx: DiagnosisContext, clause_ids: Sequence[str]) -> Frame:
    """The cases of ``clause_ids`` with the first payment day and whether the benefit arrived.

    "Received" is :func:`luodi.diagnosis.outcomes.case_outcomes`'s (paid, or approved or
    closed); this frame leaves out the applicant's group so that no population table is
    joined when only the cases are needed.
    """
    paid = (
        ctx.frame("disbursements")
        .group_by("case_id")
        .agg(
            nw.col("amount").sum().alias("money"),
            nw.col("paid_on").min().alias("first_paid_on"),
        )
        .select(nw.col("case_id").alias("paid_case_id"), "money", "first_paid_on")
    )
    cases = ctx.frame("cases").filter(nw.col("clause_id").is_in(list(clause_ids)))
    return cases.join(paid, left_on="case_id", right_on="paid_case_id", how="left").select(
        "case_id",
        "clause_id",
        "person_id",
        "employer_id",
        "status",
        "opened_at",
        "closed_at",
        "first_paid_on",
        ((nw.col("money").fill_null(0.0) > 0) | nw.col("status").is_in(RECEIVED_STATUSES)).alias(
            "received"
        ),
    )


def deadline_segments(ctx: DiagnosisContext, clause_ids: Sequence[str]) -> list[DeadlineSegment]:
    """Per clause, the deadline (working days) by the date a case was opened."""
    segments: list[DeadlineSegment] = []
    if ctx.library is None:
        table = ctx.dataset["clauses"].select(["clause_id", "deadline_days"]).to_pylist()
        days = {str(r["clause_id"]): r["deadline_days"] for r in table}
        for cid in clause_ids:
            value = days.get(cid)
            if value is not None:
                segments.append(
                    DeadlineSegment(clause_id=cid, start=_FIRST, end=_LAST, deadline_days=value)
                )
        return segments
    known = ctx.library.clauses()
    for cid in clause_ids:
        if cid not in known:
            continue
        clause = known[cid][0]
        cuts = {_FIRST, _LAST}
        for version in clause.versions:
            cuts.add(version.effective_from)
            if version.effective_to is not None:
                cuts.add(version.effective_to + dt.timedelta(days=1))
        bounds = sorted(cuts)
        for start, end in itertools.pairwise(bounds):
            deadline = ctx.library.resolve(cid, start).deadline_days
            if deadline is not None:
                segments.append(
                    DeadlineSegment(clause_id=cid, start=start, end=end, deadline_days=deadline)
                )
    return segments


def _bounds(ctx: DiagnosisContext) -> tuple[dt.date, dt.date]:
    days: list[dt.date] = [ctx.as_of]
    for table, column in (
        ("cases", "opened_at"),
        ("cases", "closed_at"),
        ("disbursements", "paid_on"),
    ):
        data = ctx.dataset[table].column(column)
        for value in (pc.min(data).as_py(), pc.max(data).as_py()):
            if isinstance(value, dt.datetime):
                days.append(value.date())
            elif isinstance(value, dt.date):
                days.append(value)
    return min(days), max(days)


def _histogram(
    ctx: DiagnosisContext, benefits: Frame, segments: Sequence[DeadlineSegment]
) -> list[dict[str, Any]]:
    start, end = _bounds(ctx)
    calendar = _calendar(start, end)
    as_of_ordinal = working_days_between(start=start, end=ctx.as_of)
    days = ctx.engine.frame(calendar)
    segment_frame = ctx.engine.frame(
        pa.table(
            {
                "seg_clause_id": pa.array([s.clause_id for s in segments], pa.string()),
                "seg_start": _dates([s.start for s in segments]),
                "seg_end": _dates([s.end for s in segments]),
                "deadline": pa.array([s.deadline_days for s in segments], pa.int64()),
            }
        )
    )
    c = nw.col
    benefit_day = nw.coalesce(c("first_paid_on"), c("closed_at").cast(nw.Date()))
    state = (
        nw.when(c("received") & ~benefit_day.is_null())
        .then(nw.lit("delivered"))
        .otherwise(
            nw.when(~c("received") & (c("status") == "open"))
            .then(nw.lit("waiting"))
            .otherwise(nw.when(~c("received") & (c("status") == "blocked")).then(nw.lit("blocked")))
        )
    )
    cases = (
        benefits.filter(c("clause_id").is_in(sorted({s.clause_id for s in segments})))
        .select(
            c("clause_id"),
            c("opened_at").cast(nw.Date()).alias("opened_day"),
            nw.when(c("received")).then(benefit_day).alias("benefit_day"),
            state.alias("state"),
        )
        .filter(~c("state").is_null())
        .join(segment_frame, left_on="clause_id", right_on="seg_clause_id", how="inner")
        .filter((c("opened_day") >= c("seg_start")) & (c("opened_day") < c("seg_end")))
        .join(
            days.select(c("day").alias("o_day"), c("ordinal").alias("o_ordinal")),
            left_on="opened_day",
            right_on="o_day",
            how="left",
        )
        .join(
            days.select(c("day").alias("b_day"), c("ordinal").alias("b_ordinal")),
            left_on="benefit_day",
            right_on="b_day",
            how="left",
        )
    )
    working_days = (
        nw.when(c("state") == "delivered")
        .then(c("b_ordinal") - c("o_ordinal"))
        .otherwise(nw.when(c("state") == "waiting").then(nw.lit(as_of_ordinal) - c("o_ordinal")))
    )
    grouped = (
        cases.select(c("clause_id"), c("state"), c("deadline"), working_days.alias("working_days"))
        .group_by("clause_id", "state", "deadline", "working_days")
        .agg(nw.len().alias("n"))
    )
    return ctx.rows(grouped)


_EPOCH = dt.date(1970, 1, 1)


def _dates(days: Sequence[dt.date]) -> pa.Array:
    # Day numbers since 1970 cast to Arrow dates, the same on every engine.
    return pa.array([(d - _EPOCH).days for d in days], pa.int32()).cast(pa.date32())


def _calendar(start: dt.date, end: dt.date) -> pa.Table:
    """One row per day of ``[start, end]``: ``day`` and ``ordinal``, the working days in
    ``(start, day]``, so the difference of two ordinals is ``working_days_between``."""
    span = range((end - start).days + 1)
    days = [start + dt.timedelta(days=i) for i in span]
    return pa.table(
        {
            "day": _dates(days),
            "ordinal": pa.array(
                [working_days_between(start=start, end=day) for day in days], pa.int64()
            ),
        }
    )


def _unknown(reason: str, clause_id: str, deadline: int | None) -> dict[str, Any]:
    return {
        "verdict": "unknown",
        "reason": reason,
        "deadline_days": deadline,
        "decided": 0,
        "median_working_days": None,
        "p90_working_days": None,
        "late": 0,
        "late_share": None,
        "waiting": 0,
        "waiting_over_deadline": 0,
        "blocked": 0,
        "evidence": Evidence(kind="cases", filters={"clause_id": clause_id}).to_dict(),
    }


NO_DEADLINE = "条款未规定办理时限 — the clause sets no deadline"
NO_CASES = "没有已兑现或办理中的办件 — no delivered or open case to time"


def clause_delays(
    ctx: DiagnosisContext,
    benefits: Frame,
    clause_ids: Sequence[str],
    deadlines_on: Mapping[str, int | None],
) -> dict[str, dict[str, Any]]:
    """Per clause, the ``delay`` value of the Goggin section (see the module docstring).

    ``deadlines_on`` is each clause's deadline on the day the rules are read, for display.
    """
    segments = deadline_segments(ctx, clause_ids)
    out = {
        cid: _unknown(
            NO_DEADLINE if deadlines_on.get(cid) is None else NO_CASES, cid, deadlines_on.get(cid)
        )
        for cid in clause_ids
    }
    if not segments:
        return out
    try:
        rows = _histogram(ctx, benefits, segments)
    except CalendarOutOfRange as error:
        return {cid: _unknown(str(error), cid, deadlines_on.get(cid)) for cid in clause_ids}
    per_clause: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        per_clause.setdefault(str(row["clause_id"]), []).append(row)
    for cid, clause_rows in per_clause.items():
        out[cid] = _delay(cid, clause_rows, deadlines_on.get(cid))
    return out


def _delay(clause_id: str, rows: list[dict[str, Any]], deadline: int | None) -> dict[str, Any]:
    delivered = sorted(
        (int(r["working_days"]), to_int(r["n"]))
        for r in rows
        if r["state"] == "delivered" and r["working_days"] is not None
    )
    values, counts = [v for v, _ in delivered], [n for _, n in delivered]
    decided = sum(counts)
    late = sum(to_int(r["n"]) for r in rows if r["state"] == "delivered" and _over(r))
    waiting = sum(to_int(r["n"]) for r in rows if r["state"] == "waiting")
    waiting_over = sum(to_int(r["n"]) for r in rows if r["state"] == "waiting" and _over(r))
    blocked = sum(to_int(r["n"]) for r in rows if r["state"] == "blocked")
    median = weighted_quantile(values, counts, 0.5)
    timed = decided + waiting
    late_share = (late + waiting_over) / timed if timed else None
    result = _unknown(NO_CASES, clause_id, deadline)
    if timed:
        # Delayed when the typical delivered case is late, or when most cases (delivered or
        # still open) have run past their deadline.
        late_typical = median is not None and deadline is not None and median > deadline
        verdict = "delayed" if late_typical or (late_share or 0) > 0.5 else "on_time"
        result = {**result, "verdict": verdict}
        result.pop("reason")
    result.update(
        decided=decided,
        median_working_days=median,
        p90_working_days=weighted_quantile(values, counts, 0.9),
        late=late + waiting_over,
        late_share=late_share,
        waiting=waiting,
        waiting_over_deadline=waiting_over,
        blocked=blocked,
    )
    return result


def _over(row: Mapping[str, Any]) -> bool:
    days, deadline = row["working_days"], row["deadline"]
    return days is not None and deadline is not None and int(days) > int(deadline)
