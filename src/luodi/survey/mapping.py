"""Mapping files: which export column holds which item, and which printed label which code.

A mapping is YAML::

    respondent_column: 序号            # the column that identifies a questionnaire
    separator: "┋"                    # between the chosen labels of a multiple-choice answer
    ignore: [提交答卷时间, 所用时间]     # export columns that are not answers
    columns:
      1、您的性别:
        item: gender
        options: {男: male, 女: female}   # label as printed → option code
      11、您对本地区人才政策的总体了解程度: {item: awareness}

``options`` may be left out: labels and codes of the instrument's options are accepted as they
are. Every problem of the file is reported with its line and how to fix it.

>>> m = mapping_from_text("columns:\\n  1、您的性别: {item: gender, options: {男: male}}\\n")
>>> m.columns[0].header, m.columns[0].item, dict(m.columns[0].options), m.columns[0].line
('1、您的性别', 'gender', {'男': 'male'}, 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luodi.policy.yamlpos import YamlSyntaxError, duplicate_keys, parse_yaml, position
from luodi.survey.problems import ImportProblem

__all__ = ["ColumnMapping", "ImportMapping", "MappingError", "load_mapping", "mapping_from_text"]

# 问卷星 separates the chosen options of a multiple-choice answer with "┋" in its text export.
WJX_SEPARATOR = "┋"
_KEYS = {"survey_id", "respondent_column", "separator", "ignore", "columns"}


class MappingError(ValueError):
    """The mapping file is unusable; ``problems`` says where and how to fix it."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True, kw_only=True)
class ColumnMapping:
    """One export column: its header as printed, the item code and label → option code."""

    header: str
    item: str
    options: Mapping[str, str] = field(default_factory=dict)
    line: int = 1


@dataclass(frozen=True, kw_only=True)
class ImportMapping:
    """The whole mapping; ``file`` and the lines let later problems point into it."""

    columns: tuple[ColumnMapping, ...]
    respondent_column: str | None = None
    survey_id: str | None = None
    separator: str = WJX_SEPARATOR
    ignore: tuple[str, ...] = ()
    file: str = "mapping.yaml"

    def column(self, header: str) -> ColumnMapping | None:
        return next((c for c in self.columns if c.header == header), None)


def load_mapping(path: Path) -> ImportMapping:
    """Read a mapping file; raises MappingError listing every problem with its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(
            [
                _problem(
                    path.name,
                    None,
                    "unreadable_mapping",
                    f"映射文件无法读取: {error}",
                    "save the mapping as UTF-8 YAML and check the path",
                )
            ]
        ) from error
    return mapping_from_text(text, file=path.name)


def _problem(
    file: str, line: int | None, code: str, message: str, fix: str, value: str | None = None
) -> ImportProblem:
    return ImportProblem(
        file=file, row=line, column=None, value=value, code=code, message=message, fix=fix
    )


def mapping_from_text(text: str, *, file: str = "mapping.yaml") -> ImportMapping:
    """Parse a mapping from YAML text (see the module docstring for the format)."""
    try:
        parsed = parse_yaml(text)
    except YamlSyntaxError as error:
        raise MappingError(
            [
                _problem(
                    file,
                    error.line,
                    "mapping_syntax",
                    f"YAML 语法错误: {error.problem}",
                    "fix the indentation or quoting on this line",
                )
            ]
        ) from error
    data, root = parsed.data, parsed.root
    problems = [
        _problem(
            file,
            d.line,
            "duplicate_key",
            f"键 {d.key!r} 重复（首次在第 {d.first_line} 行）",
            "keep one entry per header; YAML silently keeps only the last",
        )
        for d in duplicate_keys(root)
    ]
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        problems.append(
            _problem(
                file,
                1,
                "no_columns",
                "映射文件没有 columns 部分",
                "add 'columns:' mapping each export header to {item: CODE, options: {…}}",
            )
        )
        raise MappingError(problems)
    for key in data:
        if str(key) not in _KEYS:
            problems.append(
                _problem(
                    file,
                    position(root, (key,), key=True)[0],
                    "unknown_key",
                    f"未知的键 {key!r}",
                    f"use only {', '.join(sorted(_KEYS))}",
                )
            )
    columns: list[ColumnMapping] = []
    for header, entry in data["columns"].items():
        line = position(root, ("columns", header), key=True)[0]
        if isinstance(entry, str):
            entry = {"item": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("item"), str):
            problems.append(
                _problem(
                    file,
                    line,
                    "no_item",
                    f"列 {header!r} 没有题目编码",
                    "write the column as {item: CODE} with the instrument's item code",
                )
            )
            continue
        options = entry.get("options") or {}
        if not isinstance(options, dict):
            problems.append(
                _problem(
                    file,
                    line,
                    "bad_options",
                    f"列 {header!r} 的 options 不是映射",
                    "write options as {选项文字: code, …}",
                )
            )
            continue
        columns.append(
            ColumnMapping(
                header=str(header).strip(),
                item=entry["item"],
                options={str(k).strip(): str(v) for k, v in options.items()},
                line=line,
            )
        )
    if problems:
        raise MappingError(problems)
    return ImportMapping(
        columns=tuple(columns),
        respondent_column=_text(data.get("respondent_column")),
        survey_id=_text(data.get("survey_id")),
        separator=_text(data.get("separator")) or WJX_SEPARATOR,
        ignore=tuple(str(h).strip() for h in data.get("ignore") or ()),
        file=file,
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
