"""The event log value: an Arrow table of events and which columns mean case, activity, time…"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import Dataset
from luodi.process.errors import EventLogError
from luodi.process.xes import read_log

__all__ = ["ColumnMap", "EventLog"]

# A case id that is missing in the source (a trace without concept:name) still needs a key.
MISSING_CASE_ID = "(no case id)"


@dataclass(frozen=True, kw_only=True)
class ColumnMap:
    """Names of the table's columns for each role; ``None`` when the log has no such column."""

    case_id: str = "case_id"
    activity: str = "activity"
    timestamp: str = "timestamp"
    lifecycle: str | None = "lifecycle"
    resource: str | None = "resource"
    group: str | None = "group"


@dataclass(frozen=True, kw_only=True)
class EventLog:
    """Events in source order; ``columns`` says which column plays which role.

    >>> import datetime as dt
    >>> table = pa.table({"case_id": ["c1"], "activity": ["受理"],
    ...                   "timestamp": pa.array([dt.datetime(2024, 5, 1)], pa.timestamp("us"))})
    >>> EventLog(table=table).core().column_names
    ['case_id', 'activity', 'ts_us', 'lifecycle', 'group', 'row']
    """

    table: pa.Table
    columns: ColumnMap = field(default_factory=ColumnMap)
    source: str = "table"

    def __post_init__(self) -> None:
        names = self.table.column_names
        required = {
            "case id": self.columns.case_id,
            "activity": self.columns.activity,
            "timestamp": self.columns.timestamp,
        }
        missing = [f"{role} ({name!r})" for role, name in required.items() if name not in names]
        # Optional columns under their default names may be absent; renamed ones must exist.
        defaults = ColumnMap()
        optional = {
            self.columns.lifecycle: defaults.lifecycle,
            self.columns.resource: defaults.resource,
            self.columns.group: defaults.group,
        }
        missing += [
            repr(name)
            for name, default in optional.items()
            if name is not None and name != default and name not in names
        ]
        if missing:
            raise EventLogError(
                f"event log from {self.source}: no column for {', '.join(missing)}; it has "
                f"{', '.join(names)}; pass a ColumnMap naming the right columns"
            )
        kind = self.table.schema.field(self.columns.timestamp).type
        if not pa.types.is_timestamp(kind):
            raise EventLogError(
                f"event log from {self.source}: column {self.columns.timestamp!r} is {kind}, "
                "not a timestamp; parse it first (read_csv does)"
            )

    @property
    def events(self) -> int:
        return int(self.table.num_rows)

    @classmethod
    def read(cls, *, path: Path | str) -> EventLog:
        """An XES (.xes, .xes.gz) or CSV (.csv) log file in the normalised schema."""
        return cls(table=read_log(path=path), source=str(path))

    @classmethod
    def from_contract(cls, dataset: Dataset) -> EventLog:
        """The contract's ``events`` table, the acting department as the group."""
        return cls(
            table=dataset["events"],
            columns=ColumnMap(group="department_id"),
            source="the contract's events table",
        )

    def core(self) -> pa.Table:
        """The columns the metrics read, under fixed names, with timestamps as integers.

        ``case_id`` is an integer code per case (the names are not needed for the metrics);
        ``ts_us`` is microseconds since the epoch (engine-neutral arithmetic); ``row`` is the
        source order, the tie-break for events with the same timestamp; ``lifecycle`` is lower
        case. Absent optional columns are null.
        """
        table = self.table
        rows = table.num_rows

        def text(name: str | None) -> pa.ChunkedArray | pa.Array:
            if name is None or name not in table.column_names:
                return pa.nulls(rows, type=pa.string())
            return pc.cast(table[name], pa.string())

        stamps = pc.cast(table[self.columns.timestamp], pa.timestamp("us"))
        lifecycle = text(self.columns.lifecycle)
        return pa.table(
            {
                # Case ids as integer codes: engines sort and partition integers far faster.
                "case_id": pc.dictionary_encode(
                    pc.fill_null(text(self.columns.case_id), MISSING_CASE_ID)
                )
                .combine_chunks()
                .indices.cast(pa.int64()),
                "activity": text(self.columns.activity),
                "ts_us": pc.cast(stamps, pa.int64()),
                "lifecycle": pc.utf8_lower(lifecycle),
                "group": text(self.columns.group),
                "row": pa.array(np.arange(rows, dtype=np.int64)),
            }
        )
