"""Engines: run the same Narwhals expressions on DuckDB (default), Polars or PySpark."""

from luodi.engines.base import ENGINE_NAMES, Engine, EngineUnavailable, Frame, get_engine

__all__ = ["ENGINE_NAMES", "Engine", "EngineUnavailable", "Frame", "get_engine"]
