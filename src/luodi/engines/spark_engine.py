"""PySpark, for data that outgrows one machine; local mode when no cluster is configured."""

from __future__ import annotations

import os
import shutil
import threading
from typing import Any

import narwhals as nw
import pyarrow as pa

from luodi.engines.base import Engine, EngineUnavailable, Frame

__all__ = ["SparkEngine", "spark_session"]

_lock = threading.Lock()
_session: Any = None


def spark_session() -> Any:
    """One shared session per process: starting Spark costs seconds."""
    global _session
    with _lock:
        if _session is not None:
            return _session
        try:
            from pyspark.sql import SparkSession
        except ImportError as error:
            raise EngineUnavailable(
                "the spark engine needs PySpark: install the extra with "
                "`uv sync --extra spark` (or `pip install 'luodi[spark]'`)"
            ) from error
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise EngineUnavailable(
                "the spark engine needs Java 17 or newer: install it (Debian: "
                "`apt-get install openjdk-17-jre-headless`) or set JAVA_HOME"
            )
        master = os.environ.get("LUODI_SPARK_MASTER", "local[2]")
        _session = (
            SparkSession.builder.master(master)
            .appName("luodi")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "Asia/Shanghai")
            .getOrCreate()
        )
        _session.sparkContext.setLogLevel("ERROR")
        return _session


class SparkEngine(Engine):
    name = "spark"

    def __init__(self) -> None:
        self.session = spark_session()

    def frame(self, table: pa.Table) -> Frame:
        if table.num_rows == 0:
            # Spark cannot infer anything from an empty Arrow table without its schema.
            frame = self.session.createDataFrame([], schema=_spark_schema(table.schema))
        else:
            frame = self.session.createDataFrame(table)
        lazy: Frame = nw.from_native(frame)
        return lazy


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)
