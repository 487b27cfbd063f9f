"""`luodi dialogue rates`: the desk's rates per department (and period), with their counts."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from luodi.contract import Dataset
    from luodi.dialogue.rates import DialogueRates, GroupRates, Rate

__all__ = ["command"]

_ENGINES = ("duckdb", "polars")
# Column heading, rate name; the mean is shown apart because it is not a share.
_COLUMNS = (
    ("响应率", "response_rate"),
    ("按期答复率", "on_time_rate"),
    ("解决率", "resolution_rate"),
    ("未确认", "unconfirmed_share"),
    ("满意率", "satisfaction_rate"),
    ("重办率", "reopen_rate"),
    ("知晓部门", "knew_department_share"),
    ("首次分派准确", "first_routing_accuracy"),
)


def _share(rate: Rate) -> str:
    value = rate.value
    shown = "—" if value is None else f"{value * 100:.1f}%"
    return f"{shown} ({rate.numerator}/{rate.denominator})"


def _block(label: str, rates: GroupRates, *, indent: str) -> list[str]:
    mean = rates.satisfaction_mean.value
    cells = [f"{heading} {_share(rates.rate(name))}" for heading, name in _COLUMNS]
    return [
        f"{indent}{label}：受理 {rates.submitted} 件，未办结 {rates.open} 件"
        f"（超期 {rates.overdue_open} 件），满意度均分 {'—' if mean is None else f'{mean:.2f}'}",
        f"{indent}  {' · '.join(cells[:4])}",
        f"{indent}  {' · '.join(cells[4:])}",
    ]


def _department_names(dataset: Dataset) -> dict[str, str]:
    rows = dataset["departments"].select(["department_id", "name"]).to_pylist()
    return {str(row["department_id"]): str(row["name"]) for row in rows}


def _readable(report: DialogueRates, names: dict[str, str]) -> str:
    lines = [
        f"公共对话指标（截至 {report.today.isoformat()}，"
        f"分组 {', '.join(report.by) or '全区'}"
        f"{'，按' + ('月' if report.period == 'month' else '季度') if report.period else ''}）"
    ]
    periods = [t.period for t in report.totals] if report.period else [None]
    for period in periods:
        if period is not None:
            lines.append(f"[{period}]")
        for rates in report.groups:
            if rates.period != period:
                continue
            parts = []
            for key, value in rates.group.items():
                if key == "department_id":
                    parts.append(names.get(str(value), str(value)) if value else "未分派")
                else:
                    parts.append(f"{key}={value}")
            lines += _block(" / ".join(parts) or "全区", rates, indent="  ")
        if period is not None:
            total = next(t for t in report.totals if t.period == period)
            lines += _block("本期全区", total, indent="  ")
    lines += _block("全区合计", report.total, indent="")
    return "\n".join(lines)


def _default_today(source: str) -> dt.date:
    # The demo's season ends on 31 December 2018; judged on today, every open one would be late.
    if source == "demo":
        from luodi.demo.workflow import END

        return END.date()
    return dt.date.today()


@click.command(name="rates")
@click.option(
    "--source",
    default="demo",
    show_default=True,
    help='"demo" for the demo district, or a folder of contract tables.',
)
@click.option(
    "--period",
    type=click.Choice(["month", "quarter"]),
    default=None,
    help="Also split by month or quarter of submission.",
)
@click.option(
    "--by",
    default="department_id",
    show_default=True,
    help="Comma-separated group keys: inquiry columns, or knew_department; empty for none.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Day deadlines are judged on (YYYY-MM-DD); default today, or 2018-12-31 for the demo.",
)
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(_ENGINES),
    default="duckdb",
    show_default=True,
    help="Engine that does the counting.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(
    source: str,
    period: str | None,
    by: str,
    today: dt.datetime | None,
    engine_name: str,
    as_json: bool,
) -> None:
    """Response, on-time, resolution, satisfaction and reopen rates per department (三率)."""
    from luodi.dialogue.rates import dialogue_rates
    from luodi.engines import EngineUnavailable, get_engine
    from luodi.sources import load_dataset

    day = today.date() if today is not None else _default_today(source)
    keys = tuple(key.strip() for key in by.split(",") if key.strip())
    try:
        dataset = load_dataset(source)
        report = dialogue_rates(
            inquiries=dataset, by=keys, period=period, today=day, engine=get_engine(engine_name)
        )
    except (ValueError, EngineUnavailable) as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_readable(report, _department_names(dataset)))
