"""`luodi bench …`: benchmarks with a peer run side by side, as JSON or a short table."""

from __future__ import annotations

import json
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
