"""D3 对话缺失: policy awareness, information channels and the problem funnel from the survey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.quantities import to_int
from luodi.diagnosis.values import Evidence, Finding

__all__ = [
    "AWARENESS_VALUES",
    "CHANNELS",
    "FUNNEL_LABELS",
    "DialogueDeficit",
    "ItemCounts",
    "channel_shares",
    "dialogue_deficit",
    "item_counts",
    "item_counts_in",
    "problem_funnel_shares",
]

# Item codes of the study's questionnaire template (luodi.demo.survey writes the same).
AWARENESS_ITEM = "awareness"
CHANNEL_ITEM = "channel"
PROBLEM_ITEM, KNEW_ITEM, SOLVED_ITEM = "problem", "knew_department", "solved"
AWARENESS_VALUES = ("1", "2", "3", "4", "5")
CHANNELS = ("none", "active", "outreach")
# Below the scale's middle the respondents lean to "do not know the policies".
AWARENESS_MIDPOINT = 3.0

FUNNEL_LABELS: dict[str, dict[str, str]] = {
    "had_problem": {
        "zh": "回答者中在创业创新过程中遇到过问题的比例",
        "en": "share of respondents answering who met a problem in starting up or innovating",
    },
    "knew_department": {
        "zh": "遇到问题者中知道解决该问题归属部门的比例",
        "en": "share of those with a problem who knew which department handles it",
    },
    "solved_among_knew": {
        "zh": "知道归属部门者中问题得到妥善解决的比例",
        "en": "share of those who knew the department whose problem was solved",
    },
    "solved_among_had_problem": {
        "zh": "有问题者中知道部门且问题得到解决的比例（= 知道部门 × 得到解决）",
        "en": "share of those with a problem who knew the department and got it solved "
        "(= knew × solved among knew)",
    },
    "knew_among_all": {
        "zh": "全部受访者中遇到问题且知道归属部门的比例（= 遇到问题 × 知道部门；"
        "研究所称“最终只有21%的人解决了问题”即此乘积）",
        "en": "share of all respondents who met a problem and knew the department "
        "(= had a problem × knew; the study's 'only 21% solved' is this product)",
    },
    "solved_among_all": {
        "zh": "全部受访者中遇到问题、知道部门且问题得到解决的比例（三者相乘）",
        "en": "share of all respondents who met a problem, knew the department and got it "
        "solved (product of the three stages)",
    },
}


@dataclass(frozen=True, kw_only=True)
class ItemCounts:
    """Answers to one item in the survey chosen for it: value → respondents."""

    item_code: str
    survey_id: str | None
    counts: Mapping[str, int]

    def count(self, value: str) -> int:
        return int(self.counts.get(value, 0))

    def valid(self, values: Iterable[str]) -> int:
        return sum(self.count(v) for v in values)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _product(*factors: float | None) -> float | None:
    result = 1.0
    for factor in factors:
        if factor is None:
            return None
        result *= factor
    return result


def item_counts(ctx: DiagnosisContext, item_codes: Sequence[str]) -> dict[str, ItemCounts]:
    """Per item, the answer counts of the latest survey (by ``opened_on``) that holds answers
    to it; one grouped query over the responses."""
    responses = (
        ctx.frame("survey_responses")
        .filter(nw.col("item_code").is_in(list(item_codes)))
        .group_by("survey_id", "item_code", "value")
        .agg(nw.len().alias("n"))
    )
    by_item: dict[str, dict[str, dict[str, int]]] = {}
    for row in ctx.rows(responses):
        survey, item = str(row["survey_id"]), str(row["item_code"])
        value = "" if row["value"] is None else str(row["value"]).strip()
        answers = by_item.setdefault(item, {}).setdefault(survey, {})
        answers[value] = answers.get(value, 0) + to_int(row["n"])
    opened = {
        str(s["survey_id"]): s["opened_on"]
        for s in ctx.dataset["surveys"].select(["survey_id", "opened_on"]).to_pylist()
    }

    def latest(survey_id: str) -> tuple[dt.date, str]:
        day = opened.get(survey_id)
        return (day if isinstance(day, dt.date) else dt.date.min, survey_id)

    out: dict[str, ItemCounts] = {}
    for item in item_codes:
        surveys = by_item.get(item, {})
        chosen = max(surveys, key=latest) if surveys else None
        out[item] = ItemCounts(
            item_code=item,
            survey_id=chosen,
            counts=dict(surveys[chosen]) if chosen is not None else {},
        )
    return out


def _responses(counts: ItemCounts, value: str | None = None) -> dict[str, Any]:
    filters = {"survey_id": counts.survey_id or "", "item_code": counts.item_code}
    if value is not None:
        filters["value"] = value
    return Evidence(kind="responses", filters=filters).to_dict()


def _awareness(counts: ItemCounts) -> dict[str, Any]:
    valid_n = counts.valid(AWARENESS_VALUES)
    total = sum(int(v) * counts.count(v) for v in AWARENESS_VALUES)
    return {
        "survey_id": counts.survey_id,
        "valid_n": valid_n,
        "mean": total / valid_n if valid_n else None,
        "distribution": [
            {
                "value": int(v),
                "count": counts.count(v),
                "share": _share(counts.count(v), valid_n),
                "evidence": _responses(counts, v),
            }
            for v in AWARENESS_VALUES
        ],
        "evidence": _responses(counts),
    }


def problem_funnel_shares(
    problem: ItemCounts, knew: ItemCounts, solved: ItemCounts
) -> dict[str, Any]:
    answered = {
        "answered_problem": problem.valid(("yes", "no")),
        "had_problem": problem.count("yes"),
        "answered_knew": knew.valid(("yes", "no")),
        "knew": knew.count("yes"),
        "answered_solved": solved.valid(("yes", "no")),
        "solved": solved.count("yes"),
    }
    had = _share(answered["had_problem"], answered["answered_problem"])
    knew_share = _share(answered["knew"], answered["answered_knew"])
    solved_share = _share(answered["solved"], answered["answered_solved"])
    return {
        "had_problem": had,
        "knew_department": knew_share,
        "solved_among_knew": solved_share,
        "counts": answered,
        "derived": {
            "solved_among_had_problem": _product(knew_share, solved_share),
            "knew_among_all": _product(had, knew_share),
            "solved_among_all": _product(had, knew_share, solved_share),
        },
        "labels": {key: dict(label) for key, label in FUNNEL_LABELS.items()},
        "evidence": {
            "had_problem": _responses(problem, "yes"),
            "knew_department": _responses(knew, "yes"),
            "solved_among_knew": _responses(solved, "yes"),
        },
    }


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _desk_finding(inquiries: Mapping[str, Any] | None) -> list[Finding]:
    total = inquiries.get("total") if inquiries else None
    if not isinstance(total, dict):
        return []
    knew = total["knew_department_share"]
    solved = total["resolution_rate"]
    return [
        Finding(
            code="d3.desk",
            text_zh=f"政策对话平台共受理诉求 {total['submitted']} 件，提交人所选部门即承办部门的占 "
            f"{_percent(knew['value'])}（{knew['numerator']}/{knew['denominator']}），"
            f"办结诉求中经提问人确认解决的占 {_percent(solved['value'])}。",
            text_en=f"The dialogue desk received {total['submitted']} inquiries; the submitter "
            f"named the handling department in {_percent(knew['value'])} "
            f"({knew['numerator']}/{knew['denominator']}), and {_percent(solved['value'])} of "
            "closed ones were confirmed solved.",
            value=knew["value"],
            evidence=Evidence(kind="inquiries"),
        )
    ]


def _findings(
    awareness: dict[str, Any], channels: dict[str, float | None], funnel: dict[str, Any]
) -> list[Finding]:
    found: list[Finding] = []
    mean = awareness["mean"]
    survey = awareness["survey_id"] or ""
    if mean is not None:
        lean = "倾向于不了解" if mean < AWARENESS_MIDPOINT else "倾向于了解"
        lean_en = "lean to not knowing" if mean < AWARENESS_MIDPOINT else "lean to knowing"
        found.append(
            Finding(
                code="d3.awareness_mean",
                text_zh=f"政策总体知晓度均值为 {mean:.2f}（1 分完全不了解，5 分非常了解），"
                f"政策对象整体上{lean}。",
                text_en=f"Mean policy awareness is {mean:.2f} on 1–5; respondents {lean_en}.",
                value=mean,
                evidence=Evidence(
                    kind="responses", filters={"survey_id": survey, "item_code": AWARENESS_ITEM}
                ),
            )
        )
    if channels["none"] is not None:
        found.append(
            Finding(
                code="d3.channels",
                text_zh=f"{_percent(channels['none'])} 的受访者不知道通过何种渠道获取政策信息，"
                f"{_percent(channels['active'])} 主动搜寻，{_percent(channels['outreach'])} "
                "通过政府宣传获知。",
                text_en=f"{_percent(channels['none'])} know no channel, "
                f"{_percent(channels['active'])} search actively, "
                f"{_percent(channels['outreach'])} are reached by government outreach.",
                value=channels["none"],
            )
        )
    derived = funnel["derived"]
    if derived["solved_among_had_problem"] is not None:
        found.append(
            Finding(
                code="d3.problem_funnel",
                text_zh=f"{_percent(funnel['had_problem'])} 遇到过问题，其中 "
                f"{_percent(funnel['knew_department'])} 知道归属部门，知道者中 "
                f"{_percent(funnel['solved_among_knew'])} 问题得到解决：有问题者中只有 "
                f"{_percent(derived['solved_among_had_problem'])} 知道部门且问题得到解决；"
                f"全部受访者中遇到问题且知道部门的为 {_percent(derived['knew_among_all'])}。",
                text_en=f"{_percent(funnel['had_problem'])} met a problem; of those "
                f"{_percent(funnel['knew_department'])} knew the department; of those "
                f"{_percent(funnel['solved_among_knew'])} got it solved: only "
                f"{_percent(derived['solved_among_had_problem'])} of those with a problem "
                f"knew where to go and got it solved; {_percent(derived['knew_among_all'])} "
                "of all respondents met a problem and knew the department.",
                value=derived["solved_among_had_problem"],
            )
        )
    return found


@dataclass(frozen=True, kw_only=True)
class DialogueDeficit:
    """The ``d3_dialogue`` section of the report."""

    awareness: Mapping[str, Any]
    channels: Mapping[str, float | None]
    channel_counts: Mapping[str, int]
    channel_survey_id: str | None
    problem_funnel: Mapping[str, Any]
    inquiries: Mapping[str, Any] | None
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "awareness_mean": self.awareness["mean"],
            "awareness": dict(self.awareness),
            "channels": dict(self.channels),
            "channel_counts": dict(self.channel_counts),
            "channel_survey_id": self.channel_survey_id,
            "channel_evidence": {
                code: Evidence(
                    kind="responses",
                    filters={
                        "survey_id": self.channel_survey_id or "",
                        "item_code": CHANNEL_ITEM,
                        "value": code,
                    },
                ).to_dict()
                for code in CHANNELS
            },
            "problem_funnel": dict(self.problem_funnel),
            "inquiries": dict(self.inquiries) if self.inquiries is not None else None,
            "findings": [f.to_dict() for f in self.findings],
        }


def channel_shares(counts: ItemCounts) -> tuple[dict[str, float | None], dict[str, int]]:
    """Shares of the three channels among respondents who gave one of them, and the counts."""
    valid_n = counts.valid(CHANNELS)
    shares = {code: _share(counts.count(code), valid_n) for code in CHANNELS}
    return shares, {**{code: counts.count(code) for code in CHANNELS}, "valid_n": valid_n}


def _inquiry_rates(ctx: DiagnosisContext) -> dict[str, Any] | None:
    if ctx.count("inquiries") == 0:
        return None
    from luodi.dialogue.rates import dialogue_rates

    rates = dialogue_rates(
        inquiries=ctx.frame("inquiries"),
        by=("department_id",),
        today=ctx.as_of,
        engine=ctx.engine,
    )
    return rates.to_dict()


def dialogue_deficit(ctx: DiagnosisContext) -> DialogueDeficit:
    """The study's third deviation: awareness, channels, the problem funnel, the desk's rates."""
    items = item_counts(ctx, (AWARENESS_ITEM, CHANNEL_ITEM, PROBLEM_ITEM, KNEW_ITEM, SOLVED_ITEM))
    awareness = _awareness(items[AWARENESS_ITEM])
    channels, channel_counts = channel_shares(items[CHANNEL_ITEM])
    # The funnel's later questions are asked of the earlier ones' "yes": read all three from
    # the survey holding the first, so the stages describe the same respondents.
    funnel_survey = items[PROBLEM_ITEM].survey_id
    stages = [items[PROBLEM_ITEM], items[KNEW_ITEM], items[SOLVED_ITEM]]
    if funnel_survey is not None and any(s.survey_id != funnel_survey for s in stages[1:]):
        same = item_counts_in(ctx, (KNEW_ITEM, SOLVED_ITEM), funnel_survey)
        stages = [stages[0], same[KNEW_ITEM], same[SOLVED_ITEM]]
    funnel = problem_funnel_shares(*stages)
    inquiries = _inquiry_rates(ctx)
    return DialogueDeficit(
        awareness=awareness,
        channels=channels,
        channel_counts=channel_counts,
        channel_survey_id=items[CHANNEL_ITEM].survey_id,
        problem_funnel=funnel,
        inquiries=inquiries,
        findings=(*_findings(awareness, channels, funnel), *_desk_finding(inquiries)),
    )


def item_counts_in(
    ctx: DiagnosisContext, item_codes: Sequence[str], survey_id: str
) -> dict[str, ItemCounts]:
    """Answer counts of ``item_codes`` in one given survey."""
    responses = (
        ctx.frame("survey_responses")
        .filter(nw.col("item_code").is_in(list(item_codes)) & (nw.col("survey_id") == survey_id))
        .group_by("item_code", "value")
        .agg(nw.len().alias("n"))
    )
    counts: dict[str, dict[str, int]] = {item: {} for item in item_codes}
    for row in ctx.rows(responses):
        value = "" if row["value"] is None else str(row["value"]).strip()
        answers = counts[str(row["item_code"])]
        answers[value] = answers.get(value, 0) + to_int(row["n"])
    return {
        item: ItemCounts(item_code=item, survey_id=survey_id, counts=answers)
        for item, answers in counts.items()
    }
