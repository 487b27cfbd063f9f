"""The labelled inquiries: realistic Chinese inquiries, each with the department kind that must act.

The packaged set (``data/labelled_inquiries.jsonl``, described in ``data/README.md``) trains and
evaluates the router. Each line is one JSON object with ``id``, ``text``, ``department_kind``,
``category`` and ``kind``.

>>> records = labelled_inquiries()
>>> len(records) >= 360, records[0].id
(True, 'LI-001')
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from luodi.contract.choices import DEPARTMENT_KINDS, INQUIRY_CATEGORIES, INQUIRY_KINDS

__all__ = ["CORPUS_RESOURCE", "CorpusError", "LabelledInquiry", "labelled_inquiries"]

CORPUS_RESOURCE = "data/labelled_inquiries.jsonl"
"""Where the packaged set lives, relative to the ``luodi.dialogue`` package."""

_FIELDS = ("id", "text", "department_kind", "category", "kind")
_ALLOWED = {
    "department_kind": frozenset(c.value for c in DEPARTMENT_KINDS),
    "category": frozenset(c.value for c in INQUIRY_CATEGORIES),
    "kind": frozenset(c.value for c in INQUIRY_KINDS),
}


@dataclass(frozen=True, kw_only=True, slots=True)
class LabelledInquiry:
    """One inquiry as a citizen or firm wrote it, and the department kind that must act on it."""

    id: str
    text: str
    department_kind: str
    category: str
    kind: str


class CorpusError(ValueError):
    """A labelled-inquiries file that cannot be read as the corpus: says which line and why."""

    def __init__(self, source: str, line: int | None, problem: str, fix: str) -> None:
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"标注语料有误 — bad labelled inquiries at {where}: {problem}; {fix}")


def labelled_inquiries(path: Path | str | None = None) -> tuple[LabelledInquiry, ...]:
    """Read the labelled inquiries from ``path``, or the packaged set when ``path`` is None.

    Every line is checked (JSON object, the five fields as non-empty strings, contract values for
    department kind, category and kind) and ids and texts must be unique: a text twice could land
    in both the training and the held-out part and flatter the evaluation.
    """
    if path is None:
        return _packaged()
    file = Path(path)
    try:
        content = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(
            str(file), None, "file not found", "pass an existing JSON Lines file"
        ) from None
    except UnicodeDecodeError:
        raise CorpusError(str(file), None, "not UTF-8 text", "save the file as UTF-8") from None
    return _parse(content, source=str(file))


@functools.cache
def _packaged() -> tuple[LabelledInquiry, ...]:
    resource = resources.files("luodi.dialogue").joinpath(CORPUS_RESOURCE)
    return _parse(resource.read_text(encoding="utf-8"), source=f"luodi.dialogue/{CORPUS_RESOURCE}")


def _parse(content: str, *, source: str) -> tuple[LabelledInquiry, ...]:
    records: list[LabelledInquiry] = []
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, int] = {}
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        record = _record(line, source=source, line=number)
        for seen, value, what in (
            (seen_ids, record.id, "id"),
            (seen_texts, record.text, "text"),
        ):
            if value in seen:
                raise CorpusError(
                    source,
                    number,
                    f"duplicate {what} (first on line {seen[value]})",
                    f"give every record its own {what}",
                )
            seen[value] = number
        records.append(record)
    if not records:
        raise CorpusError(source, None, "no records", "add one JSON object per line")
    return tuple(records)


def _record(raw: str, *, source: str, line: int) -> LabelledInquiry:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise CorpusError(
            source, line, f"not JSON ({error.msg})", "write one JSON object per line"
        ) from None
    if not isinstance(data, dict):
        raise CorpusError(source, line, "not a JSON object", "write one JSON object per line")
    missing = [field for field in _FIELDS if field not in data]
    if missing:
        raise CorpusError(
            source, line, f"missing {', '.join(missing)}", f"give every record {', '.join(_FIELDS)}"
        )
    values: dict[str, str] = {}
    for field in _FIELDS:
        value = data[field]
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(
                source, line, f"{field} is empty or not a string", f"write {field} as text"
            )
        values[field] = value.strip()
    for field, allowed in _ALLOWED.items():
        if values[field] not in allowed:
            raise CorpusError(
                source,
                line,
                f"unknown {field} {values[field]!r}",
                f"use one of the contract's values: {', '.join(sorted(allowed))}",
            )
    return LabelledInquiry(**values)
