"""`luodi survey import FILE` and `luodi survey notes FILE`: 问卷星 exports and interview notes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

if TYPE_CHECKING:
    from luodi.survey.instrument import Instrument
    from luodi.survey.sheet import Encoding

__all__ = ["import_command", "notes_command"]

_ENCODINGS = ("auto", "utf-8", "gbk")


def _instrument(spec: str) -> Instrument:
    from luodi.survey.instrument import instrument_from_xlsform, load_instrument, study_template

    if spec == "template":
        return study_template()
    path = Path(spec)
    if path.suffix.lower() == ".xlsx":
        return instrument_from_xlsform(path)
    return load_instrument(path)


@click.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--instrument",
    "instrument_spec",
    default="template",
    show_default=True,
    help='Questionnaire: a YAML or XLSForm file, or "template" for the study\'s questionnaire.',
)
@click.option(
    "--mapping",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML mapping export headers to item codes and printed labels to option codes.",
)
@click.option("--respondent-column", default=None, help="Column with the questionnaire number.")
@click.option("--encoding", type=click.Choice(_ENCODINGS), default="auto", show_default=True)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="Folder for the tables."
)
@click.option("--region", "region_id", default="", help="region_id of the surveyed region.")
@click.option(
    "--opened-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="First day of fieldwork (default: today).",
)
@click.option("--skip-bad-rows", is_flag=True, help="Write the good rows even if some are bad.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_command(
    file: Path,
    instrument_spec: str,
    mapping: Path,
    respondent_column: str | None,
    encoding: str,
    out: Path | None,
    region_id: str,
    opened_on: dt.datetime | None,
    skip_bad_rows: bool,
    as_json: bool,
) -> None:
    """Check a 问卷星-style export (CSV/XLSX) row by row and write contract survey tables."""
    from luodi.survey.importer import responses_import, write_survey_tables
    from luodi.survey.mapping import MappingError

    try:
        instrument = _instrument(instrument_spec)
        result = responses_import(
            path=file,
            instrument=instrument,
            mapping=mapping,
            respondent_column=respondent_column,
            encoding=cast("Encoding", encoding),
        )
    except (MappingError, ValueError, KeyError) as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(
            f"{file.name}: {result.respondents} 份答卷导入（{len(result.rows)} 个答案），"
            f"{len(result.rejected_rows)} 行有错误未导入"
        )
    if out is not None and (result.ok or skip_bad_rows):
        written = write_survey_tables(
            result,
            instrument=instrument,
            directory=out,
            region_id=region_id,
            opened_on=(opened_on or dt.datetime.now()).date(),
        )
        if not as_json:
            click.echo("写入 " + ", ".join(str(p) for p in written))
    elif out is not None:
        click.echo("有错误，未写入；修正后重试，或加 --skip-bad-rows 只写入无误的答卷。", err=True)
    if not result.ok:
        raise SystemExit(1)


@click.command(name="notes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--encoding", type=click.Choice(_ENCODINGS), default="auto", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def notes_command(file: Path, encoding: str, as_json: bool) -> None:
    """Check interview notes coded with the study's Table 2 themes; list them by tag."""
    from luodi.survey.notes import notes_by_tag, notes_import

    result = notes_import(path=file, encoding=cast("Encoding", encoding))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        for tag, notes in notes_by_tag(result.notes).items():
            click.echo(f"{tag}（{len(notes)}）: " + ", ".join(n.note_id for n in notes))
    if not result.ok:
        raise SystemExit(1)
