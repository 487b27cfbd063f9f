"""The rules behind the recommendations: a threshold on a figure of the report, per remedy.

Each rule reads the sections' JSON (``to_dict`` output), so it works on any report with the
contract's shapes, and returns recommendations whose first evidence is the figure that crossed
the threshold. Hierarchical governance (层级性治理) rules on D1 and the factors are here, those
on Goggin's questions in ``recommendation_goggin``; multi-attribute (多属性治理) and
public-dialogue (公共对话) rules are in their own modules.
"""

from __future__ import annotations

from typing import Any

from luodi.diagnosis.recommendation_dialogue import DIALOGUE_RULES
from luodi.diagnosis.recommendation_goggin import GOGGIN_RULES
from luodi.diagnosis.recommendation_multi import MULTI_RULES
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

__all__ = ["HIERARCHICAL_RULES", "RULES"]

ELEMENT_ZH = {"who": "牵头部门", "how_much": "金额", "when": "办理时限", "how": "办理路径"}

# A group getting twice its population share of the money is the study's 锦上添花.
MONEY_TO_POPULATION_RATIO = 2.0
# Fewer than half of those paid the first phase are paid the last one: 宽进严助.
STAGED_COMPLETION = 0.5
# District money goes to high-end talents 10 points more than superior money does.
CO_FUNDING_GAP = 0.1
VAGUE_TERMS = 1

# (grouping, top group, bottom group, zh top, zh bottom, en top, en bottom)
_GROUPINGS = (
    ("by_tier_group", "high_end", "general", "高端人才", "一般人才", "High-end talents",
     "ordinary talents"),
    ("by_employer_stage", "mature", "startup", "成熟期企业", "初创期企业", "Mature firms",
     "start-ups"),
)  # fmt: skip


def _high_status_money(sections: Sections) -> list[Recommendation]:
    found = []
    allocation = dict_at(sections, "d1_function_alienation", "allocation")
    for key, top, bottom, zh_top, zh_bottom, en_top, en_bottom in _GROUPINGS:
        rows = list_at(allocation, key)
        for i, row in enumerate(rows):
            ratio = number(row.get("money_to_population_ratio"))
            if row.get("group") != top or ratio is None or ratio < MONEY_TO_POPULATION_RATIO:
                continue
            base = ("d1_function_alienation", "allocation", key)
            evidence = [
                EvidenceRef(path=pointer(*base, i, "money_to_population_ratio"), value=ratio),
                EvidenceRef(path=pointer(*base, i, "money_share"), value=row.get("money_share")),
                EvidenceRef(
                    path=pointer(*base, i, "population_share"), value=row.get("population_share")
                ),
            ]
            low = next((j for j, r in enumerate(rows) if r.get("group") == bottom), None)
            if low is not None:
                evidence.append(
                    EvidenceRef(
                        path=pointer(*base, low, "money_share"),
                        value=rows[low].get("money_share"),
                    )
                )
            population, money = number(row.get("population_share")), number(row.get("money_share"))
            found.append(
                Recommendation(
                    remedy="hierarchical",
                    code=f"hier.{top}_money",
                    text_zh=f"{zh_top}占{pct(population)}，却获得{pct(money)}的资金"
                    f"（为其占比的 {ratio:.1f} 倍）：将{zh_bottom}的受益覆盖纳入对区县人才工作的"
                    "考核，考核执行过程与受益结构，而不只是高端指标的数量。",
                    text_en=f"{en_top} are {pct(population)} but received {pct(money)} of the "
                    f"money ({ratio:.1f}× their share): evaluate the district on how far "
                    f"benefits reach {en_bottom}, and on the process, not only on counts.",
                    evidence=tuple(evidence),
                    threshold=MONEY_TO_POPULATION_RATIO,
                    strength=above(ratio, MONEY_TO_POPULATION_RATIO),
                )
            )
    return found


