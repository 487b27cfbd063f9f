"""Read a questionnaire from an XLSForm workbook (the ODK / KoboToolbox spreadsheet format).

Sheets: ``survey`` (type, name, label or label::<language>, relevant, required, appearance,
constraint; extra columns ``scale`` and ``personal``), ``choices`` (list_name, name, label) and,
optional, ``settings`` (form_id, form_title). Types: ``select_one L`` (``appearance: likert``
makes a likert item), ``select_multiple L``, ``integer``, ``decimal``, ``text``, ``begin group``
and ``end group`` (sections). Skip logic: ``relevant`` of the form ``${problem} = 'yes'`` or
``selected(${item}, 'code')``; numeric bounds: ``constraint`` like ``. >= 0 and . <= 120``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from luodi.survey.instrument import (
    DEFER_CHECKS,
    Instrument,
    InstrumentError,
    InstrumentProblem,
    instrument_problems,
)

__all__ = ["read_xlsform"]

_RELEVANT = (
    re.compile(r"^\$\{(?P<item>[^}]+)\}\s*=\s*(?P<q>['\"])(?P<code>[^'\"]*)(?P=q)$"),
    re.compile(
        r"^selected\(\s*\$\{(?P<item>[^}]+)\}\s*,\s*(?P<q>['\"])(?P<code>[^'\"]*)(?P=q)\s*\)$"
    ),
)
_BOUND = re.compile(r"^\.\s*(?P<op>>=|<=)\s*(?P<number>-?\d+(?:\.\d+)?)$")
_TRUE = {"yes", "true", "1", "y"}
_FALSE = {"", "no", "false", "0", "n"}
_KINDS = {"integer": "numeric", "decimal": "numeric", "text": "text"}
# Instrument field → XLSForm column, to place a semantic problem in the sheet.
_COLUMNS = {
    "code": "name",
    "kind": "type",
    "options": "type",
    "show_if": "relevant",
    "scale": "scale",
    "minimum": "constraint",
    "maximum": "constraint",
    "text": "label",
}

Row = dict[str, Any]


class _Reader:
    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.problems: list[InstrumentProblem] = []

    def problem(self, sheet: str, row: int, column: str, problem: str, fix: str) -> None:
        where = f"sheet {sheet}, row {row}" + (f", column {column}" if column else "")
        self.problems.append(
            InstrumentProblem(file=self.file, where=where, problem=problem, fix=fix)
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(sheet: Any) -> list[tuple[int, Row]]:
    """(row number, {header: text}) of the non-empty rows below the header row."""
    rows = sheet.iter_rows(values_only=True)
    header = [_text(cell).lower() for cell in next(rows, ())]
    found: list[tuple[int, Row]] = []
    for number, values in enumerate(rows, start=2):
        row = {name: _text(value) for name, value in zip(header, values, strict=False) if name}
        if any(row.values()):
            found.append((number, row))
    return found


def _label(row: Row) -> str:
    if row.get("label"):
        return str(row["label"])
    return next((str(v) for k, v in row.items() if k.startswith("label::") and v), "")


def _choices(reader: _Reader, workbook: Any) -> dict[str, list[Row]]:
    lists: dict[str, list[Row]] = {}
    if "choices" not in workbook.sheetnames:
        return lists
    for number, row in _rows(workbook["choices"]):
        name, list_name = row.get("name", ""), row.get("list_name", "")
        if not list_name or not name:
            missing = "list_name" if not list_name else "name"
            reader.problem("choices", number, missing, f"{missing} is empty", f"fill in {missing}")
            continue
        lists.setdefault(list_name, []).append({"code": name, "label": _label(row) or name})
    return lists


def _bounds(reader: _Reader, number: int, constraint: str, item: Row) -> None:
    for part in re.split(r"\s+and\s+", constraint):
        match = _BOUND.match(part.strip())
        if match is None:
            reader.problem(
                "survey",
                number,
                "constraint",
                f"constraint {constraint!r} is not understood",
                "write bounds as '. >= 0 and . <= 120'",
            )
            return
        key = "minimum" if match["op"] == ">=" else "maximum"
        item[key] = float(match["number"])


def _item(
    reader: _Reader, number: int, row: Row, kind: str, lists: dict[str, list[Row]]
) -> Row | None:
    base, _, list_name = kind.partition(" ")
    item: Row = {"code": row.get("name", ""), "text": _label(row), "kind": ""}
    if not item["code"]:
        reader.problem("survey", number, "name", "the item has no name", "fill in its code")
        return None
    if not item["text"]:
        reader.problem("survey", number, "label", "the item has no label", "fill in the question")
    if base in {"select_one", "select_multiple"}:
        likert = base == "select_one" and row.get("appearance", "").lower() == "likert"
        item["kind"] = "likert" if likert else "single" if base == "select_one" else "multiple"
        if list_name.strip() not in lists:
            known = ", ".join(lists) or "none"
            reader.problem(
                "survey",
                number,
                "type",
                f"choice list {list_name.strip()!r} is not in the choices sheet",
                f"add it to the choices sheet or use one of: {known}",
            )
            return None
        item["options"] = lists[list_name.strip()]
    elif kind in _KINDS:
        item["kind"] = _KINDS[kind]
    else:
        reader.problem(
            "survey",
            number,
            "type",
            f"type {kind!r} is not supported",
            "use select_one, select_multiple, integer, decimal, text, begin group or end group",
        )
        return None
    relevant = row.get("relevant", "")
    if relevant:
        match = next((m for pattern in _RELEVANT if (m := pattern.match(relevant))), None)
        if match is None:
            reader.problem(
                "survey",
                number,
                "relevant",
                f"relevant {relevant!r} is not understood",
                "write one condition: ${item} = 'code' (or selected(${item}, 'code'))",
            )
        else:
            item["show_if"] = {"item": match["item"].strip(), "equals": match["code"]}
    for flag in ("required", "personal"):
        value = row.get(flag, "").lower()
        if value not in _TRUE | _FALSE:
            reader.problem("survey", number, flag, f"{flag} is {value!r}", "write yes or no")
        item[flag] = value in _TRUE
    if row.get("scale"):
        item["scale"] = row["scale"]
    if row.get("constraint"):
        _bounds(reader, number, row["constraint"], item)
    return item


def read_xlsform(path: Path) -> Instrument:
    """The questionnaire in an XLSForm workbook; InstrumentError listing every problem."""
    reader = _Reader(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InstrumentError(
            [InstrumentProblem(file=str(path), problem="no such file", fix="check the path")]
        ) from None
    except Exception as error:  # openpyxl raises several kinds for a file that is no workbook
        raise InstrumentError(
            [
                InstrumentProblem(
                    file=str(path),
                    problem=f"not an .xlsx workbook ({type(error).__name__})",
                    fix="save the form as Excel .xlsx",
                )
            ]
        ) from None
    if "survey" not in workbook.sheetnames:
        raise InstrumentError(
            [
                InstrumentProblem(
                    file=str(path),
                    problem=f"no sheet 'survey' (sheets: {', '.join(workbook.sheetnames)})",
                    fix="an XLSForm has the sheets survey and choices",
                )
            ]
        )
    settings_rows = _rows(workbook["settings"]) if "settings" in workbook.sheetnames else []
    settings: Row = settings_rows[0][1] if settings_rows else {}
    title = settings.get("form_title") or path.stem
    lists = _choices(reader, workbook)
    sections: list[Row] = []
    rows_of: dict[tuple[int, ...], int] = {}  # (section,) or (section, item) → sheet row
    lossy: set[int] = set()  # sections that lost an item to a row problem
    current: Row | None = None
    for number, row in _rows(workbook["survey"]):
        kind = " ".join(row.get("type", "").replace("_group", " group").split())
        if kind in {"begin group", "end group"}:
            current = None
            if kind == "begin group":
                current = {"title": _label(row) or row.get("name", ""), "items": []}
                rows_of[(len(sections),)] = number
                sections.append(current)
            continue
        item = _item(reader, number, row, kind, lists)
        if current is None:
            current = {"title": title, "items": []}
            rows_of[(len(sections),)] = number
            sections.append(current)
        if item is None:
            lossy.add(len(sections) - 1)
            continue
        rows_of[(len(sections) - 1, len(current["items"]))] = number
        current["items"].append(item)
    workbook.close()
    data = {"survey_id": settings.get("form_id") or path.stem, "title": title}
    try:
        instrument = Instrument.model_validate(
            {**data, "sections": sections}, context={DEFER_CHECKS: True}
        )
    except ValidationError as error:  # pragma: no cover - the rows are checked above
        for detail in error.errors():
            reader.problem("survey", _row(rows_of, detail["loc"]), "", detail["msg"], "")
        raise InstrumentError(reader.problems) from None
    for problem in instrument_problems(instrument):
        at = problem.path
        if len(at) == 3 and at[1] in lossy:
            continue  # the section is empty because its rows have problems, reported above
        column = _COLUMNS.get(str(at[4]), "") if len(at) > 4 else ""
        reader.problem("survey", _row(rows_of, at), column, problem.problem, problem.fix)
    if reader.problems:
        raise InstrumentError(reader.problems)
    return instrument


def _row(rows_of: dict[tuple[int, ...], int], at: tuple[str | int, ...]) -> int:
    """The sheet row of a path into the instrument (its item's or its section's row)."""
    numbers = tuple(step for step in at if isinstance(step, int))
    return rows_of.get(numbers[:2], rows_of.get(numbers[:1], 2))
