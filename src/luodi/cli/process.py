"""`luodi process …`: process metrics and conformance on an event log (XES, CSV or the demo), and
the log's export and import (XES, CSV, OCEL 2.0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from luodi.cli.process_log import export_command, import_command

__all__ = ["command"]

_ENGINES = click.Choice(["duckdb", "polars"])


def _load(log: Path | None, source: str | None) -> Any:
    from luodi.process import EventLog

    if (log is None) == (source is None):
        raise click.UsageError("give exactly one of --log FILE or --source demo")
    if log is not None:
        return EventLog.read(path=log)
    from luodi.demo import generate

    return EventLog.from_contract(generate())


def _deadlines(values: tuple[str, ...]) -> dict[str, float]:
    deadlines: dict[str, float] = {}
    for value in values:
        name, sep, seconds = value.rpartition("=")
        try:
            deadlines[name] = float(seconds)
        except ValueError:
            sep = ""
        if not sep or not name:
            raise click.BadParameter(
                f"{value!r} is not NAME=SECONDS (e.g. 审计局审核=432000)", param_hint="--deadline"
            )
    return deadlines


def _log_options(function: Any) -> Any:
    function = click.option(
        "--source", type=click.Choice(["demo"]), help="Use the demo district's event log."
    )(function)
    function = click.option(
        "--log",
        "log",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="An event log file: .xes, .xes.gz or .csv.",
    )(function)
    function = click.option("--engine", type=_ENGINES, default="duckdb", show_default=True)(
        function
    )
    return click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")(function)


@click.group(name="process")
def command() -> None:
    """Process metrics, conformance, export and import of event logs (流程挖掘)."""


command.add_command(export_command)
command.add_command(import_command)


@command.command(name="metrics")
@_log_options
@click.option(
    "--deadline",
    "deadline",
    multiple=True,
    help="NAME=SECONDS: a deadline for an activity or department (repeatable).",
)
def metrics_command(
    log: Path | None, source: str | None, engine: str, as_json: bool, deadline: tuple[str, ...]
) -> None:
    """Cases, variants, durations, waiting and service times, handovers, rework."""
    from luodi.engines import get_engine
    from luodi.process import process_metrics

    event_log = _load(log, source)
    result = process_metrics(
        log=event_log, engine=get_engine(engine), deadlines=_deadlines(deadline) or None
    ).to_dict()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for key in ("cases", "events", "activities", "variants", "skipped_events"):
        click.echo(f"{key:<16} {result[key]}")
    duration = result["case_duration"]
    click.echo(f"{'case_duration':<16} median {duration['median_s']} s, p90 {duration['p90_s']} s")
    click.echo("bottlenecks      " + ", ".join(result["bottlenecks"]["activities"][:5]))


@command.command(name="conformance")
@_log_options
@click.option("--route", required=True, help="Comma-separated steps in the prescribed order.")
@click.option("--veto", default="", help="Comma-separated veto steps (must be route steps).")
@click.option(
    "--on",
    type=click.Choice(["activity", "group"]),
    default="activity",
    show_default=True,
    help="Whether the steps are activities or departments (groups).",
)
def conformance_command(
    log: Path | None,
    source: str | None,
    engine: str,
    as_json: bool,
    route: str,
    veto: str,
    on: str,
) -> None:
    """Fitness and deviations of each variant against a prescribed route."""
    from luodi.engines import get_engine
    from luodi.process import RouteError
    from luodi.process.conformance import Route, conformance

    steps = tuple(s.strip() for s in route.split(",") if s.strip())
    vetoes = frozenset(s.strip() for s in veto.split(",") if s.strip())
    try:
        prescribed = Route(
            steps=steps, veto_steps=vetoes, on="group" if on == "group" else "activity"
        )
    except RouteError as error:
        raise click.BadParameter(str(error), param_hint="--route/--veto") from error
    report = conformance(log=_load(log, source), engine=get_engine(engine), route=prescribed)
    result = report.to_dict()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"cases {result['cases']}, fitting {result['fitting_cases']}, "
        f"mean fitness {result['mean_fitness']}"
    )
    for kind, cases in result["cases_by_deviation"].items():
        click.echo(f"  {kind:<14} {cases} case(s)")
