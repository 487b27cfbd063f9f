"""The benchmark commands produce the documented JSON shape (tiny sizes, no timing checks)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from luodi.bench.data import bench_library, bench_population
from luodi.bench.runner import percentile
from luodi.cli import main

RESULT_KEYS = {"name", "median_s", "min_s", "max_s", "runs", "peak_rss_mb"}


def test_population_is_deterministic_and_valid() -> None:
    first, second = bench_population(persons=500), bench_population(persons=500)
    assert first["persons"].equals(second["persons"])
    assert first.row_counts()["persons"] == 500
    assert first.row_counts()["employers"] == 10
    tiers = set(first["persons"].column("talent_tier").to_pylist())
    assert tiers <= {"A", "B", "C", "D", "E", "F", "general"}


def test_library_has_chains_of_four_levels() -> None:
    library = bench_library(clauses=10)
    assert sum(len(d.clauses) for d in library.documents) == 10
    assert library.chain_up("B000-3") == ("B000-3", "B000-2", "B000-1", "B000-0")


def test_percentile() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([0.0, 10.0], 95) == 9.5


def test_coverage_bench_json_shape() -> None:
    result = CliRunner().invoke(
        main,
        [
            "bench",
            "coverage",
            "--persons",
            "300",
            "--clauses",
            "8",
            "--engines",
            "duckdb,polars",
            "--runs",
            "1",
            "--peer-persons",
            "100",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["benchmark", "params", "results", "ratios"]
    assert data["benchmark"] == "coverage"
    assert data["params"]["persons"] == 300
    assert data["params"]["peer_persons"] == 100
    assert data["params"]["peer_agrees"] is True
    names = [r["name"] for r in data["results"]]
    assert names == ["luodi-duckdb", "luodi-polars", "luodi-duckdb@100", "peer-python-per-row@100"]
    for row in data["results"]:
        assert set(row) == RESULT_KEYS
        assert row["runs"] == 1
        assert row["peak_rss_mb"] > 0
    assert set(data["ratios"]) == {"peer/luodi", "luodi-polars/luodi-duckdb"}


def test_explain_bench_json_shape() -> None:
    result = CliRunner().invoke(
        main, ["bench", "explain", "--clauses", "8", "--runs", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["benchmark"] == "explain"
    assert [r["name"] for r in data["results"]] == ["luodi-explain", "peer-explain-uncached"]
    for row in data["results"]:
        assert set(row) == RESULT_KEYS | {"p95_ms"}
        assert row["runs"] == 5
    assert set(data["ratios"]) == {"peer/luodi"}
