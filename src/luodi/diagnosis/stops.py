"""Where D2's unfinished cases stop, and which cases departments block for lack of a rule.

A case *stopped* when its status is open, blocked, rejected or withdrawn. It stopped at its
first route step (lowest position) that is pending, returned, blocked or rejected; a case
with no such step (no steps recorded, or a withdrawal that cancelled them) stopped at the
department of its last event, with no position. A *block for lack of a supporting rule* is a
step blocked with ``missing_rule`` or an event with decision ``blocked_no_rule``; each case
counts once per department.
"""

from __future__ import annotations

from dataclasses import dataclass

import narwhals as nw

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.quantities import to_int
from luodi.engines import Frame

__all__ = [
    "STOPPED_STATUSES",
    "STOP_STEP_STATUSES",
    "Block",
    "StopPoint",
    "blocks",
    "stop_points",
]

STOPPED_STATUSES = ("open", "blocked", "rejected", "withdrawn")
STOP_STEP_STATUSES = ("pending", "returned", "blocked", "rejected")
_ORDER = ["timestamp", "event_id"]


@dataclass(frozen=True, kw_only=True)
class StopPoint:
    """``count`` stopped cases of ``clause_id`` at ``department_id`` (route ``position``)."""

    clause_id: str
    department_id: str
    position: int | None
    count: int


@dataclass(frozen=True, kw_only=True)
class Block:
    """Cases of ``clause_id`` that ``department_id`` blocked for lack of a supporting rule."""

    clause_id: str
    department_id: str
    count: int
    missing_rules: tuple[str, ...]


def _stopped_cases(ctx: DiagnosisContext) -> Frame:
    return (
        ctx.frame("cases")
        .filter(nw.col("status").is_in(STOPPED_STATUSES))
        .select("case_id", "clause_id")
    )


def stop_points(ctx: DiagnosisContext) -> tuple[StopPoint, ...]:
    """Stopped cases per clause, department and position; two aggregate queries."""
    steps = ctx.frame("case_steps")
    first = (
        steps.filter(nw.col("status").is_in(STOP_STEP_STATUSES))
        .group_by("case_id")
        .agg(nw.col("position").min().alias("position"))
    )
    at_step = first.join(
        steps.select("case_id", "position", "department_id"), on=["case_id", "position"]
    )
    stopped = _stopped_cases(ctx)
    by_step = ctx.rows(
        stopped.join(at_step, on="case_id")
        .group_by("clause_id", "department_id", "position")
        .agg(nw.len().alias("n"))
    )
    # Cases without a stopping step are placed at their last event's department.
    last_events = (
        stopped.join(first, on="case_id", how="anti")
        .join(
            ctx.frame("events").select("case_id", "event_id", "timestamp", "department_id"),
            on="case_id",
        )
        .with_columns(following=nw.col("event_id").shift(-1).over("case_id", order_by=_ORDER))
        .filter(nw.col("following").is_null())
    )
    by_event = ctx.rows(last_events.group_by("clause_id", "department_id").agg(nw.len().alias("n")))
    points = [
        StopPoint(
            clause_id=str(r["clause_id"]),
            department_id=str(r["department_id"]),
            position=to_int(r["position"]),
            count=to_int(r["n"]),
        )
        for r in by_step
    ] + [
        StopPoint(
            clause_id=str(r["clause_id"]),
            department_id=str(r["department_id"]),
            position=None,
            count=to_int(r["n"]),
        )
        for r in by_event
    ]
    return tuple(
        sorted(points, key=lambda p: (p.clause_id, -p.count, p.department_id, p.position or 0))
    )


def blocks(ctx: DiagnosisContext) -> tuple[Block, ...]:
    """Blocks for lack of a supporting rule per clause and department, by both ids."""
    missing = nw.col("missing_rule")
    from_steps = (
        ctx.frame("case_steps")
        .filter((nw.col("status") == "blocked") & ~missing.is_null())
        .select("case_id", "department_id", "missing_rule")
    )
    from_events = (
        ctx.frame("events")
        .filter(nw.col("decision") == "blocked_no_rule")
        .select("case_id", "department_id", nw.lit(None, dtype=nw.String()).alias("missing_rule"))
    )
    blocked = nw.concat([from_steps, from_events], how="vertical").join(
        ctx.frame("cases").select("case_id", "clause_id"), on="case_id"
    )
    counts = ctx.rows(
        blocked.group_by("clause_id", "department_id").agg(nw.col("case_id").n_unique().alias("n"))
    )
    rules = ctx.rows(
        blocked.filter(~missing.is_null())
        .select("clause_id", "department_id", "missing_rule")
        .unique()
    )
    named: dict[tuple[str, str], set[str]] = {}
    for r in rules:
        named.setdefault((str(r["clause_id"]), str(r["department_id"])), set()).add(
            str(r["missing_rule"])
        )
    return tuple(
        sorted(
            (
                Block(
                    clause_id=str(r["clause_id"]),
                    department_id=str(r["department_id"]),
                    count=to_int(r["n"]),
                    missing_rules=tuple(
                        sorted(named.get((str(r["clause_id"]), str(r["department_id"])), ()))
                    ),
                )
                for r in counts
            ),
            key=lambda b: (b.clause_id, b.department_id),
        )
    )
