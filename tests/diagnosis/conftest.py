"""Shared fixtures of the diagnosis suite: the demo district once, its diagnosis once per engine."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.demo import generate
from luodi.engines import Engine, get_engine
from tests.conftest import require_or_skip
from tests.engines.conftest import _spark_missing


@pytest.fixture(scope="session")
def demo_dataset() -> Dataset:
    return generate()


@pytest.fixture(scope="session")
def spark_engine() -> Engine:
    missing = _spark_missing()
    # In CI a missing Java or PySpark fails the run; locally the skip says why.
    require_or_skip(missing is None, missing or "")
    return get_engine("spark")


_REPORTS: dict[str, dict[str, Any]] = {}


def demo_report(dataset: Dataset, engine: Engine) -> dict[str, Any]:
    """The demo's diagnosis with its rules on ``engine``, computed once per engine."""
    if engine.name not in _REPORTS:
        from luodi.demo.people import REFERENCE_DATE
        from luodi.demo.policies import demo_library
        from luodi.diagnosis import diagnose

        _REPORTS[engine.name] = diagnose(
            dataset=dataset,
            engine=engine,
            library=demo_library(),
            rules_on=REFERENCE_DATE,
            source="demo",
        ).to_dict()
    return _REPORTS[engine.name]


@pytest.fixture(scope="session")
def duckdb_report(demo_dataset: Dataset) -> dict[str, Any]:
    return demo_report(demo_dataset, get_engine("duckdb"))
