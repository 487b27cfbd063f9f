"""The generic runner: one fresh child process per measured item, warm-up, counted runs.

Memory is the child's peak resident set size (``ru_maxrss`` of ``getrusage``), measured in a
freshly *spawned* process so that nothing of an earlier item (imports, data, caches) counts.
It includes the interpreter, the imported libraries and the item's generated input, and it
covers native memory (DuckDB, Polars, Arrow) that ``tracemalloc`` cannot see. A Spark JVM is a
process of its own and is not included.
"""

from __future__ import annotations

import importlib
import multiprocessing
import resource
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BenchResult", "measure", "percentile"]

# A factory prepares an item's input (not timed) and returns the callable to time.
Factory = Callable[..., Callable[[], object]]


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation, as numpy's default."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values to take a percentile of")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True, kw_only=True)
class BenchResult:
    """Timings of one item; ``value`` is what its last run returned (for cross-checks)."""

    name: str
    times: tuple[float, ...]
    peak_rss_mb: float
    value: object = None
    extra: Mapping[str, float] = field(default_factory=dict)

    @property
    def median_s(self) -> float:
        return statistics.median(self.times)

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "median_s": round(self.median_s, 6),
            "min_s": round(min(self.times), 6),
            "max_s": round(max(self.times), 6),
            "runs": len(self.times),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            **{k: round(v, 4) for k, v in self.extra.items()},
        }


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _child(
    factory: str, kwargs: Mapping[str, Any], runs: int, warmup: int
) -> tuple[list[float], float, object]:
    module_name, _, function_name = factory.partition(":")
    make: Factory = getattr(importlib.import_module(module_name), function_name)
    work = make(**kwargs)
    value: object = None
    for _ in range(warmup):
        value = work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        value = work()
        times.append(time.perf_counter() - start)
    return times, _peak_rss_mb(), value


def measure(
    *,
    name: str,
    factory: str,
    kwargs: Mapping[str, Any],
    runs: int = 3,
    warmup: int = 1,
    p95: bool = False,
) -> BenchResult:
    """Time ``factory`` ("module:function") in a fresh process: ``warmup`` untimed runs, then
    ``runs`` timed ones. With ``p95`` the result also carries ``p95_ms``."""
    if runs < 1:
        raise ValueError(f"runs must be at least 1, got {runs}")
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        times, peak, value = pool.submit(_child, factory, dict(kwargs), runs, warmup).result()
    extra = {"p95_ms": percentile(times, 95) * 1000} if p95 else {}
    return BenchResult(name=name, times=tuple(times), peak_rss_mb=peak, value=value, extra=extra)
