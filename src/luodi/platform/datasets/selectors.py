"""Read the platform database as contract tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from luodi.contract import TABLE_ORDER, TABLES, Dataset, arrow_schema
from luodi.platform.datasets.tables import contract_model, field_attnames

__all__ = ["TableCount", "dataset_export", "table_count_list", "table_rows_iter"]

_BATCH = 2000


@dataclass(frozen=True, kw_only=True)
class TableCount:
    name: str
    zh: str
    en: str
    rows: int


def table_rows_iter(*, name: str, personal: bool = True) -> Iterator[tuple[object, ...]]:
    """Rows of one contract table in primary-key order, values in contract column order.

    ``personal=False`` leaves personal columns out (their value is None), as the contract
    allows for exports.
    """
    table = TABLES[name]
    model = contract_model(table)
    attnames = field_attnames(table)
    order = field_attnames_of_key(name)
    hidden = {i for i, column in enumerate(table.columns) if column.personal and not personal}
    rows = model._default_manager.order_by(*order).values_list(*attnames).iterator(_BATCH)
    for row in rows:
        yield tuple(None if i in hidden else value for i, value in enumerate(row))


def field_attnames_of_key(name: str) -> list[str]:
    table = TABLES[name]
    attnames = dict(zip(table.column_names, field_attnames(table), strict=True))
    return [attnames[column] for column in table.primary_key]


def dataset_export(*, personal: bool = True) -> Dataset:
    """Every contract table read from the database and typed by the contract's Arrow schema."""
    tables: dict[str, pa.Table] = {}
    for table in TABLE_ORDER:
        schema = arrow_schema(table)
        rows = list(table_rows_iter(name=table.name, personal=personal))
        columns = [
            pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)
        ]
        tables[table.name] = pa.Table.from_arrays(columns, schema=schema)
    return Dataset(tables=tables)


def table_count_list() -> list[TableCount]:
    """Row count of every contract table, in dependency order."""
    return [
        TableCount(
            name=table.name,
            zh=table.zh,
            en=table.en,
            rows=contract_model(table)._default_manager.count(),
        )
        for table in TABLE_ORDER
    ]
