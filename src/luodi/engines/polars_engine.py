"""Polars lazy frames, in-process."""

from __future__ import annotations

import narwhals as nw
import polars as pl
import pyarrow as pa

from luodi.engines.base import Engine, Frame

__all__ = ["PolarsEngine"]


class PolarsEngine(Engine):
    name = "polars"

    def frame(self, table: pa.Table) -> Frame:
        frame = pl.from_arrow(table)
        assert isinstance(frame, pl.DataFrame)
        return nw.from_native(frame.lazy())
