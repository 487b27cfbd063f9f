"""Read and write event logs as XES (IEEE 1849, plain or gzipped) and CSV, as Arrow tables.

The normalised schema has one row per event, in file order:

- ``case_id``: the trace's ``concept:name``;
- ``activity``: the event's ``concept:name`` (null when the event has none);
- ``timestamp``: ``time:timestamp`` as a naive ``timestamp[us]`` in UTC — zone-aware times
  keep their instant and are converted to UTC; times without a zone are taken as UTC;
- ``lifecycle`` (``lifecycle:transition``), ``resource`` (``org:resource``) and ``group``
  (``org:group``);
- every other event attribute as a string column under its own key (the XES type is kept in
  the field metadata under ``xes_type`` so that writing restores it);
- every trace attribute as a string column ``case:<key>``, as PM4Py names them.

Nested attributes, lists and the log's global defaults are not read. Parsing uses expat (the
C parser of the standard library) with callbacks that build one dict per event; large logs are
split at trace boundaries and parsed by several processes.
"""

from __future__ import annotations

import csv
import gc
import gzip
import io
import itertools
import multiprocessing
import os
import pyexpat
import re
import zlib
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from luodi.process.errors import EventLogReadError

__all__ = [
    "CORE_COLUMNS",
    "read_csv",
    "read_log",
    "read_xes",
    "write_csv",
    "write_xes",
]

# XES key → normalised column; every other key keeps its name.
_EVENT_KEYS = {
    "concept:name": "activity",
    "time:timestamp": "timestamp",
    "lifecycle:transition": "lifecycle",
    "org:resource": "resource",
    "org:group": "group",
}
_COLUMN_KEYS = {column: key for key, column in _EVENT_KEYS.items()}
CORE_COLUMNS = ("case_id", "activity", "timestamp", "lifecycle", "resource", "group")
_TIMESTAMP = pa.timestamp("us")
_XES_NS = "http://www.xes-standard.org/"
# Below this size one process parses faster than starting workers does.
_PARALLEL_BYTES = 32 * 1024 * 1024
_TRACE_OPEN = re.compile(rb"<(?:[\w.-]+:)?trace[\s>]")
_ROOT_OPEN = re.compile(rb"<(?:[\w.-]+:)?log(?:\s[^>]*)?>")
_FIX_XES = "export the log again as XES (IEEE 1849) or check the file was copied completely"


def _open(path: Path) -> IO[bytes] | gzip.GzipFile:
    raw = path.open("rb")
    # Sniff the gzip magic rather than trust the suffix: logs are often renamed.
    magic = raw.read(2)
    raw.seek(0)
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    return raw


