"""`luodi survey …`: survey analyses, starting with the study's Table 1."""

from __future__ import annotations

import json
import unicodedata

import click

__all__ = ["command"]

_ENGINES = ("duckdb", "polars", "spark")


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[list[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    )


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}"


@click.group(name="survey")
def command() -> None:
    """Survey analyses (问卷分析)."""


@command.command(name="table1")
@click.option(
    "--source",
    required=True,
    help='"demo" for the demo district, or a folder of contract tables (CSV/Parquet/XLSX).',
)
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(_ENGINES),
    default="duckdb",
    show_default=True,
    help="Engine that does the counting.",
)
@click.option("--survey", "survey_id", default=None, help="Survey id, if the data holds several.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def table1_command(source: str, engine_name: str, survey_id: str | None, as_json: bool) -> None:
    """Table 1: respondents' profile (被调查者基本信息分布), next to the printed figures."""
    from luodi.engines import EngineUnavailable, get_engine
    from luodi.sources import load_dataset
    from luodi.survey import table1

    try:
        dataset = load_dataset(source)
        engine = get_engine(engine_name)
        result = table1(dataset=dataset, engine=engine, survey_id=survey_id)
    except (ValueError, EngineUnavailable) as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    lines = [["项目", "类别", "人数", "有效样本", "比例（%）", "原文（%）"]]
    previous = None
    for row in result.rows:
        lines.append(
            [
                row.item if row.item != previous else "",
                row.category,
                str(row.count),
                str(row.valid_n),
                _percent(row.share),
                _percent(row.printed_share),
            ]
        )
        previous = row.item
    click.echo("表1　被调查者基本信息分布表")
    click.echo(_aligned(lines))
    if result.inconsistent:
        click.echo("\n原文数据无法复现的项目：")
        for entry in result.inconsistent:
            click.echo(f"  {entry.item}：{entry.reason}")
