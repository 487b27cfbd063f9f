"""D1 功能异化: who gets the money and the benefits, against who is there and who is eligible.

Two groupings, each ranked by status ascending: talents by tier group (general < middle <
high_end) and employers by stage (startup < growth < mature). Per group: the population, the
eligible (entitlements from the rules, else applicants), the recipients (distinct subjects
paid) and the money paid, each as a share of its total, and the ratios of those shares. The
concentration index summarises each grouping in one number; the staged-funding funnel (宽进严助)
comes from :mod:`luodi.diagnosis.funnel`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from luodi.diagnosis.context import EMPLOYER_STAGES, TIER_GROUPS, DiagnosisContext, tier_group_expr
from luodi.diagnosis.funnel import Funnel, staged_funnels
from luodi.diagnosis.outcomes import case_outcomes
from luodi.diagnosis.quantities import quotient, share, to_float, to_int
from luodi.diagnosis.values import Evidence, Finding

__all__ = [
    "CONCENTRATION_DEFINITION",
    "GROUP_LABELS",
    "AllocationRow",
    "FunctionAlienation",
    "concentration_index",
    "function_alienation",
]

GROUP_LABELS: dict[str, tuple[str, str]] = {
    "general": ("一般人才", "general talents"),
    "middle": ("中端人才（D、E、F类）", "middle-tier talents (D–F)"),
    "high_end": ("高端人才（A、B、C类）", "high-end talents (A–C)"),
    "startup": ("初创期企业", "start-ups"),
    "growth": ("成长期企业", "growth-stage firms"),
    "mature": ("成熟期企业", "mature firms"),
}

CONCENTRATION_DEFINITION = (
    "分组集中指数（Kakwani/Wagstaff）：各组按地位由低到高排序，f_t 为人口占比，μ_t 为组内人均资金，"
    "μ 为总体人均资金，R_t = Σ_{j<t} f_j + f_t/2，C = (2/μ)·Σ f_t·μ_t·R_t − 1；"
    "取值在 −1 到 1 之间，正值表示资金集中于地位较高的组，0 表示按人口均匀分配。",
    "Grouped-data concentration index (Kakwani/Wagstaff): groups ranked by status ascending, "
    "f_t = population share, μ_t = money per capita in the group, μ = overall money per "
    "capita, R_t = Σ_{j<t} f_j + f_t/2, C = (2/μ)·Σ f_t·μ_t·R_t − 1; between −1 and 1, "
    "positive when money is concentrated in the higher-status groups, 0 when spread in "
    "proportion to population.",
)


@dataclass(frozen=True, kw_only=True)
class AllocationRow:
    """One group of a grouping; shares are fractions of the grouping's totals."""

    key: str
    group: str
    population: int
    eligible: int
    recipients: int
    money: float
    totals: tuple[int, int, int, float]

    def shares(self) -> tuple[float | None, float | None, float | None, float | None]:
        pop, eligible, recipients, money = self.totals
        return (
            share(self.population, pop),
            share(self.eligible, eligible),
            share(self.recipients, recipients),
            share(self.money, money),
        )

    def to_dict(self) -> dict[str, Any]:
        population_share, eligible_share, recipient_share, money_share = self.shares()
        zh, en = GROUP_LABELS[self.group]
        return {
            "group": self.group,
            "label_zh": zh,
            "label_en": en,
            "population": self.population,
            "population_share": population_share,
            "eligible": self.eligible,
            "eligible_share": eligible_share,
            "recipients": self.recipients,
            "recipient_share": recipient_share,
            "money": self.money,
            "money_share": money_share,
            "money_to_population_ratio": quotient(money_share, population_share),
            "recipients_to_population_ratio": quotient(recipient_share, population_share),
            "money_to_eligible_ratio": quotient(money_share, eligible_share),
            "recipients_to_eligible_ratio": quotient(recipient_share, eligible_share),
            "evidence": Evidence(
                kind="cases", filters={self.key: self.group, "paid": "yes"}
            ).to_dict(),
        }


