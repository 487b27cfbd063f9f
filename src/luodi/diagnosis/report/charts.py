"""The report's charts, one function per figure, each from its section's JSON to inline SVG.

Every function takes the dicts of ``luodi diagnose --json`` and returns an ``<svg>`` string, or
"" when there is nothing to draw (the template then prints its table alone). Charts carry no
numbers the tables beside them lack: the tables hold the evidence links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from luodi.diagnosis.report.format import count, label, label_en, pct
from luodi.diagnosis.report.network_chart import network_chart, short_names
from luodi.diagnosis.report.svg import PALETTE, drawing, figure_svg

__all__ = [
    "allocation_chart",
    "awareness_chart",
    "channels_chart",
    "funnel_chart",
    "landing_chart",
    "network_chart",
    "problem_funnel_chart",
    "waiting_chart",
]

# Long lists (a province's clauses) are cut here; the table beside the chart lists them all.
MAX_BARS = 40
_WIDTH = 6.4

_SHARES: tuple[tuple[str, str, str], ...] = (
    ("population_share", "人口占比 population", PALETTE["grey"]),
    ("eligible_share", "符合条件占比 eligible", PALETTE["sky"]),
    ("recipient_share", "受益人占比 recipients", PALETTE["blue"]),
    ("money_share", "资金占比 money", PALETTE["red"]),
)


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def allocation_chart(rows: Sequence[Mapping[str, Any]], *, dimension: str) -> str:
    """Grouped bars: each group's share of population, eligible, recipients and money."""
    rows = [r for r in rows if isinstance(r, Mapping)]
    if not rows:
        return ""
    title = {
        "tier_group": "按人才层次的资源配置 Allocation by talent tier",
        "employer_stage": "按企业发展阶段的资源配置 Allocation by employer stage",
    }.get(dimension, dimension)
    n = len(rows)
    with drawing(_WIDTH, 1.2 + 0.85 * n) as fig:
        ax = fig.add_subplot()
        height = 0.8 / len(_SHARES)
        top = 0.0
        for k, (key, name, colour) in enumerate(_SHARES):
            ys = [i + (k - 1.5) * height for i in range(n)]
            values = [_num(r.get(key)) for r in rows]
            bars = ax.barh(ys, [v or 0.0 for v in values], height=height, color=colour, label=name)
            for bar, value in zip(bars, values, strict=True):
                ax.text(
                    bar.get_width() + 0.01,
                    bar.get_y() + height / 2,
                    pct(value),
                    va="center",
                    fontsize=7,
                )
                top = max(top, value or 0.0)
        ax.set_yticks(
            range(n), [f"{label(r.get('group'))}\n{label_en(r.get('group'))}" for r in rows]
        )
        ax.invert_yaxis()
        ax.set_xlim(0, min(1.0, top + 0.15) if top <= 0.85 else top + 0.15)
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)
        return figure_svg(fig, prefix=f"alloc-{dimension}", title=title)


def funnel_chart(funnel: Mapping[str, Any]) -> str:
    """Staged funding: eligible, then subjects paid each phase, with the loss between stages."""
    if not isinstance(funnel, Mapping) or _num(funnel.get("eligible")) is None:
        return ""
    phases = int(_num(funnel.get("phases")) or 4)
    stages = ["eligible", *(f"phase_{k}" for k in range(1, phases + 1))]
    stages = [s for s in stages if s in funnel]
    values = [_num(funnel.get(s)) or 0.0 for s in stages]
    clause = str(funnel.get("clause_id") or "")
    title = f"分阶段资助漏斗 Staged-funding funnel {clause}".strip()
    with drawing(_WIDTH, 3.0) as fig:
        ax = fig.add_subplot()
        colours = [PALETTE["grey"], *([PALETTE["blue"]] * (len(stages) - 1))]
        bars = ax.bar(range(len(stages)), values, color=colours, width=0.62)
        top = max(values, default=0.0) or 1.0
        for bar, value in zip(bars, values, strict=True):
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                value + top * 0.02,
                count(value),
                ha="center",
                va="bottom",
                fontsize=11,
                fontweight="bold",
            )
        for i in range(1, len(values)):
            lost = values[i - 1] - values[i]
            if lost > 0:
                ax.annotate(
                    f"−{count(lost)}",
                    xy=(i - 0.5, max(values[i - 1], values[i]) * 0.55 + top * 0.05),
                    ha="center",
                    color=PALETTE["red"],
                    fontsize=8,
                )
        ax.set_xticks(range(len(stages)), [f"{label(s)}\n{label_en(s)}" for s in stages])
        ax.set_ylim(0, top * 1.18)
        ax.set_ylabel("主体数 subjects")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        return figure_svg(fig, prefix=f"funnel-{clause or 'x'}", title=title)


