"""The contract's events as a normalised event log and back: the bridge to XES, CSV and PM4Py.

The log has the normalised columns of :mod:`luodi.process.xes` (``case_id``, ``activity``,
``timestamp``, ``lifecycle``, ``resource``, ``group`` = the acting department) and, under
their XES keys, ``identity:id`` (the event id), ``org:role`` (who acted),
``luodi:decision`` and ``luodi:reason`` (the official reason of a rejection, return or block),
plus the case attributes ``case:clause_id``, ``case:person_id``, ``case:employer_id`` and
``case:status``. Persons' names never enter the log: only ids, as in the contract's tables.

Contract timestamps are naive China Standard Time; log timestamps are naive UTC (what the XES
writer marks ``+00:00``). The conversion is exact both ways, so a round trip is lossless.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import Dataset, arrow_schema
from luodi.contract.activity_tables import EVENTS
from luodi.process.errors import EventLogContractError, EventLogError
from luodi.process.xes import read_csv, read_xes, write_csv, write_xes

__all__ = [
    "CASE_ATTRIBUTES",
    "CHINA_OFFSET",
    "DUPLICATE_ID",
    "EVENT_ID_KEY",
    "LOG_ALIASES",
    "LOG_FORMATS",
    "MISSING_COLUMN",
    "MISSING_VALUE",
    "NOT_A_CHOICE",
    "UNKNOWN_FORMAT",
    "events_export",
    "events_import",
    "events_to_log",
    "generated_event_id",
    "log_to_events",
]

CHINA_OFFSET = dt.timedelta(hours=8)
EVENT_ID_KEY = "identity:id"
# Contract column → log column; the log keeps the XES keys a process-mining tool expects.
_LOG_NAMES = {
    "event_id": EVENT_ID_KEY,
    "department_id": "group",
    "role": "org:role",
    "decision": "luodi:decision",
    "reason": "luodi:reason",
}
# Where the importer looks for each contract column, first match wins: a log written by
# events_to_log, a CSV of the contract's events table, or XES from another tool.
LOG_ALIASES: dict[str, tuple[str, ...]] = {
    "event_id": (EVENT_ID_KEY, "event_id"),
    "case_id": ("case_id",),
    "activity": ("activity",),
    "department_id": ("group", "org:group", "department_id"),
    "resource": ("resource", "org:resource"),
    "role": ("org:role", "role"),
    "timestamp": ("timestamp",),
    "lifecycle": ("lifecycle", "lifecycle:transition"),
    "decision": ("luodi:decision", "decision"),
    "reason": ("luodi:reason", "reason"),
}
CASE_ATTRIBUTES = ("clause_id", "person_id", "employer_id", "status")

MISSING_COLUMN = (
    "no {column} column (looked for {names}); {meaning}. Fix: add it to every event, in XES as "
    '<string key="{key}" value="…"/>, in CSV as a column named {key}'
)
MISSING_VALUE = "{where}: {column} is empty; give every event its {column} ({meaning})"
NOT_A_CHOICE = "{where}: {column} {value!r} is not one of {allowed}; use one of those values"
DUPLICATE_ID = (
    "{where}: event id {event_id!r} was already used by {first}; event ids must be unique, "
    "drop the duplicate or give it its own id"
)

_MICRO = pa.duration("us")


def generated_event_id(case_id: str, position: int) -> str:
    """The id of the ``position``-th event (from 1) of a case, for logs without event ids.

    >>> generated_event_id("K1", 3)
    'K1-E0003'
    """
    return f"{case_id}-E{position:04d}"


def _shift(stamps: pa.ChunkedArray | pa.Array, by: dt.timedelta) -> pa.ChunkedArray | pa.Array:
    return pc.add(stamps.cast(pa.timestamp("us")), pa.scalar(by, type=_MICRO))


def events_to_log(dataset: Dataset) -> pa.Table:
    """The contract's events as a normalised log, events grouped by case and in time order.

    Cases appear in the order of their first event; within a case events are ordered by time,
    ties kept in table order.
    """
    events = dataset["events"]
    cases = dataset["cases"]
    rows = events.num_rows
    first_seen = pc.dictionary_encode(events["case_id"]).combine_chunks().indices
    order = pc.sort_indices(
        pa.table(
            {
                "case": first_seen,
                "time": events["timestamp"],
                "row": pa.array(np.arange(rows, dtype=np.int64)),
            }
        ),
        sort_keys=[("case", "ascending"), ("time", "ascending"), ("row", "ascending")],
    )
    events = events.take(order)
    columns: dict[str, pa.ChunkedArray | pa.Array] = {
        "case_id": events["case_id"],
        "activity": events["activity"],
        "timestamp": _shift(events["timestamp"], -CHINA_OFFSET),
        "lifecycle": events["lifecycle"],
        "resource": events["resource"],
    }
    for name in ("department_id", "event_id", "role", "decision", "reason"):
        columns[_LOG_NAMES[name]] = events[name]
    # A case id absent from the cases table takes null attributes rather than failing: the
    # validator reports such references, the log need not.
    at = pc.index_in(events["case_id"], value_set=cases["case_id"].combine_chunks())
    for name in CASE_ATTRIBUTES:
        columns[f"case:{name}"] = cases[name].combine_chunks().take(at)
    return pa.table(columns)


def _find(table: pa.Table, column: str) -> str | None:
    # The XES reader gives every log its core columns; one that holds no value at all is
    # reported as a missing column, not once per event.
    return next(
        (
            name
            for name in LOG_ALIASES[column]
            if name in table.column_names
            and (table.num_rows == 0 or table[name].null_count < table.num_rows)
        ),
        None,
    )


def _meaning(column: str) -> str:
    spec = EVENTS.column(column)
    if spec.choices:
        return f"{spec.en.rstrip('.')}: one of {', '.join(sorted(spec.allowed))}"
    return spec.en.rstrip(".")


def log_to_events(
    table: pa.Table, *, source: str = "the log", first_line: int | None = None
) -> pa.Table:
    """The contract's ``events`` table from a normalised log, in log order; the inverse of
    :func:`events_to_log`.

    An event keeps its id from ``identity:id`` (or ``event_id``); an event without one gets
    :func:`generated_event_id` of its case and position in the case. ``first_line`` is the
    file line of the first event (2 for a CSV with a header) so that problems name lines.
    Raises :class:`EventLogContractError` listing every problem found.
    """
    if table.num_rows == 0:
        # An XES file without events declares no attributes at all: nothing is missing.
        return arrow_schema(EVENTS).empty_table()
    problems: list[str] = []
    found: dict[str, str] = {}
    for column in EVENTS.column_names:
        name = _find(table, column)
        if name is not None:
            found[column] = name
        elif EVENTS.column(column).required and column != "event_id":
            problems.append(
                MISSING_COLUMN.format(
                    column=column,
                    names=", ".join(LOG_ALIASES[column]),
                    meaning=_meaning(column),
                    key=LOG_ALIASES[column][0],
                )
            )
    if problems:
        raise EventLogContractError(source=source, problems=problems)

    rows = table.num_rows
    text = {
        column: pc.cast(table[name], pa.string()).to_pylist()
        for column, name in found.items()
        if column != "timestamp"
    }
    if "lifecycle" in text:
        # The XES lifecycle model spells its transitions in lower case; some tools do not.
        text["lifecycle"] = [None if v is None else v.lower() for v in text["lifecycle"]]
    case_ids: list[str | None] = text["case_id"]
    stamps = table[found["timestamp"]]
    stamp_nulls = pc.is_null(stamps).to_pylist()

    def where(row: int) -> str:
        line = f", line {first_line + row}" if first_line is not None else ""
        return f"event {row + 1} (case {case_ids[row]!r}{line})"

    for row in range(rows):
        for column in EVENTS.required_names:
            if column == "event_id":
                continue
            empty = stamp_nulls[row] if column == "timestamp" else text[column][row] in (None, "")
            if empty:
                problems.append(
                    MISSING_VALUE.format(where=where(row), column=column, meaning=_meaning(column))
                )
        for column in ("role", "lifecycle", "decision"):
            value = text.get(column, [None] * rows)[row]
            allowed = EVENTS.column(column).allowed
            if value not in (None, "") and value not in allowed:
                problems.append(
                    NOT_A_CHOICE.format(
                        where=where(row),
                        column=column,
                        value=value,
                        allowed=", ".join(sorted(allowed)),
                    )
                )

    given = text.get("event_id", [None] * rows)
    positions: dict[str | None, int] = {}
    ids: list[str] = []
    first_use: dict[str, int] = {}
    for row in range(rows):
        positions[case_ids[row]] = positions.get(case_ids[row], 0) + 1
        event_id = given[row] or generated_event_id(str(case_ids[row]), positions[case_ids[row]])
        if event_id in first_use:
            problems.append(
                DUPLICATE_ID.format(
                    where=where(row), event_id=event_id, first=where(first_use[event_id])
                )
            )
        first_use.setdefault(event_id, row)
        ids.append(event_id)
    if problems:
        raise EventLogContractError(source=source, problems=problems)

    schema = arrow_schema(EVENTS)
    columns: list[pa.Array | pa.ChunkedArray] = []
    for field in schema:
        if field.name == "event_id":
            columns.append(pa.array(ids, type=pa.string()))
        elif field.name == "timestamp":
            columns.append(_shift(stamps, CHINA_OFFSET).combine_chunks())
        else:
            # An empty string is no value: the contract writes a missing value as null.
            values = text.get(field.name, [None] * rows)
            columns.append(pa.array([v or None for v in values], type=field.type))
    return pa.Table.from_arrays(columns, schema=schema)


LOG_FORMATS = ("xes", "csv", "ocel2")
UNKNOWN_FORMAT = "unknown event log format {fmt!r}; use one of {known}"


def events_export(*, dataset: Dataset, fmt: str, path: Path | str) -> int:
    """Write the dataset's event log as XES (``.gz`` compresses), CSV or OCEL 2.0 JSON.

    Returns the number of events written.
    """
    if fmt == "ocel2":
        from luodi.process.ocel import write_ocel2

        return write_ocel2(dataset=dataset, path=path)
    if fmt not in LOG_FORMATS:
        raise EventLogError(UNKNOWN_FORMAT.format(fmt=fmt, known=", ".join(LOG_FORMATS)))
    log = events_to_log(dataset)
    if fmt == "xes":
        write_xes(table=log, path=path)
    else:
        write_csv(table=log, path=path)
    return int(log.num_rows)


def events_import(*, path: Path | str) -> pa.Table:
    """The contract's events table from an XES (.xes, .xes.gz) or CSV (.csv) log file."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        # Line 1 is the header; a CSV problem then names the line to open in an editor.
        return log_to_events(read_csv(path=path), source=str(path), first_line=2)
    return log_to_events(read_xes(path=path), source=str(path))
