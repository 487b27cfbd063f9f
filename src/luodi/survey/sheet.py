"""Read a survey export (CSV in UTF-8, UTF-8 with BOM or GBK; XLSX) as text cells by row.

Rows are numbered as the user sees them: the physical line of a CSV file (header = line 1), the
sheet row of an XLSX file. Entirely blank rows carry nothing and are left out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from luodi.survey.problems import ImportProblem

__all__ = ["Encoding", "Sheet", "SheetRow", "read_sheet"]

Encoding = Literal["auto", "utf-8", "gbk"]

_FIX_ENCODING = (
    "save the file as “CSV UTF-8” (Excel: 另存为 → CSV UTF-8), or pass --encoding gbk "
    "for a GBK export"
)


@dataclass(frozen=True, kw_only=True)
class SheetRow:
    number: int
    cells: tuple[str | None, ...]


@dataclass(kw_only=True)
class Sheet:
    file: str
    header: tuple[str, ...] = ()
    header_row: int = 1
    rows: list[SheetRow] = field(default_factory=list)
    encoding: str | None = None
    problems: list[ImportProblem] = field(default_factory=list)

    def problem(
        self,
        code: str,
        message: str,
        fix: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        warning: bool = False,
    ) -> None:
        self.problems.append(
            ImportProblem(
                file=self.file,
                row=row,
                column=column,
                value=value,
                code=code,
                message=message,
                fix=fix,
                severity="warning" if warning else "error",
            )
        )


def read_sheet(path: Path, *, encoding: Encoding = "auto") -> Sheet:
    """The header and rows of ``path``; file-level problems are in ``Sheet.problems``."""
    sheet = Sheet(file=path.name)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _read_xlsx(path, sheet)
    elif suffix in {".csv", ".txt"}:
        _read_csv(path, sheet, encoding)
    else:
        sheet.problem(
            "unknown_format",
            f"不支持的文件类型 {suffix or '(无扩展名)'}",
            "export the answers from 问卷星 as .xlsx or .csv",
        )
    if not sheet.header and not any(p.severity == "error" for p in sheet.problems):
        sheet.problem("no_header", "文件没有表头行", "export again with the column headers", row=1)
    return sheet


def _first_bad_line(data: bytes) -> tuple[int, str]:
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            return number, line[error.start : error.start + 4].hex(" ")
    return 1, ""


def _decode(data: bytes, sheet: Sheet, encoding: Encoding) -> str | None:
    if encoding == "gbk":
        try:
            sheet.encoding = "gbk"
            return data.decode("gb18030")
        except UnicodeDecodeError as error:
            sheet.problem(
                "bad_encoding",
                f"不是 GBK 编码（第 {error.start} 字节）",
                "check the export's encoding; try --encoding utf-8",
                row=data[: error.start].count(b"\n") + 1,
            )
            return None
    try:
        sheet.encoding = "utf-8"
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        line, raw = _first_bad_line(data.removeprefix(b"\xef\xbb\xbf"))
    if encoding == "auto":
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            sheet.encoding = "gbk"
            sheet.problem(
                "gbk_encoding",
                "文件是 GBK 编码（Excel 默认的“CSV”），已按 GBK 读取",
                "nothing to do; save as “CSV UTF-8” to avoid this note",
                warning=True,
            )
            return text
    sheet.problem(
        "bad_encoding",
        "编码错误：这一行不是 UTF-8" + ("，也不是 GBK" if encoding == "auto" else ""),
        _FIX_ENCODING,
        row=line,
        value=raw or None,
    )
    return None


def _read_csv(path: Path, sheet: Sheet, encoding: Encoding) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        sheet.problem("unreadable_file", f"无法读取文件: {error}", "check the path")
        return
    text = _decode(data, sheet, encoding)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(f.strip() for f in record):
                continue
            cells = tuple(f.strip() or None for f in record)
            _add(sheet, start, cells)
    except csv.Error as error:
        sheet.problem(
            "malformed_row",
            f"CSV 格式错误: {error}",
            "check the quotes in this row (a quote inside a field is written twice)",
            row=line + 1,
        )


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value).strip() or None


def _read_xlsx(path: Path, sheet: Sheet) -> None:
    import openpyxl  # only XLSX input pays for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors for a broken file
        sheet.problem("unreadable_file", f"无法读取 XLSX 文件: {error}", "export it again")
        return
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        for number, values in enumerate(rows, start=1):
            cells = tuple(_cell(v) for v in values)
            if any(c is not None for c in cells):
                _add(sheet, number, cells)
    finally:
        workbook.close()


def _add(sheet: Sheet, number: int, cells: tuple[str | None, ...]) -> None:
    if not sheet.header:
        trimmed = list(cells)
        while trimmed and trimmed[-1] is None:
            trimmed.pop()
        sheet.header = tuple(c or "" for c in trimmed)
        sheet.header_row = number
        return
    width = len(sheet.header)
    used = max(i for i, c in enumerate(cells) if c is not None) + 1
    if used > width:
        sheet.problem(
            "ragged_row",
            f"列数不符：这一行有 {used} 个字段，表头只有 {width} 列",
            "quote fields that contain commas, or remove the extra fields",
            row=number,
            value=",".join(c or "" for c in cells[width:used]),
        )
        return
    sheet.rows.append(SheetRow(number=number, cells=cells[:width] + (None,) * (width - len(cells))))
