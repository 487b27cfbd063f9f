"""The XES import benchmark: Luodi's reader against ``pm4py.read_xes`` on the same file.

Both read the whole log into a table (Luodi: Arrow; PM4Py: its pandas DataFrame) and return
the number of events, which must agree. Luodi's reader splits large logs over worker
processes; their memory is not in the parent's peak RSS, which ``params`` says.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from luodi.bench.runner import measure

__all__ = ["default_log", "luodi_item", "pm4py_item", "xes_import_benchmark"]

LOG_NAME = "Road_Traffic_Fine_Management_Process.xes.gz"
# The shared data folder sits beside the repository; LUODI_EVENTLOGS points elsewhere.
ENV_VAR = "LUODI_EVENTLOGS"


def eventlogs_dir() -> Path:
    """The folder of the real event logs: ``$LUODI_EVENTLOGS`` or ``../shared/data/eventlogs``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured)
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data" / "eventlogs"


def default_log() -> Path:
    return eventlogs_dir() / LOG_NAME


def luodi_item(*, path: str) -> Callable[[], int]:
    from luodi.process.xes import read_xes

    def work() -> int:
        return int(read_xes(path=path).num_rows)

    return work


def pm4py_item(*, path: str) -> Callable[[], int]:
    import pm4py

    def work() -> int:
        return len(pm4py.read_xes(path, show_progress_bar=False))

    return work


def xes_import_benchmark(*, path: Path | str, runs: int = 3) -> dict[str, Any]:
    """Run the benchmark; the JSON shape of ``luodi bench xes-import --json``."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"event log {path} not found; pass --log or set {ENV_VAR} to the folder holding "
            f"{LOG_NAME}"
        )
    module = "luodi.bench.xes_import"
    luodi = measure(
        name="luodi-read_xes", factory=f"{module}:luodi_item", kwargs={"path": str(path)}, runs=runs
    )
    peer = measure(
        name="pm4py-read_xes", factory=f"{module}:pm4py_item", kwargs={"path": str(path)}, runs=runs
    )
    return {
        "benchmark": "xes-import",
        "params": {
            "log": path.name,
            "bytes": path.stat().st_size,
            "events": luodi.value,
            "runs": runs,
            "warmup_runs": 1,
            "cpus": os.cpu_count(),
            "peer_agrees": luodi.value == peer.value,
            "memory": "peak RSS (ru_maxrss) of a fresh spawned process per item; Luodi's "
            "parser worker processes (large logs are split over the CPUs) are not included",
        },
        "results": [luodi.to_dict(), peer.to_dict()],
        "ratios": {"pm4py/luodi": round(peer.median_s / luodi.median_s, 2)},
    }
