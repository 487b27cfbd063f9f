"""Schema errors as policy problems: each pydantic error located in the YAML file.

A pydantic error's ``loc`` is a path into the data, with the tags of union members mixed in;
it is mapped to the YAML node it names, so the problem gets that node's line and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from luodi.policy.checks import closest, describe
from luodi.policy.errors import ProblemCode
from luodi.policy.model import (
    AllOf,
    AnyOf,
    Benefit,
    Clause,
    ClauseVersion,
    Condition,
    DepartmentEntry,
    Formula,
    NotOf,
    Phase,
    PolicyDocument,
    RouteStep,
    TieredAmount,
)
from luodi.policy.problems import ProblemCollector
from luodi.policy.yamlpos import YamlPath, position

__all__ = ["schema_problems", "show"]

_FIELD_MODELS: dict[str, type[BaseModel]] = {
    "clauses": Clause,
    "benefit": Benefit,
    "phases": Phase,
    "route": RouteStep,
    "versions": ClauseVersion,
}
_CRITERIA: dict[str, type[BaseModel]] = {"all": AllOf, "any": AnyOf, "not": NotOf}
_INVALID_VALUE = ("literal_error", "enum", "greater_than", "less_than", "too_short", "too_long")


def show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _expected(kind: str) -> str:
    if kind.startswith(("float", "int", "decimal")):
        return "a number such as 500000 (no units, no Chinese numerals)"
    if kind.startswith(("date", "datetime")):
        return "a date such as 2017-03-01"
    if kind.startswith("bool"):
        return "true or false"
    if kind.startswith("string"):
        return "text"
    if kind.startswith("list"):
        return "a list"
    if kind.startswith("union_tag"):
        return "a criterion: attribute/op/value, or all/any/not with criteria"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "a mapping of `key: value` lines"
    return "a value of the right type"


def _reason(item: Any) -> str:
    if str(item["type"]).startswith("union_tag"):
        return "a criterion is a mapping, not a single value"
    return str(item["msg"])


def _data_path(data: Any, loc: Iterable[str | int]) -> tuple[YamlPath, str | None]:
    """The path in the data a pydantic ``loc`` points to, and a field that is not there.

    ``loc`` also holds the tags of union members (``condition``, ``tiered`` …); they name no
    data, so they are skipped.
    """
    steps = list(loc)
    path: list[str | int] = []
    current = data
    for number, step in enumerate(steps):
        in_mapping = isinstance(current, dict) and isinstance(step, str) and step in current
        in_list = isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current)
        if in_mapping or in_list:
            path.append(step)
            current = current[step]
        elif number == len(steps) - 1 and isinstance(current, dict) and isinstance(step, str):
            return tuple(path), step
    return tuple(path), None


def _value_at(data: Any, path: YamlPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _model_for(data: Any, path: YamlPath) -> type[BaseModel] | None:
    """The model of the mapping at ``path``, to list the fields it allows."""
    if not path:
        return PolicyDocument if isinstance(data, dict) else DepartmentEntry
    mapping = _value_at(data, path)
    last = next((step for step in reversed(path) if isinstance(step, str)), None)
    if last in ("eligibility", "criteria", "all", "any", "not"):
        found: list[type[BaseModel]] = [c for k, c in _CRITERIA.items() if k in mapping]
        return found[0] if found else Condition
    if last == "amount":
        return Formula if "formula" in mapping else TieredAmount
    if last is None:
        return DepartmentEntry
    return _FIELD_MODELS.get(last)


def schema_problems(
    sink: ProblemCollector,
    *,
    file: str,
    root: Any,
    data: Any,
    error: ValidationError,
) -> None:
    """One problem per place and kind; a union's members report one place only once."""
    grouped: dict[tuple[YamlPath, str | None, ProblemCode], list[Any]] = {}
    for item in error.errors():
        path, absent = _data_path(data, item["loc"])
        kind = item["type"]
        if kind == "missing":
            code = ProblemCode.MISSING_FIELD
        elif kind == "extra_forbidden":
            code = ProblemCode.UNKNOWN_FIELD
        elif kind.startswith(_INVALID_VALUE):
            code = ProblemCode.INVALID_VALUE
        else:
            code = ProblemCode.WRONG_TYPE
        grouped.setdefault((path, absent, code), []).append(item)
    for (path, absent, code), items in grouped.items():
        where = describe(data, path)
        if code is ProblemCode.MISSING_FIELD:
            line, column = position(root, path)
            sink.add(code, file=file, line=line, column=column, where=where, field=absent)
        elif code is ProblemCode.UNKNOWN_FIELD:
            line, column = position(root, path, key=True)
            model = _model_for(data, path[:-1])
            allowed = [f.alias or name for name, f in model.model_fields.items()] if model else []
            field = str(path[-1]) if path else "?"
            sink.add(
                code,
                file=file,
                line=line,
                column=column,
                where=describe(data, path[:-1]),
                field=field,
                hint=closest(field, allowed),
                allowed=", ".join(allowed) or "none",
            )
        else:
            line, column = position(root, path)
            reasons = "; ".join(dict.fromkeys(_reason(i) for i in items))
            expected = " or ".join(dict.fromkeys(_expected(str(i["type"])) for i in items))
            sink.add(
                code,
                file=file,
                line=line,
                column=column,
                where=where,
                value=show(items[0]["input"]),
                reason=reasons,
                expected=expected,
            )
