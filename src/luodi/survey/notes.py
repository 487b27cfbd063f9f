"""Interview notes coded with the study's Table 2 themes by the evaluator.

A notes file is CSV/XLSX with the columns 访谈编号 (or note_id), 受访者 (respondent, optional),
访谈内容 (text) and 标签 (tags, separated by ; or 、), or YAML: a list of {id, respondent, text,
tags: [...]}. A tag is a theme (功能异化) or a theme and a sub-theme (功能异化/选择性执行) of
Table 2 (人才政策执行偏差). Each note is checked like an export row: problems name the file, row
(the YAML line), column, value, what is wrong and how to fix it.

>>> sorted(allowed_tags())[:3]
['功能异化', '功能异化/宽进严助', '功能异化/选择性执行']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from luodi.policy.yamlpos import YamlSyntaxError, parse_yaml, position
from luodi.survey.problems import ImportProblem
from luodi.survey.sheet import Encoding, read_sheet

__all__ = [
    "THEMES",
    "InterviewNote",
    "NotesResult",
    "allowed_tags",
    "notes_by_tag",
    "notes_import",
    "notes_section",
]

# Table 2 of the study: the deviation and its phenomena.
THEMES: Mapping[str, tuple[str, ...]] = {
    "功能异化": ("选择性执行", "宽进严助"),
    "实施梗阻": ("政策架空", "人情化执行"),
    "对话缺失": ("政策知晓度低", "政策沟通不畅"),
}
MAX_NOTE = 10_000  # characters of one note
_COLUMNS = {
    "note_id": ("访谈编号", "note_id", "id"),
    "respondent": ("受访者", "respondent"),
    "text": ("访谈内容", "text"),
    "tags": ("标签", "tags"),
}
_SPLIT = re.compile(r"[;；、,，]")


@dataclass(frozen=True, kw_only=True)
class InterviewNote:
    note_id: str
    respondent_id: str | None
    text: str
    tags: tuple[str, ...]
    row: int


@dataclass(frozen=True, kw_only=True)
class NotesResult:
    notes: tuple[InterviewNote, ...]
    problems: tuple[ImportProblem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        return {
            "notes": len(self.notes),
            "by_tag": {
                tag: [n.note_id for n in notes] for tag, notes in notes_by_tag(self.notes).items()
            },
            "problems": [p.as_dict() for p in self.problems],
        }


def allowed_tags(themes: Mapping[str, tuple[str, ...]] = THEMES) -> tuple[str, ...]:
    """Every theme, and every theme/sub-theme."""
    return tuple(
        t for theme, subs in themes.items() for t in (theme, *(f"{theme}/{s}" for s in subs))
    )


def notes_by_tag(
    notes: tuple[InterviewNote, ...] | list[InterviewNote],
) -> dict[str, tuple[InterviewNote, ...]]:
    """Notes under each tag; a note tagged theme/sub-theme is also under its theme."""
    grouped: dict[str, list[InterviewNote]] = {}
    for note in notes:
        tags = dict.fromkeys(t for tag in note.tags for t in (tag.split("/")[0], tag))
        for tag in tags:
            grouped.setdefault(tag, []).append(note)
    return {tag: tuple(found) for tag, found in grouped.items()}


def _records(
    path: Path, encoding: Encoding, problems: list[ImportProblem]
) -> list[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            parsed = parse_yaml(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, YamlSyntaxError) as error:
            line = error.line if isinstance(error, YamlSyntaxError) else None
            problems.append(
                _problem(
                    path.name,
                    line,
                    None,
                    None,
                    "unreadable_notes",
                    f"无法读取: {error}",
                    "save the notes as UTF-8 YAML: a list of {id, respondent, text, tags}",
                )
            )
            return []
        if not isinstance(parsed.data, list):
            problems.append(
                _problem(
                    path.name,
                    1,
                    None,
                    None,
                    "not_a_list",
                    "YAML 不是访谈记录的列表",
                    "write one '- id: …' entry per note",
                )
            )
            return []
        return [
            (
                position(parsed.root, (i,))[0],
                {k: v for k, v in (e.items() if isinstance(e, dict) else ())},
            )
            for i, e in enumerate(parsed.data)
        ]
    sheet = read_sheet(path, encoding=encoding)
    problems += sheet.problems
    names = {alias: key for key, aliases in _COLUMNS.items() for alias in aliases}
    for header in sheet.header:
        if header not in names:
            problems.append(
                _problem(
                    sheet.file,
                    sheet.header_row,
                    header,
                    None,
                    "unknown_header",
                    "未知的列",
                    f"use the columns {', '.join(a[0] for a in _COLUMNS.values())}",
                )
            )
    for key in ("note_id", "text", "tags"):
        if not any(a in sheet.header for a in _COLUMNS[key]):
            problems.append(
                _problem(
                    sheet.file,
                    sheet.header_row,
                    _COLUMNS[key][0],
                    None,
                    "missing_column",
                    "缺少这一列",
                    "add the column to the header row",
                )
            )
    return [
        (
            row.number,
            {names[h]: c for h, c in zip(sheet.header, row.cells, strict=True) if h in names},
        )
        for row in sheet.rows
    ]


def _problem(
    file: str,
    row: int | None,
    column: str | None,
    value: str | None,
    code: str,
    message: str,
    fix: str,
    *,
    warning: bool = False,
) -> ImportProblem:
    return ImportProblem(
        file=file,
        row=row,
        column=column,
        value=value,
        code=code,
        message=message,
        fix=fix,
        severity="warning" if warning else "error",
    )


def _tags(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, list):
        return [str(t).strip() for t in raw if str(t).strip()]
    return [t.strip() for t in _SPLIT.split(str(raw)) if t.strip()]


def _check(
    file: str,
    row: int,
    record: Mapping[str, Any],
    *,
    seen: dict[str, int],
    themes: Mapping[str, tuple[str, ...]],
    max_text: int,
) -> tuple[InterviewNote | None, list[ImportProblem]]:
    """One note, or None when it has an error; and its problems."""
    found: list[ImportProblem] = []
    allowed = allowed_tags(themes)
    by_sub = {s: f"{theme}/{s}" for theme, subs in themes.items() for s in subs}

    def bad(column: str, value: str | None, code: str, message: str, fix: str) -> None:
        warning = code in {"duplicate_tag", "no_tags"}
        found.append(_problem(file, row, column, value, code, message, fix, warning=warning))

    note_id = str(record.get("note_id") or record.get("id") or "").strip()
    text = str(record.get("text") or "").strip()
    tags = _tags(record.get("tags"))
    if not note_id:
        bad("访谈编号", None, "missing_id", "访谈编号为空", "give every note an id such as F01")
    elif note_id in seen:
        bad(
            "访谈编号",
            note_id,
            "duplicate_id",
            f"访谈编号重复（第 {seen[note_id]} 行已有）",
            "give the note its own id",
        )
    else:
        seen[note_id] = row
    if not text:
        bad("访谈内容", None, "empty_text", "访谈内容为空", "paste the note's text, or delete it")
    elif len(text) > max_text:
        bad(
            "访谈内容",
            text,
            "text_too_long",
            f"内容过长：{len(text)} 字，最多 {max_text} 字",
            "split the note into several notes",
        )
    for tag in tags:
        if tag not in allowed:
            hint = f"write {by_sub[tag]!r}" if tag in by_sub else f"use one of {'、'.join(allowed)}"
            bad("标签", tag, "unknown_tag", "标签不是表 2 的主题", hint)
    if len(set(tags)) < len(tags):
        bad("标签", "；".join(tags), "duplicate_tag", "同一标签写了两次", "keep each tag once")
    if not tags:
        bad(
            "标签",
            None,
            "no_tags",
            "还没有编码（没有标签）",
            f"tag the note with one of {'、'.join(allowed)}",
        )
    if any(p.severity == "error" for p in found):
        return None, found
    respondent = record.get("respondent")
    note = InterviewNote(
        note_id=note_id,
        respondent_id=None if respondent in (None, "") else str(respondent),
        text=text,
        tags=tuple(dict.fromkeys(tags)),
        row=row,
    )
    return note, found


def notes_import(
    *,
    path: Path,
    themes: Mapping[str, tuple[str, ...]] = THEMES,
    encoding: Encoding = "auto",
    max_text: int = MAX_NOTE,
) -> NotesResult:
    """Read and check a notes file; the notes without an error are returned."""
    problems: list[ImportProblem] = []
    notes: list[InterviewNote] = []
    seen: dict[str, int] = {}
    for row, record in _records(path, encoding, problems):
        note, found = _check(path.name, row, record, seen=seen, themes=themes, max_text=max_text)
        problems += found
        if note is not None:
            notes.append(note)
    return NotesResult(notes=tuple(notes), problems=tuple(problems))


def notes_section(notes: Sequence[InterviewNote]) -> dict[str, Any]:
    """The report's interview section: how many notes, and the notes under each tag, the
    tags with most notes first; a note without tags is under "" (not coded)."""
    grouped = notes_by_tag(tuple(notes))
    untagged = tuple(note for note in notes if not note.tags)
    if untagged:
        grouped[""] = untagged
    return {
        "notes": len(notes),
        "by_tag": [
            {
                "tag": tag,
                "count": len(found),
                "notes": [
                    {"note_id": n.note_id, "respondent_id": n.respondent_id, "text": n.text}
                    for n in found
                ],
            }
            for tag, found in sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ],
    }
