"""How the report prints numbers and names: percentages, nulls, verdicts, groups.

>>> pct(0.46666)
'46.7%'
>>> pct(None)
'—'
>>> num(2.1)
'2.10'
>>> count(1200)
'1,200'
>>> auto(0.3, "/d2_obstruction/clauses/1/landing_rate"), auto(2.1, "/d3_dialogue/awareness_mean")
('30.0%', '2.10')
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

__all__ = [
    "DASH",
    "LABELS",
    "auto",
    "count",
    "days",
    "evidence_json",
    "label",
    "label_en",
    "money",
    "num",
    "pct",
]

# Printed for every null: a share without a denominator, a median without data.
DASH = "—"

# Codes the JSON uses → (中文, English). One table so the report and the dashboard agree.
LABELS: dict[str, tuple[str, str]] = {
    # groups
    "general": ("一般人才", "general"),
    "middle": ("中端人才（D–F 类）", "middle (D–F)"),
    "high_end": ("高端人才（A–C 类）", "high-end (A–C)"),
    "startup": ("初创期企业", "start-up"),
    "growth": ("成长期企业", "growth"),
    "mature": ("成熟期企业", "mature"),
    # policy levels
    "central": ("中央", "central"),
    "province": ("省", "province"),
    "city": ("市", "city"),
    "district": ("县（区）", "district"),
    # funnel stages
    "eligible": ("符合条件", "eligible"),
    "phase_1": ("第一期", "phase 1"),
    "phase_2": ("第二期", "phase 2"),
    "phase_3": ("第三期", "phase 3"),
    "phase_4": ("第四期", "phase 4"),
    # survey answers
    "good": ("好", "good"),
    "fair": ("一般", "fair"),
    "poor": ("不佳", "poor"),
    "none": ("不知道渠道", "no channel"),
    "active": ("主动搜寻", "active search"),
    "outreach": ("政府宣传", "government outreach"),
    # Goggin verdicts
    "carried_out": ("已执行", "carried out"),
    "drifted": ("偏离", "drifted"),
    "not_carried_out": ("未执行", "not carried out"),
    "unknown": ("无法判断", "unknown"),
    "on_time": ("按时", "on time"),
    "delayed": ("延迟", "delayed"),
    "unchanged": ("未修改", "unchanged"),
    "narrowed": ("收窄", "narrowed"),
    "widened": ("放宽", "widened"),
    "changed": ("已修改", "changed"),
    # lineage changes of a criterion or amount
    "added": ("新增", "added"),
    "removed": ("删除", "removed"),
    "raised": ("提高", "raised"),
    "lowered": ("降低", "lowered"),
    # eligibility sources
    "rules": ("政策规则测算", "policy rules"),
    "applications": ("申请人", "applicants"),
    "case_steps": ("办理环节", "case steps"),
    "events": ("事件日志", "event log"),
    # six elements of a clause
    "who": ("谁执行", "who"),
    "whom": ("对谁", "whom"),
    "what": ("做什么", "what"),
    "how_much": ("多少", "how much"),
    "when": ("何时", "when"),
    "how": ("如何", "how"),
    # remedies
    "hierarchical": ("层级性治理", "hierarchical governance"),
    "multi_attribute": ("多属性治理", "multi-attribute governance"),
    "public_dialogue": ("公共对话", "public dialogue"),
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def pct(value: object, digits: int = 1) -> str:
    """A share in [0, 1] as a percentage with one decimal; null as a dash."""
    if _missing(value) or not isinstance(value, int | float):
        return DASH
    return f"{value * 100:.{digits}f}%"


def num(value: object, digits: int = 2) -> str:
    """A ratio, mean or index with two decimals; null as a dash."""
    if _missing(value) or not isinstance(value, int | float):
        return DASH
    return f"{value:,.{digits}f}"


def count(value: object) -> str:
    """A count with thousands separators; null as a dash."""
    if _missing(value) or not isinstance(value, int | float):
        return DASH
    return f"{round(value):,}"


def money(value: object) -> str:
    """Yuan, rounded to whole yuan; null as a dash."""
    if _missing(value) or not isinstance(value, int | float):
        return DASH
    return f"¥{round(value):,}"


def days(value: object) -> str:
    """Days (or working days) with one decimal; null as a dash."""
    return num(value, 1)


def label(code: object) -> str:
    """The Chinese label of a code, or the code itself; null as a dash."""
    if code is None:
        return DASH
    return LABELS.get(str(code), (str(code), str(code)))[0]


def label_en(code: object) -> str:
    if code is None:
        return DASH
    return LABELS.get(str(code), (str(code), str(code)))[1]


def evidence_json(evidence: Mapping[str, Any] | None) -> str:
    """The ``data-evidence`` attribute value: compact, key-sorted JSON (escaped by the template)."""
    if not evidence:
        return ""
    return json.dumps(evidence, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# Keys whose values are shares although their names do not end in _share or _rate.
_SHARE_KEYS = frozenset(
    {
        "share",
        "had_problem",
        "knew_department",
        "solved_among_knew",
        "solved_among_had_problem",
        "knew_among_all",
        "solved_among_all",
        "none",
        "active",
        "outreach",
    }
)


def auto(value: object, key: object = "") -> str:
    """A value formatted by what its key (or the last part of a JSON pointer) says it is."""
    name = str(key).rsplit("/", 1)[-1]
    if isinstance(value, bool):
        return "是 yes" if value else "否 no"
    if value is None or not isinstance(value, int | float):
        return DASH if value is None else str(value)
    if name.endswith(("_share", "_rate")) or name in _SHARE_KEYS:
        return pct(value)
    if name == "money" or name.startswith("money_per"):
        return money(value)
    if isinstance(value, int):
        return count(value)
    return num(value)
