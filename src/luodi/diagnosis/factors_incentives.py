"""P2 考核与资源配置: where the money went against the KPI and who pays for the clause.

The study's second proposition: KPIs count high-end talents, and when the district co-pays it
puts money where results are measurable. Indicators:

* the high-end share of money paid to talents, against their share of the population;
* money under clauses the district co-funds (its own district-level clauses, the study's
  配套) against money under superior clauses it only executes, each with its high-end share
  (talents) and mature share (employers);
* the KPI itself: high-end talents introduced in the period (arrived_on in the period);
* money per recipient by tier group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from luodi.diagnosis.context import (
    HIGH_END_TIERS,
    TIER_GROUPS,
    DiagnosisContext,
)
from luodi.diagnosis.outcomes import case_outcomes
from luodi.diagnosis.quantities import share, to_float

__all__ = ["CO_FUNDED_LEVELS", "Incentives", "incentives"]

# The executing district pays for its own clauses; superior levels fund theirs.
CO_FUNDED_LEVELS = frozenset({"district"})
DEFINITION_ZH = "配套资金：县（区）级条款由执行者（本地）出资；上级资金：中央、省、市级条款"
DEFINITION_EN = (
    "co-funded: clauses of district-level policies, paid by the executing district; "
    "superior-funded: clauses of central, province and city policies"
)


@dataclass(frozen=True, kw_only=True)
class Incentives:
    """The ``factors.p2_incentives`` value."""

    values: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)


def _funding(rows: list[dict[str, Any]], clauses: list[str]) -> dict[str, Any]:
    person = sum(r["money"] for r in rows if r["subject_kind"] == "person")
    high_end = sum(
        r["money"] for r in rows if r["subject_kind"] == "person" and r["group"] == "high_end"
    )
    employer = sum(r["money"] for r in rows if r["subject_kind"] == "employer")
    mature = sum(
        r["money"] for r in rows if r["subject_kind"] == "employer" and r["group"] == "mature"
    )
    return {
        "money": person + employer,
        "person_money": person,
        "high_end_share": share(high_end, person),
        "employer_money": employer,
        "mature_share": share(mature, employer),
        "clauses": clauses,
    }


def incentives(ctx: DiagnosisContext) -> Incentives:
    """P2 indicators (see the module docstring)."""
    paid = case_outcomes(ctx).filter(nw.col("received") & (nw.col("money") > 0))
    group = (
        nw.when(nw.col("subject_kind") == "person")
        .then(nw.col("tier_group"))
        .otherwise(nw.col("employer_stage"))
    )
    by_clause = (
        paid.select("clause_id", "subject_kind", group.alias("group"), "money")
        .group_by("clause_id", "subject_kind", "group")
        .agg(nw.col("money").sum().alias("money"))
    )
    money_rows: list[dict[str, Any]] = [
        {
            "clause_id": str(row["clause_id"]),
            "subject_kind": str(row["subject_kind"]),
            "group": None if row["group"] is None else str(row["group"]),
            "money": to_float(row["money"]),
        }
        for row in ctx.rows(by_clause)
    ]
    recipients = (
        paid.filter((nw.col("subject_kind") == "person") & ~nw.col("tier_group").is_null())
        .group_by("tier_group")
        .agg(nw.col("person_id").n_unique().alias("recipients"), nw.col("money").sum())
    )
    per_group = {str(r["tier_group"]): r for r in ctx.rows(recipients)}

    levels = {
        str(r["policy_id"]): str(r["level"])
        for r in ctx.dataset["policies"].select(["policy_id", "level"]).to_pylist()
    }
    clause_level = {
        str(r["clause_id"]): levels.get(str(r["policy_id"]), "")
        for r in ctx.dataset["clauses"].select(["clause_id", "policy_id"]).to_pylist()
    }
    co = [r for r in money_rows if clause_level.get(r["clause_id"]) in CO_FUNDED_LEVELS]
    superior = [r for r in money_rows if clause_level.get(r["clause_id"]) not in CO_FUNDED_LEVELS]

    person_money = sum(r["money"] for r in money_rows if r["subject_kind"] == "person")
    high_end_money = sum(
        r["money"] for r in money_rows if r["subject_kind"] == "person" and r["group"] == "high_end"
    )
    persons = ctx.frame("persons")
    period = ctx.period
    arrived = ~nw.col("arrived_on").is_null() & (
        (nw.col("arrived_on") >= nw.lit(period.start, nw.Date()))
        & (nw.col("arrived_on") <= nw.lit(period.end, nw.Date()))
    )
    high_end = nw.col("talent_tier").is_in(HIGH_END_TIERS)
    kpi = ctx.rows(
        persons.select(
            nw.len().alias("talents"),
            high_end.cast(nw.Int64()).sum().alias("high_end"),
            arrived.cast(nw.Int64()).sum().alias("introduced"),
            (arrived & high_end).cast(nw.Int64()).sum().alias("high_end_introduced"),
        )
    )[0]
    talents = int(to_float(kpi["talents"]))
    introduced = int(to_float(kpi["introduced"]))
    high_end_introduced = int(to_float(kpi["high_end_introduced"]))
    return Incentives(
        values={
            "high_end_money_share": share(high_end_money, person_money),
            "high_end_population_share": share(to_float(kpi["high_end"]), talents),
            "person_money": person_money,
            "co_funded": _funding(co, sorted({r["clause_id"] for r in co})),
            "superior_funded": _funding(superior, sorted({r["clause_id"] for r in superior})),
            "funding_definition_zh": DEFINITION_ZH,
            "funding_definition_en": DEFINITION_EN,
            "high_end_introduced": high_end_introduced,
            "introduced": introduced,
            "high_end_introduced_share": share(high_end_introduced, introduced),
            "money_per_recipient_by_tier_group": {
                g: share(
                    to_float(per_group[g]["money"]) if g in per_group else 0.0,
                    to_float(per_group[g]["recipients"]) if g in per_group else 0.0,
                )
                for g in TIER_GROUPS
            },
            "recipients_by_tier_group": {
                g: int(to_float(per_group[g]["recipients"])) if g in per_group else 0
                for g in TIER_GROUPS
            },
        }
    )
