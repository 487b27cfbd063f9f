"""Small numeric helpers the diagnosis sections share: engine values, shares, exact quantiles.

Engines disagree on the Python type of an aggregate (DuckDB sums integers to ``Decimal``, an
empty sum is null), so every aggregated value passes through :func:`to_int` or
:func:`to_float` before it reaches the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import narwhals as nw
import numpy as np

__all__ = [
    "epoch_seconds",
    "quotient",
    "share",
    "to_float",
    "to_int",
    "weighted_quantile",
]

# Leap days from year 1 to the end of 1969, so day numbers start at 1970-01-01.
_LEAP_DAYS_BEFORE_1970 = 1969 // 4 - 1969 // 100 + 1969 // 400


def to_int(value: object) -> int:
    """An engine's count or integer sum as ``int``; null (an empty sum) is 0."""
    return 0 if value is None else int(cast("int", value))


def to_float(value: object) -> float:
    """An engine's float sum as ``float``; null (an empty sum) is 0.0."""
    return 0.0 if value is None else float(cast("float", value))


def share(part: float, whole: float) -> float | None:
    """``part / whole``, null when nothing is counted."""
    return part / whole if whole else None


def quotient(numerator: float | None, denominator: float | None) -> float | None:
    """A ratio of two shares; null when either is null or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def epoch_seconds(column: str) -> nw.Expr:
    """Whole seconds since 1970-01-01 of a naive datetime column, on every engine.

    Narwhals has no portable timestamp cast for DuckDB and Spark (and Spark reads naive
    times in the session's zone), so the value is rebuilt from calendar fields, which
    every engine reads the same way. Sub-second parts are dropped.
    """
    ts = nw.col(column)
    year = ts.dt.year().cast(nw.Int64())
    before = year - 1
    days = (
        (year - 1970) * 365
        + before // 4
        - before // 100
        + before // 400
        - _LEAP_DAYS_BEFORE_1970
        + ts.dt.ordinal_day().cast(nw.Int64())
        - 1
    )
    return (
        days * 86_400
        + ts.dt.hour().cast(nw.Int64()) * 3_600
        + ts.dt.minute().cast(nw.Int64()) * 60
        + ts.dt.second().cast(nw.Int64())
    )


def weighted_quantile(values: Sequence[float], counts: Sequence[int], q: float) -> float | None:
    """``np.quantile(np.repeat(values, counts), q)`` (linear method) without the repeat.

    Engines group values into a histogram; this reads the exact quantile off it, the same
    on every engine (Spark's own quantiles are approximate).

    >>> weighted_quantile([1.0, 2.0, 10.0], [2, 1, 1], 0.5)
    1.5
    >>> weighted_quantile([], [], 0.9) is None
    True
    """
    pairs = sorted((float(v), int(c)) for v, c in zip(values, counts, strict=True) if c > 0)
    if not pairs:
        return None
    xs = np.array([v for v, _ in pairs], dtype=float)
    ends = np.cumsum([c for _, c in pairs])
    position = (int(ends[-1]) - 1) * q
    low = int(np.floor(position))
    high = min(low + 1, int(ends[-1]) - 1)
    # Index i of the repeated array holds the first value whose cumulative count exceeds i.
    at_low = float(xs[int(np.searchsorted(ends, low, side="right"))])
    at_high = float(xs[int(np.searchsorted(ends, high, side="right"))])
    fraction = position - low
    # numpy's interpolation, so the result matches np.quantile to the last bit.
    if fraction >= 0.5:
        return at_high - (at_high - at_low) * (1 - fraction)
    return at_low + (at_high - at_low) * fraction
