"""The building blocks of the data contract: column types, columns, tables."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

__all__ = ["Choice", "Column", "ColumnType", "Reference", "Table"]


class ColumnType(enum.StrEnum):
    """Logical type of a contract column; every engine maps it to its own type."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One allowed value of a choice column, with its Chinese and English labels."""

    value: str
    zh: str
    en: str


@dataclass(frozen=True, kw_only=True)
class Reference:
    """A foreign key: the value must exist in ``table.column``."""

    table: str
    column: str


@dataclass(frozen=True, kw_only=True)
class Column:
    """One column of a contract table.

    ``personal`` marks personal data (names, ID numbers, phone numbers, free text): exports can
    leave it out and logs never contain it.
    """

    name: str
    type: ColumnType
    zh: str
    en: str
    required: bool = True
    choices: tuple[Choice, ...] = ()
    references: Reference | None = None
    minimum: float | None = None
    maximum: float | None = None
    personal: bool = False

    @property
    def allowed(self) -> frozenset[str]:
        return frozenset(choice.value for choice in self.choices)


@dataclass(frozen=True, kw_only=True)
class Table:
    """One contract table: its columns, primary key and meaning."""

    name: str
    zh: str
    en: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    unique: tuple[tuple[str, ...], ...] = field(default=())
    # An optional table may be left out of a dataset folder and reads as empty: systems other
    # than Luodi seldom keep workflow records such as escalations.
    optional: bool = False

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)
