"""`luodi policy`: policy as code — check policy files (and, later, explain and coverage).

Each subcommand imports what it needs inside its function, so `luodi --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from luodi.policy.problems import CheckReport

__all__ = ["command"]


@click.group(name="policy")
def command() -> None:
    """Policy as code: check, explain, coverage."""


def _summary(report: CheckReport, paths: tuple[Path, ...]) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if report.ok:
        return (
            f"政策文件有效 — valid: {len(report.files)} file(s), {warnings} warning(s)"
            f"{'; warnings do not fail the check' if warnings else ''}."
        )
    files = len({p.file for p in report.errors})
    args = " ".join(str(p) for p in paths)
    return (
        f"发现 {errors} 个错误、{warnings} 个警告 — {errors} error(s) in {files} file(s), "
        f"{warnings} warning(s); fix the errors and run `luodi policy check {args}` again."
    )


@command.command(name="check")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PATH..."
)
@click.option(
    "--departments",
    "departments_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="departments.yaml listing the department ids (and their regions) files may name; "
    "default: the departments.yaml at the root of each folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(paths: tuple[Path, ...], departments_file: Path | None, as_json: bool) -> None:
    """Check policy files or folders of them (*.yaml) and list every problem.

    Prints each problem as `file:line:column: error|warning: message`, then a summary. Exits 1
    when there is an error, 0 when there are only warnings (vague wording, no deadline, no
    eligibility) or none.
    """
    from luodi.policy.errors import PolicyCheckFailed
    from luodi.policy.loader import check_paths, load_departments
    from luodi.policy.problems import CheckReport

    departments: set[str] | None = None
    regions: set[str] | None = None
    if departments_file is not None:
        try:
            entries = load_departments(departments_file)
        except PolicyCheckFailed as failed:
            report = CheckReport(files=(str(departments_file),), problems=failed.problems)
        else:
            departments = {entry.id for entry in entries}
            regions = {entry.region for entry in entries}
            report = check_paths(list(paths), departments=departments, regions=regions)
    else:
        report = check_paths(list(paths))
    if as_json:
        payload = {
            "ok": report.ok,
            "files": list(report.files),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "problems": [problem.as_dict() for problem in report.problems],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(_summary(report, paths))
    if not report.ok:
        raise SystemExit(1)


def _register() -> None:
    # The explain and coverage commands live in their own modules to keep this one small.
    from luodi.cli.policy_coverage import command as coverage_command
    from luodi.cli.policy_explain import command as explain_command
    from luodi.cli.policy_import import command as import_command

    command.add_command(explain_command)
    command.add_command(coverage_command)
    command.add_command(import_command)


_register()
