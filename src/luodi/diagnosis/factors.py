"""The study's explanatory factors P1–P4 as indicators computed from the data and the rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.factors_ambiguity import Ambiguity, ambiguity
from luodi.diagnosis.factors_departments import Organisation, Veto, organisation, veto
from luodi.diagnosis.factors_incentives import Incentives, incentives
from luodi.diagnosis.factors_text import TextFactors, text_factors
from luodi.diagnosis.values import Evidence, Finding

__all__ = ["Factors", "factors"]


@dataclass(frozen=True, kw_only=True)
class Factors:
    """The ``factors`` section of the report."""

    p1_ambiguity: Ambiguity
    p2_incentives: Incentives
    p3_veto: Veto
    p4_organisation: Organisation
    text: TextFactors

    def to_dict(self) -> dict[str, Any]:
        parts = {
            "p1_ambiguity": self.p1_ambiguity.to_dict(),
            "p2_incentives": self.p2_incentives.to_dict(),
            "p3_veto": self.p3_veto.to_dict(),
            "p4_organisation": self.p4_organisation.to_dict(),
        }
        # The text analyser's reading: elements the wording leaves out (beside the structured
        # fields' ``missing_elements``), and rules of different issuers that may contradict.
        parts["p1_ambiguity"]["text_elements"] = [dict(c) for c in self.text.clauses]
        parts["p3_veto"]["candidate_conflicts"] = [dict(c) for c in self.text.candidates]
        found = _findings(parts)
        for key, part in parts.items():
            part["findings"] = [f.to_dict() for f in found if f.code.startswith(key[:2])]
        return {**parts, "findings": [f.to_dict() for f in found]}


def factors(ctx: DiagnosisContext) -> Factors:
    """P1 ambiguity, P2 incentives, P3 veto departments, P4 organisation."""
    return Factors(
        p1_ambiguity=ambiguity(ctx),
        p2_incentives=incentives(ctx),
        p3_veto=veto(ctx),
        p4_organisation=organisation(ctx),
        text=text_factors(ctx),
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _p1(p1: Mapping[str, Any]) -> list[Finding]:
    clauses = p1["clauses"]
    vague = [c["clause_id"] for c in clauses if c["vague_terms"]]
    found = []
    if vague:
        found.append(
            Finding(
                code="p1.vague_clauses",
                text_zh=f"{len(vague)}/{len(clauses)} 条条款含模糊用词（如“按要求”“探索”“一定”）："
                f"{'、'.join(vague)}。",
                text_en=f"{len(vague)} of {len(clauses)} clauses use vague wording: "
                f"{', '.join(vague)}.",
                value=len(vague),
            )
        )
    vague_share, clear_share = (
        p1["vague_superior_modified_share"],
        p1["clear_superior_modified_share"],
    )
    if vague_share is not None:
        found.append(
            Finding(
                code="p1.vague_superior_modified",
                text_zh=f"模糊的上级条款被下级修改的比例为 {_pct(vague_share)}"
                f"（平均 {p1['vague_superior_changes_mean'] or 0:.1f} 处改动），"
                f"明确的上级条款为 {_pct(clear_share)}。",
                text_en=f"{_pct(vague_share)} of links below a vague superior clause modified "
                f"it (mean {p1['vague_superior_changes_mean'] or 0:.1f} changes), against "
                f"{_pct(clear_share)} below a clear one.",
                value=vague_share,
            )
        )
    return found


def _p2(p2: Mapping[str, Any]) -> list[Finding]:
    money, population = p2["high_end_money_share"], p2["high_end_population_share"]
    found = []
    if money is not None and population is not None:
        found.append(
            Finding(
                code="p2.high_end_money",
                text_zh=f"高端人才占人才总数的 {_pct(population)}，"
                f"却获得了人才资金的 {_pct(money)}。",
                text_en=f"High-end talents are {_pct(population)} of talents and received "
                f"{_pct(money)} of the money paid to talents.",
                value=money,
                evidence=Evidence(
                    kind="cases", filters={"tier_group": "high_end", "received": "yes"}
                ),
            )
        )
    co, sup = p2["co_funded"]["high_end_share"], p2["superior_funded"]["high_end_share"]
    if co is not None:
        found.append(
            Finding(
                code="p2.co_funded",
                text_zh=f"本地配套出资的条款中高端人才所得占 {_pct(co)}"
                + (f"，上级出资条款中占 {_pct(sup)}" if sup is not None else "")
                + f"；考核期内引进高端人才 {p2['high_end_introduced']} 人。",
                text_en=f"Under clauses the district co-funds, high-end talents got {_pct(co)} "
                "of the money"
                + (f"; under superior-funded clauses {_pct(sup)}" if sup is not None else "")
                + f"; {p2['high_end_introduced']} high-end talents were introduced in the period.",
                value=co,
            )
        )
    return found


def _p3(p3: Mapping[str, Any]) -> list[Finding]:
    found = []
    share = p3["veto_block_share"]
    if share is not None:
        veto_ids = [d["department_id"] for d in p3["departments"] if d["is_veto"] and d["blocks"]]
        found.append(
            Finding(
                code="p3.veto_blocks",
                text_zh=f"{_pct(share)} 的受阻发生在按钮部门（{'、'.join(veto_ids) or '无'}）。",
                text_en=f"{_pct(share)} of blocks happen at veto departments "
                f"({', '.join(veto_ids) or 'none'}).",
                value=share,
            )
        )
    conflicted = [d for d in p3["departments"] if d["conflicts_open"]]
    for department in conflicted:
        found.append(
            Finding(
                code="p3.open_conflicts",
                text_zh=f"{department['department_id']} 涉及 {department['conflicts_open']} 项"
                f"未解决的规定冲突（{'、'.join(department['conflict_ids'])}）。",
                text_en=f"{department['department_id']} is party to "
                f"{department['conflicts_open']} open rule conflict(s).",
                value=department["conflicts_open"],
                evidence=Evidence(
                    kind="conflicts",
                    filters={"department_id": department["department_id"], "status": "open"},
                ),
            )
        )
    exceptions = sum(int(d["exceptions"]) for d in p3["departments"])
    if exceptions:
        found.append(
            Finding(
                code="p3.exceptions",
                text_zh=f"登记在案的例外办理（人情化执行）共 {exceptions} 件。",
                text_en=f"{exceptions} things were done outside procedure (recorded exceptions).",
                value=exceptions,
            )
        )
    return found


def _p4(p4: Mapping[str, Any]) -> list[Finding]:
    per_1000 = p4["staff_per_1000_talents"]
    if per_1000 is None:
        return []
    return [
        Finding(
            code="p4.staffing",
            text_zh=f"人才办工作人员 {p4['talent_office_staff']} 人，服务人才 {p4['talents']} 人，"
            f"每千名人才 {per_1000:.2f} 人；通过政府宣传获知政策的受访者占 "
            f"{_pct(p4['outreach_share'])}。",
            text_en=f"{p4['talent_office_staff']} talent-office staff for {p4['talents']} "
            f"talents ({per_1000:.2f} per 1,000); {_pct(p4['outreach_share'])} of respondents "
            "were reached by outreach.",
            value=per_1000,
        )
    ]


def _findings(parts: Mapping[str, Mapping[str, Any]]) -> list[Finding]:
    return [
        *_p1(parts["p1_ambiguity"]),
        *_p2(parts["p2_incentives"]),
        *_p3(parts["p3_veto"]),
        *_p4(parts["p4_organisation"]),
    ]
