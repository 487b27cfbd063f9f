"""Columnar validation of Parquet files whose columns already hold the contract types.

The cell-by-cell checks of :mod:`luodi.contract.checks` take minutes for ten million rows. A
Parquet file with exactly the contract's columns, each stored as a type the contract can read,
is checked here column by column with ``pyarrow.compute``: required values, allowed choices,
minimum and maximum, finite numbers, primary and unique keys. The vectorised checks only
decide *whether* a column (or a key) is clean; when one is not, that column (or the table's
keys) goes through the cell-by-cell checks, so every problem, row and message is exactly the
one the cell-by-cell path reports. A file that does not fit (unreadable, other columns, a type
that needs converting) is left to the cell-by-cell path as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from luodi.contract.checks import (
    CheckedTable,
    check_column,
    check_keys,
    check_phase_shares,
    shown,
)
from luodi.contract.dataset import arrow_schema, arrow_type
from luodi.contract.errors import ProblemCode
from luodi.contract.problems import ProblemCollector
from luodi.contract.readers import INVALID, RawTable, parquet_cast, parquet_holds
from luodi.contract.schema import Column, ColumnType, Table

__all__ = [
    "AnyChecked",
    "ColumnarTable",
    "check_phase_shares_columnar",
    "check_references_columnar",
    "read_columnar",
]

# Contract timestamps are naive China Standard Time (UTC+8, no daylight saving).
_CHINA_OFFSET_US = 8 * 3600 * 1_000_000

# Group sums of phase shares this close to 1 pass without the exact check (tolerance 1e-6).
_SHARES_SCREEN = 1e-7

Values: TypeAlias = pa.Array | pa.ChunkedArray


@dataclass(frozen=True, kw_only=True)
class ColumnarTable:
    """A file's contract columns as Arrow arrays; cells that failed a check are null in
    ``data`` and True in their column's ``invalid`` mask (absent: no cell failed)."""

    table: Table
    file: str
    data: pa.Table
    invalid: Mapping[str, pa.BooleanArray] = field(default_factory=dict)

    @property
    def num_rows(self) -> int:
        return int(self.data.num_rows)

    @property
    def row_numbers(self) -> range:
        """Parquet rows are data-row indexes from 1, as the cell-by-cell path numbers them."""
        return range(1, self.num_rows + 1)

    def to_arrow(self) -> pa.Table:
        """The Arrow table; only meaningful when no problem was found."""
        return self.data

    def python_values(self, name: str) -> list[object]:
        """One column as the cell-by-cell path holds it: Python values, INVALID for failures."""
        values: list[object] = self.data.column(name).to_pylist()
        mask = self.invalid.get(name)
        if mask is None:
            return values
        return [INVALID if bad else v for v, bad in zip(values, mask.to_pylist(), strict=True)]

    def to_checked(self, names: tuple[str, ...] | None = None) -> CheckedTable:
        """The cell-by-cell path's value of this table (``names``: only those columns)."""
        chosen = self.table.column_names if names is None else names
        return CheckedTable(
            table=self.table,
            file=self.file,
            row_numbers=list(self.row_numbers),
            columns={name: self.python_values(name) for name in chosen},
        )


def _is_true(value: pa.Scalar) -> bool:
    return value.as_py() is True


def _naive_china_time(array: pa.ChunkedArray) -> pa.ChunkedArray:
    """Zoned timestamps as naive China time, as the cell checks convert them one by one."""
    if array.type.tz is None:
        return array
    shifted = pc.add(pc.cast(array, pa.int64()), _CHINA_OFFSET_US)
    return pc.cast(shifted, pa.timestamp("us"))


