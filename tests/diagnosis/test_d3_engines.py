"""Helper B's sections (D3, Goggin, factors, recommendations) are the same on every engine."""

from __future__ import annotations

import math
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.demo.people import REFERENCE_DATE
from luodi.demo.policies import demo_library
from luodi.diagnosis import DiagnosisContext, period_of
from luodi.diagnosis.awareness import dialogue_deficit
from luodi.diagnosis.factors import factors
from luodi.diagnosis.goggin import goggin
from luodi.diagnosis.recommendations import recommendations
from luodi.engines import Engine, get_engine
from luodi.policy.coverage import coverage

_CACHE: dict[str, dict[str, Any]] = {}


def _sections(dataset: Dataset, engine: Engine) -> dict[str, Any]:
    if engine.name not in _CACHE:
        library = demo_library()
        ctx = DiagnosisContext(
            dataset=dataset,
            engine=engine,
            period=period_of(dataset),
            rules_on=REFERENCE_DATE,
            library=library,
            coverage=coverage(library=library, dataset=dataset, engine=engine, on=REFERENCE_DATE),
        )
        sections: dict[str, Any] = {
            "d3_dialogue": dialogue_deficit(ctx).to_dict(),
            "goggin": goggin(ctx).to_dict(),
            "factors": factors(ctx).to_dict(),
        }
        sections["recommendations"] = [r.to_dict() for r in recommendations(sections)]
        _CACHE[engine.name] = sections
    return _CACHE[engine.name]


def _differences(left: Any, right: Any, path: str = "") -> list[str]:
    """Paths where two JSON values differ; numbers within 1e-9 count as equal."""
    if isinstance(left, dict) and isinstance(right, dict):
        if set(left) != set(right):
            return [f"{path}: keys {sorted(set(left) ^ set(right))}"]
        return [d for k in left for d in _differences(left[k], right[k], f"{path}/{k}")]
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return [f"{path}: {len(left)} vs {len(right)} items"]
        return [d for i, (a, b) in enumerate(zip(left, right, strict=True))
                for d in _differences(a, b, f"{path}/{i}")]  # fmt: skip
    numbers = (int, float)
    if (
        isinstance(left, numbers)
        and isinstance(right, numbers)
        and not isinstance(left, bool)
        and not isinstance(right, bool)
    ):
        return [] if math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9) else [path]
    return [] if left == right and type(left) is type(right) else [f"{path}: {left!r} {right!r}"]


@pytest.mark.parametrize("section", ["d3_dialogue", "goggin", "factors", "recommendations"])
def test_duckdb_and_polars_agree(demo_dataset: Dataset, section: str) -> None:
    duck = _sections(demo_dataset, get_engine("duckdb"))[section]
    polars = _sections(demo_dataset, get_engine("polars"))[section]
    assert _differences(duck, polars) == []


def test_the_comparison_can_fail() -> None:
    assert _differences({"a": [1.0, 2]}, {"a": [1.0 + 1e-6, 2]}) == ["/a/0"]
    assert _differences({"a": 1}, {"a": 1.0}) == []
    assert _differences({"a": None}, {"a": 0}) == ["/a: None 0"]


@pytest.mark.spark
def test_spark_agrees_with_duckdb(demo_dataset: Dataset, spark_engine: Engine) -> None:
    duck = _sections(demo_dataset, get_engine("duckdb"))
    spark = _sections(demo_dataset, spark_engine)
    assert _differences(duck, spark) == []
