"""The data contract: the typed tables every Luodi analysis reads, defined in one place."""

from luodi.contract import choices
from luodi.contract.dataset import Dataset, arrow_schema
from luodi.contract.schema import Choice, Column, ColumnType, Reference, Table
from luodi.contract.tables import TABLE_ORDER, TABLES, table

__all__ = [
    "TABLES",
    "TABLE_ORDER",
    "Choice",
    "Dataset",
    "arrow_schema",
    "Column",
    "ColumnType",
    "Reference",
    "Table",
    "choices",
    "table",
]