def _clean(array: pa.ChunkedArray, column: Column) -> pa.ChunkedArray | None:
    """The column's contract values when no cell of it has a problem, else None.

    Each test is a sufficient condition for the cell checks to pass every cell unchanged;
    anything else (even what the cell checks would accept, such as a choice with spaces
    around it) is left to them.
    """
    if column.type is ColumnType.STRING and len(array) > array.null_count:
        empty = pc.equal(array, "")
        if _is_true(pc.any(empty)):
            # The cell checks read an empty text as an empty cell.
            if column.required:
                return None
            array = pc.if_else(empty, pa.scalar(None, pa.string()), array)
    if column.required and array.null_count:
        return None
    present = len(array) - array.null_count
    if column.choices and present:
        allowed = pa.array(sorted(column.allowed), pa.string())
        if pc.sum(pc.is_in(array, value_set=allowed)).as_py() != present:
            return None
    finite = column.type is not ColumnType.FLOAT or not present
    if not finite and not _is_true(pc.all(pc.is_finite(array))):
        return None
    if present and (column.minimum is not None or column.maximum is not None):
        bounds = pc.min_max(array)
        low, high = bounds["min"].as_py(), bounds["max"].as_py()
        if column.minimum is not None and low < column.minimum:
            return None
        if column.maximum is not None and high > column.maximum:
            return None
    if column.type is ColumnType.DATETIME:
        return _naive_china_time(array)
    return array


def _key_rows(
    data: Mapping[str, Values], invalid: Mapping[str, pa.BooleanArray], key: tuple[str, ...]
) -> pa.Table:
    """The key's columns on the rows whose key has no empty and no failed part: the only
    rows keys are checked on."""
    rows = pa.table({name: data[name] for name in key})
    if not any(rows.column(n).null_count for n in key) and not set(key) & set(invalid):
        return rows
    mask: Values | None = None
    for name in key:
        part = pc.is_valid(data[name])
        if name in invalid:
            part = pc.and_(part, pc.invert(invalid[name]))
        mask = part if mask is None else pc.and_(mask, part)
    return rows.filter(mask)


def _strictly_increasing(rows: pa.Table) -> bool:
    """Whether every row's key is greater than the one before (lexicographically over the
    key's columns). Ids are usually written in order, and then no key can repeat: this one
    pass of comparisons spares hashing millions of keys."""
    n = rows.num_rows
    increasing: Values | None = None
    equal_so_far: Values | None = None
    for column in rows.columns:
        before, after = column.slice(0, n - 1), column.slice(1)
        less = pc.less(before, after)
        step = less if equal_so_far is None else pc.and_(equal_so_far, less)
        increasing = step if increasing is None else pc.or_(increasing, step)
        same = pc.equal(before, after)
        equal_so_far = same if equal_so_far is None else pc.and_(equal_so_far, same)
    return n < 2 or _is_true(pc.all(increasing))


def _has_duplicates(
    data: Mapping[str, Values], invalid: Mapping[str, pa.BooleanArray], key: tuple[str, ...]
) -> bool:
    rows = _key_rows(data, invalid, key)
    if _strictly_increasing(rows):
        return False
    if len(key) == 1:
        return bool(pc.count_distinct(rows.column(0)).as_py() != rows.num_rows)
    return bool(rows.group_by(list(key)).aggregate([]).num_rows != rows.num_rows)


def read_columnar(
    path: Path, *, file: str, table: Table, collector: ProblemCollector
) -> ColumnarTable | None:
    """Check one Parquet file column by column; None when it is not a fit for that.

    None is returned before any problem is added, so the caller reads the file cell by cell
    instead and reports what is wrong with it.
    """
    try:
        stored = pq.read_table(path)
    except (pa.ArrowException, OSError):
        return None
    names = stored.schema.names
    if len(set(names)) != len(names) or set(names) != set(table.column_names):
        return None
    cast: dict[str, pa.ChunkedArray] = {}
    for column in table.columns:
        array = stored.column(column.name)
        if not parquet_holds(array.type, column.type):
            return None
        try:
            cast[column.name] = parquet_cast(array, column.type)
        except pa.ArrowException:
            return None
    del stored
    data: dict[str, Values] = {}
    invalid: dict[str, pa.BooleanArray] = {}
    rows: list[int] = []
    # Columns in contract order, as check_table adds their problems.
    for column in table.columns:
        clean = _clean(cast[column.name], column)
        if clean is not None:
            data[column.name] = clean
            continue
        rows = rows or list(range(1, len(cast[column.name]) + 1))
        raw = RawTable(
            file=file,
            header=table.column_names,
            header_row=None,
            row_numbers=rows,
            columns={column.name: cast[column.name].to_pylist()},
        )
        values = check_column(raw, column, collector)
        data[column.name] = pa.array(
            [None if v is INVALID else v for v in values], type=arrow_type(column.type)
        )
        invalid[column.name] = pa.array([v is INVALID for v in values], pa.bool_())
    del cast
    result = ColumnarTable(
        table=table,
        file=file,
        data=pa.Table.from_arrays(
            [data[c.name] for c in table.columns], schema=arrow_schema(table)
        ),
        invalid=invalid,
    )
    keys = (table.primary_key, *table.unique)
    if any(_has_duplicates(data, invalid, key) for key in keys):
        needed = tuple(dict.fromkeys(name for key in keys for name in key))
        check_keys(result.to_checked(needed), collector)
    return result


