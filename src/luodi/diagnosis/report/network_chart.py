"""Figure 1: the sequential execution network — departments, handovers, veto departments, stops.

>>> short_names(["C产业集聚区人才办", "C产业集聚区审计局", "H市公安局C产业集聚区分局"])
(['人才办', '审计局', 'H市公安局C产业集聚区分局'], 'C产业集聚区')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from luodi.diagnosis.report.layout import LaidEdge, Layout, layered_layout
from luodi.diagnosis.report.svg import PALETTE, drawing, figure_svg

__all__ = ["network_chart", "short_names"]

_DX, _DY = 1.9, 1.6  # distance between node centres, in axis units
_VX = 0.5  # the slot a virtual node (a line passing a row) takes
_BW, _BH = 1.6, 0.9  # node box size
_BACK_SHIFT = 0.14  # a returned handover runs beside the forward line it shadows
_VETO_FILL = "#FBE3D6"
_NODE_FILL = "#E8F1F8"
_MAX_NODES = 40
_REGION_ENDS = ("区", "市", "县", "省")


def short_names(names: Sequence[str]) -> tuple[list[str], str]:
    """Drop the region prefix most names share ("C产业集聚区…"): the boxes are small."""

    def prefix(name: str) -> str:
        ends = [name.find(ch) for ch in _REGION_ENDS if 0 < name.find(ch) < 10]
        return name[: min(ends) + 1] if ends else ""

    prefixes = Counter(p for p in map(prefix, names) if p)
    if not prefixes:
        return list(names), ""
    common, n = prefixes.most_common(1)[0]
    if n * 2 < len(names):
        return list(names), ""
    out = [
        name[len(common) :] if name.startswith(common) and len(name) > len(common) else name
        for name in names
    ]
    return out, common


def _wrap(text: str, width: int = 8, lines: int = 2) -> str:
    parts = [text[i : i + width] for i in range(0, len(text), width)] or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], parts[lines - 1][: width - 1] + "…"]
    return "\n".join(parts)


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _centres(layout: Layout) -> dict[str, tuple[float, float]]:
    """Node centres: rows top-down, each row centred, virtual nodes in narrow slots."""
    centres: dict[str, tuple[float, float]] = {}
    for layer in range(layout.layers):
        row = layout.row(layer)
        widths = [_VX if p.virtual else _DX for p in row]
        x = -sum(widths) / 2
        for p, w in zip(row, widths, strict=True):
            centres[p.node] = (x + w / 2, -layer * _DY)
            x += w
    return centres


def _route(
    layout_edge: LaidEdge, centres: dict[str, tuple[float, float]]
) -> list[tuple[float, float]]:
    """The points of a handover's line: out of the source box, past its virtual nodes, in."""
    (x1, y1), (x2, y2) = centres[layout_edge.source], centres[layout_edge.target]
    down = y2 < y1
    points = [(x1, y1 - _BH / 2 if down else y1 + _BH / 2)]
    points += [centres[v] for v in layout_edge.via]
    points.append((x2, y2 + _BH / 2 if down else y2 - _BH / 2))
    if layout_edge.back:
        points = [(x + _BACK_SHIFT, y) for x, y in points]
    return points


