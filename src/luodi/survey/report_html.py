"""A self-contained HTML page of ``luodi survey report`` (the dict of ``SurveyReport.to_dict``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

__all__ = ["report_html"]

_TEMPLATE = Path(__file__).with_name("templates") / "survey_report.html.j2"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}"


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def report_html(report: dict[str, Any]) -> str:
    """The report as one HTML page (no external assets); text is escaped."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_TEMPLATE.read_text(encoding="utf-8")).render(
        r=report, pct=_pct, num=_num
    )