@dataclass(frozen=True, kw_only=True)
class FunctionAlienation:
    """The ``d1_function_alienation`` section of the diagnosis."""

    by_tier_group: tuple[AllocationRow, ...]
    by_employer_stage: tuple[AllocationRow, ...]
    eligible_source: str
    concentration_tier_group: float | None
    concentration_employer_stage: float | None
    funnel: Funnel | None
    funnels: tuple[Funnel, ...]
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "allocation": {
                "by_tier_group": [r.to_dict() for r in self.by_tier_group],
                "by_employer_stage": [r.to_dict() for r in self.by_employer_stage],
                "eligible_source": self.eligible_source,
                "concentration_index": {
                    "tier_group": self.concentration_tier_group,
                    "employer_stage": self.concentration_employer_stage,
                    "definition_zh": CONCENTRATION_DEFINITION[0],
                    "definition_en": CONCENTRATION_DEFINITION[1],
                },
            },
            "funnel": self.funnel.to_dict() if self.funnel else None,
            "funnels": [f.to_dict() for f in self.funnels],
            "findings": [f.to_dict() for f in self.findings],
        }


def concentration_index(populations: Sequence[float], money: Sequence[float]) -> float | None:
    """Grouped concentration index of ``money`` over groups ranked by status ascending.

    >>> concentration_index([50, 50], [100, 100])
    0.0
    >>> concentration_index([50, 50], [0, 100])
    0.5
    >>> concentration_index([0, 0], [0, 0]) is None
    True
    """
    total_pop, total_money = sum(populations), sum(money)
    if not total_pop or not total_money:
        return None
    mean = total_money / total_pop
    below = 0.0
    weighted = 0.0
    for pop, paid in zip(populations, money, strict=True):
        f = pop / total_pop
        if f:
            weighted += f * (paid / pop) * (below + f / 2)
        below += f
    return 2 / mean * weighted - 1


def _population(ctx: DiagnosisContext) -> tuple[dict[str, int], dict[str, int]]:
    tiers = ctx.rows(
        ctx.frame("persons")
        .select(tier_group_expr().alias("g"))
        .group_by("g")
        .agg(nw.len().alias("n"))
    )
    stages = ctx.rows(
        ctx.frame("employers")
        .select(nw.col("stage").alias("g"))
        .group_by("g")
        .agg(nw.len().alias("n"))
    )
    return (
        {str(r["g"]): to_int(r["n"]) for r in tiers},
        {str(r["g"]): to_int(r["n"]) for r in stages},
    )


Received = dict[str, tuple[int, int, float]]


def _received(ctx: DiagnosisContext) -> tuple[Received, Received]:
    """Per tier group (person cases) and per stage (employer cases): applicants, recipients
    (subjects paid) and money; one query for both groupings."""
    person = nw.col("subject_kind") == "person"
    group = nw.when(person).then(nw.col("tier_group")).otherwise(nw.col("employer_stage"))
    per_subject = (
        case_outcomes(ctx)
        .with_columns(group=group)
        .filter(~nw.col("group").is_null())
        .group_by("subject_kind", "group", "subject_id")
        .agg(
            nw.col("money").sum().alias("money"),
            (nw.col("received") & (nw.col("money") > 0)).cast(nw.Int64()).max().alias("paid"),
        )
    )
    rows = ctx.rows(
        per_subject.group_by("subject_kind", "group").agg(
            nw.len().alias("applicants"),
            nw.col("paid").sum().alias("recipients"),
            nw.col("money").sum().alias("money"),
        )
    )
    out: dict[str, Received] = {"person": {}, "employer": {}}
    for r in rows:
        values = (to_int(r["applicants"]), to_int(r["recipients"]), to_float(r["money"]))
        out[str(r["subject_kind"])][str(r["group"])] = values
    return out["person"], out["employer"]


def _entitlements(ctx: DiagnosisContext) -> tuple[dict[str, int], dict[str, int]]:
    """Per tier group and per stage: Σ over the clauses applied for of the rules' eligible."""
    assert ctx.coverage is not None
    cased = {str(r["clause_id"]) for r in ctx.rows(ctx.frame("cases").select("clause_id").unique())}
    keys = {"person": "tier_group", "employer": "employer_stage"}
    out: dict[str, dict[str, int]] = {"person": {}, "employer": {}}
    for clause in ctx.coverage.clauses:
        if clause.clause_id not in cased:
            continue
        totals = out[clause.subject]
        for group in clause.groups:
            value = group.group.get(keys[clause.subject])
            if value is not None:
                totals[value] = totals.get(value, 0) + group.eligible
    return out["person"], out["employer"]