def parse_timestamps(values: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray | pa.Array:
    """ISO 8601 strings (any offset, or none for UTC) → naive ``timestamp[us]`` in UTC."""
    # Arrow parses at most microseconds; XES files from Java tools may carry nanoseconds.
    trimmed = pc.replace_substring_regex(values, pattern=r"(\.\d{6})\d+", replacement=r"\1")
    # Times without a zone are UTC; Arrow wants the zone spelt out to parse a mix of both.
    zoned = pc.match_substring_regex(trimmed, pattern=r"T.*(Z|[+-]\d\d(:?\d\d)?)$")
    spelt = pc.if_else(zoned, trimmed, pc.binary_join_element_wise(trimmed, "Z", ""))
    aware = pc.cast(spelt, pa.timestamp("us", tz="UTC"))
    return pc.cast(aware, _TIMESTAMP)


def _event_tables(data: bytes, path: Path) -> pa.Table:
    """Parse one well-formed XES document (or a chunk wrapped as one) into the table."""
    # Millions of new dicts would trigger the cyclic garbage collector over and over, and
    # none of them can form a cycle: pause it while parsing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(data, path)
    finally:
        if enabled:
            gc.enable()


def _parse(data: bytes, path: Path) -> pa.Table:
    found = _Collected()
    parser = pyexpat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = _callbacks(found)
    try:
        parser.Parse(data, True)
    except pyexpat.ExpatError as error:
        problem = pyexpat.errors.messages[error.code]
        raise EventLogReadError(
            path=path, line=error.lineno, problem=f"malformed XML ({problem})", fix=_FIX_XES
        ) from error
    except _NotXesError as error:
        _check_root(root=error.root, path=path, line=parser.CurrentLineNumber)
    _check_root(root=found.root, path=path, line=None)
    return _to_table(
        events=found.events,
        traces=found.traces,
        event_types=found.event_types,
        case_types=found.case_types,
    )


class _NotXesError(Exception):
    def __init__(self, root: str) -> None:
        self.root = root


class _Collected:
    """What the expat callbacks gather: one dict per event, the traces' attributes and ends."""

    def __init__(self) -> None:
        self.events: list[dict[str | None, str | None]] = []
        self.traces: list[tuple[int, dict[str | None, str | None]]] = []
        self.event_types: dict[str, str] = {}
        self.case_types: dict[str, str] = {}
        self.root: str | None = None


def _callbacks(found: _Collected) -> tuple[Any, Any]:
    """Start and end callbacks for expat, as closures (the hottest code of the reader).

    Expat hands each start tag's attributes over as a ready dict, faster than walking element
    objects (measured against lxml's iterparse and ElementTree). Tags are compared by local
    name, so any namespace prefix works.
    """
    events, traces = found.events, found.traces
    event_types, case_types = found.event_types, found.case_types
    local_names: dict[str, str] = {}
    event: dict[str | None, str | None] | None = None
    trace: dict[str | None, str | None] | None = None
    # Depth inside an attribute: nested attributes (meta data) are not read.
    depth = 0

    def local(tag: str) -> str:
        name = local_names.get(tag)
        if name is None:
            name = local_names[tag] = tag.rpartition(":")[2]
        return name

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal event, trace, depth
        if depth:
            depth += 1
            return
        name = local_names.get(tag) or local(tag)
        if name == "event":
            event = {}
        elif name == "trace":
            trace = {}
        elif event is not None:
            key = attributes.get("key")
            if key is not None:
                event[key] = attributes.get("value")
                if key not in event_types:
                    event_types[key] = name
            depth = 1
        elif trace is not None:
            key = attributes.get("key")
            if key is not None:
                trace[key] = attributes.get("value")
                if key not in case_types:
                    case_types[key] = name
            depth = 1
        elif found.root is None:
            found.root = name
            if name != "log":
                raise _NotXesError(name)

    def end(tag: str) -> None:
        nonlocal event, trace, depth
        if depth:
            depth -= 1
            return
        name = local_names.get(tag) or local(tag)
        if name == "event" and event is not None:
            events.append(event)
            event = None
        elif name == "trace" and trace is not None:
            traces.append((len(events), trace))
            trace = None

    return start, end


def _check_root(*, root: str | None, path: Path, line: int | None) -> None:
    if root != "log":
        tag = "nothing" if root is None else f"<{root}>"
        raise EventLogReadError(
            path=path,
            line=line,
            problem=f"not an XES log (the root element is {tag})",
            fix="give an XES file whose root element is <log>",
        )


def _to_table(
    *,
    events: list[dict[str | None, str | None]],
    traces: list[tuple[int, dict[str | None, str | None]]],
    event_types: dict[str, str],
    case_types: dict[str, str],
) -> pa.Table:
    count = len(events)
    ends = np.array([end for end, _ in traces], dtype=np.int64)
    sizes = np.diff(np.concatenate([[0], ends]))
    # Events after the last trace (malformed, but tolerated) belong to no case.
    trace_of = np.repeat(np.arange(len(traces), dtype=np.int64), sizes)
    trace_of = np.concatenate([trace_of, np.full(count - len(trace_of), -1, dtype=np.int64)])
    indices = pa.array(trace_of, mask=trace_of < 0)

    def case_column(key: str) -> pa.Array:
        per_trace = pa.array([case.get(key) for _, case in traces], type=pa.string())
        return per_trace.take(indices)

    # Arrow converts the list of dicts in C++, far faster than a Python list per column.
    keys = list(dict.fromkeys([*(_COLUMN_KEYS[c] for c in CORE_COLUMNS[1:]), *event_types]))
    struct = pa.array(events, type=pa.struct([(key, pa.string()) for key in keys]))
    fields: list[pa.Field] = []
    arrays: list[pa.Array] = []
    for name in CORE_COLUMNS:
        if name == "case_id":
            values = case_column("concept:name")
        else:
            values = struct.field(_COLUMN_KEYS[name])
        if name == "timestamp":
            values = parse_timestamps(values)
        fields.append(pa.field(name, values.type))
        arrays.append(values)
    for key, kind in event_types.items():
        if key in _EVENT_KEYS:
            continue
        fields.append(pa.field(key, pa.string(), metadata={"xes_type": kind}))
        arrays.append(struct.field(key))
    for key, kind in case_types.items():
        if key == "concept:name":
            continue
        fields.append(pa.field(f"case:{key}", pa.string(), metadata={"xes_type": kind}))
        arrays.append(case_column(key))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _decompress(path: Path) -> bytes:
    try:
        with _open(path) as stream:
            return stream.read()
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise EventLogReadError(
            path=path,
            line=None,
            problem=f"the gzip stream is truncated or corrupt ({error})",
            fix=_FIX_XES,
        ) from error


def _chunks(data: bytes, parts: int) -> list[bytes] | None:
    """Split a document at trace boundaries into ``parts`` standalone documents, or None."""
    first = _TRACE_OPEN.search(data)
    last = data.rfind(b"</")
    root = _ROOT_OPEN.search(data, 0, first.start() if first else 0)
    if first is None or root is None or last <= first.start():
        return None
    body_end = data.rfind(b">", 0, last) + 1
    header, closing = data[: root.end()], data[last:]
    cuts = [first.start()]
    for part in range(1, parts):
        found = _TRACE_OPEN.search(data, first.start() + (body_end - first.start()) * part // parts)
        if found is None or found.start() <= cuts[-1] or found.start() >= body_end:
            return None
        cuts.append(found.start())
    cuts.append(body_end)
    # Each chunk keeps the root's start tag (its namespace declarations) and end tag.
    return [header + data[a:b] + closing for a, b in itertools.pairwise(cuts)]


def parse_chunk(data: bytes, path: str) -> pa.Table:
    """Parse one chunk in a worker process (module-level so that it pickles)."""
    return _event_tables(data, Path(path))


def read_xes(*, path: Path | str, workers: int | None = None) -> pa.Table:
    """Read an XES log (``.xes`` or ``.xes.gz``) into the normalised Arrow table.

    Large logs are split at trace boundaries and parsed by ``workers`` processes (default: the
    CPU count, at most 4); when a chunk does not parse, the whole file is parsed again in one
    piece so that the error names the right line.
    """
    path = Path(path)
    data = _decompress(path)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    parts = workers if len(data) >= _PARALLEL_BYTES else 1
    chunks = _chunks(data, parts) if parts > 1 else None
    if chunks is None:
        return _event_tables(data, path)
    try:
        # Spawned, not forked: the caller may hold DuckDB or other threads that fork breaks.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=len(chunks) - 1, mp_context=context) as pool:
            futures = [pool.submit(parse_chunk, chunk, str(path)) for chunk in chunks[1:]]
            tables = [_event_tables(chunks[0], path)]
            try:
                tables += [f.result() for f in futures]
            except (BrokenProcessPool, OSError):
                # Workers cannot start (e.g. a script without a __main__ guard): go on alone.
                tables += [_event_tables(chunk, path) for chunk in chunks[1:]]
    except EventLogReadError:
        return _event_tables(data, path)
    return pa.concat_tables(tables, promote_options="default")


def write_xes(*, table: pa.Table, path: Path | str) -> None:
    """Write a normalised event table as an IEEE 1849 XES file (gzipped if it ends in .gz).

    Events are grouped into traces by ``case_id`` in order of first appearance, keeping their
    order within a case. Timestamps are written in UTC.
    """
    path = Path(path)
    names = table.column_names
    missing = [c for c in ("case_id", "activity", "timestamp") if c not in names]
    if missing:
        raise EventLogReadError(
            path=path,
            line=None,
            problem=f"the table lacks the column(s) {', '.join(missing)}",
            fix="build the table with read_xes/read_csv or EventLog.table",
        )
    stamps = pc.strftime(
        pc.assume_timezone(table["timestamp"].cast(_TIMESTAMP), timezone="UTC"),
        # Arrow's %S carries the fraction (microseconds) already.
        format="%Y-%m-%dT%H:%M:%S",
    ).to_pylist()
    event_columns: list[tuple[str, str, list[Any]]] = []
    case_columns: list[tuple[str, str, list[Any]]] = []
    for field in table.schema:
        if field.name in ("case_id", "timestamp"):
            continue
        kind = (field.metadata or {}).get(b"xes_type", b"string").decode()
        if field.name.startswith("case:"):
            case_columns.append((field.name[5:], kind, table[field.name].to_pylist()))
        else:
            key = _COLUMN_KEYS.get(field.name, field.name)
            event_columns.append((key, kind, table[field.name].to_pylist()))
    cases: dict[object, list[int]] = {}
    for row, case_id in enumerate(table["case_id"].to_pylist()):
        cases.setdefault(case_id, []).append(row)
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<log xes.version="1849-2016" xes.features="" xmlns="{_XES_NS}">\n')
    for name, prefix in (
        ("Concept", "concept"),
        ("Time", "time"),
        ("Lifecycle", "lifecycle"),
        ("Organizational", "org"),
    ):
        uri = f"{_XES_NS}{prefix}.xesext"
        out.write(f'  <extension name="{name}" prefix="{prefix}" uri="{uri}"/>\n')
    for case_id, rows in cases.items():
        out.write("  <trace>\n")
        if case_id is not None:
            out.write(f'    <string key="concept:name" value={quoteattr(str(case_id))}/>\n')
        for key, kind, values in case_columns:
            if values[rows[0]] is not None:
                out.write(
                    f"    <{kind} key={quoteattr(key)} value={quoteattr(values[rows[0]])}/>\n"
                )
        for row in rows:
            out.write("    <event>\n")
            for key, kind, values in event_columns:
                if values[row] is not None:
                    value = quoteattr(str(values[row]))
                    out.write(f"      <{kind} key={quoteattr(key)} value={value}/>\n")
            if stamps[row] is not None:
                out.write(f'      <date key="time:timestamp" value="{stamps[row]}+00:00"/>\n')
            out.write("    </event>\n")
        out.write("  </trace>\n")
    out.write("</log>\n")
    data = out.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        with gzip.open(path, "wb") as handle:
            handle.write(data)
    else:
        path.write_bytes(data)


def write_csv(*, table: pa.Table, path: Path | str) -> None:
    """Write a normalised event table as CSV (timestamps ISO 8601, UTC, no zone)."""
    pacsv.write_csv(table, Path(path))


def read_csv(*, path: Path | str) -> pa.Table:
    """Read a CSV event log with at least ``case_id``, ``activity`` and ``timestamp``."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
        table = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                # An empty cell is a missing value, as write_csv writes nulls.
                strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise EventLogReadError(
            path=path,
            line=None,
            problem=f"not a readable CSV event log ({error})",
            fix="save it as UTF-8 CSV with a header row",
        ) from error
    missing = [c for c in ("case_id", "activity", "timestamp") if c not in table.column_names]
    if missing:
        raise EventLogReadError(
            path=path,
            line=1,
            problem=f"the header lacks the column(s) {', '.join(missing)}",
            fix="name the columns case_id, activity, timestamp (and optionally lifecycle, "
            "resource, group)",
        )
    try:
        stamps = parse_timestamps(pc.replace_substring(table["timestamp"], " ", "T"))
    except pa.ArrowInvalid as error:
        raise EventLogReadError(
            path=path,
            line=None,
            problem=f"a timestamp is not ISO 8601 ({error})",
            fix="write times as 2024-05-01T09:30:00 (optionally with +08:00)",
        ) from error
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    for name in CORE_COLUMNS:
        if name == "timestamp":
            columns[name] = stamps
        elif name in table.column_names:
            columns[name] = table[name]
        else:
            columns[name] = pa.nulls(table.num_rows, type=pa.string())
    for name in table.column_names:
        if name not in CORE_COLUMNS:
            columns[name] = table[name]
    return pa.table(columns)


def read_log(*, path: Path | str) -> pa.Table:
    """Read an event log by its suffix: ``.csv`` as CSV, anything else as XES."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return read_csv(path=path)
    return read_xes(path=path)
