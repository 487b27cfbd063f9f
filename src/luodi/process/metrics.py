"""Process metrics of an event log as lazy Narwhals expressions: counts, variants, times, flow.

Definitions (PM4Py's where PM4Py has one):

- events are ordered within a case by timestamp, then by source order;
- a *variant* is the sequence of activity names of a case in that order;
- *case duration* is the last minus the first timestamp of a case;
- *waiting time* of an event is the time since the previous event of its case (null for the
  first event); the ``complete`` of an activity instance that has a ``start`` is not a wait
  but service, so it carries no waiting time;
- *service time* pairs the n-th ``start`` of an activity in a case with its n-th ``complete``
  (first in, first out, as PM4Py's interval conversion); null when the log has no starts;
- a *handover* is two consecutive events of a case in different groups (departments);
- *rework* is a case in which an activity occurs more than once.

Events without an activity name are skipped with a :class:`SkippedEventsWarning`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import narwhals as nw
import pyarrow as pa

from luodi.engines import Engine, Frame
from luodi.process.log import EventLog
from luodi.process.variants import count_variants

__all__ = [
    "Duration",
    "Handover",
    "ProcessMetrics",
    "Rework",
    "SkippedEventsWarning",
    "StepStats",
    "process_metrics",
]

ORDER = ["ts_us", "row"]
_US = 1_000_000.0


class SkippedEventsWarning(UserWarning):
    """Some events had no activity name and were left out of the metrics."""


@dataclass(frozen=True, kw_only=True)
class Duration:
    median_s: float | None
    p90_s: float | None


@dataclass(frozen=True, kw_only=True)
class StepStats:
    """Times of one activity or one department (group)."""

    name: str
    events: int
    waiting_median_s: float | None
    waiting_p90_s: float | None
    service_median_s: float | None
    service_p90_s: float | None
    # Fraction in [0, 1] of waits over the deadline; None without a deadline for this name.
    over_deadline_share: float | None


@dataclass(frozen=True, kw_only=True)
class Handover:
    source: str
    target: str
    count: int


@dataclass(frozen=True, kw_only=True)
class Rework:
    activity: str
    cases: int
    # Of the cases in which the activity occurs at all.
    share: float


@dataclass(frozen=True, kw_only=True)
class ProcessMetrics:
    cases: int
    events: int
    activities: int
    variants: int
    case_duration: Duration
    skipped_events: int
    per_activity: tuple[StepStats, ...]
    per_department: tuple[StepStats, ...]
    handovers: tuple[Handover, ...]
    bottleneck_activities: tuple[str, ...]
    bottleneck_departments: tuple[str, ...]
    rework: tuple[Rework, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "events": self.events,
            "activities": self.activities,
            "variants": self.variants,
            "case_duration": _rounded(asdict(self.case_duration)),
            "skipped_events": self.skipped_events,
            "per_activity": [_rounded(asdict(s)) for s in self.per_activity],
            "per_department": [_rounded(asdict(s)) for s in self.per_department],
            "handovers": [asdict(h) for h in self.handovers],
            "bottlenecks": {
                "activities": list(self.bottleneck_activities),
                "departments": list(self.bottleneck_departments),
            },
            "rework": [_rounded(asdict(r)) for r in self.rework],
        }


def _rounded(values: dict[str, Any]) -> dict[str, Any]:
    # Engines differ in the last bits of a float; six decimals of a second is plenty.
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in values.items()}


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _deadline_frame(engine: Engine, key: str, deadlines: Mapping[str, float]) -> Frame:
    table = pa.table(
        {
            key: pa.array(list(deadlines), type=pa.string()),
            "deadline_s": pa.array([float(v) for v in deadlines.values()], type=pa.float64()),
        }
    )
    return engine.frame(table)


def _step_stats(
    *,
    engine: Engine,
    waits: Frame,
    service: Frame,
    key: str,
    deadlines: Mapping[str, float] | None,
) -> tuple[StepStats, ...]:
    """Waiting and service time quantiles per value of ``key`` (activity or group)."""
    counted = waits.filter(~nw.col(key).is_null())
    if deadlines:
        counted = counted.join(_deadline_frame(engine, key, deadlines), on=key, how="left")
        over = (nw.col("wait_s") > nw.col("deadline_s")).cast(nw.Int64)
    else:
        over = nw.lit(None, dtype=nw.Int64)
    counted = counted.with_columns(
        over=over, has_deadline=(~nw.col("deadline_s").is_null()) if deadlines else nw.lit(False)
    ).with_columns(over_counted=nw.when(nw.col("has_deadline")).then(nw.col("wait_s")))
    wait_stats = counted.group_by(key).agg(
        nw.len().alias("events"),
        nw.col("wait_s").median().alias("waiting_median_s"),
        nw.col("wait_s").quantile(0.9, interpolation="linear").alias("waiting_p90_s"),
        nw.col("over").sum().alias("over"),
        nw.col("over_counted").count().alias("over_counted"),
    )
    service_stats = (
        service.filter(~nw.col(key).is_null())
        .group_by(key)
        .agg(
            nw.col("service_s").median().alias("service_median_s"),
            nw.col("service_s").quantile(0.9, interpolation="linear").alias("service_p90_s"),
        )
    )
    rows = engine.rows(wait_stats.join(service_stats, on=key, how="left").sort(key))
    stats = []
    for row in rows:
        counted_waits = int(row["over_counted"] or 0)  # type: ignore[call-overload]
        has_deadline = deadlines is not None and str(row[key]) in deadlines
        share = (
            float(row["over"]) / counted_waits  # type: ignore[arg-type]
            if has_deadline and counted_waits
            else (0.0 if has_deadline else None)
        )
        stats.append(
            StepStats(
                name=str(row[key]),
                events=int(row["events"]),  # type: ignore[call-overload]
                waiting_median_s=_float(row["waiting_median_s"]),
                waiting_p90_s=_float(row["waiting_p90_s"]),
                service_median_s=_float(row["service_median_s"]),
                service_p90_s=_float(row["service_p90_s"]),
                over_deadline_share=share,
            )
        )
    return tuple(stats)


def _bottlenecks(stats: tuple[StepStats, ...]) -> tuple[str, ...]:
    # Longest median wait first; steps never waited on (first steps) go last.
    ranked = sorted(stats, key=lambda s: (s.waiting_median_s is None, -(s.waiting_median_s or 0)))
    return tuple(s.name for s in ranked)


def _service_pairs(events: Frame) -> Frame:
    """Start/complete pairs of the same activity instance (n-th start with n-th complete)."""
    instance = ["case_id", "activity"]

    def nth(lifecycle: str) -> Frame:
        return events.filter(nw.col("lifecycle") == lifecycle).with_columns(
            nth=nw.col("row").cum_count().over(*instance, order_by=ORDER)
        )

    starts = nth("start").select(*instance, "nth", nw.col("ts_us").alias("start_us"))
    completes = nth("complete").select(*instance, "nth", "ts_us", "row", "group")
    return starts.join(completes, on=[*instance, "nth"], how="inner").with_columns(
        service_s=(nw.col("ts_us") - nw.col("start_us")) / _US
    )


def process_metrics(
    *, log: EventLog, engine: Engine, deadlines: Mapping[str, float] | None = None
) -> ProcessMetrics:
    """All metrics of ``log`` on ``engine``; ``deadlines`` are seconds per activity or group."""
    frame = engine.frame(log.core())
    skipped = int(
        engine.rows(frame.select(nw.col("activity").null_count().cast(nw.Int64).alias("n")))[0]["n"]  # type: ignore[call-overload]
    )
    if skipped:
        warnings.warn(
            f"{skipped} event(s) of {log.source} have no activity name and were skipped; "
            "give every event a concept:name (activity) to count them",
            SkippedEventsWarning,
            stacklevel=2,
        )
    # Ordered once and materialised: every figure below reads it, and a lazy frame would
    # run the window functions again for each of them.
    ordered = engine.collect(
        frame.filter(~nw.col("activity").is_null())
        .with_columns(
            prev_us=nw.col("ts_us").shift(1).over("case_id", order_by=ORDER),
            prev_group=nw.col("group").shift(1).over("case_id", order_by=ORDER),
        )
        .sort("case_id", *ORDER)
    )
    events = engine.frame(ordered)
    totals = engine.rows(
        events.select(
            nw.len().alias("events"),
            nw.col("case_id").n_unique().alias("cases"),
            nw.col("activity").n_unique().alias("activities"),
        )
    )[0]
    durations = (
        events.group_by("case_id")
        .agg(nw.col("ts_us").min().alias("first"), nw.col("ts_us").max().alias("last"))
        .with_columns(duration_s=(nw.col("last") - nw.col("first")) / _US)
    )
    duration = engine.rows(
        durations.select(
            nw.col("duration_s").median().alias("median_s"),
            nw.col("duration_s").quantile(0.9, interpolation="linear").alias("p90_s"),
        )
    )[0]
    pairs = engine.frame(engine.collect(_service_pairs(events)))
    waits = events.join(pairs.select("row"), on="row", how="anti").with_columns(
        wait_s=(nw.col("ts_us") - nw.col("prev_us")) / _US
    )
    per_activity = _step_stats(
        engine=engine, waits=waits, service=pairs, key="activity", deadlines=deadlines
    )
    per_group = _step_stats(
        engine=engine, waits=waits, service=pairs, key="group", deadlines=deadlines
    )
    handovers = engine.rows(
        events.filter(
            ~nw.col("group").is_null()
            & ~nw.col("prev_group").is_null()
            & (nw.col("group") != nw.col("prev_group"))
        )
        .group_by("prev_group", "group")
        .agg(nw.len().alias("count"))
        .sort("prev_group", "group")
    )
    repeats = (
        events.group_by("case_id", "activity")
        .agg(nw.len().alias("n"))
        .with_columns(repeated=(nw.col("n") > 1).cast(nw.Int64))
        .group_by("activity")
        .agg(nw.col("repeated").sum().alias("reworked"), nw.len().alias("cases"))
        .filter(nw.col("reworked") > 0)
        .sort("activity")
    )
    variants = count_variants(ordered=ordered, key="activity")
    return ProcessMetrics(
        cases=int(totals["cases"]),  # type: ignore[call-overload]
        events=int(totals["events"]),  # type: ignore[call-overload]
        activities=int(totals["activities"]),  # type: ignore[call-overload]
        variants=variants,
        case_duration=Duration(
            median_s=_float(duration["median_s"]), p90_s=_float(duration["p90_s"])
        ),
        skipped_events=skipped,
        per_activity=per_activity,
        per_department=per_group,
        handovers=tuple(
            Handover(source=str(r["prev_group"]), target=str(r["group"]), count=int(r["count"]))  # type: ignore[call-overload]
            for r in sorted(handovers, key=lambda r: -int(r["count"]))  # type: ignore[call-overload]
        ),
        bottleneck_activities=_bottlenecks(per_activity),
        bottleneck_departments=_bottlenecks(per_group),
        rework=tuple(
            Rework(
                activity=str(r["activity"]),
                cases=int(r["reworked"]),  # type: ignore[call-overload]
                share=int(r["reworked"]) / int(r["cases"]),  # type: ignore[call-overload]
            )
            for r in engine.rows(repeats)
        ),
    )
