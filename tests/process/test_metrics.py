"""Process metrics: PM4Py's own figures on real logs, hand-made cases, engine parity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pm4py
import pyarrow as pa
import pytest

from luodi.engines import get_engine
from luodi.process import EventLog, SkippedEventsWarning, process_metrics, variants_of
from luodi.process.metrics import ProcessMetrics
from tests.process.conftest import table_of

ENGINES = ["duckdb", "polars"]


def _pm4py_figures(path: Path) -> dict[str, object]:
    frame = pm4py.read_xes(str(path), show_progress_bar=False)
    durations = pm4py.get_all_case_durations(frame)
    return {
        "cases": frame["case:concept:name"].nunique(),
        "events": len(frame),
        "activities": len(pm4py.get_event_attribute_values(frame, "concept:name")),
        "variants": len(pm4py.get_variants(frame)),
        "median_s": float(np.median(durations)),
        "p90_s": float(np.percentile(durations, 90)),
    }


@pytest.mark.parametrize("name", ["receipt", "roadtraffic"])
@pytest.mark.parametrize("engine", ENGINES)
def test_matches_pm4py(name: str, engine: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(name)
    expected = _pm4py_figures(path)
    metrics = process_metrics(log=EventLog.read(path=path), engine=get_engine(engine))
    result = metrics.to_dict()
    for key in ("cases", "events", "activities", "variants"):
        assert result[key] == expected[key], key
    assert result["skipped_events"] == 0
    duration = result["case_duration"]
    assert duration["median_s"] == pytest.approx(expected["median_s"], rel=0.01)
    assert duration["p90_s"] == pytest.approx(expected["p90_s"], rel=0.01)


def test_engines_agree(receipt: Path) -> None:
    log = EventLog.read(path=receipt)
    deadlines = {"T02 Check confirmation of receipt": 86_400.0, "Group 1": 3_600.0}
    results = [
        process_metrics(log=log, engine=get_engine(e), deadlines=deadlines).to_dict()
        for e in ENGINES
    ]
    assert results[0] == results[1]
    shares = [s["over_deadline_share"] for s in results[0]["per_activity"]]
    assert all(s is None or 0 <= s <= 1 for s in shares)
    assert results[0]["handovers"]


def _metrics(table: object, engine: str = "duckdb", **kwargs: object) -> ProcessMetrics:
    return process_metrics(
        log=EventLog(table=table),
        engine=get_engine(engine),
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_activity_is_skipped_with_a_warning(engine: str) -> None:
    table = table_of({"c1": ["A", None, "B"], "c2": ["A", "B"]})
    with pytest.warns(SkippedEventsWarning, match="1 event"):
        metrics = _metrics(table, engine)
    assert metrics.to_dict()["skipped_events"] == 1
    assert (metrics.events, metrics.cases, metrics.variants) == (4, 2, 1)


@pytest.mark.parametrize("engine", ENGINES)
def test_times_handovers_rework(engine: str) -> None:
    groups = {"受理": "D1", "审核": "D2", "复核": "D2", "办结": "D1"}
    table = table_of(
        {
            "c1": ["受理", "审核", "审核", "办结"],
            "c2": ["受理", "审核", "审核", "复核", "办结"],
        },
        groups=groups,
        lifecycles={
            "c1": ["complete", "start", "complete", "complete"],
            "c2": ["complete", "start", "complete", "complete", "complete"],
        },
    )
    metrics = _metrics(table, engine, deadlines={"办结": 1800.0, "D2": 7200.0})
    by_name = {s.name: s for s in metrics.per_activity}
    # The start/complete pair of 审核 is one instance of one hour: service, not waiting.
    assert by_name["审核"].service_median_s == 3600.0
    assert by_name["审核"].waiting_median_s == 3600.0
    assert by_name["受理"].service_median_s is None
    assert by_name["办结"].over_deadline_share == 1.0
    assert by_name["审核"].over_deadline_share is None
    departments = {s.name: s for s in metrics.per_department}
    assert departments["D2"].over_deadline_share == 0.0
    handovers = {(h.source, h.target): h.count for h in metrics.handovers}
    assert handovers == {("D1", "D2"): 2, ("D2", "D1"): 2}
    # 审核 occurs twice in each case, but as one start/complete pair: lifecycle-agnostic
    # rework counts events, so both cases show it.
    assert {r.activity: r.cases for r in metrics.rework} == {"审核": 2}
    assert metrics.variants == 2
    assert metrics.bottleneck_activities[-1] == "受理"


def test_variants_order_ties_by_source_order() -> None:
    # Same timestamp everywhere: the source order decides, as in PM4Py's stable sort.
    table = table_of({"c1": ["A", "B"], "c2": ["B", "A"], "c3": ["A", "B"]})
    moment = table["timestamp"][0]
    same = table.set_column(2, "timestamp", pa.array([moment.as_py()] * 6, table["timestamp"].type))
    found = variants_of(
        events=get_engine("duckdb").frame(EventLog(table=same).core()), engine=get_engine("duckdb")
    )
    assert found.sequences == (("A", "B"), ("B", "A"))
    assert found.cases == (2, 1)


def test_from_contract_uses_departments() -> None:
    from luodi.demo import generate

    metrics = process_metrics(log=EventLog.from_contract(generate()), engine=get_engine("duckdb"))
    assert metrics.cases > 0
    assert metrics.per_department
    assert metrics.bottleneck_departments


def test_variants_exact_for_long_cases_and_many_activities() -> None:
    # 40 activities and cases up to 60 events: several packed words per case.
    rng = np.random.default_rng(3)
    traces = {
        f"c{n}": [f"a{int(x)}" for x in rng.integers(0, 40, size=int(rng.integers(1, 60)))]
        for n in range(300)
    }
    traces.update({f"d{n}": traces[f"c{n}"] for n in range(50)})
    table = table_of(traces)
    found = variants_of(
        events=get_engine("duckdb").frame(EventLog(table=table).core()),
        engine=get_engine("duckdb"),
    )
    expected = {tuple(t) for t in traces.values()}
    assert set(found.sequences) == expected
    assert sum(found.cases) == len(traces)
