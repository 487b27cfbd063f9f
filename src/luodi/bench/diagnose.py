"""The diagnosis benchmark: the whole deviation diagnosis of a synthetic district, and Figure 1
(the execution network of departments) next to PM4Py's directly-follows graph.

``luodi synth`` writes N persons and M events as Parquet into a temporary folder once (not
timed). Luodi's item times what ``luodi diagnose DIR`` does: read and validate the folder
(``luodi.sources.load_dataset``) and compute every section on DuckDB with the demo rules. The
peer pair: PM4Py's ``discover_dfg`` over the events as a pandas DataFrame (case_id,
department_id, timestamp), against Luodi's ``execution_network`` over the same events. Both
find the handovers between departments; PM4Py counts handover occurrences (and self-loops),
Luodi distinct cases per handover, plus each department's cases and entries. The edge sets
without self-loops must agree, and ``params.peer_agrees`` says whether they do.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from luodi.bench.runner import BenchResult, measure

__all__ = [
    "diagnose_benchmark",
    "diagnose_item",
    "generate",
    "network_item",
    "pm4py_dfg_item",
]

# The goal for 1M persons and 10M events on two cores.
GOAL_SECONDS = 60.0
GOAL_PEAK_RSS_MB = 8192.0


def generate(*, directory: str, persons: int, events: int, seed: int) -> dict[str, int]:
    """Write the synthetic district into ``directory``; its row counts."""
    from luodi.synth import synthesize, write_synth

    dataset = synthesize(persons=persons, events=events, seed=seed)
    write_synth(dataset, directory=Path(directory))
    return dataset.row_counts()


def diagnose_item(*, directory: str, engine: str) -> Callable[[], dict[str, Any]]:
    """Read, validate and diagnose the folder; the value is each step's seconds."""
    from luodi.demo.people import REFERENCE_DATE
    from luodi.demo.policies import demo_library
    from luodi.diagnosis import diagnose
    from luodi.engines import get_engine
    from luodi.sources import load_dataset

    library = demo_library()
    runner = get_engine(engine)

    def work() -> dict[str, Any]:
        marks: list[tuple[str, float]] = [("read_validate", time.perf_counter())]
        dataset = load_dataset(directory)

        def progress(step: str, done: int, total: int) -> None:
            marks.append((step, time.perf_counter()))

        result = diagnose(
            dataset=dataset,
            engine=runner,
            library=library,
            rules_on=REFERENCE_DATE,
            source="synth",
            progress=progress,
        )
        report = result.to_dict()
        steps = {step: round(marks[i + 1][1] - at, 3) for i, (step, at) in enumerate(marks[:-1])}
        return {
            "steps_s": steps,
            "landing_poor_share": report["d2_obstruction"].get("landing_poor_share"),
            "recommendations": len(report["recommendations"]),
        }

    return work


def _edges(pairs: Any) -> list[list[str]]:
    return sorted([str(a), str(b)] for a, b in pairs if a != b)


def network_item(*, directory: str, engine: str) -> Callable[[], list[list[str]]]:
    """Luodi's execution network over the events (inputs prepared here, not timed)."""
    from luodi.contract.validate import read_dataset
    from luodi.diagnosis import DiagnosisContext, period_of
    from luodi.diagnosis.network import execution_network
    from luodi.diagnosis.stops import stop_points
    from luodi.engines import get_engine

    dataset = read_dataset(Path(directory))
    runner = get_engine(engine)
    period = period_of(dataset)

    def context() -> DiagnosisContext:
        return DiagnosisContext(dataset=dataset, engine=runner, period=period, rules_on=period.end)

    first = context()
    departments = {str(r["department_id"]): r for r in first.rows(first.frame("departments"))}
    stops = stop_points(first)

    def work() -> list[list[str]]:
        network = execution_network(context(), departments=departments, stops=stops)
        return _edges((source, target) for source, target, _ in network.edges)

    return work


def pm4py_dfg_item(*, directory: str) -> Callable[[], list[list[str]]]:
    """PM4Py's directly-follows graph of departments over the events as a DataFrame."""
    import pm4py
    import pyarrow.parquet as pq

    columns = ["case_id", "department_id", "timestamp"]
    frame = pq.read_table(Path(directory) / "events.parquet", columns=columns).to_pandas()

    def work() -> list[list[str]]:
        dfg, _start, _end = pm4py.discover_dfg(
            frame, case_id_key="case_id", activity_key="department_id", timestamp_key="timestamp"
        )
        return _edges(dfg)

    return work


def _generate_in_child(directory: str, persons: int, events: int, seed: int) -> dict[str, int]:
    # A child of its own, so the generator's memory is not held by the process that measures.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        kwargs = {"directory": directory, "persons": persons, "events": events, "seed": seed}
        counts: dict[str, int] = pool.submit(_call_generate, kwargs).result()
    return counts


def _call_generate(kwargs: dict[str, Any]) -> dict[str, int]:
    return generate(**kwargs)


def diagnose_benchmark(
    *, persons: int = 1_000_000, events: int = 10_000_000, runs: int = 3, seed: int = 20171
) -> dict[str, Any]:
    """Run the benchmark; the JSON shape of ``luodi bench diagnose --json``."""
    module = "luodi.bench.diagnose"
    with tempfile.TemporaryDirectory(prefix="luodi-bench-diagnose-") as directory:
        counts = _generate_in_child(directory, persons, events, seed)
        whole = measure(
            name="luodi-diagnose-duckdb",
            factory=f"{module}:diagnose_item",
            kwargs={"directory": directory, "engine": "duckdb"},
            runs=runs,
        )
        network = measure(
            name="luodi-execution-network-duckdb",
            factory=f"{module}:network_item",
            kwargs={"directory": directory, "engine": "duckdb"},
            runs=runs,
        )
        peer = measure(
            name="pm4py-discover-dfg",
            factory=f"{module}:pm4py_dfg_item",
            kwargs={"directory": directory},
            runs=runs,
        )
    results: list[BenchResult] = [whole, network, peer]
    value = whole.value if isinstance(whole.value, dict) else {}
    return {
        "benchmark": "diagnose",
        "params": {
            "persons": persons,
            "events": events,
            "seed": seed,
            "engine": "duckdb",
            "runs": runs,
            "warmup_runs": 1,
            "row_counts": counts,
            "luodi_steps_s": value.get("steps_s"),
            "goal": {
                "median_s": GOAL_SECONDS,
                "peak_rss_mb": GOAL_PEAK_RSS_MB,
                "met": whole.median_s <= GOAL_SECONDS and whole.peak_rss_mb <= GOAL_PEAK_RSS_MB,
            },
            "timed": "luodi-diagnose-duckdb: load_dataset(DIR) (read + validate the Parquet "
            "folder) and diagnose() with the demo rules on DuckDB; the network and the peer "
            "are timed over events already in memory",
            "peer_note": "PM4Py discover_dfg on a pandas DataFrame (case_id, department_id, "
            "timestamp) counts handover occurrences including self-loops; Luodi's "
            "execution_network counts distinct cases per handover, cases per department and "
            "entries, after collapsing consecutive events at one department",
            "peer_agrees": network.value == peer.value,
            "memory": "peak RSS (ru_maxrss) of a fresh spawned process per item, including "
            "interpreter, libraries and the data read",
        },
        "results": [r.to_dict() for r in results],
        "ratios": {"pm4py/luodi": round(peer.median_s / network.median_s, 2)},
    }
