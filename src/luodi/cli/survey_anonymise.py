"""`luodi survey anonymise`: survey answers for sharing, with new ids and small groups left out."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click

__all__ = ["anonymise_command"]


@click.command(name="anonymise")
@click.option(
    "--source", default="demo", show_default=True, help='"demo", a folder or a database URL.'
)
@click.option(
    "--threshold",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Leave out every answer given by fewer respondents than this.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for surveys, survey_items, survey_options and survey_responses (CSV).",
)
def anonymise_command(source: str, threshold: int, out: Path) -> None:
    """Anonymised export (匿名化导出): new respondent ids, no personal items, small groups out."""
    from luodi.contract.errors import ContractError
    from luodi.contract.io import csv_text
    from luodi.contract.tables import table
    from luodi.sources import load_dataset
    from luodi.survey import study_template
    from luodi.survey.anonymise import responses_anonymise

    try:
        dataset = load_dataset(source)
    except (ContractError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    result = responses_anonymise(
        responses=dataset["survey_responses"].to_pylist(),
        instrument=study_template(),
        threshold=threshold,
    )
    tables = {
        name: dataset[name].to_pylist() for name in ("surveys", "survey_items", "survey_options")
    }
    tables["survey_responses"] = [dict(row) for row in result.rows]
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = table(name).column_names
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows([csv_text(row.get(c)) for c in columns] for row in rows)
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
