"""`luodi bench diagnose`: the items agree with their peer, and the JSON has the bench shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from luodi.bench.diagnose import diagnose_item, generate, network_item, pm4py_dfg_item
from luodi.cli import main

RESULT_KEYS = {"name", "median_s", "min_s", "max_s", "runs", "peak_rss_mb"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("bench-diagnose")
    counts = generate(directory=str(directory), persons=600, events=5_000, seed=3)
    assert counts["events"] == 5_000
    return str(directory)


def test_execution_network_and_pm4py_find_the_same_handovers(folder: str) -> None:
    ours = network_item(directory=folder, engine="duckdb")()
    theirs = pm4py_dfg_item(directory=folder)()
    assert ours == theirs
    assert ["C-TO", "C-HR"] in ours


def test_the_timed_diagnosis_reports_its_steps(folder: str) -> None:
    value = diagnose_item(directory=folder, engine="duckdb")()
    assert list(value["steps_s"])[:2] == ["read_validate", "coverage"]
    assert "recommendations" in value["steps_s"]
    assert all(seconds >= 0 for seconds in value["steps_s"].values())


@pytest.mark.slow
def test_diagnose_bench_json_shape(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["bench", "diagnose", "--persons", "300", "--events", "2000", "--runs", "1", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["benchmark", "params", "results", "ratios"]
    assert data["benchmark"] == "diagnose"
    assert data["params"]["events"] == 2000
    assert data["params"]["row_counts"]["events"] == 2000
    assert data["params"]["peer_agrees"] is True
    assert data["params"]["goal"]["met"] is True
    names = [r["name"] for r in data["results"]]
    assert names == [
        "luodi-diagnose-duckdb",
        "luodi-execution-network-duckdb",
        "pm4py-discover-dfg",
    ]
    for row in data["results"]:
        assert set(row) == RESULT_KEYS
        assert row["runs"] == 1
        assert row["peak_rss_mb"] > 0
    assert set(data["ratios"]) == {"pm4py/luodi"}
