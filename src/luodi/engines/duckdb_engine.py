"""The embedded default engine: DuckDB in-process."""

from __future__ import annotations

import duckdb
import narwhals as nw
import pyarrow as pa

from luodi.engines.base import Engine, Frame

__all__ = ["DuckDBEngine"]


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, connection: duckdb.DuckDBPyConnection | None = None) -> None:
        self.connection = connection or duckdb.connect()
        # Output of Luodi's commands is JSON or tables; a progress bar on stderr only garbles logs.
        self.connection.execute("SET enable_progress_bar = false")

    def frame(self, table: pa.Table) -> Frame:
        return nw.from_native(self.connection.from_arrow(table))
