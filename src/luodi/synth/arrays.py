"""Array helpers of the synthetic generator: ids, repeat-and-take expansion, contract schemas."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import arrow_schema, table

__all__ = ["as_days", "days_since_epoch", "expand", "ids", "with_schema"]

_EPOCH = dt.date(1970, 1, 1)


def ids(prefix: str, n: int, width: int, start: int = 1) -> pa.Array:
    """``prefix`` + zero-padded numbers ``start`` … ``start + n - 1``, built in Arrow.

    >>> ids("EV", 2, 3).to_pylist()
    ['EV001', 'EV002']
    """
    numbers = pc.cast(pa.array(np.arange(start, start + n, dtype=np.int64)), pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(numbers, width, "0"), "")


def days_since_epoch(day: dt.date) -> int:
    return (day - _EPOCH).days


def as_days(array: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Days since 1970 of a date column; nulls as the minimum int32."""
    filled = pc.fill_null(pc.cast(array, pa.int32()), np.iinfo(np.int32).min)
    return np.asarray(filled.to_numpy(), dtype=np.int64)


def expand(counts: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows repeated per parent: the parent of each row, its index inside the parent, and the
    source row it copies (``starts[parent] + index``).

    >>> [a.tolist() for a in expand(np.array([2, 1]), np.array([10, 20]))]
    [[0, 0, 1], [0, 1, 0], [10, 11, 20]]
    """
    offsets = np.cumsum(counts) - counts
    parent = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    within = np.arange(len(parent), dtype=np.int64) - offsets[parent]
    return parent, within, starts[parent] + within


def with_schema(name: str, columns: dict[str, pa.Array | pa.ChunkedArray]) -> pa.Table:
    """The contract table ``name`` from its columns, cast to the contract's types."""
    schema = arrow_schema(table(name))
    return pa.table([pc.cast(columns[f.name], f.type) for f in schema], schema=schema)
