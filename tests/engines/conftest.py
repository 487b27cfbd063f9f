"""One engine fixture for the shared suite: DuckDB, Polars and Spark (Spark started once)."""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

from luodi.contract import Dataset
from luodi.demo import generate
from luodi.engines import Engine, EngineUnavailable, get_engine
from tests.conftest import require_or_skip

ENGINES = ["duckdb", "polars", pytest.param("spark", marks=pytest.mark.spark)]


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "the spark engine needs PySpark (`uv sync --extra spark`)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "the spark engine needs Java 17+ on PATH or JAVA_HOME"
    return None


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Engine:
    name: str = request.param
    if name == "spark":
        missing = _spark_missing()
        # In CI a missing Java or PySpark fails the run; locally the skip says why.
        require_or_skip(missing is None, missing or "")
    try:
        return get_engine(name)
    except EngineUnavailable as error:
        require_or_skip(False, str(error))
        raise


@pytest.fixture(scope="session")
def demo_dataset() -> Dataset:
    return generate()
