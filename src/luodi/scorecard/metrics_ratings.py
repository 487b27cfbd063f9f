"""Rated indicators: mean scores from rating rounds, with exclusion and the minimum raters.

A round rates one period (``rating_rounds.period`` equals the period's label) and one kind of
subject. Two rules make the mean trustworthy:

* conflict of interest: a rating by someone of the subject's own department (or, for
  districts, by a department of the district itself) is dropped and counted as excluded; a
  policy target rating the district it lives in is what the round asks of it. The platform
  never takes a conflicting rating in, but imported data may carry one;
* minimum raters: a mean is shown only when at least the round's ``min_raters`` distinct raters
  of the kind rated the subject; otherwise the value is missing with the note 评价人数不足.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import narwhals as nw
from pydantic import BaseModel, ConfigDict

from luodi.contract import choices as ch
from luodi.engines import Frame
from luodi.scorecard.metrics_base import (
    NO_ROUNDS,
    TOO_FEW_RATERS,
    Metric,
    ScoreContext,
    number,
)
from luodi.scorecard.values import IndicatorValue

__all__ = ["RatingMean", "RatingParams", "RatingSummary", "rating_summary", "round_ratings"]

_KIND_ZH = {c.value: c.zh for c in ch.RATER_KINDS}


class RatingParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rater_kind: Literal["superior", "peer", "target"]
    criterion: str | None = None


@dataclass(frozen=True, kw_only=True)
class RatingSummary:
    """The rounds a period's scorecard reads and the ratings excluded as conflicts of interest."""

    rounds: tuple[str, ...]
    excluded: int
    min_raters: int | None


def _rounds(ctx: ScoreContext) -> list[dict[str, object]]:
    frame = ctx.frame("rating_rounds").filter(
        (nw.col("period") == ctx.period.label) & (nw.col("subject_kind") == ctx.subject_kind)
    )
    return sorted(
        ctx.rows(frame.select("round_id", "min_raters")), key=lambda r: str(r["round_id"])
    )


def _conflict() -> dict[str, nw.Expr]:
    # Null rater department/region is no conflict: a target has no department. A target's
    # region is where it lives and works: rating that district is what it is asked to do;
    # only a department of the district rating it has an interest.
    own_region = (nw.col("rater_region_id") == nw.col("subject_id")).fill_null(value=False)
    return {
        "department": (nw.col("rater_department_id") == nw.col("subject_id")).fill_null(
            value=False
        ),
        "region": own_region & (nw.col("rater_kind") != nw.lit("target")),
    }


def round_ratings(ctx: ScoreContext) -> Frame:
    """The ratings of the period's rounds with a boolean ``conflict`` column."""
    ids = [str(r["round_id"]) for r in _rounds(ctx)]
    return (
        ctx.frame("ratings")
        .filter(nw.col("round_id").is_in(ids))
        .with_columns(_conflict()[ctx.subject_kind].alias("conflict"))
    )


def rating_summary(ctx: ScoreContext) -> RatingSummary:
    """Rounds read, ratings excluded for a conflict of interest, and the minimum raters."""
    rounds = _rounds(ctx)
    if not rounds:
        return RatingSummary(rounds=(), excluded=0, min_raters=None)
    frame = round_ratings(ctx).select(nw.col("conflict").cast(nw.Int64).sum().alias("excluded"))
    excluded = int(number(ctx.rows(frame)[0]["excluded"]))
    return RatingSummary(
        rounds=tuple(str(r["round_id"]) for r in rounds),
        excluded=excluded,
        min_raters=max(int(number(r["min_raters"])) for r in rounds),
    )


class RatingMean(Metric[RatingParams]):
    name = "rating_mean"
    params_model = RatingParams

    def tables(self, params: RatingParams) -> tuple[str, ...]:
        return ("rating_rounds", "ratings")

    def describe(self, params: RatingParams) -> str:
        criterion = (
            f"评价维度（ratings.criterion）为 {params.criterion}"
            if params.criterion
            else "各评价维度合并"
        )
        return (
            f"{_KIND_ZH[params.rater_kind]}评价均分＝评价期（rating_rounds.period）等于本期、评价对象类别"
            f"相符的轮次中，评价人类别（ratings.rater_kind）为 {params.rater_kind} 的评分（ratings."
            f"score，1–5分）的平均值，{criterion}；评价人属于被评部门（rater_department_id）或"
            "（政策对象以外）属于被评区域（rater_region_id）的评分回避剔除；不重复评价人（rater_id）少于轮次最少评价"
            "人数（rating_rounds.min_raters）时不显示均分"
        )

    def compute(self, ctx: ScoreContext, params: RatingParams) -> dict[str, IndicatorValue]:
        rounds = _rounds(ctx)
        if not rounds:
            return {s: IndicatorValue(value=None, note=NO_ROUNDS) for s in ctx.subject_ids}
        minimum = max(int(number(r["min_raters"])) for r in rounds)
        chosen = nw.col("rater_kind") == params.rater_kind
        if params.criterion is not None:
            chosen = chosen & (nw.col("criterion") == params.criterion)
        frame = (
            round_ratings(ctx)
            .filter(chosen & ~nw.col("conflict"))
            .group_by("subject_id")
            .agg(
                nw.col("score").sum().alias("total"),
                nw.len().alias("scores"),
                nw.col("rater_id").n_unique().alias("raters"),
            )
        )
        rows = {str(r["subject_id"]): r for r in ctx.rows(frame)}
        values: dict[str, IndicatorValue] = {}
        for subject in ctx.subject_ids:
            row = rows.get(subject)
            raters = int(number(row["raters"])) if row else 0
            total, scores = (number(row["total"]), number(row["scores"])) if row else (0.0, 0.0)
            if raters < minimum:
                # n says how many rated; the minimum is the round's, shown with the rounds.
                values[subject] = IndicatorValue(value=None, n=raters, note=TOO_FEW_RATERS)
            else:
                values[subject] = IndicatorValue(
                    value=total / scores, numerator=total, denominator=scores, n=raters
                )
        return values
