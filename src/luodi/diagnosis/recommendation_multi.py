"""Multi-attribute governance (多属性治理) rules: coordination, supporting rules, conflicts.

Triggered by D2 figures (landing, blocks at veto departments, open conflicts, exceptions,
overdue steps) and the survey's landing rating; each names the clause or department.
"""

from __future__ import annotations

from typing import Any

from luodi.diagnosis.recommendations import (
    EvidenceRef,
    Recommendation,
    Rule,
    Sections,
    above,
    below,
    dict_at,
    list_at,
    number,
    pct,
    pointer,
)

__all__ = ["MULTI_RULES"]

VETO_BLOCKS = 1
# Fewer than half of the eligible received the benefit, among clauses with enough eligible
# for the rate to mean something.
LANDING_RATE = 0.5
MIN_ELIGIBLE = 5
INFORMAL_SHARE = 0.05
OVER_DEADLINE_SHARE = 0.2
MIN_STEPS = 5
LANDING_POOR_SHARE = 0.3

_D2 = "d2_obstruction"


def _names(sections: Sections) -> dict[str, str]:
    return {
        str(d.get("department_id")): str(d.get("name") or d.get("department_id"))
        for d in list_at(sections, _D2, "departments")
    }


def _label(names: dict[str, str], department_id: str) -> str:
    name = names.get(department_id)
    return f"{name}（{department_id}）" if name and name != department_id else department_id


def _veto_rules(sections: Sections) -> list[Recommendation]:
    found = []
    names = _names(sections)
    missing: dict[str, set[str]] = {}
    for clause in list_at(sections, _D2, "clauses"):
        for block in list_at(clause, "blocked_no_rule"):
            named = {str(r) for r in block.get("missing_rules") or [] if r}
            missing.setdefault(str(block.get("department_id")), set()).update(named)
    for i, block in enumerate(list_at(sections, _D2, "blocks_by_veto_department")):
        count = number(block.get("count"))
        if count is None or count < VETO_BLOCKS:
            continue
        did = str(block.get("department_id"))
        clauses = [str(c) for c in block.get("clauses") or []]
        rules = sorted(missing.get(did, set()))
        rule_zh = f"（{'；'.join(rules)}）" if rules else ""
        found.append(
            Recommendation(
                remedy="multi_attribute",
                code="multi.veto_rule",
                text_zh=f"按钮部门{_label(names, did)}因缺少配套规定阻滞 {int(count)} 件办件"
                f"（{'、'.join(clauses)}）：由人才工作领导小组协调该部门出台配套规定{rule_zh}，"
                "明确合法性边界。",
                text_en=f"Veto department {did} blocked {int(count)} cases for lack of a "
                f"supporting rule ({', '.join(clauses)}): the leadership group should have "
                "it issue the rule" + (f" ({'; '.join(rules)})" if rules else "") + ".",
                evidence=(
                    EvidenceRef(
                        path=pointer(_D2, "blocks_by_veto_department", i, "count"),
                        value=count,
                        department_id=did,
                    ),
                ),
                threshold=VETO_BLOCKS,
                strength=above(count, VETO_BLOCKS),
            )
        )
    return found