def _funnels(d1: dict[str, Any]) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Each staged funnel with its path; the single ``funnel`` when ``funnels`` is absent."""
    funnels = list_at(d1, "funnels")
    if funnels:
        return [(("d1_function_alienation", "funnels", i), f) for i, f in enumerate(funnels)]
    funnel = dict_at(d1, "funnel")
    return [(("d1_function_alienation", "funnel"), funnel)] if funnel else []


def _staged_funding(sections: Sections) -> list[Recommendation]:
    found = []
    for base, funnel in _funnels(dict_at(sections, "d1_function_alienation")):
        phases = int(number(funnel.get("phases")) or 0)
        first, last = number(funnel.get("phase_1")), number(funnel.get(f"phase_{phases}"))
        if phases < 2 or not first or last is None or last / first >= STAGED_COMPLETION:
            continue
        clause = str(funnel.get("clause_id"))
        eligible = funnel.get("eligible")
        evidence = [
            EvidenceRef(path=pointer(*base, f"phase_{phases}"), value=last, clause_id=clause),
            EvidenceRef(path=pointer(*base, "phase_1"), value=first, clause_id=clause),
            EvidenceRef(path=pointer(*base, "eligible"), value=eligible, clause_id=clause),
        ]
        # The commonest reason firms drop out after the first payment, with its department.
        reasons = [
            (number(r.get("count")) or 0.0, -j, -k, j, k, r)
            for j, step in enumerate(list_at(funnel, "attrition"))
            for k, r in enumerate(list_at(step, "reasons"))
            if step.get("from") != "eligible"
        ]
        if reasons:
            *_, j, k, reason = max(reasons, key=lambda x: x[:3])
            evidence.append(
                EvidenceRef(
                    path=pointer(*base, "attrition", j, "reasons", k, "count"),
                    value=reason.get("count"),
                    clause_id=clause,
                    department_id=reason.get("department_id"),
                )
            )
        found.append(
            Recommendation(
                remedy="hierarchical",
                code="hier.staged_funding",
                text_zh=f"{clause} 分期兑现：{eligible} 个对象符合条件，{int(first)} 个兑现第一期，"
                f"{int(last)} 个兑现全部 {phases} 期（宽进严助）：把全程兑现率纳入过程考核，"
                "复核各期兑现条件是否适合初创期企业。",
                text_en=f"{clause} staged funding: {eligible} eligible, {int(first)} paid "
                f"phase 1, {int(last)} paid all {phases} phases: evaluate the full-course payout "
                "rate and review whether each phase's bar fits start-ups.",
                evidence=tuple(evidence),
                threshold=STAGED_COMPLETION,
                strength=below(last / first, STAGED_COMPLETION),
            )
        )
    return found


def _co_funding(sections: Sections) -> list[Recommendation]:
    p2 = dict_at(sections, "factors", "p2_incentives")
    co = number(dict_at(p2, "co_funded").get("high_end_share"))
    sup = number(dict_at(p2, "superior_funded").get("high_end_share"))
    if co is None or sup is None or co - sup < CO_FUNDING_GAP:
        return []
    base = ("factors", "p2_incentives")
    return [
        Recommendation(
            remedy="hierarchical",
            code="hier.co_funding",
            text_zh=f"本地配套出资的条款中高端人才所得占 {pct(co)}，上级出资条款中占 {pct(sup)}："
            "执行者分担成本时资金流向易考核的高端指标；上级分担配套资金并对其使用结构提出要求，"
            "考核中加入对普通人才的覆盖。",
            text_en=f"Under district co-funded clauses high-end talents got {pct(co)} of the "
            f"money, under superior-funded ones {pct(sup)}: share the district's cost and set "
            "requirements on how co-funding is spread.",
            evidence=(
                EvidenceRef(path=pointer(*base, "co_funded", "high_end_share"), value=co),
                EvidenceRef(path=pointer(*base, "superior_funded", "high_end_share"), value=sup),
            ),
            threshold=CO_FUNDING_GAP,
            strength=above(co - sup, CO_FUNDING_GAP),
        )
    ]


def _vague_superiors(sections: Sections) -> list[Recommendation]:
    found = []
    p1 = dict_at(sections, "factors", "p1_ambiguity")
    children: dict[str, list[str]] = {}
    for link in list_at(p1, "links"):
        if link.get("modified"):
            children.setdefault(str(link.get("superior_clause_id")), []).append(
                str(link.get("clause_id"))
            )
    for i, clause in enumerate(list_at(p1, "clauses")):
        cid = str(clause.get("clause_id"))
        terms = sorted({str(t.get("term")) for t in list_at(clause, "vague_terms")})
        if len(terms) < VAGUE_TERMS or cid not in children:
            continue
        below_ids = sorted(children[cid])
        missing = [str(m) for m in clause.get("missing_elements") or []]
        missing_zh = [ELEMENT_ZH.get(m, m) for m in missing]
        base = ("factors", "p1_ambiguity", "clauses", i)
        found.append(
            Recommendation(
                remedy="hierarchical",
                code="hier.vague_superior",
                text_zh=f"上级条款 {cid} 使用“{'”“'.join(terms)}”等模糊用词"
                + (f"，未规定{'、'.join(missing_zh)}" if missing else "")
                + f"，由下级（{'、'.join(below_ids)}）再制定：明确标准与兑现要素，"
                "减少执行中的相机抉择。",
                text_en=f"Superior clause {cid} uses vague wording ({', '.join(terms)})"
                + (f" and lacks {', '.join(missing)}" if missing else "")
                + f"; the level below ({', '.join(below_ids)}) re-made it: state the standard "
                "and the elements of delivery.",
                evidence=(
                    EvidenceRef(
                        path=pointer(*base, "vague_terms"),
                        value=clause.get("vague_terms"),
                        clause_id=cid,
                    ),
                    EvidenceRef(
                        path=pointer(*base, "ambiguity"),
                        value=clause.get("ambiguity"),
                        clause_id=cid,
                    ),
                ),
                threshold=VAGUE_TERMS,
                # Every vague superior crossed the bar; the more marks of ambiguity, the more
                # room the level below had.
                strength=number(clause.get("ambiguity")) or 0.0,
            )
        )
    return found


HIERARCHICAL_RULES: tuple[Rule, ...] = (
    _high_status_money,
    _staged_funding,
    _co_funding,
    _vague_superiors,
    *GOGGIN_RULES,
)
RULES: tuple[Rule, ...] = (*HIERARCHICAL_RULES, *MULTI_RULES, *DIALOGUE_RULES)
