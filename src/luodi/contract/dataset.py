"""A set of contract tables held in memory as Arrow tables, the exchange value between layers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from luodi.contract.schema import ColumnType, Table
from luodi.contract.tables import TABLE_ORDER, TABLES

__all__ = ["Dataset", "arrow_schema", "arrow_type"]

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.STRING: pa.string(),
    ColumnType.CHOICE: pa.string(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.FLOAT: pa.float64(),
    ColumnType.BOOLEAN: pa.bool_(),
    ColumnType.DATE: pa.date32(),
    # Timestamps are naive China Standard Time (UTC+8): every source Luodi reads is local.
    ColumnType.DATETIME: pa.timestamp("us"),
}


def arrow_type(column_type: ColumnType) -> pa.DataType:
    return _ARROW_TYPES[column_type]


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a contract table, nullability from ``required``."""
    return pa.schema(
        [pa.field(c.name, arrow_type(c.type), nullable=not c.required) for c in table.columns]
    )


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """Contract tables by name; every table of the contract is present (possibly empty)."""

    tables: Mapping[str, pa.Table]

    def __post_init__(self) -> None:
        missing = [name for name in TABLES if name not in self.tables]
        unknown = [name for name in self.tables if name not in TABLES]
        if missing or unknown:
            raise ValueError(
                f"a dataset holds exactly the contract tables; missing {missing}, unknown {unknown}"
            )

    def __getitem__(self, name: str) -> pa.Table:
        return self.tables[name]

    def row_counts(self) -> dict[str, int]:
        return {t.name: self.tables[t.name].num_rows for t in TABLE_ORDER}

    @classmethod
    def from_rows(cls, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> Dataset:
        """Build a dataset from Python rows per table; absent tables are empty.

        Values must already have Python types matching the contract (``date``, ``datetime``,
        ``bool`` …); use the validator for untrusted input.
        """
        tables: dict[str, pa.Table] = {}
        for spec in TABLE_ORDER:
            schema = arrow_schema(spec)
            table_rows = list(rows.get(spec.name, ()))
            columns = {
                c.name: pa.array(
                    [r.get(c.name) for r in table_rows], type=schema.field(c.name).type
                )
                for c in spec.columns
            }
            tables[spec.name] = pa.table(columns, schema=schema)
        return cls(tables=tables)

    @classmethod
    def empty(cls) -> Dataset:
        return cls.from_rows({})
