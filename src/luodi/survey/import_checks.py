"""Checks of one survey export against its instrument and mapping: cells, rows and headers.

Used by luodi.survey.importer; every problem names the file, row, column header, value, what is
wrong and how to fix it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from luodi.survey.instrument import Instrument, Item, visible_items
from luodi.survey.mapping import ColumnMapping, ImportMapping
from luodi.survey.problems import ImportProblem
from luodi.survey.sheet import Sheet

__all__ = ["MAX_TEXT", "Checker", "RowAnswers", "header_problems"]

MAX_TEXT = 2000  # characters of one free-text answer
# 问卷星 prints these for an item the respondent skipped or left empty: no answer.
_NO_ANSWER = frozenset({"(跳过)", "（跳过）", "(空)", "（空）", "-3", "-2"})
_LIKERT = ("1", "2", "3", "4", "5")


@dataclass(kw_only=True)
class RowAnswers:
    """What one sheet row gave: answers by item code, and the problems found in it."""

    number: int
    answers: dict[str, str] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # items whose cell had an error


def _number(text: str) -> float | None:
    try:
        value = float(text.replace("，", "").replace(",", ""))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _shown(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


class Checker:
    """Checks the cells of one export against the instrument and the mapping."""

    def __init__(
        self, *, sheet: Sheet, instrument: Instrument, mapping: ImportMapping, max_text: int
    ) -> None:
        self.sheet = sheet
        self.instrument = instrument
        self.mapping = mapping
        self.max_text = max_text

    def _labels(self, column: ColumnMapping, item: Item) -> dict[str, str]:
        labels = {o.code: o.code for o in item.options}
        labels.update({o.label.strip(): o.code for o in item.options})
        labels.update(column.options)
        return labels

    def _allowed(self, column: ColumnMapping, item: Item) -> str:
        printed = list(column.options) or [o.label for o in item.options]
        return "、".join(printed[:12]) + ("…" if len(printed) > 12 else "")

    def cell(self, row: RowAnswers, column: ColumnMapping, header: str, raw: str) -> None:
        item = self.instrument.item(column.item)
        if raw in _NO_ANSWER:
            return

        def bad(code: str, message: str, fix: str) -> None:
            row.failed.add(item.code)
            row.problems.append(
                ImportProblem(
                    file=self.sheet.file,
                    row=row.number,
                    column=header,
                    value=raw,
                    code=code,
                    message=message,
                    fix=fix,
                )
            )

        labels = self._labels(column, item)
        if item.kind == "single" or (item.kind == "likert" and raw in labels):
            if self.mapping.separator in raw and raw not in labels:
                bad(
                    "several_for_single",
                    "单选题填了多个选项",
                    f"keep one of the options: {self._allowed(column, item)}",
                )
            elif raw not in labels:
                bad(
                    "unknown_option",
                    "选项不在映射文件和问卷中",
                    f"use one of {self._allowed(column, item)}, or add "
                    f"'{raw}: <code>' to the options of this column in {self.mapping.file}",
                )
            else:
                row.answers[item.code] = labels[raw]
        elif item.kind == "multiple":
            parts = [p.strip() for p in raw.split(self.mapping.separator) if p.strip()]
            unknown = [p for p in parts if p not in labels]
            if unknown:
                bad(
                    "unknown_option_part",
                    f"多选答案中的 {'、'.join(unknown)} 不是选项",
                    f"separate options with '{self.mapping.separator}' and use only "
                    f"{self._allowed(column, item)}, or map the label in {self.mapping.file}",
                )
            else:
                row.answers[item.code] = ";".join(dict.fromkeys(labels[p] for p in parts))
        elif item.kind in ("likert", "numeric"):
            value = _number(raw)
            codes = {o.code for o in item.options} or set(_LIKERT)
            if value is None:
                bad(
                    "not_a_number",
                    "不是数字" if item.kind == "numeric" else "不是 1–5 的分数",
                    "write a number such as 3"
                    if item.kind == "numeric"
                    else f"write a score 1–5 or one of {self._allowed(column, item)}",
                )
            elif item.kind == "likert" and _shown(value) not in codes:
                bad(
                    "out_of_scale",
                    f"分数超出量表（允许 {'、'.join(sorted(codes))}）",
                    "write a whole score from 1 to 5; leave the cell empty if not answered",
                )
            elif (item.minimum is not None and value < item.minimum) or (
                item.maximum is not None and value > item.maximum
            ):
                bad(
                    "out_of_range",
                    f"数值超出范围 {item.minimum}–{item.maximum}",
                    "correct the number, or leave the cell empty if it is unknown",
                )
            else:
                row.answers[item.code] = _shown(value)
        elif len(raw) > self.max_text:
            bad(
                "text_too_long",
                f"文本过长：{len(raw)} 字，最多 {self.max_text} 字",
                "shorten the answer or split it into interview notes",
            )
        else:
            row.answers[item.code] = raw

    def row_rules(self, row: RowAnswers, headers: Mapping[str, str]) -> None:
        """Skip logic and required items, once the cells of a row are read."""
        shown = {item.code for item in visible_items(self.instrument, row.answers)}
        for item in self.instrument.items:
            condition = item.show_if
            if condition is not None and condition.item in row.failed:
                continue  # the condition's own cell is wrong; that problem is reported
            header = headers.get(item.code)
            if item.code in row.answers and item.code not in shown and condition is not None:
                given = row.answers.get(condition.item)
                where = headers.get(condition.item, condition.item)
                row.problems.append(
                    ImportProblem(
                        file=self.sheet.file,
                        row=row.number,
                        column=header,
                        value=row.answers[item.code],
                        code="answer_to_hidden_item",
                        message=f"跳题逻辑：此题只在 {condition.item} = {condition.equals} 时作答，"
                        f"这份答卷 {condition.item} = {given or '(未答)'}",
                        fix=f"clear this cell, or correct the answer in column '{where}'",
                    )
                )
            elif (
                item.required
                and item.code in shown
                and header is not None
                and item.code not in row.answers
                and item.code not in row.failed
            ):
                row.problems.append(
                    ImportProblem(
                        file=self.sheet.file,
                        row=row.number,
                        column=header,
                        value=None,
                        code="required_missing",
                        message="必答题没有答案",
                        fix="fill in the answer, or drop this questionnaire from the export",
                    )
                )


def header_problems(
    sheet: Sheet, instrument: Instrument, mapping: ImportMapping, respondent_column: str | None
) -> list[ImportProblem]:
    problems: list[ImportProblem] = []

    def add(
        code: str,
        message: str,
        fix: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        warning: bool = False,
    ) -> None:
        problems.append(
            ImportProblem(
                file=file or sheet.file,
                row=row if file else sheet.header_row,
                column=column,
                value=None,
                code=code,
                message=message,
                fix=fix,
                severity="warning" if warning else "error",
            )
        )

    known = {i.code: i for i in instrument.items}
    for column in mapping.columns:
        item = known.get(column.item)
        if item is None:
            add(
                "unknown_item",
                f"列 '{column.header}' 映射到问卷中没有的题目 {column.item!r}",
                f"use one of the item codes: {', '.join(known)}",
                file=mapping.file,
                row=column.line,
            )
            continue
        codes = {o.code for o in item.options}
        for label, code in column.options.items():
            if code not in codes:
                add(
                    "unknown_option_code",
                    f"选项 '{label}' 映射到题目 {item.code} 没有的编码 {code!r}",
                    f"use one of {', '.join(sorted(codes))}",
                    file=mapping.file,
                    row=column.line,
                )
    seen: set[str] = set()
    for header in sheet.header:
        if header in seen:
            add(
                "duplicate_header", "表头重复", "rename or remove one of the columns", column=header
            )
        seen.add(header)
        if header in mapping.ignore or header == respondent_column:
            continue
        if mapping.column(header) is None:
            near = difflib.get_close_matches(header, [c.header for c in mapping.columns], 1)
            hint = f" (the mapping has '{near[0]}')" if near else ""
            add(
                "unknown_header",
                f"表头不在映射文件 {mapping.file} 中{hint}",
                "add it to 'columns' with its item code, or to 'ignore' if it is not an answer",
                column=header or "(空表头)",
            )
    wanted = [c.header for c in mapping.columns]
    if respondent_column is not None:
        wanted.append(respondent_column)
    for header in wanted:
        if header not in sheet.header:
            near = difflib.get_close_matches(header, list(sheet.header), 1)
            hint = f"; the file has '{near[0]}'" if near else ""
            add(
                "missing_column",
                "映射文件中的列在导出文件中不存在",
                f"export this question too, or correct the header in {mapping.file}{hint}",
                column=header,
            )
    mapped = {c.item for c in mapping.columns}
    for item in instrument.items:
        if item.required and item.code not in mapped:
            add(
                "unmapped_item",
                f"必答题 {item.code} 没有映射到任何列",
                f"add its column to {mapping.file}; until then its answers are missing",
                warning=True,
            )
    return problems
