"""`luodi survey …`: survey analyses, starting with the study's Table 1."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

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


@command.command(name="report")
@click.option(
    "--survey",
    "survey",
    default=None,
    help="Survey id in the data, or a questionnaire file (YAML or XLSForm .xlsx) whose "
    "survey_id, skip logic and scales to use.",
)
@click.option(
    "--source",
    default="demo",
    show_default=True,
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
@click.option(
    "--notes",
    "notes_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Interview notes coded with the study's themes (CSV, XLSX or YAML, as for "
    "`luodi survey notes`): adds the interviews grouped by tag.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Also write a self-contained HTML page to this file.",
)
def report_command(
    survey: str | None,
    source: str,
    engine_name: str,
    notes_file: Path | None,
    as_json: bool,
    html_out: str | None,
) -> None:
    """Survey report (问卷分析报告): profile, means with 95% CIs, cross-tabs, alpha, funnel,
    free text and interview notes by theme."""
    from luodi.engines import EngineUnavailable, get_engine
    from luodi.sources import load_dataset
    from luodi.survey.instrument import (
        Instrument,
        InstrumentError,
        instrument_from_xlsform,
        load_instrument,
    )
    from luodi.survey.notes import InterviewNote, notes_import
    from luodi.survey.report import survey_report

    notes: tuple[InterviewNote, ...] = ()
    if notes_file is not None:
        read = notes_import(path=notes_file)
        if not read.ok:
            for problem in read.problems:
                click.echo(str(problem), err=True)
            raise click.ClickException(
                f"{notes_file}: the notes have errors (above); fix them or check them with "
                "`luodi survey notes`"
            )
        notes = read.notes
    instrument: Instrument | None = None
    survey_id = survey
    try:
        if survey is not None and Path(survey).is_file():
            path = Path(survey)
            instrument = (
                instrument_from_xlsform(path)
                if path.suffix.lower() in (".xlsx", ".xls")
                else load_instrument(path)
            )
            survey_id = None
        dataset = load_dataset(source)
        engine = get_engine(engine_name)
        result = survey_report(
            dataset=dataset,
            engine=engine,
            survey_id=survey_id,
            instrument=instrument,
            notes=notes,
        )
    except (ValueError, EngineUnavailable, InstrumentError) as error:
        raise click.ClickException(str(error)) from error
    data = result.to_dict()
    if html_out is not None:
        from luodi.survey.report_html import report_html

        Path(html_out).write_text(report_html(data), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"问卷 {data['survey_id']}：{data['respondents']} 份")
    for item in data["likert"]:
        if item["mean"] is not None:
            ci = item["ci95"]
            interval = f"[{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "—"
            click.echo(
                f"  {item['code']}: 均值 {item['mean']:.2f}，95% CI {interval}，n={item['n']}"
            )
    funnel = data["funnel"]
    if funnel is not None:
        click.echo(
            f"  问题漏斗：遇到问题 {_percent(funnel['had_problem'])}%，知道部门 "
            f"{_percent(funnel['knew_department'])}%，得到解决 "
            f"{_percent(funnel['solved_among_knew'])}%"
        )
    for flag in data["flags"]:
        click.echo(f"  ⚠ {flag['section']} {flag['item']}: {flag['kind']} — {flag['text']}")


def _register() -> None:
    # Import of 问卷星 exports and interview notes lives in its own module.
    from luodi.cli.survey_anonymise import anonymise_command
    from luodi.cli.survey_import import import_command, notes_command

    command.add_command(import_command)
    command.add_command(notes_command)
    command.add_command(anonymise_command)


_register()
