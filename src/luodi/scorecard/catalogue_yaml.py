"""Read an indicator catalogue from YAML, reporting every problem with its line, column and fix.

The file is a mapping with ``indicators`` (each ``id``, ``name_zh``, ``name_en``, ``group``,
``metric``, ``params``, ``direction``, ``unit``, ``sources``, ``subjects``), ``criteria`` (each
``code``, ``name_zh``, ``name_en``) and ``schemes`` (each ``id``, ``name_zh``, ``name_en``,
``group_weights``, ``indicator_weights``). The formula is not written in the file: the metric
states it from its parameters (``luodi scorecard indicators`` prints it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic_core import ErrorDetails

from luodi.policy.yamlmodel import FileProblems, yaml_model, yaml_text
from luodi.scorecard.catalogue import (
    DEFER_CHECKS,
    Catalogue,
    CatalogueError,
    Criterion,
    Indicator,
    WeightingScheme,
    catalogue_problems,
)

__all__ = ["catalogue_from_text", "catalogue_from_yaml"]

_KEYS: dict[str, str] = {
    "": ", ".join(Catalogue.model_fields),
    "indicators": ", ".join(Indicator.model_fields),
    "criteria": ", ".join(Criterion.model_fields),
    "schemes": ", ".join(WeightingScheme.model_fields),
}


def _owner(loc: tuple[str | int, ...]) -> str:
    names = [step for step in loc[:-1] if isinstance(step, str) and step in _KEYS]
    return names[-1] if names else ""


def _fix(error: ErrorDetails, _data: Any = None) -> tuple[str, str]:
    """(problem, fix) for one pydantic error."""
    loc = tuple(error["loc"])
    field = str(loc[-1]) if loc else "file"
    kind = error["type"]
    value = error.get("input")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{field}: {value!r} is not allowed", f"use one of {expected}"
    if kind == "extra_forbidden":
        return f"unknown key {field!r}", f"the keys here are {_KEYS.get(_owner(loc), '')}"
    if kind == "missing":
        return f"{field!r} is missing", f"add {field}: … (the keys here are {_KEYS[_owner(loc)]})"
    if kind in {"tuple_type", "list_type"}:
        return f"{field} must be a list", "write it as a YAML list of '- ' entries"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"{field} must be a mapping", "write it as 'key: value' lines"
    if kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
        return f"{field}: {message}", "correct the value"
    return f"{field}: {error['msg']} (got {value!r})", "correct the value"


def catalogue_from_text(text: str, *, file: str = "<text>") -> Catalogue:
    """The catalogue in a YAML text; CatalogueError listing every problem otherwise."""
    try:
        return yaml_model(
            text,
            file=file,
            model=Catalogue,
            defer=DEFER_CHECKS,
            start="'indicators:', 'criteria:' and 'schemes:'",
            fix=_fix,
            checks=catalogue_problems,
        )
    except FileProblems as error:
        raise CatalogueError(error.problems) from None


def catalogue_from_yaml(path: Path | str) -> Catalogue:
    """The catalogue in ``path``; CatalogueError listing every problem otherwise."""
    path = Path(path)
    try:
        text = yaml_text(path)
    except FileProblems as error:
        raise CatalogueError(error.problems) from None
    return catalogue_from_text(text, file=str(path))
