"""The data contract: the typed tables every Luodi analysis reads, defined in one place."""

from luodi.contract import choices
from luodi.contract.dataset import Dataset, arrow_schema
from luodi.contract.docs import contract_markdown, table_markdown
from luodi.contract.errors import ContractError, ProblemCode, ValidationFailed
from luodi.contract.io import read_table_file, write_dataset
from luodi.contract.schema import Choice, Column, ColumnType, Reference, Table
from luodi.contract.tables import TABLE_ORDER, TABLES, table
from luodi.contract.validate import (
    FORMATS,
    Problem,
    ValidationReport,
    read_dataset,
    validate_directory,
)

__all__ = [
    "FORMATS",
    "TABLES",
    "TABLE_ORDER",
    "Choice",
    "Column",
    "ColumnType",
    "ContractError",
    "Dataset",
    "Problem",
    "ProblemCode",
    "Reference",
    "Table",
    "ValidationFailed",
    "ValidationReport",
    "arrow_schema",
    "choices",
    "contract_markdown",
    "read_dataset",
    "read_table_file",
    "table",
    "table_markdown",
    "validate_directory",
    "write_dataset",
]
