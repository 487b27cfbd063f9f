"""Real event logs for the process tests: found beside the repository or via LUODI_EVENTLOGS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pytest

from luodi.bench.xes_import import ENV_VAR, eventlogs_dir
from tests.conftest import require_or_skip

RECEIPT = "receipt.xes.gz"
ROADTRAFFIC = "roadtraffic100traces.xes"


def real_log(name: str) -> Path:
    path = eventlogs_dir() / name
    require_or_skip(
        path.is_file(),
        f"event log {path} is missing; set {ENV_VAR} to the folder holding {name}",
    )
    return path


@pytest.fixture(scope="session")
def receipt() -> Path:
    return real_log(RECEIPT)


@pytest.fixture(scope="session")
def roadtraffic() -> Path:
    return real_log(ROADTRAFFIC)


def table_of(
    traces: dict[str, Sequence[str | None]],
    *,
    groups: dict[str, str] | None = None,
    lifecycles: dict[str, Sequence[str]] | None = None,
) -> pa.Table:
    """A normalised event table: one event per hour in each case, in the order given."""
    rows: list[dict[str, object]] = []
    start = dt.datetime(2024, 5, 1, 9)
    for n, (case, activities) in enumerate(traces.items()):
        for i, activity in enumerate(activities):
            lifecycle = (lifecycles or {}).get(case, ["complete"] * len(activities))[i]
            rows.append(
                {
                    "case_id": case,
                    "activity": activity,
                    "timestamp": start + dt.timedelta(days=n, hours=i),
                    "lifecycle": lifecycle,
                    "resource": None,
                    "group": (groups or {}).get(activity or "", None),
                }
            )
    schema = pa.schema(
        [
            ("case_id", pa.string()),
            ("activity", pa.string()),
            ("timestamp", pa.timestamp("us")),
            ("lifecycle", pa.string()),
            ("resource", pa.string()),
            ("group", pa.string()),
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)
