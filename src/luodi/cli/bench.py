"""`luodi bench …`: benchmarks with a peer run side by side, as JSON or a short table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

__all__ = ["command"]


def _print(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"benchmark {result['benchmark']}: {json.dumps(result['params'], ensure_ascii=False)}"
    )
    for row in result["results"]:
        p95 = f"  p95 {row['p95_ms']:.2f} ms" if "p95_ms" in row else ""
        click.echo(
            f"  {row['name']:<32} median {row['median_s']:.4f} s  min {row['min_s']:.4f}  "
            f"max {row['max_s']:.4f}  runs {row['runs']}  peak RSS {row['peak_rss_mb']} MB{p95}"
        )
    for name, ratio in result["ratios"].items():
        click.echo(f"  ratio {name}: {ratio}")


@click.group(name="bench")
def command() -> None:
    """Benchmarks with a peer run side by side (基准测试)."""


@command.command(name="coverage")
@click.option("--persons", default=1_000_000, show_default=True, type=click.IntRange(min=10))
@click.option("--clauses", default=100, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--engines",
    default="duckdb,polars",
    show_default=True,
    help="Comma-separated engines: duckdb, polars, spark.",
)
@click.option("--runs", default=3, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--peer-persons",
    default=20_000,
    show_default=True,
    type=click.IntRange(min=10),
    help="Persons for the per-row Python peer (and Luodi again on the same data).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def coverage_command(
    persons: int, clauses: int, engines: str, runs: int, peer_persons: int, as_json: bool
) -> None:
    """Coverage of C clauses over N persons per engine, against a per-row Python peer."""
    from luodi.bench import coverage_benchmark
    from luodi.engines import ENGINE_NAMES

    names = tuple(e.strip() for e in engines.split(",") if e.strip())
    unknown = [e for e in names if e not in ENGINE_NAMES]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown engine(s) {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(ENGINE_NAMES)}",
            param_hint="--engines",
        )
    result = coverage_benchmark(
        persons=persons, clauses=clauses, engines=names, runs=runs, peer_persons=peer_persons
    )
    _print(result, as_json)


@command.command(name="explain")
@click.option("--clauses", default=100, show_default=True, type=click.IntRange(min=1))
@click.option("--runs", default=200, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def explain_command(clauses: int, runs: int, as_json: bool) -> None:
    """Single-profile explain over C clauses: p95 latency, cached plan against uncached."""
    from luodi.bench import explain_benchmark

    _print(explain_benchmark(clauses=clauses, runs=runs), as_json)


@command.command(name="xes-import")
@click.option(
    "--log",
    "log",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="XES log to read (default: Road_Traffic_Fine_Management_Process.xes.gz from "
    "$LUODI_EVENTLOGS or ../shared/data/eventlogs).",
)
@click.option("--runs", default=3, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def xes_import_command(log: Path | None, runs: int, as_json: bool) -> None:
    """Read an XES log with Luodi and with pm4py.read_xes, side by side."""
    from luodi.bench.xes_import import default_log, xes_import_benchmark

    try:
        result = xes_import_benchmark(path=log or default_log(), runs=runs)
    except FileNotFoundError as error:
        raise click.BadParameter(str(error), param_hint="--log") from error
    _print(result, as_json)


@command.command(name="process-metrics")
@click.option("--events", default=10_000_000, show_default=True, type=click.IntRange(min=100))
@click.option("--engines", default="duckdb", show_default=True, help="Comma-separated engines.")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--peer-events",
    default=200_000,
    show_default=True,
    type=click.IntRange(min=100),
    help="Events for the PM4Py peer (and Luodi again on the same log).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def process_metrics_command(
    events: int, engines: str, runs: int, peer_events: int, as_json: bool
) -> None:
    """Process metrics on a synthetic log of N events, against PM4Py on a sample."""
    from luodi.bench.process_metrics import process_metrics_benchmark

    names = tuple(e.strip() for e in engines.split(",") if e.strip())
    unknown = [e for e in names if e not in ("duckdb", "polars")]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown engine(s) {', '.join(unknown) or '(none given)'}; choose duckdb, polars",
            param_hint="--engines",
        )
    result = process_metrics_benchmark(
        events=events, engines=names, runs=runs, peer_events=peer_events
    )
    _print(result, as_json)


@command.command(name="diagnose")
@click.option("--persons", default=1_000_000, show_default=True, type=click.IntRange(min=10))
@click.option("--events", default=10_000_000, show_default=True, type=click.IntRange(min=100))
@click.option("--runs", default=3, show_default=True, type=click.IntRange(min=1))
@click.option("--seed", default=20171, show_default=True, type=int, help="Seed of luodi synth.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def diagnose_command(persons: int, events: int, runs: int, seed: int, as_json: bool) -> None:
    """Whole diagnosis of a synthetic district on DuckDB; execution network against PM4Py."""
    from luodi.bench.diagnose import diagnose_benchmark

    result = diagnose_benchmark(persons=persons, events=events, runs=runs, seed=seed)
    _print(result, as_json)


@command.command(name="text-analyse")
@click.option("--clauses", default=10_000, show_default=True, type=click.IntRange(min=1))
@click.option("--runs", default=5, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def text_analyse_command(clauses: int, runs: int, as_json: bool) -> None:
    """Clauses per second of the policy text analyser on one core, against a regex scan."""
    from luodi.bench.text import text_analyse_benchmark

    _print(text_analyse_benchmark(clauses=clauses, runs=runs), as_json)
