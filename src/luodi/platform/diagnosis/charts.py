"""The report's charts on the dashboard: drawn once per data version and kept in the cache."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from luodi.platform.diagnosis.selectors import CACHE_PREFIX, DiagnosisResult, cached

__all__ = ["dashboard_charts"]


def _get(report: Mapping[str, Any], *path: str) -> Any:
    node: Any = report
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def _draw(report: Mapping[str, Any]) -> dict[str, str]:
    # Imported here: matplotlib loads only when a chart is drawn, not with every page.
    from luodi.diagnosis.report import charts
    from luodi.diagnosis.report.network_chart import network_chart

    d1 = ("d1_function_alienation",)
    d2 = ("d2_obstruction",)
    d3 = ("d3_dialogue",)
    drawn: dict[str, Callable[[], str]] = {
        "by_tier_group": lambda: charts.allocation_chart(
            _get(report, *d1, "allocation", "by_tier_group") or [], dimension="tier_group"
        ),
        "by_employer_stage": lambda: charts.allocation_chart(
            _get(report, *d1, "allocation", "by_employer_stage") or [],
            dimension="employer_stage",
        ),
        "funnel": lambda: charts.funnel_chart(_get(report, *d1, "funnel") or {}),
        "landing": lambda: charts.landing_chart(_get(report, *d2, "clauses") or []),
        "waiting": lambda: charts.waiting_chart(_get(report, *d2, "departments") or []),
        "network": lambda: network_chart(_get(report, *d2, "network") or {}),
        "awareness": lambda: charts.awareness_chart(_get(report, *d3, "awareness") or {}),
        "channels": lambda: charts.channels_chart(_get(report, *d3, "channels") or {}),
        "problem_funnel": lambda: charts.problem_funnel_chart(
            _get(report, *d3, "problem_funnel") or {}
        ),
    }
    return {name: draw() for name, draw in drawn.items()}


def dashboard_charts(result: DiagnosisResult) -> dict[str, SafeString]:
    """Inline SVG of each chart, by name; an empty string where there is nothing to draw.

    The SVG is matplotlib's own output, in which every text (department names included) is
    XML-escaped, so it is marked safe as a whole.
    """
    svgs, _ = cached(f"{CACHE_PREFIX}{result.stamp}:charts", lambda: _draw(result.report))
    return {name: mark_safe(svg) for name, svg in svgs.items()}  # noqa: S308 - see docstring
