"""D1 and D2 give the same JSON on DuckDB, Polars and Spark (numbers equal to 1e-9)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.diagnosis.allocation import function_alienation
from luodi.diagnosis.obstruction import obstruction
from luodi.engines import Engine, get_engine
from tests.diagnosis.d1d2_rows import d2_dataset, demo_context


def _sections(data: Dataset, engine: Engine) -> dict[str, Any]:
    ctx = demo_context(data, engine)
    return {"d1": function_alienation(ctx).to_dict(), "d2": obstruction(ctx).to_dict()}


def _differences(left: Any, right: Any, path: str = "") -> list[str]:
    """Where two JSON values differ; floats within 1e-9 (relative or absolute) are equal."""
    if isinstance(left, dict) and isinstance(right, dict):
        if left.keys() != right.keys():
            return [f"{path}: keys {sorted(left)} != {sorted(right)}"]
        return [d for k in left for d in _differences(left[k], right[k], f"{path}/{k}")]
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return [f"{path}: {len(left)} items != {len(right)}"]
        return [
            d
            for i, (a, b) in enumerate(zip(left, right, strict=True))
            for d in _differences(a, b, f"{path}/{i}")
        ]
    if isinstance(left, float) or isinstance(right, float):
        numbers = isinstance(left, int | float) and isinstance(right, int | float)
        if numbers and math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9):
            return []
        return [f"{path}: {left!r} != {right!r}"]
    return [] if left == right and type(left) is type(right) else [f"{path}: {left!r} != {right!r}"]


@pytest.fixture(scope="module")
def duckdb_sections(demo_dataset: Dataset) -> dict[str, Any]:
    return _sections(demo_dataset, get_engine("duckdb"))


def test_the_comparison_can_fail() -> None:
    assert _differences({"a": [1.0, "x"]}, {"a": [1.0 + 1e-12, "x"]}) == []
    assert _differences({"a": [1.0]}, {"a": [1.001]}) == ["/a/0: 1.0 != 1.001"]
    assert _differences({"a": 1}, {"a": True})


def test_polars_equals_duckdb_on_the_demo(
    demo_dataset: Dataset, duckdb_sections: dict[str, Any]
) -> None:
    assert _differences(duckdb_sections, _sections(demo_dataset, get_engine("polars"))) == []


def test_polars_equals_duckdb_on_the_d2_fixture() -> None:
    from tests.diagnosis.d1d2_rows import context

    data = d2_dataset()
    duck = obstruction(context(data, "duckdb")).to_dict()
    assert _differences(duck, obstruction(context(data, "polars")).to_dict()) == []


@pytest.mark.spark
def test_spark_equals_duckdb_on_the_demo(
    demo_dataset: Dataset, spark_engine: Engine, duckdb_sections: dict[str, Any]
) -> None:
    assert _differences(duckdb_sections, _sections(demo_dataset, spark_engine)) == []


def test_an_empty_dataset_gives_empty_sections_alike() -> None:
    from luodi.diagnosis import DiagnosisContext, period_of

    data = Dataset.empty()
    results = []
    for name in ("duckdb", "polars"):
        period = period_of(data)
        ctx = DiagnosisContext(
            dataset=data, engine=get_engine(name), period=period, rules_on=period.end
        )
        results.append({"d1": function_alienation(ctx).to_dict(), "d2": obstruction(ctx).to_dict()})
    assert _differences(results[0], results[1]) == []
    d1, d2 = results[0]["d1"], results[0]["d2"]
    assert d1["funnel"] is None
    assert d1["allocation"]["concentration_index"]["tier_group"] is None
    assert d1["findings"] == []
    assert d2["landing_poor_share"] is None
    assert d2["network"] == {"nodes": [], "edges": [], "entry": []}
