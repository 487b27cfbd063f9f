"""Read a questionnaire from YAML, reporting every problem with its line, column and fix.

The file is a mapping with ``survey_id``, ``title`` and ``sections``; each section has a
``title`` and ``items``; each item ``code``, ``text``, ``kind`` and, as needed, ``options``
(a list of ``{code, label}``), ``required``, ``show_if: {item, equals}``, ``scale``,
``minimum``/``maximum`` and ``personal``. Quote ``'yes'`` and ``'no'``: YAML reads them bare as
booleans.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic_core import ErrorDetails

from luodi.policy.yamlmodel import FileProblems, yaml_model, yaml_text
from luodi.survey.instrument import (
    DEFER_CHECKS,
    Condition,
    Instrument,
    InstrumentError,
    Item,
    Option,
    Section,
    instrument_problems,
)

__all__ = ["instrument_from_yaml"]

_KINDS = ", ".join(typing.get_args(Item.model_fields["kind"].annotation))
_KEYS: dict[str, str] = {
    "": ", ".join(Instrument.model_fields),
    "sections": ", ".join(Section.model_fields),
    "items": ", ".join(Item.model_fields),
    "options": ", ".join(Option.model_fields),
    "show_if": ", ".join(Condition.model_fields),
}
_BOOLEAN_WORDS = "yes, no, on, off, true and false"


def _owner(loc: tuple[str | int, ...]) -> str:
    """The name of the mapping a loc's last key is in: '' (top), sections, items, options…"""
    names = [step for step in loc[:-1] if isinstance(step, str)]
    return names[-1] if names else ""


def _fix(error: ErrorDetails, raw: Any) -> tuple[str, str]:
    """(problem, fix) for one pydantic error."""
    loc = tuple(error["loc"])
    field = str(loc[-1]) if loc else "file"
    kind = error["type"]
    value = error.get("input")
    if kind == "literal_error" and field == "kind":
        return f"unknown kind {value!r}", f"use one of {_KINDS}"
    if kind == "extra_forbidden":
        return f"unknown key {field!r}", f"the keys here are {_KEYS.get(_owner(loc), '')}"
    if kind == "missing":
        return f"{field!r} is missing", f"add {field}: … (the keys here are {_KEYS[_owner(loc)]})"
    if kind == "string_type" and isinstance(value, bool):
        return (
            f"{field} is the boolean {value}, not text",
            f"quote it ('yes'): YAML reads bare {_BOOLEAN_WORDS} as booleans",
        )
    if kind in {"tuple_type", "list_type"}:
        return f"{field} must be a list", "write it as a YAML list of '- ' entries"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"{field} must be a mapping", "write it as 'key: value' lines"
    return f"{field}: {error['msg']} (got {value!r})", "correct the value"


def instrument_from_yaml(path: Path) -> Instrument:
    """The questionnaire in ``path``; InstrumentError listing every problem otherwise."""
    try:
        return yaml_model(
            yaml_text(path),
            file=str(path),
            model=Instrument,
            defer=DEFER_CHECKS,
            start="'survey_id:', 'title:' and 'sections:'",
            fix=_fix,
            checks=instrument_problems,
        )
    except FileProblems as error:
        raise InstrumentError(error.problems) from None
