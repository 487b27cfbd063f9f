"""Metrics over cases: hard results (talents, projects, money), landing, coverage, exceptions.

A case counts for a department when the department stands on its clause's route (any role):
the hard-count KPI the study criticises credits every executor of a landed benefit. A case
counts for a district through its applicant's employer. "Received" is the diagnosis's
definition (``luodi.diagnosis.outcomes``): money paid, or the case approved or closed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

import narwhals as nw
from pydantic import BaseModel, ConfigDict, field_validator

from luodi.contract import choices as ch
from luodi.diagnosis.context import HIGH_END_TIERS, MIDDLE_TIERS
from luodi.diagnosis.outcomes import RECEIVED_STATUSES, case_outcomes
from luodi.engines import Frame
from luodi.scorecard.metrics_base import (
    Metric,
    NoParams,
    ScoreContext,
    count_value,
    in_period,
    number,
    ratio_value,
)
from luodi.scorecard.values import IndicatorValue

__all__ = [
    "ATTRIBUTION_ZH",
    "RECEIVED_ZH",
    "EmployerCoverage",
    "ExceptionsPer100",
    "LandingRate",
    "MoneyDisbursed",
    "ProjectsSupported",
    "TalentCoverage",
    "TalentsReceived",
    "attributed_cases",
    "case_subjects",
]

ATTRIBUTION_ZH = (
    "归属：部门——办件所属条款的办理路径（clause_routes.department_id，牵头、协同、把关任一角色）"
    "上的部门；区县——申请人工作单位所在区（cases.employer_id 或 persons.employer_id → "
    "employers.region_id）"
)
RECEIVED_ZH = (
    f"落地＝有资金兑现（disbursements）或办件状态为{'/'.join(RECEIVED_STATUSES)}"
    "（已通过/已办结）；落地日期取首笔兑现日期（disbursements.paid_on），否则办结时间"
    "（cases.closed_at），否则受理时间（cases.opened_at）"
)
# Still being worked or withdrawn by the applicant: neither landed nor failed to land.
UNDECIDED_STATUSES = ("open", "withdrawn")

TierGroup = Literal["high_end", "middle", "general", "all"]
_TIER_ZH = {
    "high_end": f"{'、'.join(HIGH_END_TIERS)}类（高层次）",
    "middle": f"{'、'.join(MIDDLE_TIERS)}类",
    "general": "一般人才（general）",
    "all": "各层次",
}
_STAGE_ZH = {c.value: c.zh for c in ch.EMPLOYER_STAGES}
_BENEFITS = tuple(c.value for c in ch.BENEFIT_KINDS)
_CASE_TABLES = ("cases", "clause_routes", "persons", "employers", "disbursements")


class _Params(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def case_subjects(ctx: ScoreContext) -> Frame:
    """Columns case_id, score_subject: a row per case and department (or district) it counts for."""
    cases = ctx.frame("cases")
    if ctx.subject_kind == "department":
        routes = ctx.frame("clause_routes").select("clause_id", "department_id").unique()
        return (
            cases.select("case_id", "clause_id")
            .join(routes, on="clause_id", how="inner")
            .select("case_id", nw.col("department_id").alias("score_subject"))
            .unique()
        )
    persons = ctx.frame("persons").select(
        nw.col("person_id").alias("p_id"), nw.col("employer_id").alias("p_employer")
    )
    employers = ctx.frame("employers").select(
        nw.col("employer_id").alias("e_id"), nw.col("region_id").alias("score_subject")
    )
    return (
        cases.select("case_id", "person_id", "employer_id")
        .join(persons, left_on="person_id", right_on="p_id", how="left")
        .with_columns(nw.coalesce(nw.col("employer_id"), nw.col("p_employer")).alias("unit"))
        .join(employers, left_on="unit", right_on="e_id", how="inner")
        .select("case_id", "score_subject")
    )


def attributed_cases(ctx: ScoreContext) -> Frame:
    """The diagnosis's case outcomes with received_on, benefit_kind and score_subject."""
    outcomes = case_outcomes(ctx.diagnosis).drop("subject_kind", "subject_id")
    clauses = ctx.frame("clauses").select(nw.col("clause_id").alias("k_clause"), "benefit_kind")
    received_on = nw.coalesce(
        nw.col("first_paid_on").cast(nw.Date),
        nw.col("closed_at").cast(nw.Date),
        nw.col("opened_at").cast(nw.Date),
    )
    return (
        outcomes.join(clauses, left_on="clause_id", right_on="k_clause", how="left")
        .with_columns(received_on.alias("received_on"))
        .join(case_subjects(ctx), on="case_id", how="inner")
    )


