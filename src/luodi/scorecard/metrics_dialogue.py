"""Dialogue metrics: the desk's rates (``luodi.dialogue.rates``) per department or district.

The rates are the desk's own definitions, computed over the inquiries submitted in the period
and judged on the period's last day, so a scorecard and the desk's dashboard agree.
"""

from __future__ import annotations

from typing import Literal

import narwhals as nw
from pydantic import BaseModel, ConfigDict

from luodi.dialogue.rates import dialogue_rates
from luodi.engines import Frame
from luodi.scorecard.metrics_base import Metric, ScoreContext, in_period, ratio_value
from luodi.scorecard.values import IndicatorValue

__all__ = ["InquiryRate", "InquiryRateParams"]

Rate = Literal[
    "response_rate", "on_time_rate", "resolution_rate", "satisfaction_rate", "satisfaction_mean"
]
_RATE_ZH: dict[str, str] = {
    "response_rate": "受理及时率＝在受理期限（accept_due_on）内受理（accepted_at）的诉求数 ÷ "
    "受理期限已到或已受理的诉求数",
    "on_time_rate": "答复及时率＝在答复期限（answer_due_on）内答复（answered_at）的诉求数 ÷ "
    "答复期限已到或已答复的诉求数（重办中的诉求以新期限计）",
    "resolution_rate": "解决率＝群众确认解决（status = confirmed）的诉求数 ÷ 已办结诉求数"
    "（confirmed、closed、unconfirmed）",
    "satisfaction_rate": "满意率＝满意度（satisfaction）为4或5的评价数 ÷ 计入的评价数"
    "（人才办认定异议成立的评价不计）",
    "satisfaction_mean": "满意度均值＝计入的满意度评价（inquiries.satisfaction，1–5分）的平均分"
    "（人才办认定异议成立的评价不计）",
}


class InquiryRateParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rate: Rate = "on_time_rate"


def _owned_inquiries(ctx: ScoreContext) -> Frame:
    inquiries = ctx.frame("inquiries").filter(in_period("submitted_at", ctx))
    if ctx.subject_kind == "department":
        return inquiries.with_columns(nw.col("department_id").alias("score_subject"))
    persons = ctx.frame("persons").select(
        nw.col("person_id").alias("p_id"), nw.col("employer_id").alias("p_employer")
    )
    employers = ctx.frame("employers").select(
        nw.col("employer_id").alias("e_id"), nw.col("region_id").alias("score_subject")
    )
    return (
        inquiries.join(persons, left_on="person_id", right_on="p_id", how="left")
        .with_columns(nw.coalesce(nw.col("employer_id"), nw.col("p_employer")).alias("unit"))
        .join(employers, left_on="unit", right_on="e_id", how="inner")
        .drop("unit", "p_employer")
    )


class InquiryRate(Metric[InquiryRateParams]):
    name = "inquiry_rate"
    params_model = InquiryRateParams

    def tables(self, params: InquiryRateParams) -> tuple[str, ...]:
        return ("inquiries", "persons", "employers")

    def describe(self, params: InquiryRateParams) -> str:
        return (
            f"{_RATE_ZH[params.rate]}；诉求为期内提交（inquiries.submitted_at）的诉求，期限以评价期末日"
            "判断。归属：部门为承办部门（inquiries.department_id）；区县为提交人或其工作单位所在区"
            "（inquiries.employer_id 或 persons.employer_id → employers.region_id）"
        )

    def compute(self, ctx: ScoreContext, params: InquiryRateParams) -> dict[str, IndicatorValue]:
        rates = dialogue_rates(
            inquiries=_owned_inquiries(ctx),
            by=("score_subject",),
            today=ctx.period.end,
            engine=ctx.engine,
        )
        values: dict[str, IndicatorValue] = {}
        for group in rates.groups:
            subject = group.group["score_subject"]
            if subject is None:
                continue
            rate = group.rate(params.rate)
            # The mean's denominator counts ratings, its numerator sums 1–5 scores.
            values[str(subject)] = ratio_value(float(rate.numerator), float(rate.denominator))
        return values
