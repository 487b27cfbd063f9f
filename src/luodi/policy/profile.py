"""A profile: what is known of one person and their employer, checked against the contract.

Attributes are the contract's ``persons`` and ``employers`` columns, named ``person.<column>``
and ``employer.<column>`` as in policy files, plus the derived attributes of
``DERIVED_ATTRIBUTES`` computed on the evaluation date. An absent or ``null`` value is
*unknown*: a criterion that needs it is neither met nor failed.

>>> profile = Profile(person={"talent_tier": "D", "birth_year": 1990})
>>> profile.value("person.age", dt.date(2024, 6, 30))
33
>>> profile.value("employer.stage", dt.date(2024, 6, 30)) is None
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from luodi.contract.schema import Column, ColumnType
from luodi.contract.tables import table
from luodi.policy.errors import PolicyError
from luodi.policy.model import DERIVED_ATTRIBUTES, Condition

__all__ = [
    "DERIVED_SOURCES",
    "Profile",
    "ProfileError",
    "attribute_type",
    "coerce_value",
    "condition_expected",
    "source_attribute",
    "whole_years",
]

SECTIONS = {"person": "persons", "employer": "employers"}

# The contract column each derived attribute is computed from.
DERIVED_SOURCES: dict[str, str] = {
    "person.age": "person.birth_year",
    "person.years_in_region": "person.arrived_on",
    "employer.age_years": "employer.founded_on",
}
assert set(DERIVED_SOURCES) == set(DERIVED_ATTRIBUTES)


class ProfileError(PolicyError, ValueError):
    """A profile or an attribute name does not fit the data contract."""


def _columns(section: str) -> dict[str, Column]:
    return {c.name: c for c in table(SECTIONS[section]).columns}


_COLUMNS: dict[str, dict[str, Column]] = {s: _columns(s) for s in SECTIONS}


def attribute_type(attribute: str) -> ColumnType:
    """The contract type of ``attribute``; raises :class:`ProfileError` for an unknown name."""
    if attribute in DERIVED_ATTRIBUTES:
        return ColumnType.INTEGER
    section, _, name = attribute.partition(".")
    column = _COLUMNS.get(section, {}).get(name)
    if column is None:
        known = ", ".join(sorted(f"{s}.{c}" for s in SECTIONS for c in _COLUMNS[s]))
        raise ProfileError(
            f"unknown attribute {attribute!r}: name a contract column as person.<column> or "
            f"employer.<column>, or a derived one ({', '.join(DERIVED_ATTRIBUTES)}); "
            f"known columns: {known}"
        )
    return column.type


def source_attribute(attribute: str) -> str:
    """The profile attribute ``attribute`` is read from (a derived one from its source)."""
    return DERIVED_SOURCES.get(attribute, attribute)


def whole_years(since: dt.date, on: dt.date) -> int:
    """Completed years from ``since`` to ``on`` (negative before ``since``)."""
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def coerce_value(attribute: str, value: object, *, where: str) -> object:
    """``value`` in the Python type of ``attribute``'s column, or a :class:`ProfileError`.

    ``None`` stays ``None`` (unknown). Dates may be given as ISO strings, as JSON has no date.
    """
    if value is None:
        return None
    kind = attribute_type(attribute)
    wrong = ProfileError(
        f"{where}: {attribute} = {value!r} is not a valid {kind.value}; "
        f"give {_EXAMPLES[kind]} or null when unknown"
    )
    if kind in (ColumnType.STRING, ColumnType.CHOICE):
        if not isinstance(value, str):
            raise wrong
        section, _, name = attribute.partition(".")
        column = _COLUMNS[section][name]
        if column.choices and value not in column.allowed:
            raise ProfileError(
                f"{where}: {attribute} = {value!r} is not one of the allowed values "
                f"{sorted(column.allowed)}; use one of them or null when unknown"
            )
        return value
    if kind is ColumnType.INTEGER:
        if isinstance(value, bool):
            raise wrong
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if not isinstance(value, int):
            raise wrong
        return value
    if kind is ColumnType.FLOAT:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise wrong
        return float(value)
    if kind is ColumnType.BOOLEAN:
        if not isinstance(value, bool):
            raise wrong
        return value
    if kind is ColumnType.DATE:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise wrong from None
        raise wrong
    raise wrong


def condition_expected(condition: Condition, *, where: str) -> object:
    """The value a condition compares with, in its attribute's type.

    A tuple for ``in``/``not_in``, ``None`` for ``exists``. Engines refuse to compare a text
    column with a number, so the value is converted (or refused) here, once, for all of them.
    """
    attribute, op, value = condition.attribute, condition.op, condition.value
    try:
        attribute_type(attribute)
    except ProfileError as error:
        raise ProfileError(f"{where}: {error}") from None
    if op == "exists":
        return None
    if value is None:
        raise ProfileError(f"{where}: {attribute} {op} needs a value; add `value:`")
    if op in ("in", "not_in"):
        items = value if isinstance(value, list) else [value]
        return tuple(_expected_item(attribute, item, where) for item in items)
    if isinstance(value, list):
        raise ProfileError(
            f"{where}: {attribute} {op} takes one value, not a list; use `in` for a list"
        )
    return _expected_item(attribute, value, where)


def _expected_item(attribute: str, value: object, where: str) -> object:
    kind = attribute_type(attribute)
    if kind in (ColumnType.STRING, ColumnType.CHOICE) and not isinstance(value, str):
        # YAML reads `value: 5` as a number even for a text column.
        value = str(value).lower() if isinstance(value, bool) else str(value)
    if kind is ColumnType.FLOAT and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    section, _, name = attribute.partition(".")
    column = _COLUMNS.get(section, {}).get(name)
    if column is not None and column.choices and value not in column.allowed:
        # A value outside the choices never matches; say so rather than silently count zero.
        raise ProfileError(
            f"{where}: {attribute} has no value {value!r}; allowed: {sorted(column.allowed)}"
        )
    return coerce_value(attribute, value, where=where)


_EXAMPLES = {
    ColumnType.STRING: 'a string, e.g. "E-001"',
    ColumnType.CHOICE: "one of the allowed values",
    ColumnType.INTEGER: "a whole number, e.g. 1990",
    ColumnType.FLOAT: "a number, e.g. 1500000",
    ColumnType.BOOLEAN: "true or false",
    ColumnType.DATE: 'an ISO date, e.g. "2019-07-01"',
    ColumnType.DATETIME: 'an ISO date and time, e.g. "2019-07-01T09:00:00"',
}


def _clean(section: str, values: Mapping[str, Any], where: str) -> Mapping[str, object]:
    if not isinstance(values, Mapping):
        raise ProfileError(
            f"{where}: {section!r} must be an object of {SECTIONS[section]} columns, "
            f"not {type(values).__name__}"
        )
    unknown = sorted(name for name in values if name not in _COLUMNS[section])
    if unknown:
        raise ProfileError(
            f"{where}: unknown {section} attribute(s) {', '.join(unknown)}; use columns of the "
            f"contract table {SECTIONS[section]}: {', '.join(_COLUMNS[section])}"
        )
    cleaned = {
        name: coerce_value(f"{section}.{name}", value, where=where)
        for name, value in values.items()
    }
    return MappingProxyType(cleaned)


@dataclass(frozen=True, kw_only=True)
class Profile:
    """Known attributes of one person and their employer, keyed by contract column name."""

    person: Mapping[str, object] = field(default_factory=dict)
    employer: Mapping[str, object] = field(default_factory=dict)
    # Where the profile came from, for error messages (a file name, "row 3" …).
    source: str = "profile"

    def __post_init__(self) -> None:
        object.__setattr__(self, "person", _clean("person", self.person, self.source))
        object.__setattr__(self, "employer", _clean("employer", self.employer, self.source))

    def value(self, attribute: str, on: dt.date) -> object:
        """The value of ``attribute`` on ``on``; ``None`` when unknown."""
        if attribute in DERIVED_SOURCES:
            base = self.value(DERIVED_SOURCES[attribute], on)
            if base is None:
                return None
            if attribute == "person.age":
                assert isinstance(base, int)
                # Age counts from 1 July of the birth year: the contract keeps only the year.
                return whole_years(dt.date(base, 7, 1), on)
            assert isinstance(base, dt.date)
            return whole_years(base, on)
        section, _, name = attribute.partition(".")
        values = self.person if section == "person" else self.employer
        return values.get(name)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "profile") -> Profile:
        """A profile from ``{"person": {...}, "employer": {...}}`` (either may be left out)."""
        if not isinstance(data, Mapping):
            raise ProfileError(
                f"{source}: a profile is an object "
                '{"person": {...}, "employer": {...}}, '
                f"not {type(data).__name__}"
            )
        unknown = sorted(set(data) - set(SECTIONS))
        if unknown:
            raise ProfileError(
                f"{source}: unknown key(s) {', '.join(map(repr, unknown))}; a profile has only "
                '"person" and "employer"'
            )
        return cls(
            person=data.get("person") or {}, employer=data.get("employer") or {}, source=source
        )

    @classmethod
    def from_file(cls, path: Path) -> Profile:
        """A profile from a JSON file; errors name the file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ProfileError(f"cannot read profile {path}: {error.strerror}") from None
        except json.JSONDecodeError as error:
            raise ProfileError(
                f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
            ) from None
        return cls.from_dict(data, source=str(path))

    def to_dict(self) -> dict[str, dict[str, object]]:
        def plain(value: object) -> object:
            return value.isoformat() if isinstance(value, dt.date) else value

        return {
            "person": {k: plain(v) for k, v in self.person.items()},
            "employer": {k: plain(v) for k, v in self.employer.items()},
        }
