"""Contract checks: header, cell types and values, keys, references and phase shares."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pyarrow as pa

from luodi.contract.dataset import arrow_schema
from luodi.contract.errors import ProblemCode
from luodi.contract.problems import ProblemCollector
from luodi.contract.readers import INVALID, RawTable
from luodi.contract.schema import Column, ColumnType, Table

__all__ = [
    "CellError",
    "CheckedTable",
    "check_column",
    "check_keys",
    "check_phase_shares",
    "check_references",
    "check_table",
    "parse_cell",
    "shown",
]

# Contract timestamps are naive China Standard Time; aware input is converted to it.
CHINA_TIME = timezone(timedelta(hours=8))
SHARE_TOLERANCE = 1e-6
_INT64 = (-(2**63), 2**63 - 1)
# ASCII digits only: int() and float() also take "1_000", "٣", "nan" and "inf".
_INTEGER = re.compile(r"[+-]?[0-9]+(?:\.0*)?")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_TRUE = frozenset({"true", "1", "是"})
_FALSE = frozenset({"false", "0", "否"})

_EXPECTED: dict[ColumnType, tuple[str, str]] = {
    ColumnType.STRING: ("text", "text"),
    ColumnType.CHOICE: ("text", "one of the allowed values"),
    ColumnType.INTEGER: ("an integer", "a whole number such as 42"),
    ColumnType.FLOAT: ("a number", "a number such as 3.5, without thousands separators"),
    ColumnType.BOOLEAN: ("a boolean", "true/false, 1/0 or 是/否"),
    ColumnType.DATE: ("an ISO date", "a date such as 2024-03-31"),
    ColumnType.DATETIME: ("an ISO date-time", "a date-time such as 2024-03-31T09:30:00"),
}


class CellError(ValueError):
    """A cell value that does not have the column's type."""


@dataclass(frozen=True, kw_only=True)
class CheckedTable:
    """A file's contract columns after the cell checks; failed cells hold INVALID."""

    table: Table
    file: str
    row_numbers: list[int]
    columns: dict[str, list[object]]

    def to_arrow(self) -> pa.Table:
        """The Arrow table; only meaningful when no problem was found."""
        schema = arrow_schema(self.table)
        arrays = [pa.array(self.columns[field.name], type=field.type) for field in schema]
        return pa.Table.from_arrays(arrays, schema=schema)


