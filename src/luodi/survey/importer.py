"""Import 问卷星-style exports (CSV or XLSX with Chinese headers) into survey_responses rows.

A mapping file (luodi.survey.mapping) names the item behind each column and the option code
behind each printed label. Every row is checked against the instrument: option labels, Likert
scores, numbers and their bounds, text length, skip logic (an answer to an item its condition
hides is an error), required items, duplicate or missing respondents. Each problem names the
file, the row as the user sees it, the column header, the value, what is wrong and how to fix
it; a row with an error is left out, the good rows are imported.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from luodi.survey.import_checks import MAX_TEXT, Checker, RowAnswers, header_problems
from luodi.survey.instrument import Instrument, instrument_tables
from luodi.survey.mapping import ImportMapping, load_mapping
from luodi.survey.problems import ImportProblem
from luodi.survey.sheet import Encoding, Sheet, SheetRow, read_sheet

__all__ = ["MAX_TEXT", "ImportResult", "responses_import", "write_survey_tables"]

_MAX_PER_KIND = 50  # problems of one kind in one column before a summary line


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    """Good rows in the contract's long form, and every problem found."""

    survey_id: str
    rows: tuple[dict[str, str], ...]
    problems: tuple[ImportProblem, ...]
    respondents: int
    rejected_rows: tuple[int, ...] = ()

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "survey_id": self.survey_id,
            "respondents": self.respondents,
            "answers": len(self.rows),
            "rejected_rows": list(self.rejected_rows),
            "problems": [p.as_dict() for p in self.problems],
        }


def _capped(problems: Sequence[ImportProblem]) -> list[ImportProblem]:
    counts: dict[tuple[str, str | None], int] = {}
    kept: list[ImportProblem] = []
    for problem in problems:
        key = (problem.code, problem.column)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= _MAX_PER_KIND:
            kept.append(problem)
    for (code, column), count in counts.items():
        if count > _MAX_PER_KIND:
            kept.append(
                ImportProblem(
                    file=problems[0].file,
                    row=None,
                    column=column,
                    value=None,
                    code="too_many",
                    message=f"还有 {count - _MAX_PER_KIND} 个 {code} 问题未列出",
                    fix="fix the ones listed first; the rest are likely the same mistake",
                )
            )
    return kept


def _respondent(
    sheet_row: SheetRow, index: int | None, seen: dict[str, int], sheet: Sheet, header: str
) -> tuple[str | None, ImportProblem | None]:
    if index is None:
        return f"R{sheet_row.number}", None
    value = sheet_row.cells[index]
    if value is None:
        return None, ImportProblem(
            file=sheet.file,
            row=sheet_row.number,
            column=header,
            value=None,
            code="missing_respondent",
            message="答卷编号为空",
            fix="fill in the questionnaire number (序号) as in the 问卷星 export",
        )
    if value in seen:
        return None, ImportProblem(
            file=sheet.file,
            row=sheet_row.number,
            column=header,
            value=value,
            code="duplicate_respondent",
            message=f"答卷编号重复（第 {seen[value]} 行已有）",
            fix="remove the duplicated questionnaire or give it its own number",
        )
    seen[value] = sheet_row.number
    return value, None


def responses_import(
    *,
    path: Path,
    instrument: Instrument,
    mapping: ImportMapping | Path,
    respondent_column: str | None = None,
    encoding: Encoding = "auto",
    max_text: int = MAX_TEXT,
) -> ImportResult:
    """Check an export row by row and turn its good rows into survey_responses rows.

    ``respondent_column`` (default: the mapping's) holds the questionnaire number; without
    one, the row number is the respondent id ("R5"). Raises MappingError for a broken mapping.
    """
    if isinstance(mapping, Path):
        mapping = load_mapping(mapping)
    respondent_column = respondent_column or mapping.respondent_column
    survey_id = mapping.survey_id or instrument.survey_id
    sheet = read_sheet(path, encoding=encoding)
    problems = list(sheet.problems)
    if not sheet.header:
        return ImportResult(survey_id=survey_id, rows=(), problems=tuple(problems), respondents=0)
    problems += header_problems(sheet, instrument, mapping, respondent_column)
    known = {i.code for i in instrument.items}
    columns = [
        (index, header, column)
        for index, header in enumerate(sheet.header)
        if (column := mapping.column(header)) is not None and column.item in known
    ]
    headers = {column.item: header for _, header, column in columns}
    id_index = sheet.header.index(respondent_column) if respondent_column in sheet.header else None
    checker = Checker(sheet=sheet, instrument=instrument, mapping=mapping, max_text=max_text)
    rows: list[dict[str, str]] = []
    rejected: list[int] = []
    seen: dict[str, int] = {}
    for sheet_row in sheet.rows:
        row = RowAnswers(number=sheet_row.number)
        for index, header, column in columns:
            raw = sheet_row.cells[index]
            if raw is not None:
                checker.cell(row, column, header, raw)
        if not row.answers and not row.problems:
            row.problems.append(
                ImportProblem(
                    file=sheet.file,
                    row=row.number,
                    column=None,
                    value=None,
                    code="empty_row",
                    message="这一行没有任何答案",
                    fix="delete the row, or export the answers again",
                )
            )
        else:
            checker.row_rules(row, headers)
        respondent, problem = _respondent(sheet_row, id_index, seen, sheet, respondent_column or "")
        if problem is not None:
            row.problems.insert(0, problem)
        problems += row.problems
        if row.problems or respondent is None:
            rejected.append(row.number)
            continue
        rows += [
            {"survey_id": survey_id, "respondent_id": respondent, "item_code": code, "value": value}
            for code, value in row.answers.items()
        ]
    rejected += [p.row for p in sheet.problems if p.row is not None and p.severity == "error"]
    problems.sort(key=lambda p: (p.file != sheet.file, p.row or 0))
    return ImportResult(
        survey_id=survey_id,
        rows=tuple(rows),
        problems=tuple(_capped(problems)),
        respondents=len({r["respondent_id"] for r in rows}),
        rejected_rows=tuple(sorted(set(rejected))),
    )


def write_survey_tables(
    result: ImportResult,
    *,
    instrument: Instrument,
    directory: Path,
    region_id: str,
    opened_on: dt.date,
    closed_on: dt.date | None = None,
) -> list[Path]:
    """Write surveys, survey_items, survey_options and survey_responses as contract CSV files."""
    from luodi.contract.io import csv_text
    from luodi.contract.tables import table

    tables: dict[str, list[dict[str, Any]]] = dict(
        instrument_tables(instrument, region_id=region_id, opened_on=opened_on, closed_on=closed_on)
    )
    for row in tables["surveys"]:
        row["survey_id"] = result.survey_id
    for name in ("survey_items", "survey_options"):
        for row in tables[name]:
            row["survey_id"] = result.survey_id
    tables["survey_responses"] = [dict(r) for r in result.rows]
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, rows in tables.items():
        columns = table(name).column_names
        target = directory / f"{name}.csv"
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows([csv_text(row.get(c)) for c in columns] for row in rows)
        written.append(target)
    return written