def _rows(
    key: str,
    order: Sequence[str],
    population: Mapping[str, int],
    eligible: Mapping[str, int],
    received: Mapping[str, tuple[int, int, float]],
) -> tuple[AllocationRow, ...]:
    values = [
        (g, population.get(g, 0), eligible.get(g, 0), *received.get(g, (0, 0, 0.0))[1:])
        for g in order
    ]
    totals = (
        sum(int(v[1]) for v in values),
        sum(int(v[2]) for v in values),
        sum(int(v[3]) for v in values),
        sum(float(v[4]) for v in values),
    )
    return tuple(
        AllocationRow(
            key=key,
            group=str(g),
            population=int(pop),
            eligible=int(elig),
            recipients=int(rec),
            money=float(money),
            totals=totals,
        )
        for g, pop, elig, rec, money in values
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _findings(
    tiers: Sequence[AllocationRow],
    stages: Sequence[AllocationRow],
    tier_index: float | None,
    stage_index: float | None,
    funnel: Funnel | None,
) -> tuple[Finding, ...]:
    found = []
    # The top talent group and the bottom employer group: where the study sees the drift.
    for row, code, who_zh, who_en, of_zh, of_en in (
        (tiers[-1], "d1.high_end_money_share", "高端人才", "High-end talents", "人才", "talents"),
        (stages[0], "d1.startup_money_share", "初创期企业", "Start-ups", "企业", "employers"),
    ):
        pop_share, _, _, money_share = row.shares()
        if pop_share is None or money_share is None:
            continue
        found.append(
            Finding(
                code=code,
                text_zh=(
                    f"{who_zh}占{of_zh}总数的{_pct(pop_share)}，"
                    f"获得{of_zh}资金的{_pct(money_share)}。"
                ),
                text_en=(
                    f"{who_en} are {_pct(pop_share)} of {of_en} and receive "
                    f"{_pct(money_share)} of the money paid to {of_en}."
                ),
                value=money_share,
                evidence=Evidence(kind="cases", filters={row.key: row.group, "paid": "yes"}),
            )
        )
    for code, index, zh, en in (
        ("d1.concentration_tier_group", tier_index, "人才层次", "talent tier"),
        ("d1.concentration_employer_stage", stage_index, "企业发展阶段", "employer stage"),
    ):
        if index is not None:
            found.append(
                Finding(
                    code=code,
                    text_zh=f"按{zh}的资金集中指数为{index:.3f}（正值表示资金偏向地位较高的组）。",
                    text_en=(
                        f"Concentration index of money by {en}: {index:.3f} (positive: towards "
                        "higher-status groups)."
                    ),
                    value=index,
                )
            )
    if funnel is not None:
        last = funnel.phase(funnel.phases)
        found.append(
            Finding(
                code="d1.staged_funnel",
                text_zh=(
                    f"分期兑现条款{funnel.clause_id}：符合条件{funnel.eligible}个，兑现第一期"
                    f"{funnel.phase(1)}个，兑现全部{funnel.phases}期{last}个。"
                ),
                text_en=(
                    f"Staged clause {funnel.clause_id}: {funnel.eligible} eligible, "
                    f"{funnel.phase(1)} paid phase 1, {last} paid all {funnel.phases} phases."
                ),
                value=last,
                evidence=Evidence(kind="cases", filters={"clause_id": funnel.clause_id}),
            )
        )
    return tuple(found)


def function_alienation(ctx: DiagnosisContext) -> FunctionAlienation:
    """D1 of the study over ``ctx``'s dataset."""
    tier_pop, stage_pop = _population(ctx)
    tier_received, stage_received = _received(ctx)
    if ctx.coverage is not None:
        source = "rules"
        tier_eligible, stage_eligible = _entitlements(ctx)
    else:
        source = "applications"
        tier_eligible = {g: v[0] for g, v in tier_received.items()}
        stage_eligible = {g: v[0] for g, v in stage_received.items()}
    tiers = _rows("tier_group", TIER_GROUPS, tier_pop, tier_eligible, tier_received)
    stages = _rows("employer_stage", EMPLOYER_STAGES, stage_pop, stage_eligible, stage_received)
    tier_index = concentration_index([r.population for r in tiers], [r.money for r in tiers])
    stage_index = concentration_index([r.population for r in stages], [r.money for r in stages])
    funnels = staged_funnels(ctx)
    # The study's funnel is the staged clause reaching the most; ties go to the lowest id.
    funnel = max(funnels, key=lambda f: f.eligible, default=None)
    return FunctionAlienation(
        by_tier_group=tiers,
        by_employer_stage=stages,
        eligible_source=source,
        concentration_tier_group=tier_index,
        concentration_employer_stage=stage_index,
        funnel=funnel,
        funnels=funnels,
        findings=_findings(tiers, stages, tier_index, stage_index, funnel),
    )
