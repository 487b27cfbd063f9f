"""Public dialogue (公共对话) rules: publicity, channels, routing, solving problems, staffing.

Triggered by D3 figures (awareness, channels, the problem funnel, the dialogue desk's rates
per department) and P4 staffing.
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

__all__ = ["DIALOGUE_RULES"]

# Below the middle of the 1–5 scale respondents lean to not knowing the policies.
AWARENESS_MEAN = 3.0
NO_CHANNEL_SHARE = 0.1
KNEW_DEPARTMENT = 0.5
SOLVED_AMONG_KNEW = 0.8
DESK_RESOLUTION = 0.6
DESK_ON_TIME = 0.8
MIN_INQUIRIES = 10
STAFF_PER_1000 = 2.0

_D3 = "d3_dialogue"


def _awareness(sections: Sections) -> list[Recommendation]:
    mean = number(dict_at(sections, _D3).get("awareness_mean"))
    if mean is None or mean >= AWARENESS_MEAN:
        return []
    return [
        Recommendation(
            remedy="public_dialogue",
            code="dialogue.awareness",
            text_zh=f"政策总体知晓度均值仅 {mean:.2f}（1–5 分）：加大政策宣导，编印政策汇编，"
            "按人才和企业画像主动推送其可享受的政策（免申即享）。",
            text_en=f"Mean policy awareness is only {mean:.2f} on 1–5: step up publicity and "
            "push each talent and firm the policies they are entitled to.",
            evidence=(EvidenceRef(path=pointer(_D3, "awareness_mean"), value=mean),),
            threshold=AWARENESS_MEAN,
            strength=below(mean, AWARENESS_MEAN),
        )
    ]


def _no_channel(sections: Sections) -> list[Recommendation]:
    channels = dict_at(sections, _D3, "channels")
    none, outreach = number(channels.get("none")), number(channels.get("outreach"))
    if none is None or none < NO_CHANNEL_SHARE:
        return []
    evidence = [EvidenceRef(path=pointer(_D3, "channels", "none"), value=none)]
    if outreach is not None:
        evidence.append(EvidenceRef(path=pointer(_D3, "channels", "outreach"), value=outreach))
    return [
        Recommendation(
            remedy="public_dialogue",
            code="dialogue.channels",
            text_zh=f"{pct(none)} 的受访者不知道通过何种渠道获取政策信息，政府宣传覆盖 "
            f"{pct(outreach)}：建设统一的线上政策对话平台，并通过用人单位、微信公众号主动触达。",
            text_en=f"{pct(none)} of respondents know no channel for policy information and "
            f"outreach reaches {pct(outreach)}: build one online dialogue platform and reach "
            "talents through employers and WeChat.",
            evidence=tuple(evidence),
            threshold=NO_CHANNEL_SHARE,
            strength=above(none, NO_CHANNEL_SHARE),
        )
    ]


def _knew_department(sections: Sections) -> list[Recommendation]:
    funnel = dict_at(sections, _D3, "problem_funnel")
    knew = number(funnel.get("knew_department"))
    if knew is None or knew >= KNEW_DEPARTMENT:
        return []
    evidence = [EvidenceRef(path=pointer(_D3, "problem_funnel", "knew_department"), value=knew)]
    all_knew = number(dict_at(funnel, "derived").get("knew_among_all"))
    if all_knew is not None:
        evidence.append(
            EvidenceRef(
                path=pointer(_D3, "problem_funnel", "derived", "knew_among_all"), value=all_knew
            )
        )
    return [
        Recommendation(
            remedy="public_dialogue",
            code="dialogue.routing",
            text_zh=f"遇到问题者中只有 {pct(knew)} 知道归属部门：设立统一的诉求受理入口，"
            "由平台按职责自动分派承办部门，公开办理时限。",
            text_en=f"Only {pct(knew)} of those with a problem knew which department handles "
            "it: one entry point for appeals, routed to the department by the platform, with "
            "published deadlines.",
            evidence=tuple(evidence),
            threshold=KNEW_DEPARTMENT,
            strength=below(knew, KNEW_DEPARTMENT),
        )
    ]


def _unsolved(sections: Sections) -> list[Recommendation]:
    funnel = dict_at(sections, _D3, "problem_funnel")
    solved = number(funnel.get("solved_among_knew"))
    if solved is None or solved >= SOLVED_AMONG_KNEW:
        return []
    evidence = [EvidenceRef(path=pointer(_D3, "problem_funnel", "solved_among_knew"), value=solved)]
    overall = number(dict_at(funnel, "derived").get("solved_among_had_problem"))
    if overall is not None:
        evidence.append(
            EvidenceRef(
                path=pointer(_D3, "problem_funnel", "derived", "solved_among_had_problem"),
                value=overall,
            )
        )
    return [
        Recommendation(
            remedy="public_dialogue",
            code="dialogue.solving",
            text_zh=f"知道归属部门者中只有 {pct(solved)} 的问题得到解决，有问题者中仅 "
            f"{pct(overall)} 知道部门且得到解决：答复后由提问人确认是否解决，未解决可重办，"
            "并把反馈用于政策调整。",
            text_en=f"Only {pct(solved)} of those who knew the department got the problem "
            f"solved ({pct(overall)} of all with a problem): have citizens confirm solutions, "
            "allow reopening and feed the results into policy adjustment.",
            evidence=tuple(evidence),
            threshold=SOLVED_AMONG_KNEW,
            strength=below(solved, SOLVED_AMONG_KNEW),
        )
    ]


def _desk(sections: Sections) -> list[Recommendation]:
    """One recommendation per desk rate, naming every department below its threshold."""
    found = []
    groups = list_at(sections, _D3, "inquiries", "groups")
    for rate_name, threshold, zh, en in (
        ("resolution_rate", DESK_RESOLUTION, "问题解决率", "resolution rate"),
        ("on_time_rate", DESK_ON_TIME, "按时答复率", "on-time answer rate"),
    ):
        low: list[tuple[float, str, int, dict[str, Any]]] = []
        for i, group in enumerate(groups):
            did = dict_at(group, "group").get("department_id")
            rate = dict_at(group, rate_name)
            value, den = number(rate.get("value")), number(rate.get("denominator"))
            if not did or value is None or den is None or den < MIN_INQUIRIES:
                continue
            if value < threshold:
                low.append((value, str(did), i, rate))
        if not low:
            continue
        low.sort(key=lambda item: (item[0], item[1]))
        listed_zh = "、".join(
            f"{did} {pct(value)}（{rate.get('numerator')}/{rate.get('denominator')}）"
            for value, did, _, rate in low
        )
        listed_en = ", ".join(
            f"{did} {pct(value)} ({rate.get('numerator')}/{rate.get('denominator')})"
            for value, did, _, rate in low
        )
        found.append(
            Recommendation(
                remedy="public_dialogue",
                code=f"dialogue.desk_{rate_name.removesuffix('_rate')}",
                text_zh=f"政策对话平台上诉求{zh}低于 {pct(threshold)} 的部门：{listed_zh}："
                "对这些部门的诉求办理督办，并把诉求办理纳入部门考核。",
                text_en=f"Departments whose {en} at the dialogue desk is below "
                f"{pct(threshold)}: {listed_en}: supervise their handling of inquiries and "
                "count it in their evaluation.",
                evidence=tuple(
                    EvidenceRef(
                        path=pointer(_D3, "inquiries", "groups", i, rate_name, "value"),
                        value=value,
                        department_id=did,
                    )
                    for value, did, i, _ in low
                ),
                threshold=threshold,
                strength=below(low[0][0], threshold),
            )
        )
    return found


def _staffing(sections: Sections) -> list[Recommendation]:
    p4 = dict_at(sections, "factors", "p4_organisation")
    per_1000 = number(p4.get("staff_per_1000_talents"))
    if per_1000 is None or per_1000 >= STAFF_PER_1000:
        return []
    offices = [str(d) for d in p4.get("talent_office_ids") or []]
    return [
        Recommendation(
            remedy="public_dialogue",
            code="dialogue.staffing",
            text_zh=f"人才办仅 {p4.get('talent_office_staff')} 名工作人员服务 "
            f"{p4.get('talents')} 名人才（每千人 {per_1000:.2f} 名）："
            "充实政策对话力量，或由平台分担咨询分派与答复跟踪。",
            text_en=f"{p4.get('talent_office_staff')} talent-office staff serve "
            f"{p4.get('talents')} talents ({per_1000:.2f} per 1,000): add staff for dialogue "
            "or let the platform route and track inquiries.",
            evidence=(
                EvidenceRef(
                    path=pointer("factors", "p4_organisation", "staff_per_1000_talents"),
                    value=per_1000,
                    department_id=offices[0] if len(offices) == 1 else None,
                ),
            ),
            threshold=STAFF_PER_1000,
            strength=below(per_1000, STAFF_PER_1000),
        )
    ]


DIALOGUE_RULES: tuple[Rule, ...] = (
    _awareness,
    _no_channel,
    _knew_department,
    _unsolved,
    _desk,
    _staffing,
)