def network_chart(network: Mapping[str, Any]) -> str:
    """The handover graph as layered boxes and arrows; "" when no case touched a department."""
    nodes = [n for n in (network.get("nodes") or []) if isinstance(n, Mapping)]
    edges = [e for e in (network.get("edges") or []) if isinstance(e, Mapping)]
    entry = {
        str(e.get("department_id")): _int(e.get("cases"))
        for e in (network.get("entry") or [])
        if isinstance(e, Mapping)
    }
    linked = {str(e.get("source")) for e in edges} | {str(e.get("target")) for e in edges}
    # A department no case reached is listed in the table, not drawn.
    shown = [n for n in nodes if _int(n.get("cases")) > 0 or str(n.get("department_id")) in linked]
    shown = sorted(shown, key=lambda n: -_int(n.get("cases")))[:_MAX_NODES]
    if not shown:
        return ""
    ids = sorted(str(n.get("department_id")) for n in shown)
    info = {str(n.get("department_id")): n for n in shown}
    layout = layered_layout(
        nodes=ids,
        edges=[(str(e.get("source")), str(e.get("target")), _int(e.get("cases"))) for e in edges],
        entry=sorted(entry, key=lambda d: (-entry[d], d)),
    )
    centres = _centres(layout)
    names, dropped = short_names([str(info[i].get("name") or i) for i in ids])
    name_of = dict(zip(ids, names, strict=True))
    heaviest = max((e.cases for e in layout.edges), default=1) or 1
    title = "图1 人才政策执行的序列型执行网络 Figure 1 Sequential execution network"
    xs = [x for x, _ in centres.values()]
    span = max(xs) - min(xs) + _BW + 0.6
    # Equal aspect: the height follows from the width the rows need.
    width = min(10.0, max(5.0, 0.62 * span))
    height = width / span * (layout.layers * _DY + 0.6) + 0.9
    with drawing(width, height) as fig:
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_aspect("equal")
        for edge in layout.edges:
            width = 0.6 + 4.4 * edge.cases / heaviest
            colour, line = (PALETTE["grey"], "--") if edge.back else ("#5B7C99", "-")
            points = _route(edge, centres)
            codes = [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
            ax.add_patch(
                FancyArrowPatch(
                    path=Path(points, codes),
                    arrowstyle="-|>",
                    mutation_scale=8 + width * 2,
                    linewidth=width,
                    linestyle=line,
                    color=colour,
                    alpha=0.85,
                    shrinkA=0,
                    shrinkB=1,
                )
            )
            # The label sits on the middle segment, a little towards the source.
            k = (len(points) - 2) // 2
            (ax0, ay0), (ax1, ay1) = points[k], points[k + 1]
            ax.text(
                ax0 + (ax1 - ax0) * 0.45,
                ay0 + (ay1 - ay0) * 0.45,
                str(edge.cases),
                ha="center",
                va="center",
                fontsize=7,
                color=colour,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            )
        for node in ids:
            x, y = centres[node]
            veto = bool(info[node].get("is_veto"))
            ax.add_patch(
                FancyBboxPatch(
                    (x - _BW / 2, y - _BH / 2),
                    _BW,
                    _BH,
                    boxstyle="round,pad=0.02,rounding_size=0.08",
                    facecolor=_VETO_FILL if veto else _NODE_FILL,
                    edgecolor=PALETTE["red"] if veto else "#5B7C99",
                    linewidth=2.0 if veto else 0.8,
                )
            )
            name = ("◆ " if veto else "") + name_of[node]
            ax.text(x, y + 0.17, _wrap(name), ha="center", va="center", fontsize=7)
            stopped = _int(info[node].get("stopped"))
            status = f"经办 {_int(info[node].get('cases'))} · 停 {stopped}"
            if node in entry:
                status += f"\n入口 {entry[node]}"
            ax.text(
                x,
                y - 0.25,
                status,
                ha="center",
                va="center",
                fontsize=6.5,
                color=PALETTE["red"] if stopped else PALETTE["ink"],
                linespacing=1.3,
            )
        xs = [x for x, _ in centres.values()]
        ax.set_xlim(min(xs) - _BW / 2 - 0.3, max(xs) + _BW / 2 + 0.3)
        ax.set_ylim(-(layout.layers - 1) * _DY - _BH / 2 - 0.3, _BH / 2 + 0.3)
        note = (
            "◆ 红框 = 按钮部门 veto department · 线宽与数字 = 移交案件数 cases handed over · "
            "停 = 停滞于此的案件 cases stopped here · 入口 = 由此受理 entry · 虚线 = 回退 returned"
        )
        if dropped:
            note += f" · 名称省略前缀“{dropped}”"
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        fig.text(0.01, 0.005, note, fontsize=6, color="#555555", wrap=True)
        return figure_svg(fig, prefix="network", title=title)