def landing_chart(clauses: Sequence[Mapping[str, Any]]) -> str:
    """Per clause, received over eligible; a clause without eligible subjects shows a dash."""
    rows = [c for c in clauses if isinstance(c, Mapping)][:MAX_BARS]
    if not rows:
        return ""
    title = "条款落地率 Landing rate by clause (received / eligible)"
    values = [_num(c.get("landing_rate")) for c in rows]
    with drawing(_WIDTH, 0.9 + 0.32 * len(rows)) as fig:
        ax = fig.add_subplot()
        colours = [PALETTE["red"] if v is not None and v < 0.5 else PALETTE["blue"] for v in values]
        ax.barh(range(len(rows)), [v or 0.0 for v in values], color=colours, height=0.65)
        for i, value in enumerate(values):
            ax.text((value or 0.0) + 0.01, i, pct(value), va="center", fontsize=7)
        names = [f"{c.get('clause_id', '')} {c.get('number') or ''}".strip() for c in rows]
        ax.set_yticks(range(len(rows)), names, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, max(1.0, *(v or 0.0 for v in values)) * 1.12)
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
        ax.axvline(0.5, color=PALETTE["grey"], linewidth=0.6, linestyle=":")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        return figure_svg(fig, prefix="landing", title=title)


def waiting_chart(departments: Sequence[Mapping[str, Any]]) -> str:
    """Per department, median and 90th-percentile waiting days; veto departments marked."""
    rows = [
        d
        for d in departments
        if isinstance(d, Mapping) and _num(d.get("waiting_days_median")) is not None
    ][:MAX_BARS]
    if not rows:
        return ""
    title = "各部门等待时间 Waiting days by department (median, p90)"
    with drawing(_WIDTH, 0.9 + 0.36 * len(rows)) as fig:
        ax = fig.add_subplot()
        ys = range(len(rows))
        p90 = [_num(d.get("waiting_days_p90")) or 0.0 for d in rows]
        median = [_num(d.get("waiting_days_median")) or 0.0 for d in rows]
        ax.barh(ys, p90, color=PALETTE["sky"], height=0.7, label="P90")
        ax.barh(ys, median, color=PALETTE["blue"], height=0.4, label="中位数 median")
        for y, m, p in zip(ys, median, p90, strict=True):
            ax.text(p + 0.3, y, f"{m:.1f} / {p:.1f}", va="center", fontsize=7)
        short, _ = short_names([str(d.get("name") or d.get("department_id")) for d in rows])
        names = [f"{'◆ ' if d.get('is_veto') else ''}{n}" for d, n in zip(rows, short, strict=True)]
        ax.set_yticks(list(ys), names, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, max(p90, default=1.0) * 1.25 or 1.0)
        ax.set_xlabel("天 days（◆ 按钮部门 veto department）")
        ax.legend(loc="lower right")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        return figure_svg(fig, prefix="waiting", title=title)


