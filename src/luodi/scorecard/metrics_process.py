"""Process metrics over case steps: steps decided on time, blocked steps later resolved.

A step belongs to the department that works it (case_steps.department_id): unlike hard counts,
the process is the department's own doing. A district's steps are those of its cases.
"""

from __future__ import annotations

import narwhals as nw

from luodi.engines import Frame
from luodi.scorecard.metrics_base import (
    Metric,
    NoParams,
    ScoreContext,
    in_period,
    number,
    ratio_value,
)
from luodi.scorecard.metrics_cases import case_subjects
from luodi.scorecard.values import IndicatorValue

__all__ = ["DECIDED_STEP_STATUSES", "OPEN_STEP_STATUSES", "BlockedResolved", "StepsOnTime"]

DECIDED_STEP_STATUSES = ("approved", "rejected", "blocked", "returned")
# Still on the department's desk: past its due day it is late although nothing was decided.
OPEN_STEP_STATUSES = ("pending", "returned")
BLOCK_DECISION = "blocked_no_rule"
_STEP_TABLES = ("case_steps", "cases", "persons", "employers")
_DISTRICT_ZH = (
    "归属：部门为环节所在部门（case_steps.department_id）；区县为所涉办件申请人工作单位所在区"
    "（cases.employer_id 或 persons.employer_id → employers.region_id）"
)


def _owned_steps(ctx: ScoreContext, steps: Frame) -> Frame:
    """``steps`` with score_subject: the step's department, or its case's district."""
    if ctx.subject_kind == "department":
        return steps.with_columns(nw.col("department_id").alias("score_subject"))
    return steps.join(case_subjects(ctx), on="case_id", how="inner")


class StepsOnTime(Metric[NoParams]):
    name = "steps_on_time"
    params_model = NoParams

    def tables(self, params: NoParams) -> tuple[str, ...]:
        return _STEP_TABLES

    def describe(self, params: NoParams) -> str:
        return (
            "环节按时办结率＝期内作出决定（case_steps.decided_at 在评价期内，状态为"
            f"{'/'.join(DECIDED_STEP_STATUSES)}）且决定日期不晚于办理时限（case_steps.due_on）的"
            "环节数 ÷（期内作出决定且有办理时限的环节数＋办理时限在期内已过而至期末仍未决定的环节数"
            f"（状态{'/'.join(OPEN_STEP_STATUSES)}））。{_DISTRICT_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: NoParams) -> dict[str, IndicatorValue]:
        steps = ctx.frame("case_steps").filter(~nw.col("due_on").is_null())
        decided = (
            nw.col("status").is_in(DECIDED_STEP_STATUSES)
            & ~nw.col("decided_at").is_null()
            & in_period("decided_at", ctx)
        )
        # An undecided step whose due day fell in the period is late by the period's end.
        overdue = (
            nw.col("status").is_in(OPEN_STEP_STATUSES)
            & nw.col("decided_at").is_null()
            & in_period("due_on", ctx)
        )
        on_time = decided & (nw.col("decided_at").cast(nw.Date) <= nw.col("due_on"))
        frame = (
            _owned_steps(ctx, steps.filter(decided | overdue))
            .with_columns(on_time.fill_null(value=False).cast(nw.Int64).alias("on_time"))
            .group_by("score_subject")
            .agg(nw.col("on_time").sum().alias("hit"), nw.len().alias("all"))
        )
        rows = {str(r["score_subject"]): r for r in ctx.rows(frame)}
        values: dict[str, IndicatorValue] = {}
        for subject in ctx.subject_ids:
            row = rows.get(subject)
            hit, total = (number(row["hit"]), number(row["all"])) if row else (0.0, 0.0)
            values[subject] = ratio_value(hit, total)
        return values


class BlockedResolved(Metric[NoParams]):
    name = "blocked_resolved"
    params_model = NoParams

    def tables(self, params: NoParams) -> tuple[str, ...]:
        return (*_STEP_TABLES, "events")

    def describe(self, params: NoParams) -> str:
        return (
            "受阻环节化解率＝期内受阻的环节中后来通过（case_steps.status = approved）的比例；"
            f"受阻环节＝期内有 events.decision = {BLOCK_DECISION}（无配套规定受阻）事件的"
            "（办件, 部门）环节，以及期内决定（decided_at）且状态为 blocked 的环节，"
            f"按（case_id, department_id）去重。{_DISTRICT_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: NoParams) -> dict[str, IndicatorValue]:
        from_events = (
            ctx.frame("events")
            .filter((nw.col("decision") == BLOCK_DECISION) & in_period("timestamp", ctx))
            .select("case_id", "department_id")
        )
        from_steps = (
            ctx.frame("case_steps")
            .filter(
                (nw.col("status") == "blocked")
                & ~nw.col("decided_at").is_null()
                & in_period("decided_at", ctx)
            )
            .select("case_id", "department_id")
        )
        blocked = nw.concat([from_events, from_steps]).unique()
        approved = (
            ctx.frame("case_steps")
            .filter(nw.col("status") == "approved")
            .select(
                nw.col("case_id").alias("a_case"),
                nw.col("department_id").alias("a_department"),
                nw.lit(1).alias("resolved"),
            )
            .unique()
        )
        resolved = blocked.join(
            approved,
            left_on=["case_id", "department_id"],
            right_on=["a_case", "a_department"],
            how="left",
        ).with_columns(nw.col("resolved").fill_null(0).cast(nw.Int64))
        frame = (
            _owned_steps(ctx, resolved)
            .group_by("score_subject")
            .agg(nw.col("resolved").sum().alias("hit"), nw.len().alias("all"))
        )
        rows = {str(r["score_subject"]): r for r in ctx.rows(frame)}
        values: dict[str, IndicatorValue] = {}
        for subject in ctx.subject_ids:
            row = rows.get(subject)
            hit, total = (number(row["hit"]), number(row["all"])) if row else (0.0, 0.0)
            values[subject] = ratio_value(hit, total)
        return values
