"""The whole diagnosis on the demo: the contract keys, the study's figures, every engine alike."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.engines import Engine, get_engine
from tests.diagnosis.conftest import demo_report

TOP_LEVEL = {
    "d1_function_alienation",
    "d2_obstruction",
    "d3_dialogue",
    "goggin",
    "factors",
    "recommendations",
    "meta",
}


def test_the_report_has_the_contract_keys(duckdb_report: dict[str, Any]) -> None:
    assert set(duckdb_report) == TOP_LEVEL
    meta = duckdb_report["meta"]
    assert (meta["source"], meta["engine"], meta["rules"]) == ("demo", "duckdb", True)
    assert meta["rules_on"] == "2018-06-30"
    assert meta["period"]["start"] < meta["period"]["end"]
    assert meta["row_counts"]["survey_responses"] > 0
    assert meta["version"]
    json.dumps(duckdb_report, ensure_ascii=False, allow_nan=False)  # plain JSON, no NaN


def test_the_demo_reproduces_the_study(duckdb_report: dict[str, Any]) -> None:
    d1, d2, d3 = (
        duckdb_report["d1_function_alienation"],
        duckdb_report["d2_obstruction"],
        duckdb_report["d3_dialogue"],
    )
    funnel = d1["funnel"]
    assert (funnel["eligible"], funnel["phase_1"], funnel["phase_4"]) == (14, 11, 0)
    assert round(d2["landing_poor_share"], 3) == 0.467
    assert round(d3["awareness_mean"], 2) == 2.10
    channels = d3["channels"]
    assert [round(channels[k], 2) for k in ("none", "active", "outreach")] == [0.14, 0.37, 0.49]
    stages = d3["problem_funnel"]
    assert [
        round(stages[k], 2) for k in ("had_problem", "knew_department", "solved_among_knew")
    ] == [
        0.47,
        0.45,
        0.66,
    ]
    derived = stages["derived"]
    assert derived["solved_among_had_problem"] == pytest.approx(
        stages["knew_department"] * stages["solved_among_knew"]
    )
    assert round(derived["solved_among_had_problem"], 3) == pytest.approx(0.297, abs=0.005)
    assert round(derived["knew_among_all"], 2) == 0.21


def _shares(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}/{key}"
            if isinstance(key, str) and (key.endswith("_share") or key == "share"):
                # The desk's rates carry their counts: {"value", "numerator", "denominator"}.
                yield here, value["value"] if isinstance(value, dict) else value
            yield from _shares(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _shares(value, f"{path}/{index}")


def test_every_share_is_a_fraction(duckdb_report: dict[str, Any]) -> None:
    shares = list(_shares(duckdb_report))
    assert len(shares) > 20
    bad = [(p, v) for p, v in shares if v is not None and not (0.0 <= v <= 1.0)]
    assert bad == []


def _differences(a: Any, b: Any, path: str = "") -> Iterator[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            yield f"{path}: keys {sorted(set(a) ^ set(b))}"
            return
        for key in a:
            yield from _differences(a[key], b[key], f"{path}/{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{path}: {len(a)} vs {len(b)} items"
            return
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{path}/{index}")
    elif isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, int | float):
        if a != b:
            yield f"{path}: {a!r} vs {b!r}"
    elif not isinstance(b, int | float) or not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9):
        yield f"{path}: {a!r} vs {b!r}"


def _without_engine(report: dict[str, Any]) -> dict[str, Any]:
    return {**report, "meta": {k: v for k, v in report["meta"].items() if k != "engine"}}


def test_polars_gives_the_same_report(demo_dataset: Dataset, duckdb_report: dict[str, Any]) -> None:
    polars = demo_report(demo_dataset, get_engine("polars"))
    assert list(_differences(_without_engine(duckdb_report), _without_engine(polars))) == []


@pytest.mark.spark
def test_spark_gives_the_same_report(
    demo_dataset: Dataset, duckdb_report: dict[str, Any], spark_engine: Engine
) -> None:
    spark = demo_report(demo_dataset, spark_engine)
    assert list(_differences(_without_engine(duckdb_report), _without_engine(spark))) == []
