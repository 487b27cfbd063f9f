"""Readers of contract table files (CSV, XLSX, Parquet) into columns of raw cell values."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from luodi.contract.dataset import arrow_type
from luodi.contract.errors import ProblemCode
from luodi.contract.problems import ProblemCollector
from luodi.contract.schema import ColumnType, Table

__all__ = ["FORMATS", "INVALID", "RawTable", "parquet_cast", "parquet_holds", "read_raw"]

# Formats in order of preference when a folder holds several: Parquet keeps types exactly.
FORMATS: tuple[str, ...] = ("parquet", "csv", "xlsx")


class _Invalid:
    """Marks a cell (or a whole column) that failed a check, so later checks skip it."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


@dataclass(frozen=True, kw_only=True)
class RawTable:
    """One file's header and cells as read, before the contract's cell checks.

    CSV cells are strings; XLSX cells are what the sheet stores (text, numbers, dates,
    booleans); Parquet cells are already cast to the contract's Python types, or INVALID for a
    column whose stored type cannot hold the contract type. ``None`` is an empty cell.
    """

    file: str
    header: tuple[str, ...]
    header_row: int | None
    row_numbers: list[int]
    columns: dict[str, list[object]]


def read_raw(
    path: Path, *, file: str, table: Table, collector: ProblemCollector
) -> RawTable | None:
    """Read ``path`` by its extension; None (with problems added) when it cannot be read."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "csv":
        return _read_csv(path, file=file, table=table, collector=collector)
    if suffix == "xlsx":
        return _read_xlsx(path, file=file, table=table, collector=collector)
    if suffix == "parquet":
        return _read_parquet(path, file=file, table=table, collector=collector)
    raise ValueError(f"no reader for {path.name}; formats: {', '.join(FORMATS)}")


def _unreadable(collector: ProblemCollector, *, file: str, kind: str, error: object) -> None:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    collector.add(ProblemCode.UNREADABLE_FILE, file=file, kind=kind, error=text[:200])


def _columns_from_rows(
    header: tuple[str, ...], rows: list[tuple[object, ...]]
) -> dict[str, list[object]]:
    # With a duplicated header name, the first column of that name is the one checked.
    columns: dict[str, list[object]] = {}
    for index, name in enumerate(header):
        if name not in columns:
            columns[name] = [row[index] for row in rows]
    return columns


def _first_bad_utf8_line(path: Path) -> int:
    # UTF-8 never encodes a character with a newline byte, so line-by-line decoding finds the
    # exact line where the text decoder, reading in blocks, only knows the block.
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def _read_csv(
    path: Path, *, file: str, table: Table, collector: ProblemCollector
) -> RawTable | None:
    header: tuple[str, ...] | None = None
    header_row = 1
    row_numbers: list[int] = []
    rows: list[tuple[object, ...]] = []
    line = 0
    try:
        # utf-8-sig drops the byte-order mark Excel writes in front of "CSV UTF-8" files.
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        _unreadable(collector, file=file, kind="CSV", error=error)
        return None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            for record in reader:
                start, line = line + 1, reader.line_num
                if not any(field.strip() for field in record):
                    continue  # blank lines carry no data; spreadsheets leave them at the end
                if header is None:
                    header = tuple(field.strip() for field in record)
                    header_row = start
                    continue
                if len(record) != len(header):
                    collector.add(
                        ProblemCode.RAGGED_ROW,
                        file=file,
                        row=start,
                        found=len(record),
                        expected=len(header),
                    )
                    continue
                row_numbers.append(start)
                rows.append(tuple(field if field != "" else None for field in record))
        except UnicodeDecodeError:
            row = _first_bad_utf8_line(path)
            collector.add(ProblemCode.BAD_ENCODING, file=file, row=row)
            return None
        except csv.Error as error:
            collector.add(ProblemCode.MALFORMED_ROW, file=file, row=line + 1, error=error)
            return None
    if header is None:
        collector.add(
            ProblemCode.MISSING_HEADER, file=file, row=1, columns=", ".join(table.column_names)
        )
        return None
    return RawTable(
        file=file,
        header=header,
        header_row=header_row,
        row_numbers=row_numbers,
        columns=_columns_from_rows(header, rows),
    )


def _read_xlsx(
    path: Path, *, file: str, table: Table, collector: ProblemCollector
) -> RawTable | None:
    import openpyxl  # only XLSX input pays for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors for a broken file
        _unreadable(collector, file=file, kind="XLSX", error=error)
        return None
    header: tuple[str, ...] | None = None
    header_row = 1
    row_numbers: list[int] = []
    rows: list[tuple[object, ...]] = []
    try:
        sheet = workbook.worksheets[0]
        cells = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
        for number, values in enumerate(cells, start=1):
            record = [None if v is None or (isinstance(v, str) and v == "") else v for v in values]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in record):
                continue
            if header is None:
                while record and record[-1] is None:
                    record.pop()
                header = tuple("" if v is None else str(v).strip() for v in record)
                header_row = number
                continue
            width = len(header)
            used = max(i for i, v in enumerate(record) if v is not None) + 1
            if used > width:
                collector.add(
                    ProblemCode.RAGGED_ROW, file=file, row=number, found=used, expected=width
                )
                continue
            record.extend([None] * (width - len(record)))
            row_numbers.append(number)
            rows.append(tuple(record[:width]))
    except Exception as error:  # a sheet can be damaged past the point the workbook opened
        _unreadable(collector, file=file, kind="XLSX", error=error)
        return None
    finally:
        workbook.close()
    if header is None:
        collector.add(
            ProblemCode.MISSING_HEADER, file=file, row=1, columns=", ".join(table.column_names)
        )
        return None
    return RawTable(
        file=file,
        header=header,
        header_row=header_row,
        row_numbers=row_numbers,
        columns=_columns_from_rows(header, rows),
    )


def parquet_holds(stored: pa.DataType, wanted: ColumnType) -> bool:
    """Whether a stored Parquet type can hold every value of the contract type, losslessly."""
    if pa.types.is_dictionary(stored):
        stored = stored.value_type
    if pa.types.is_null(stored):
        return True
    if wanted in (ColumnType.STRING, ColumnType.CHOICE):
        return bool(pa.types.is_string(stored) or pa.types.is_large_string(stored))
    if wanted is ColumnType.INTEGER:
        return bool(pa.types.is_integer(stored))
    if wanted is ColumnType.FLOAT:
        return bool(
            pa.types.is_floating(stored)
            or pa.types.is_integer(stored)
            or pa.types.is_decimal(stored)
        )
    if wanted is ColumnType.BOOLEAN:
        return bool(pa.types.is_boolean(stored))
    if wanted is ColumnType.DATE:
        return bool(pa.types.is_date(stored))
    return bool(pa.types.is_timestamp(stored))


def parquet_cast(array: pa.ChunkedArray, wanted: ColumnType) -> pa.ChunkedArray:
    """A stored column cast to the contract's Arrow type; timestamps keep their zone.

    Raises ArrowException when a value cannot be cast (e.g. a uint64 beyond int64).
    """
    if pa.types.is_dictionary(array.type):
        array = pc.cast(array, array.type.value_type)
    if wanted is ColumnType.DATETIME and pa.types.is_timestamp(array.type):
        # Keep the zone (the cell checks convert aware values to China time); drop sub-micro.
        target = pa.timestamp("us", tz=array.type.tz)
        return pc.cast(array, target, safe=False)
    return pc.cast(array, arrow_type(wanted))


def _python_values(array: pa.ChunkedArray, wanted: ColumnType) -> list[object]:
    values: list[object] = parquet_cast(array, wanted).to_pylist()
    return values


def _read_parquet(
    path: Path, *, file: str, table: Table, collector: ProblemCollector
) -> RawTable | None:
    try:
        data = pq.read_table(path)
    except (pa.ArrowException, OSError) as error:
        _unreadable(collector, file=file, kind="Parquet", error=error)
        return None
    header = tuple(data.schema.names)
    columns: dict[str, list[object]] = {}
    for index, name in enumerate(header):
        if name in columns:
            continue
        array = data.column(index)
        if name not in table.column_names:
            columns[name] = array.to_pylist()
            continue
        wanted = table.column(name).type
        try:
            if not parquet_holds(array.type, wanted):
                raise pa.ArrowInvalid(str(array.type))
            columns[name] = _python_values(array, wanted)
        except pa.ArrowException:
            collector.add(
                ProblemCode.WRONG_COLUMN_TYPE,
                file=file,
                column=name,
                found=array.type,
                expected=wanted.value,
                arrow=arrow_type(wanted),
            )
            columns[name] = [INVALID] * data.num_rows
    return RawTable(
        file=file,
        header=header,
        header_row=None,
        row_numbers=list(range(1, data.num_rows + 1)),
        columns=columns,
    )
