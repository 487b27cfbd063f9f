"""The process-metrics benchmark: a large synthetic event log, Luodi against PM4Py.

The log is generated with numpy (vectorised, seeded): cases of 2–14 events walking a route
of 12 activities in 6 departments, with random skips and repeats, and hours to days between
events. Luodi computes all of :func:`luodi.process.process_metrics`. The peer is PM4Py on a
pandas DataFrame computing only the first six figures (cases, events, activities, variants,
case durations). PM4Py cannot do ten million events in benchmark time, so it runs on the
first ``peer_events`` events and Luodi is timed again on the same log for the ratio.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.bench.runner import BenchResult, measure

__all__ = ["luodi_item", "peer_item", "process_metrics_benchmark", "synthetic_log"]

ACTIVITIES = 12
DEPARTMENTS = 6
START_US = 1_704_067_200_000_000  # 2024-01-01T00:00:00


def synthetic_log(*, events: int, seed: int = 7) -> pa.Table:
    """``events`` events in the normalised schema (complete lifecycle only)."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(2, 15, size=events // 2 + 2)
    ends = np.cumsum(lengths)
    cases = int(np.searchsorted(ends, events)) + 1
    lengths = lengths[:cases]
    lengths[-1] -= int(ends[cases - 1] - events)
    case_of = np.repeat(np.arange(cases, dtype=np.int64), lengths)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    position = np.arange(events, dtype=np.int64) - starts
    # Mostly the route in order; a quarter of the steps skip ahead or repeat the last one.
    noise = rng.choice([0, 0, 0, 1, -1], size=events)
    activity = np.clip(position + noise, 0, ACTIVITIES - 1)
    gaps = rng.exponential(36 * 3600 * 1_000_000, size=events).astype(np.int64)
    gaps[starts == np.arange(events)] = 0
    cumulative = np.cumsum(gaps)
    within = cumulative - np.repeat(cumulative[np.cumsum(lengths) - lengths], lengths)
    opened = rng.integers(0, 365 * 24 * 3600, size=cases) * 1_000_000
    stamps = START_US + np.repeat(opened, lengths) + within
    names = pa.array([f"A{i:02d}" for i in range(ACTIVITIES)])
    groups = pa.array([f"D{i % DEPARTMENTS}" for i in range(ACTIVITIES)])
    index = pa.array(activity)
    case_ids = pc.binary_join_element_wise("C", pc.cast(pa.array(case_of), pa.string()), "")
    return pa.table(
        {
            "case_id": case_ids,
            "activity": names.take(index),
            "timestamp": pa.array(stamps).cast(pa.timestamp("us")),
            "lifecycle": pa.array(np.full(events, "complete", dtype=object), pa.string()),
            "resource": pa.nulls(events, pa.string()),
            "group": groups.take(index),
        }
    )


def _summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics[k] for k in ("cases", "events", "activities", "variants")}


def luodi_item(*, events: int, engine: str) -> Callable[[], dict[str, Any]]:
    """Factory run in the child: the log generated here, ``process_metrics`` timed."""
    from luodi.engines import get_engine
    from luodi.process import EventLog, process_metrics

    log = EventLog(table=synthetic_log(events=events), source="synthetic")
    runner = get_engine(engine)

    def work() -> dict[str, Any]:
        return _summary(process_metrics(log=log, engine=runner).to_dict())

    return work


def peer_item(*, events: int) -> Callable[[], dict[str, Any]]:
    """PM4Py on a pandas DataFrame: the same counts, variants and case durations."""
    import pm4py

    frame = synthetic_log(events=events).to_pandas()
    frame = frame.rename(
        columns={"case_id": "case:concept:name", "activity": "concept:name"}
    ).assign(**{"time:timestamp": frame["timestamp"].dt.tz_localize("UTC")})

    def work() -> dict[str, Any]:
        durations = pm4py.get_all_case_durations(frame)
        np.median(durations)
        np.percentile(durations, 90)
        return {
            "cases": int(frame["case:concept:name"].nunique()),
            "events": len(frame),
            "activities": len(pm4py.get_event_attribute_values(frame, "concept:name")),
            "variants": len(pm4py.get_variants(frame)),
        }

    return work


def process_metrics_benchmark(
    *,
    events: int = 10_000_000,
    engines: Sequence[str] = ("duckdb",),
    runs: int = 3,
    peer_events: int = 200_000,
) -> dict[str, Any]:
    """Run the benchmark; the JSON shape of ``luodi bench process-metrics --json``."""
    module = "luodi.bench.process_metrics"
    results: list[BenchResult] = [
        measure(
            name=f"luodi-{engine}",
            factory=f"{module}:luodi_item",
            kwargs={"events": events, "engine": engine},
            runs=runs,
        )
        for engine in engines
    ]
    small = min(peer_events, events)
    luodi_small = measure(
        name=f"luodi-duckdb@{small}",
        factory=f"{module}:luodi_item",
        kwargs={"events": small, "engine": "duckdb"},
        runs=runs,
    )
    peer = measure(
        name=f"pm4py@{small}", factory=f"{module}:peer_item", kwargs={"events": small}, runs=runs
    )
    results += [luodi_small, peer]
    return {
        "benchmark": "process-metrics",
        "params": {
            "events": events,
            "engines": list(engines),
            "runs": runs,
            "warmup_runs": 1,
            "luodi_summary": results[0].value if engines else None,
            "peer_events": small,
            "peer_note": "PM4Py computes only cases, events, activities, variants and case "
            f"durations, on the first {small} events; 'peer/luodi' compares it with "
            f"luodi-duckdb (all metrics) on the same {small} events",
            "peer_agrees": peer.value == luodi_small.value,
            "memory": "peak RSS (ru_maxrss) of a fresh spawned process per item, including "
            "interpreter, libraries and the generated log",
        },
        "results": [r.to_dict() for r in results],
        "ratios": {"peer/luodi": round(peer.median_s / luodi_small.median_s, 2)},
    }