AnyChecked = CheckedTable | ColumnarTable


def _known(target: AnyChecked, name: str) -> Values | None:
    """The referenced column's values; None when every cell of it failed (skip the check)."""
    if isinstance(target, ColumnarTable):
        mask = target.invalid.get(name)
        if target.num_rows and mask is not None and _is_true(pc.all(mask)):
            return None
        # A set lookup hashes the referenced values once; no need to make them distinct first.
        known: Values = target.data.column(name).drop_null().combine_chunks()
        return known
    values = target.columns[name]
    if values and all(v is INVALID for v in values):
        return None
    distinct = list({v for v in values if v is not None and v is not INVALID})
    array: Values = pa.array(distinct, pa.string())
    return array


def _referring(checked: AnyChecked, name: str) -> Values:
    """A referring column with its failed cells as nulls: those are not checked."""
    if isinstance(checked, ColumnarTable):
        column: Values = checked.data.column(name)
        return column
    values = checked.columns[name]
    array: Values = pa.array([None if v is INVALID else v for v in values], pa.string())
    return array


def check_references_columnar(
    tables: Mapping[str, AnyChecked], *, collector: ProblemCollector
) -> None:
    """:func:`luodi.contract.checks.check_references` with set lookups in Arrow.

    Problems are added in the same order (table, column, row), so the per-column cap keeps
    the same ones; past the cap they are only counted.
    """
    for checked in tables.values():
        for column in checked.table.columns:
            reference = column.references
            if reference is None or reference.table not in tables:
                continue
            target = tables[reference.table]
            known = _known(target, reference.column)
            if known is None:
                continue
            values = _referring(checked, column.name)
            if len(values) < len(known):
                # A set lookup hashes its value set: hash the smaller side. The referenced
                # values the referring column uses are few; look those up instead.
                present = values.drop_null()
                if isinstance(present, pa.ChunkedArray):
                    present = present.combine_chunks()
                used = pc.is_in(known, value_set=present)
                known = known.filter(used)
            outside = pc.invert(pc.is_in(values, value_set=known))
            dangling = pc.and_(pc.is_valid(values), outside)
            if not _is_true(pc.any(dangling)):
                continue
            indexes = pc.indices_nonzero(dangling).to_numpy()
            room = collector.room(file=checked.file, column=column.name)
            rows = checked.row_numbers
            for index in indexes[:room]:
                collector.add(
                    ProblemCode.DANGLING_REFERENCE,
                    file=checked.file,
                    row=rows[int(index)],
                    column=column.name,
                    value=shown(values[int(index)].as_py()),
                    target=f"{reference.column}",
                    target_file=target.file,
                )
            rest = len(indexes) - min(room, len(indexes))
            collector.tally(file=checked.file, column=column.name, count=rest)


def check_phase_shares_columnar(phases: AnyChecked, *, collector: ProblemCollector) -> None:
    """:func:`luodi.contract.checks.check_phase_shares`, screened in Arrow first: when every
    clause's shares sum to 1 within 1e-7 there is nothing to report; otherwise the exact
    check runs on the table's values."""
    if isinstance(phases, CheckedTable):
        check_phase_shares(phases, collector=collector)
        return
    data = phases.data
    clean = not ({"clause_id", "share"} & set(phases.invalid)) and not data["share"].null_count
    if clean:
        rows = data.select(["clause_id", "share"]).filter(pc.is_valid(data["clause_id"]))
        sums = rows.group_by("clause_id").aggregate([("share", "sum")]).column("share_sum")
        if not len(sums) or pc.max(pc.abs(pc.subtract(sums, 1.0))).as_py() <= _SHARES_SCREEN:
            return
    check_phase_shares(phases.to_checked(("clause_id", "phase", "share")), collector=collector)