def _top_stop(clause: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
    stops = [
        (number(s.get("count")) or 0.0, -j, j, s) for j, s in enumerate(list_at(clause, "stopped"))
    ]
    if not stops:
        return None
    _, _, j, stop = max(stops, key=lambda s: (s[0], s[1]))
    return j, stop


def _landing(sections: Sections) -> list[Recommendation]:
    found = []
    names = _names(sections)
    for i, clause in enumerate(list_at(sections, _D2, "clauses")):
        rate, eligible = number(clause.get("landing_rate")), number(clause.get("eligible"))
        if rate is None or eligible is None or eligible < MIN_ELIGIBLE or rate >= LANDING_RATE:
            continue
        cid = str(clause.get("clause_id"))
        evidence = [
            EvidenceRef(path=pointer(_D2, "clauses", i, "landing_rate"), value=rate, clause_id=cid)
        ]
        where_zh = where_en = ""
        top = _top_stop(clause)
        if top is not None:
            j, stop = top
            did = str(stop.get("department_id"))
            evidence.append(
                EvidenceRef(
                    path=pointer(_D2, "clauses", i, "stopped", j, "count"),
                    value=stop.get("count"),
                    clause_id=cid,
                    department_id=did,
                )
            )
            where_zh = f"未落地的办件多停在{_label(names, did)}（{stop.get('count')} 件）；"
            where_en = f"most stopped cases stop at {did} ({stop.get('count')}); "
        found.append(
            Recommendation(
                remedy="multi_attribute",
                code="multi.landing",
                text_zh=f"{cid} 落地率仅 {pct(rate)}（符合条件 {int(eligible)}，受益 "
                f"{clause.get('received')}）：{where_zh}由领导小组牵头，与相关部门共同明确办理流程"
                "和责任，高位推动落实。",
                text_en=f"{cid} lands for only {pct(rate)} of the eligible ({int(eligible)} "
                f"eligible, {clause.get('received')} received): {where_en}the leadership group "
                "should set the procedure and responsibilities with the departments involved.",
                evidence=tuple(evidence),
                threshold=LANDING_RATE,
                strength=below(rate, LANDING_RATE),
            )
        )
    return found


def _conflicts(sections: Sections) -> list[Recommendation]:
    found = []
    for i, clause in enumerate(list_at(sections, _D2, "clauses")):
        conflicts = [str(c) for c in clause.get("open_conflicts") or []]
        if not conflicts:
            continue
        cid = str(clause.get("clause_id"))
        found.append(
            Recommendation(
                remedy="multi_attribute",
                code="multi.conflict",
                text_zh=f"规定冲突 {'、'.join(conflicts)} 尚未解决，阻碍 {cid} 落地："
                "提请人才工作领导小组裁决，统一各部门规定。",
                text_en=f"Open rule conflict(s) {', '.join(conflicts)} hold up {cid}: refer "
                "them to the leadership group to settle which rule applies.",
                evidence=(
                    EvidenceRef(
                        path=pointer(_D2, "clauses", i, "open_conflicts"),
                        value=conflicts,
                        clause_id=cid,
                    ),
                ),
                threshold=1,
                # One open conflict is enough to stop a clause; more make it harder.
                strength=len(conflicts) / (len(conflicts) + 1),
            )
        )
    return found


def _informal(sections: Sections) -> list[Recommendation]:
    found = []
    for i, clause in enumerate(list_at(sections, _D2, "clauses")):
        share = number(clause.get("informal_share"))
        if share is None or share < INFORMAL_SHARE or not number(clause.get("exceptions")):
            continue
        cid = str(clause.get("clause_id"))
        found.append(
            Recommendation(
                remedy="multi_attribute",
                code="multi.informal",
                text_zh=f"{cid} 有 {pct(share)} 的办件靠例外办理（人情化执行，"
                f"{clause.get('exceptions')} 件）：公开登记例外办理，并把反复出现的例外转化为"
                "正式程序或修订条款。",
                text_en=f"{pct(share)} of {cid}'s cases were done outside procedure "
                f"({clause.get('exceptions')}): record exceptions openly and turn recurring "
                "ones into procedure or an amended clause.",
                evidence=(
                    EvidenceRef(
                        path=pointer(_D2, "clauses", i, "informal_share"),
                        value=share,
                        clause_id=cid,
                    ),
                ),
                threshold=INFORMAL_SHARE,
                strength=above(share, INFORMAL_SHARE),
            )
        )
    return found


def _overdue(sections: Sections) -> list[Recommendation]:
    found = []
    names = _names(sections)
    for i, department in enumerate(list_at(sections, _D2, "departments")):
        share, steps = (
            number(department.get("over_deadline_share")),
            number(department.get("steps")),
        )
        if share is None or steps is None or steps < MIN_STEPS or share < OVER_DEADLINE_SHARE:
            continue
        did = str(department.get("department_id"))
        found.append(
            Recommendation(
                remedy="multi_attribute",
                code="multi.overdue",
                text_zh=f"{_label(names, did)} 有 {pct(share)} 的环节超过办理时限"
                f"（等待时间中位数 {department.get('waiting_days_median')} 天）：纳入领导小组督办，"
                "超期自动提请协调。",
                text_en=f"{pct(share)} of steps at {did} ran past their deadline (median wait "
                f"{department.get('waiting_days_median')} days): put the department under the "
                "leadership group's supervision with automatic escalation.",
                evidence=(
                    EvidenceRef(
                        path=pointer(_D2, "departments", i, "over_deadline_share"),
                        value=share,
                        department_id=did,
                    ),
                ),
                threshold=OVER_DEADLINE_SHARE,
                strength=above(share, OVER_DEADLINE_SHARE),
            )
        )
    return found


def _landing_poor(sections: Sections) -> list[Recommendation]:
    share = number(dict_at(sections, _D2).get("landing_poor_share"))
    if share is None or share < LANDING_POOR_SHARE:
        return []
    evidence = [EvidenceRef(path=pointer(_D2, "landing_poor_share"), value=share)]
    veto_share = number(dict_at(sections, "factors", "p3_veto").get("veto_block_share"))
    if veto_share is not None:
        evidence.append(
            EvidenceRef(path=pointer("factors", "p3_veto", "veto_block_share"), value=veto_share)
        )
    return [
        Recommendation(
            remedy="multi_attribute",
            code="multi.coordination",
            text_zh=f"{pct(share)} 的受访者认为政策落地实效不佳"
            + (f"，{pct(veto_share)} 的受阻发生在按钮部门" if veto_share is not None else "")
            + "：建立高位推动的统一协调机构（人才工作领导小组定期会商），把按钮部门纳入政策制定。",
            text_en=f"{pct(share)} of respondents rate landing as poor"
            + (f"; {pct(veto_share)} of blocks are at veto departments" if veto_share else "")
            + ": set up high-level coordination (a leadership group that meets) and bring "
            "veto departments into policy making.",
            evidence=tuple(evidence),
            threshold=LANDING_POOR_SHARE,
            strength=above(share, LANDING_POOR_SHARE),
        )
    ]


MULTI_RULES: tuple[Rule, ...] = (
    _veto_rules,
    _landing,
    _conflicts,
    _informal,
    _overdue,
    _landing_poor,
)