def _received_in_period(ctx: ScoreContext) -> Frame:
    return attributed_cases(ctx).filter(nw.col("received") & in_period("received_on", ctx))


def _tier_filter(group: str) -> nw.Expr:
    if group == "all":
        return ~nw.col("person_id").is_null()
    return ~nw.col("person_id").is_null() & (nw.col("tier_group") == group)


class TierParams(_Params):
    tier_group: TierGroup = "high_end"


class TalentsReceived(Metric[TierParams]):
    name = "talents_received"
    params_model = TierParams

    def tables(self, params: TierParams) -> tuple[str, ...]:
        return _CASE_TABLES

    def describe(self, params: TierParams) -> str:
        return (
            f"期内落地办件的不重复人才数（COUNT DISTINCT cases.person_id），人才层次"
            f"（persons.talent_tier）为{_TIER_ZH[params.tier_group]}。{RECEIVED_ZH}。"
            f"{ATTRIBUTION_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: TierParams) -> dict[str, IndicatorValue]:
        frame = (
            _received_in_period(ctx)
            .filter(_tier_filter(params.tier_group))
            .group_by("score_subject")
            .agg(nw.col("person_id").n_unique().alias("n"))
        )
        counts = {str(r["score_subject"]): int(number(r["n"])) for r in ctx.rows(frame)}
        return {s: count_value(counts.get(s, 0)) for s in ctx.subject_ids}


class BenefitParams(_Params):
    benefit_kinds: tuple[str, ...] = ("funding", "subsidy")

    @field_validator("benefit_kinds")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [v for v in value if v not in _BENEFITS]
        if unknown or not value:
            raise ValueError(f"benefit kinds must be among {', '.join(_BENEFITS)}; got {unknown}")
        return value


class ProjectsSupported(Metric[BenefitParams]):
    name = "projects_supported"
    params_model = BenefitParams

    def tables(self, params: BenefitParams) -> tuple[str, ...]:
        return (*_CASE_TABLES, "clauses")

    def describe(self, params: BenefitParams) -> str:
        return (
            "期内落地的单位申请办件（cases.employer_id 非空、person_id 为空）的不重复单位数，"
            f"条款待遇类别（clauses.benefit_kind）为{'、'.join(params.benefit_kinds)}。"
            f"{RECEIVED_ZH}。{ATTRIBUTION_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: BenefitParams) -> dict[str, IndicatorValue]:
        frame = (
            _received_in_period(ctx)
            .filter(
                nw.col("person_id").is_null()
                & ~nw.col("employer_id").is_null()
                & nw.col("benefit_kind").is_in(params.benefit_kinds)
            )
            .group_by("score_subject")
            .agg(nw.col("employer_id").n_unique().alias("n"))
        )
        counts = {str(r["score_subject"]): int(number(r["n"])) for r in ctx.rows(frame)}
        return {s: count_value(counts.get(s, 0)) for s in ctx.subject_ids}


class MoneyDisbursed(Metric[NoParams]):
    name = "money_disbursed"
    params_model = NoParams

    def tables(self, params: NoParams) -> tuple[str, ...]:
        return ("disbursements", "cases", "clause_routes", "persons", "employers")

    def describe(self, params: NoParams) -> str:
        return (
            "期内兑现日期（disbursements.paid_on）在评价期内的兑现金额合计（SUM disbursements."
            f"amount，元）。{ATTRIBUTION_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: NoParams) -> dict[str, IndicatorValue]:
        frame = (
            ctx.frame("disbursements")
            .filter(in_period("paid_on", ctx))
            .join(case_subjects(ctx), on="case_id", how="inner")
            .group_by("score_subject")
            .agg(nw.col("amount").sum().alias("money"), nw.len().alias("n"))
        )
        rows = {str(r["score_subject"]): r for r in ctx.rows(frame)}
        values: dict[str, IndicatorValue] = {}
        for subject in ctx.subject_ids:
            row = rows.get(subject)
            money = number(row["money"]) if row else 0.0
            values[subject] = IndicatorValue(
                value=money, numerator=money, n=int(number(row["n"])) if row else 0
            )
        return values


class LandingParams(_Params):
    average: Literal["clause", "case"] = "clause"


class LandingRate(Metric[LandingParams]):
    name = "landing_rate"
    params_model = LandingParams

    def tables(self, params: LandingParams) -> tuple[str, ...]:
        return _CASE_TABLES

    def describe(self, params: LandingParams) -> str:
        pooled = (
            "先按条款（cases.clause_id）分别计算落地率，再对条款取简单平均（分子＝各条款落地率之和，"
            "分母＝条款数）"
            if params.average == "clause"
            else "全部办件合并计算（分子＝落地办件数，分母＝已有结果办件数）"
        )
        return (
            "落地率＝期内受理（cases.opened_at）且已有结果的办件中落地的比例；办理中、已撤回"
            f"（{'、'.join(UNDECIDED_STATUSES)}）的办件不计，受阻（blocked）、未通过计为未落地；"
            f"{pooled}。{RECEIVED_ZH}。{ATTRIBUTION_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: LandingParams) -> dict[str, IndicatorValue]:
        frame = (
            attributed_cases(ctx)
            .filter(in_period("opened_at", ctx) & ~nw.col("status").is_in(UNDECIDED_STATUSES))
            .group_by("score_subject", "clause_id")
            .agg(nw.col("received").cast(nw.Int64).sum().alias("landed"), nw.len().alias("decided"))
        )
        per_clause: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for r in ctx.rows(frame):
            per_clause[str(r["score_subject"])].append((number(r["landed"]), number(r["decided"])))
        values: dict[str, IndicatorValue] = {}
        for subject in ctx.subject_ids:
            clauses = per_clause.get(subject, [])
            cases = int(sum(decided for _, decided in clauses))
            if params.average == "clause":
                rates = sum(landed / decided for landed, decided in clauses)
                values[subject] = ratio_value(rates, float(len(clauses)), n=cases)
            else:
                landed = sum(landed for landed, _ in clauses)
                values[subject] = ratio_value(landed, float(cases), n=cases)
        return values


class TalentCoverageParams(_Params):
    tier_group: Literal["high_end", "middle", "general"] = "general"


class TalentCoverage(Metric[TalentCoverageParams]):
    name = "talent_coverage"
    params_model = TalentCoverageParams

    def tables(self, params: TalentCoverageParams) -> tuple[str, ...]:
        return _CASE_TABLES

    def describe(self, params: TalentCoverageParams) -> str:
        return (
            "期内落地的个人申请办件（cases.person_id 非空）中，申请人人才层次（persons."
            f"talent_tier）为{_TIER_ZH[params.tier_group]}的办件所占比例（按办件计）。"
            f"{RECEIVED_ZH}。{ATTRIBUTION_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: TalentCoverageParams) -> dict[str, IndicatorValue]:
        hit = (nw.col("tier_group") == params.tier_group).fill_null(value=False)
        frame = (
            _received_in_period(ctx)
            .filter(~nw.col("person_id").is_null())
            .group_by("score_subject")
            .agg(hit.cast(nw.Int64).sum().alias("hit"), nw.len().alias("all"))
        )
        return _shares(ctx, frame)


class StageParams(_Params):
    stage: Literal["startup", "growth", "mature"] = "startup"


class EmployerCoverage(Metric[StageParams]):
    name = "employer_coverage"
    params_model = StageParams

    def tables(self, params: StageParams) -> tuple[str, ...]:
        return _CASE_TABLES

    def describe(self, params: StageParams) -> str:
        return (
            "期内落地的单位申请办件（cases.employer_id 非空、person_id 为空）中，申请单位发展阶段"
            f"（employers.stage）为{_STAGE_ZH[params.stage]}（{params.stage}）的办件所占比例"
            f"（按办件计）。{RECEIVED_ZH}。{ATTRIBUTION_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: StageParams) -> dict[str, IndicatorValue]:
        hit = (nw.col("employer_stage") == params.stage).fill_null(value=False)
        frame = (
            _received_in_period(ctx)
            .filter(nw.col("person_id").is_null() & ~nw.col("employer_id").is_null())
            .group_by("score_subject")
            .agg(hit.cast(nw.Int64).sum().alias("hit"), nw.len().alias("all"))
        )
        return _shares(ctx, frame)


def _shares(ctx: ScoreContext, frame: Frame) -> dict[str, IndicatorValue]:
    rows = {str(r["score_subject"]): r for r in ctx.rows(frame)}
    values: dict[str, IndicatorValue] = {}
    for subject in ctx.subject_ids:
        row = rows.get(subject)
        hit, total = (number(row["hit"]), number(row["all"])) if row else (0.0, 0.0)
        values[subject] = ratio_value(hit, total)
    return values


class ExceptionsPer100(Metric[NoParams]):
    name = "exceptions_per_100"
    params_model = NoParams

    def tables(self, params: NoParams) -> tuple[str, ...]:
        return ("exceptions", "cases", "clause_routes", "persons", "employers")

    def describe(self, params: NoParams) -> str:
        return (
            "每百件例外办理数＝期内登记（exceptions.recorded_at）的例外办理数 ÷ 期内受理"
            "（cases.opened_at）的办件数 × 100；例外归属：部门为 exceptions.department_id，"
            "区县为所涉办件（exceptions.case_id）的区；办件数的"
            f"{ATTRIBUTION_ZH}"
        )

    def compute(self, ctx: ScoreContext, params: NoParams) -> dict[str, IndicatorValue]:
        exceptions = ctx.frame("exceptions").filter(in_period("recorded_at", ctx))
        if ctx.subject_kind == "department":
            owned = exceptions.select(nw.col("department_id").alias("score_subject"))
        else:
            owned = exceptions.join(case_subjects(ctx), on="case_id", how="inner").select(
                "score_subject"
            )
        counted = owned.group_by("score_subject").agg(nw.len().alias("n"))
        opened = (
            ctx.frame("cases")
            .filter(in_period("opened_at", ctx))
            .select("case_id")
            .join(case_subjects(ctx), on="case_id", how="inner")
            .group_by("score_subject")
            .agg(nw.len().alias("n"))
        )
        exc = {str(r["score_subject"]): number(r["n"]) for r in ctx.rows(counted)}
        cases = {str(r["score_subject"]): number(r["n"]) for r in ctx.rows(opened)}
        values: dict[str, IndicatorValue] = {}
        for subject in ctx.subject_ids:
            numerator, denominator = exc.get(subject, 0.0), cases.get(subject, 0.0)
            share = ratio_value(numerator, denominator)
            values[subject] = IndicatorValue(
                value=None if share.value is None else 100 * share.value,
                numerator=numerator,
                denominator=denominator,
                n=int(denominator),
                note=share.note,
            )
        return values
