"""Hierarchical governance (层级性治理) rules on Goggin's questions: drift, narrowing, delay.

Each local clause whose recipients drifted from its superior clause's target groups, whose
rules narrowed whom the superior clause covers, or whose cases ran late, calls for the
superior level to review the local rule and to evaluate the process, not only the counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from luodi.diagnosis.recommendations import (
    EvidenceRef,
    Recommendation,
    Rule,
    Sections,
    above,
    dict_at,
    list_at,
    number,
    pct,
    pointer,
)

__all__ = ["COVERAGE_COST_SHARE", "GOGGIN_RULES", "GROUP_ZH", "INTENT_DISTANCE", "LATE_SHARE"]

GROUP_ZH = {
    "general": "一般人才",
    "middle": "中端人才",
    "high_end": "高端人才",
    "startup": "初创期企业",
    "growth": "成长期企业",
    "mature": "成熟期企业",
}

INTENT_DISTANCE = 0.2
# The local version leaves out 30% or more of those its superior clause covers.
COVERAGE_COST_SHARE = 0.3
LATE_SHARE = 0.25


def _largest_drop(groups: Sequence[dict[str, Any]]) -> tuple[int, dict[str, Any]] | None:
    drops = [
        (
            (number(g.get("superior_eligible_share")) or 0.0)
            - (number(g.get("recipient_share")) or 0.0),
            -i,
            i,
            g,
        )
        for i, g in enumerate(groups)
    ]
    if not drops:
        return None
    _, _, i, group = max(drops, key=lambda d: (d[0], d[1]))
    return i, group


def _intent_drift(sections: Sections) -> list[Recommendation]:
    found = []
    for i, clause in enumerate(list_at(sections, "goggin", "clauses")):
        intent = dict_at(clause, "intent")
        distance = number(intent.get("distance"))
        if (
            intent.get("verdict") != "drifted"
            or intent.get("direction") != "higher_status"
            or distance is None
            or distance < INTENT_DISTANCE
        ):
            continue
        cid, superior = str(clause.get("clause_id")), str(intent.get("superior_clause_id"))
        base = ("goggin", "clauses", i, "intent")
        evidence = [EvidenceRef(path=pointer(*base, "distance"), value=distance, clause_id=cid)]
        drop = _largest_drop(list_at(intent, "groups"))
        detail_zh = detail_en = ""
        if drop is not None:
            j, group = drop
            evidence += [
                EvidenceRef(
                    path=pointer(*base, "groups", j, "superior_eligible_share"),
                    value=group.get("superior_eligible_share"),
                    clause_id=superior,
                ),
                EvidenceRef(
                    path=pointer(*base, "groups", j, "recipient_share"),
                    value=group.get("recipient_share"),
                    clause_id=cid,
                ),
            ]
            detail_zh = (
                f"上级条款适用对象中{GROUP_ZH.get(str(group.get('group')), group.get('group'))}占 "
                f"{pct(number(group.get('superior_eligible_share')))}，实际受益者中仅占 "
                f"{pct(number(group.get('recipient_share')))}；"
            )
            detail_en = (
                f"group {group.get('group')} is "
                f"{pct(number(group.get('superior_eligible_share')))} of those the superior "
                f"clause covers but {pct(number(group.get('recipient_share')))} of recipients; "
            )
        found.append(
            Recommendation(
                remedy="hierarchical",
                code="hier.intent_drift",
                text_zh=f"{cid} 的实际受益者偏向地位较高的群体，偏离上级条款 {superior} 的意图"
                f"（分布距离 {distance:.2f}）：{detail_zh}上级在考核中核对地方细则的受益结构，"
                "听取政策对象的评价。",
                text_en=f"{cid}'s recipients drifted towards higher-status groups from what "
                f"{superior} meant (distance {distance:.2f}): {detail_en}the superior level "
                "should check the local rule's beneficiaries in its evaluation.",
                evidence=tuple(evidence),
                threshold=INTENT_DISTANCE,
                strength=above(distance, INTENT_DISTANCE),
            )
        )
    return found


def _narrowed(sections: Sections) -> list[Recommendation]:
    found = []
    for i, clause in enumerate(list_at(sections, "goggin", "clauses")):
        change = dict_at(clause, "modification")
        share = number(change.get("coverage_cost_share"))
        if change.get("verdict") != "narrowed" or share is None or share < COVERAGE_COST_SHARE:
            continue
        cid, superior = str(clause.get("clause_id")), str(clause.get("refines"))
        base = ("goggin", "clauses", i, "modification")
        found.append(
            Recommendation(
                remedy="hierarchical",
                code="hier.narrowed",
                text_zh=f"{cid} 较上级条款 {superior} 收窄了适用对象：上级可覆盖 "
                f"{change.get('superior_eligible')} 人（家），本条款 {change.get('local_eligible')}"
                f"，减少 {pct(share)}：由上级对实施细则备案审查，评估收窄是否符合政策意图。",
                text_en=f"{cid} narrowed {superior}: {change.get('superior_eligible')} covered "
                f"above, {change.get('local_eligible')} here ({pct(share)} fewer): the "
                "superior level should review the local rule against the policy's intent.",
                evidence=(
                    EvidenceRef(
                        path=pointer(*base, "coverage_cost_share"), value=share, clause_id=cid
                    ),
                    EvidenceRef(
                        path=pointer(*base, "coverage_cost"),
                        value=change.get("coverage_cost"),
                        clause_id=cid,
                    ),
                ),
                threshold=COVERAGE_COST_SHARE,
                strength=above(share, COVERAGE_COST_SHARE),
            )
        )
    return found


def _late(sections: Sections) -> list[Recommendation]:
    found = []
    for i, clause in enumerate(list_at(sections, "goggin", "clauses")):
        delay = dict_at(clause, "delay")
        share = number(delay.get("late_share"))
        if delay.get("verdict") != "delayed" or share is None or share < LATE_SHARE:
            continue
        cid = str(clause.get("clause_id"))
        base = ("goggin", "clauses", i, "delay")
        found.append(
            Recommendation(
                remedy="hierarchical",
                code="hier.delay",
                text_zh=f"{cid} 有 {pct(share)} 的办件超过 {delay.get('deadline_days')} 个工作日"
                f"的时限（兑现用时中位数 {delay.get('median_working_days')} 个工作日）："
                "把办理时效纳入过程考核。",
                text_en=f"{pct(share)} of {cid}'s cases ran past the "
                f"{delay.get('deadline_days')}-working-day deadline (median "
                f"{delay.get('median_working_days')}): evaluate timeliness.",
                evidence=(
                    EvidenceRef(path=pointer(*base, "late_share"), value=share, clause_id=cid),
                    EvidenceRef(
                        path=pointer(*base, "median_working_days"),
                        value=delay.get("median_working_days"),
                        clause_id=cid,
                    ),
                ),
                threshold=LATE_SHARE,
                strength=above(share, LATE_SHARE),
            )
        )
    return found


GOGGIN_RULES: tuple[Rule, ...] = (_intent_drift, _narrowed, _late)