def shown(value: object) -> str:
    """A cell value as quoted in a message, cut short so a long text cannot flood it."""
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _china_time(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(CHINA_TIME).replace(tzinfo=None)


def parse_cell(raw: object, column_type: ColumnType) -> object:
    """Convert one raw cell to the contract's Python value; None for an empty cell.

    >>> parse_cell(" 42 ", ColumnType.INTEGER)
    42
    >>> parse_cell("是", ColumnType.BOOLEAN)
    True
    >>> parse_cell("2024-03-31", ColumnType.DATE)
    datetime.date(2024, 3, 31)
    >>> parse_cell("3,5", ColumnType.FLOAT)
    Traceback (most recent call last):
    ...
    luodi.contract.checks.CellError: '3,5'
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        if column_type is ColumnType.STRING:
            return raw if raw != "" else None  # text keeps its spaces
        raw = raw.strip()
        if raw == "":
            return None
    value = _parse(raw, column_type)
    if value is INVALID:
        raise CellError(shown(raw))
    return value


def _parse(raw: object, column_type: ColumnType) -> object:
    if column_type in (ColumnType.STRING, ColumnType.CHOICE):
        if isinstance(raw, str):
            return raw
        # A spreadsheet stores an id such as 1001 as a number; its text is what was meant.
        if isinstance(raw, bool):
            return INVALID
        if isinstance(raw, int):
            return str(raw)
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))
        return INVALID
    if column_type is ColumnType.INTEGER:
        if isinstance(raw, bool):
            return INVALID
        if isinstance(raw, str):
            if not _INTEGER.fullmatch(raw):
                return INVALID
            raw = int(raw.split(".")[0])
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, int) and _INT64[0] <= raw <= _INT64[1]:
            return raw
        return INVALID
    if column_type is ColumnType.FLOAT:
        if isinstance(raw, bool):
            return INVALID
        if isinstance(raw, str):
            if not _NUMBER.fullmatch(raw):
                return INVALID
            raw = float(raw)
        if isinstance(raw, int | float) and math.isfinite(raw):
            return float(raw)
        return INVALID
    if column_type is ColumnType.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and raw.lower() in _TRUE | _FALSE:
            return raw.lower() in _TRUE
        return INVALID
    if column_type is ColumnType.DATE:
        if isinstance(raw, datetime):
            # A spreadsheet date cell reads as a datetime at midnight.
            return raw.date() if raw.time() == datetime.min.time() else INVALID
        if isinstance(raw, date):
            return raw
        if isinstance(raw, str):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                return INVALID
        return INVALID
    if isinstance(raw, datetime):
        return _china_time(raw)
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day)
    if isinstance(raw, str):
        try:
            return _china_time(datetime.fromisoformat(raw))
        except ValueError:
            return INVALID
    return INVALID


def _allowed(column: Column) -> str:
    return ", ".join(f"{c.value} ({c.zh})" for c in column.choices)


def _check_header(raw: RawTable, table: Table, collector: ProblemCollector) -> None:
    seen: set[str] = set()
    for name in raw.header:
        if name in seen:
            collector.add(
                ProblemCode.DUPLICATE_COLUMN, file=raw.file, row=raw.header_row, column=name
            )
            continue
        seen.add(name)
        if name not in table.column_names:
            close = difflib.get_close_matches(name, table.column_names, n=1)
            collector.add(
                ProblemCode.UNKNOWN_COLUMN,
                file=raw.file,
                row=raw.header_row,
                column=name,
                table=table.name,
                hint=f" (did you mean {close[0]}?)" if close else "",
                columns=", ".join(table.column_names),
            )
    for name in table.column_names:
        if name not in seen:
            collector.add(
                ProblemCode.MISSING_COLUMN,
                file=raw.file,
                row=raw.header_row,
                column=name,
                table=table.name,
            )


_CellResult = tuple[object, ProblemCode | None, dict[str, object]]


def _check_cell(cell: object, column: Column) -> _CellResult:
    """The cell's contract value, or INVALID with the code and message fields of its problem."""
    try:
        value = parse_cell(cell, column.type)
    except CellError:
        expected, example = _EXPECTED[column.type]
        fields: dict[str, object] = {"expected": expected, "example": example}
        return INVALID, ProblemCode.WRONG_TYPE, {"value": shown(cell), **fields}
    if value is None:
        return None, (ProblemCode.MISSING_VALUE if column.required else None), {}
    if column.choices and value not in column.allowed:
        return (
            INVALID,
            ProblemCode.UNKNOWN_CHOICE,
            {"value": shown(value), "allowed": _allowed(column)},
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        if column.minimum is not None and value < column.minimum:
            side, bound = "below the minimum", column.minimum
        elif column.maximum is not None and value > column.maximum:
            side, bound = "above the maximum", column.maximum
        else:
            return value, None, {}
        fields = {"value": shown(value), "side": side, "bound": _bound(bound)}
        return INVALID, ProblemCode.OUT_OF_RANGE, fields
    return value, None, {}


def check_column(raw: RawTable, column: Column, collector: ProblemCollector) -> list[object]:
    """Check every cell of one column in row order; failed cells hold INVALID."""
    cells = raw.columns.get(column.name)
    if cells is None:
        return [INVALID] * len(raw.row_numbers)
    values: list[object] = []
    for row, cell in zip(raw.row_numbers, cells, strict=True):
        if cell is INVALID:
            values.append(INVALID)
            continue
        value, code, fields = _check_cell(cell, column)
        if code is not None:
            collector.add(code, file=raw.file, row=row, column=column.name, **fields)
        values.append(value)
    return values


def _bound(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def check_keys(checked: CheckedTable, collector: ProblemCollector) -> None:
    """Report rows repeating an earlier row's primary or unique key, key by key."""
    table = checked.table
    for key in (table.primary_key, *table.unique):
        first_row: dict[tuple[object, ...], int] = {}
        columns = [checked.columns[name] for name in key]
        for index, row in enumerate(checked.row_numbers):
            value = tuple(column[index] for column in columns)
            if any(part is None or part is INVALID for part in value):
                continue
            if value in first_row:
                collector.add(
                    ProblemCode.DUPLICATE_KEY,
                    file=checked.file,
                    row=row,
                    column=key[0],
                    columns=", ".join(key),
                    value=", ".join(shown(part) for part in value),
                    first=first_row[value],
                )
            else:
                first_row[value] = row


def check_table(raw: RawTable, *, table: Table, collector: ProblemCollector) -> CheckedTable:
    """Check one file on its own: header, every cell, primary key and unique keys."""
    _check_header(raw, table, collector)
    checked = CheckedTable(
        table=table,
        file=raw.file,
        row_numbers=raw.row_numbers,
        columns={c.name: check_column(raw, c, collector) for c in table.columns},
    )
    check_keys(checked, collector)
    return checked


def check_references(tables: Mapping[str, CheckedTable], *, collector: ProblemCollector) -> None:
    """Check every reference against the referenced file of the same format.

    A reference into a table whose file is missing, unreadable or lacks the referenced column
    is skipped: that file's own problem says what to fix first.
    """
    for checked in tables.values():
        for column in checked.table.columns:
            reference = column.references
            if reference is None or reference.table not in tables:
                continue
            target = tables[reference.table]
            target_values = target.columns[reference.column]
            if target_values and all(v is INVALID for v in target_values):
                continue
            known = {v for v in target_values if v is not None and v is not INVALID}
            values = checked.columns[column.name]
            for row, value in zip(checked.row_numbers, values, strict=True):
                if value is None or value is INVALID or value in known:
                    continue
                collector.add(
                    ProblemCode.DANGLING_REFERENCE,
                    file=checked.file,
                    row=row,
                    column=column.name,
                    value=shown(value),
                    target=f"{reference.column}",
                    target_file=target.file,
                )


def check_phase_shares(phases: CheckedTable, *, collector: ProblemCollector) -> None:
    """The shares of each clause's phases must sum to 1; reported on the clause's first row."""
    first_row: dict[object, int] = {}
    shares: dict[object, list[float]] = {}
    numbers: dict[object, list[object]] = {}
    broken: set[object] = set()
    columns = phases.columns
    for index, row in enumerate(phases.row_numbers):
        clause, share = columns["clause_id"][index], columns["share"][index]
        if clause is None or clause is INVALID:
            continue
        first_row.setdefault(clause, row)
        if not isinstance(share, float):
            broken.add(clause)  # its cell problem is reported already
            continue
        shares.setdefault(clause, []).append(share)
        numbers.setdefault(clause, []).append(columns["phase"][index])
    for clause, row in first_row.items():
        if clause in broken:
            continue
        total = math.fsum(shares[clause])
        if abs(total - 1.0) > SHARE_TOLERANCE:
            collector.add(
                ProblemCode.SHARES_NOT_ONE,
                file=phases.file,
                row=row,
                column="share",
                clause=shown(clause),
                total=f"{total:.6g}",
                phases=", ".join(str(n) for n in numbers[clause]),
            )