def awareness_chart(awareness: Mapping[str, Any]) -> str:
    """Distribution of the 1–5 awareness answers with the mean marked."""
    dist = [d for d in (awareness.get("distribution") or []) if isinstance(d, Mapping)]
    if not dist:
        return ""
    title = "政策知晓度分布 Policy awareness (1 完全不了解 – 5 非常了解)"
    with drawing(_WIDTH, 2.8) as fig:
        ax = fig.add_subplot()
        xs = [_num(d.get("value")) or 0.0 for d in dist]
        counts = [_num(d.get("count")) or 0.0 for d in dist]
        bars = ax.bar(xs, counts, color=PALETTE["blue"], width=0.6)
        top = max(counts, default=0.0) or 1.0
        for bar, d in zip(bars, dist, strict=True):
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                bar.get_height() + top * 0.02,
                f"{count(d.get('count'))}\n{pct(d.get('share'))}",
                ha="center",
                va="bottom",
                fontsize=7,
            )
        mean = _num(awareness.get("mean"))
        if mean is not None:
            ax.axvline(mean, color=PALETTE["red"], linewidth=1.2, linestyle="--")
            ax.text(mean + 0.05, top * 1.15, f"均值 mean {mean:.2f}", color=PALETTE["red"])
        ax.set_xticks(xs, [f"{x:.0f}" for x in xs])
        ax.set_ylim(0, top * 1.3)
        ax.set_ylabel("人数 respondents")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        return figure_svg(fig, prefix="awareness", title=title)


def channels_chart(channels: Mapping[str, Any]) -> str:
    """One bar split into the three ways respondents learn of policies."""
    keys = ("none", "active", "outreach")
    values = [_num(channels.get(k)) for k in keys]
    if all(v is None for v in values):
        return ""
    title = "政策获知渠道 How respondents learn of policies"
    colours = (PALETTE["grey"], PALETTE["orange"], PALETTE["green"])
    with drawing(_WIDTH, 1.5) as fig:
        ax = fig.add_subplot()
        left = 0.0
        for key, value, colour in zip(keys, values, colours, strict=True):
            width = value or 0.0
            ax.barh([0], [width], left=left, color=colour, height=0.6)
            if width > 0.04:
                ax.text(
                    left + width / 2,
                    0,
                    f"{label(key)}\n{pct(value)}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if key != "none" else PALETTE["ink"],
                )
            left += width
        ax.set_xlim(0, max(1.0, left))
        ax.set_yticks([])
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
        ax.spines["left"].set_visible(False)
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        return figure_svg(fig, prefix="channels", title=title)


def problem_funnel_chart(funnel: Mapping[str, Any]) -> str:
    """Shares of all respondents at each stage, each bar also labelled with its stage share."""
    had = _num(funnel.get("had_problem"))
    if had is None:
        return ""
    derived = funnel.get("derived") or {}
    rows: list[tuple[str, float | None, str]] = [
        ("全体受访者 all respondents", 1.0, ""),
        ("遇到问题 had a problem", had, ""),
        (
            "有问题且知道部门 … knew the department",
            _num(derived.get("knew_among_all")),
            f"占有问题者 {pct(funnel.get('knew_department'))} of those with a problem",
        ),
        (
            "有问题、知道部门且解决 … got it solved",
            _num(derived.get("solved_among_all")),
            f"占知道部门者 {pct(funnel.get('solved_among_knew'))} of those who knew;\n"
            f"占有问题者 {pct(derived.get('solved_among_had_problem'))} of those with a problem",
        ),
    ]
    title = "问题解决漏斗（占全体受访者）Problem funnel, share of all respondents"
    with drawing(_WIDTH, 2.6) as fig:
        ax = fig.add_subplot()
        values = [v or 0.0 for _, v, _ in rows]
        colours = [PALETTE["grey"], PALETTE["orange"], PALETTE["sky"], PALETTE["green"]]
        ax.barh(range(len(rows)), values, color=colours, height=0.62)
        for i, (_, value, note) in enumerate(rows):
            text = pct(value) + (f"  ({note})" if note else "")
            ax.text((value or 0.0) + 0.01, i, text, va="center", fontsize=7)
        ax.set_yticks(range(len(rows)), [name for name, _, _ in rows], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 2.3)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        return figure_svg(fig, prefix="problems", title=title)
