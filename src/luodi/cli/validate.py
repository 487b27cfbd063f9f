"""`luodi validate DIR`: check a folder of contract tables and list every problem found."""

from __future__ import annotations

import json
from pathlib import Path

import click

__all__ = ["command"]


@click.command(name="validate")
@click.argument(
    "directory",
    type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(directory: Path, as_json: bool) -> None:
    """Check DIRECTORY of contract tables (CSV/Parquet/XLSX) against the data contract.

    Prints each problem as `file:row:column: message`, then a summary. Exits 1 when there is
    any problem, 0 when the folder is valid.
    """
    from luodi.contract.validate import validate_directory

    report = validate_directory(directory)
    if as_json:
        payload = {
            "ok": report.ok,
            "problems": [problem.as_dict() for problem in report.problems],
            "row_counts": dict(report.row_counts),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        rows = sum(report.row_counts.values())
        formats = ", ".join(report.formats)
        if report.ok:
            click.echo(f"数据有效 — valid: {len(report.files)} files ({formats}), {rows} rows.")
        else:
            files = len({problem.file for problem in report.problems})
            click.echo(
                f"发现 {len(report.problems)} 个问题 — {len(report.problems)} problem(s) in "
                f"{files} file(s); fix them and run `luodi validate {directory}` again."
            )
    if not report.ok:
        raise SystemExit(1)
