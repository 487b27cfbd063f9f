"""The engine interface and the registry that picks one by name."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from typing import Any, TypeAlias

import narwhals as nw
import pyarrow as pa

from luodi.contract import Dataset

__all__ = ["ENGINE_NAMES", "Engine", "EngineUnavailable", "Frame", "get_engine"]

# A lazy Narwhals frame over whichever native engine runs it.
Frame: TypeAlias = nw.LazyFrame[Any]

ENGINE_NAMES = ("duckdb", "polars", "spark")


class EngineUnavailable(RuntimeError):
    """The engine's library or runtime (e.g. Java for Spark) is not installed."""


class Engine(abc.ABC):
    """Turns Arrow tables into lazy Narwhals frames and collects results back to Arrow."""

    name: str

    @abc.abstractmethod
    def frame(self, table: pa.Table) -> Frame:
        """A lazy frame over ``table`` on this engine."""

    def frames(self, dataset: Dataset) -> dict[str, Frame]:
        """Lazy frames for every contract table of ``dataset``."""
        return {name: self.frame(table) for name, table in dataset.tables.items()}

    def collect(self, frame: Frame) -> pa.Table:
        """Run ``frame`` and return the result as an Arrow table."""
        return frame.collect().to_arrow()

    def rows(self, frame: Frame) -> list[dict[str, object]]:
        """Run ``frame`` and return its rows as dictionaries."""
        rows: list[dict[str, object]] = self.collect(frame).to_pylist()
        return rows


def get_engine(name: str = "duckdb") -> Engine:
    """The engine called ``name`` (one of ``ENGINE_NAMES``)."""
    if name == "duckdb":
        from luodi.engines.duckdb_engine import DuckDBEngine

        return DuckDBEngine()
    if name == "polars":
        from luodi.engines.polars_engine import PolarsEngine

        return PolarsEngine()
    if name == "spark":
        from luodi.engines.spark_engine import SparkEngine

        return SparkEngine()
    raise ValueError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")


def frames_for(engine: Engine, tables: Mapping[str, pa.Table]) -> dict[str, Frame]:
    return {name: engine.frame(table) for name, table in tables.items()}
