"""The scorecard JSON turned into what the page renders, narrowed to what the viewer may see.

A viewer without ``may_see_scorecard_detail`` for a subject gets its name and ranks only: its
scores and indicator values are left out here, so they never reach the HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Cell",
    "DetailRow",
    "RankRow",
    "ScorecardView",
    "SensitivityRow",
    "scorecard_view",
    "value_text",
]

# Trend of a value against the previous period: arrow, and whether that is better or worse.
_ARROWS = {"up": "▲", "down": "▼", "flat": "—"}
_GROUP_ZH = {"hard": "硬指标", "process": "过程指标", "rated": "评价指标"}


def value_text(value: float | None, unit: str) -> str:
    """A value as the page shows it: shares as per cent, money with separators."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.1f}%"
    if unit == "元":
        return f"{value:,.0f}"
    if unit == "分":
        # Mean scores: two decimals always, so 4.00 and 4.50 line up in a column.
        return f"{value:.2f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


@dataclass(frozen=True, kw_only=True)
class RankRow:
    id: str
    name: str
    rank: int | None
    hard_only_rank: int | None
    change: int | None  # places gained under the scheme against hard-only
    score: float | None  # None when the viewer may not see it
    hard_only_score: float | None
    coverage: float | None
    detail: bool
    own: bool


@dataclass(frozen=True, kw_only=True)
class Cell:
    text: str
    rank: int | None
    arrow: str
    better: bool | None  # whether the trend is an improvement (None: no trend)
    short: bool  # a rated mean withheld for too few raters
    note: str


@dataclass(frozen=True, kw_only=True)
class DetailRow:
    id: str
    name: str
    cells: list[Cell]


@dataclass(frozen=True, kw_only=True)
class SensitivityRow:
    id: str
    name: str
    ranks: list[int | None]


@dataclass(frozen=True, kw_only=True)
class ScorecardView:
    scheme: dict[str, Any]
    indicators: list[dict[str, Any]]
    groups: list[tuple[str, int]]  # group name (zh) and how many indicator columns it spans
    ranking: list[RankRow]
    hard_only: list[RankRow]
    movers: list[dict[str, Any]]
    detail: list[DetailRow]
    sensitivity_weights: list[float]
    sensitivity: list[SensitivityRow]
    kendall_tau: list[float | None]
    ratings: dict[str, Any]
    sees_all: bool


def _cell(indicator: dict[str, Any], found: dict[str, Any], min_raters: int | None) -> Cell:
    value = found.get("value")
    trend = found.get("trend")
    up_is_better = indicator["direction"] == "higher"
    better = None
    if trend in ("up", "down"):
        better = (trend == "up") == up_is_better
    note = str(found.get("note") or "")
    short = indicator["group"] == "rated" and value is None and "评价人数不足" in note
    if short:
        least = min_raters if min_raters is not None else "—"
        text = f"评价人数不足（{found.get('n', 0)}/最少 {least}）"
    else:
        text = value_text(value, indicator["unit"])
    return Cell(
        text=text,
        rank=found.get("rank"),
        arrow=_ARROWS.get(str(trend), ""),
        better=better,
        short=short,
        note="" if short else note,
    )


def _groups(indicators: list[dict[str, Any]]) -> list[tuple[str, int]]:
    spans: list[tuple[str, int]] = []
    for indicator in indicators:
        name = _GROUP_ZH.get(indicator["group"], indicator["group"])
        if spans and spans[-1][0] == name:
            spans[-1] = (name, spans[-1][1] + 1)
        else:
            spans.append((name, 1))
    return spans


def scorecard_view(
    report: dict[str, Any], *, may_see: Callable[[str], bool], own_id: str | None
) -> ScorecardView:
    """What the page shows of ``report`` to a viewer who may see the detail of ``may_see``."""
    subjects = report["subjects"]
    by_id = {s["id"]: s for s in subjects}
    seen = {s["id"] for s in subjects if may_see(s["id"])}

    def row(subject: dict[str, Any]) -> RankRow:
        detail = subject["id"] in seen
        rank, hard = subject.get("rank"), subject.get("hard_only_rank")
        return RankRow(
            id=subject["id"],
            name=subject["name"],
            rank=rank,
            hard_only_rank=hard,
            change=hard - rank if rank is not None and hard is not None else None,
            score=subject.get("score") if detail else None,
            hard_only_score=subject.get("hard_only_score") if detail else None,
            coverage=subject.get("coverage") if detail else None,
            detail=detail,
            own=subject["id"] == own_id,
        )

    rankings = report["rankings"]
    indicators = sorted(
        report["indicators"],
        key=lambda i: (
            ("hard", "process", "rated").index(i["group"])
            if i["group"] in ("hard", "process", "rated")
            else 3
        ),
    )
    min_raters = report.get("ratings", {}).get("min_raters")
    detail = [
        DetailRow(
            id=s["id"],
            name=s["name"],
            cells=[_cell(i, s["values"].get(i["id"], {}), min_raters) for i in indicators],
        )
        for s in sorted(subjects, key=lambda s: s["id"])
        if s["id"] in seen
    ]
    sensitivity = report.get("sensitivity", {})
    return ScorecardView(
        scheme=report["scheme"],
        indicators=indicators,
        groups=_groups(indicators),
        ranking=[row(by_id[i]) for i in rankings["balanced"] if i in by_id],
        hard_only=[row(by_id[i]) for i in rankings["hard_only"] if i in by_id],
        movers=report.get("movers", []),
        detail=detail,
        sensitivity_weights=list(sensitivity.get("process_weights", [])),
        sensitivity=[
            SensitivityRow(id=i, name=by_id[i]["name"], ranks=list(ranks))
            for i, ranks in sorted(sensitivity.get("ranks", {}).items())
            if i in by_id
        ],
        kendall_tau=list(sensitivity.get("kendall_tau", [])),
        ratings=report.get("ratings", {}),
        sees_all=seen == set(by_id),
    )
