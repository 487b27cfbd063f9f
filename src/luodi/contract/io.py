"""Write a Dataset as contract table files, and read one table file on its own."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from luodi.contract.checks import check_table
from luodi.contract.dataset import Dataset
from luodi.contract.errors import UNKNOWN_FORMAT, WRITE_FAILED, ContractError, ValidationFailed
from luodi.contract.problems import ProblemCollector
from luodi.contract.readers import FORMATS, read_raw
from luodi.contract.tables import TABLE_ORDER, table

__all__ = ["csv_text", "read_table_file", "write_dataset"]


def write_dataset(
    dataset: Dataset, *, directory: Path, formats: Sequence[str] = ("parquet", "csv")
) -> list[Path]:
    """Write every contract table as ``<directory>/<table>.<ext>`` for each format.

    Files are written into a temporary sibling folder and moved into place only once all were
    written, so an error leaves ``directory`` as it was. CSV is UTF-8 with a header row, ISO
    dates and date-times, booleans as true/false and an empty field for a null. Files of other
    formats already in ``directory`` are left alone.
    """
    chosen = list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ContractError(UNKNOWN_FORMAT.format(formats=unknown, known=", ".join(FORMATS)))
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    try:
        names: list[str] = []
        for ext in chosen:
            for spec in TABLE_ORDER:
                name = f"{spec.name}.{ext}"
                try:
                    _WRITERS[ext](dataset[spec.name], staging / name)
                except (OSError, pa.ArrowException, ValueError) as error:
                    raise ContractError(
                        WRITE_FAILED.format(file=name, error=error, directory=directory)
                    ) from error
                names.append(name)
        for name in names:
            os.replace(staging / name, directory / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in names]


def read_table_file(path: Path, *, table_name: str | None = None) -> pa.Table:
    """Read and check one table file (``table_name`` defaults to the file's stem).

    Checks the file on its own (header, cells, keys), not its references to other tables;
    raises ValidationFailed listing every problem.
    """
    spec = table(table_name or path.stem)
    collector = ProblemCollector()
    raw = read_raw(path, file=path.name, table=spec, collector=collector)
    checked = check_table(raw, table=spec, collector=collector) if raw is not None else None
    problems = collector.finish()
    if problems or checked is None:
        raise ValidationFailed(problems)
    return checked.to_arrow()


def csv_text(value: object) -> str:
    """One value as written to a CSV cell.

    >>> [csv_text(v) for v in (None, True, 2.5, date(2024, 3, 31))]
    ['', 'true', '2.5', '2024-03-31']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _rows(data: pa.Table) -> Iterator[list[object]]:
    for batch in data.to_batches(max_chunksize=10_000):
        columns = [column.to_pylist() for column in batch.columns]
        yield from (list(row) for row in zip(*columns, strict=True))


def _write_csv(data: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(data.column_names)
        for row in _rows(data):
            writer.writerow([csv_text(value) for value in row])


def _write_parquet(data: pa.Table, path: Path) -> None:
    pq.write_table(data, path)


def _write_xlsx(data: pa.Table, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=path.stem[:31])
    sheet.append(data.column_names)
    try:
        for row in _rows(data):
            cells: list[object] = []
            for value in row:
                if isinstance(value, str) and value.startswith("="):
                    # Text that looks like a formula must stay text, not be evaluated by Excel.
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    except IllegalCharacterError as error:
        raise ValueError(f"text with a control character XLSX cannot hold: {error}") from error
    workbook.save(path)


_WRITERS = {"csv": _write_csv, "parquet": _write_parquet, "xlsx": _write_xlsx}
