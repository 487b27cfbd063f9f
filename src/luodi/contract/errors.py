"""Errors of the data contract: the exceptions, the problem codes and their message templates."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from luodi.contract.problems import Problem

__all__ = [
    "MESSAGES",
    "UNKNOWN_FORMAT",
    "WRITE_FAILED",
    "ContractError",
    "ProblemCode",
    "ValidationFailed",
]


class ProblemCode(enum.StrEnum):
    """Stable short codes of validation problems; scripts and tests match on these."""

    FOLDER_MISSING = "folder_missing"
    NO_TABLES = "no_tables"
    UNKNOWN_FILE = "unknown_file"
    MISSING_TABLE = "missing_table"
    UNREADABLE_FILE = "unreadable_file"
    BAD_ENCODING = "bad_encoding"
    MALFORMED_ROW = "malformed_row"
    RAGGED_ROW = "ragged_row"
    MISSING_HEADER = "missing_header"
    DUPLICATE_COLUMN = "duplicate_column"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    WRONG_COLUMN_TYPE = "wrong_column_type"
    WRONG_TYPE = "wrong_type"
    MISSING_VALUE = "missing_value"
    UNKNOWN_CHOICE = "unknown_choice"
    OUT_OF_RANGE = "out_of_range"
    DUPLICATE_KEY = "duplicate_key"
    DANGLING_REFERENCE = "dangling_reference"
    SHARES_NOT_ONE = "shares_not_one"
    TOO_MANY_PROBLEMS = "too_many_problems"
    MISSING_DB_TABLE = "missing_db_table"


# Every message is Chinese first, then English after " — ", and says what is wrong, where and
# how to fix it. Tests format the same templates, so a reworded message cannot break them.
MESSAGES: dict[ProblemCode, str] = {
    ProblemCode.FOLDER_MISSING: (
        "文件夹不存在 — folder {folder} does not exist or is not a folder; pass the folder "
        "that holds the contract table files."
    ),
    ProblemCode.NO_TABLES: (
        "没有数据表文件 — folder {folder} holds no contract table file; put one file per table "
        "named <table>.csv, <table>.parquet or <table>.xlsx (tables: {tables})."
    ),
    ProblemCode.UNKNOWN_FILE: (
        "未知文件 — {file} is not a contract table{hint}; rename it to <table>.{ext} or move "
        "it out of the folder (tables: {tables})."
    ),
    ProblemCode.MISSING_TABLE: (
        "缺少数据表 — table {table} has no {ext} file while other tables do; add {file}, with "
        "only the header row if the table has no rows."
    ),
    ProblemCode.UNREADABLE_FILE: (
        "无法读取文件 — {file} cannot be read as {kind}: {error}; export it again from the source."
    ),
    ProblemCode.BAD_ENCODING: (
        "编码错误 — line {row} is not valid UTF-8; save the file as UTF-8 (in Excel: “CSV UTF-8”)."
    ),
    ProblemCode.MALFORMED_ROW: (
        "CSV 格式错误 — the row cannot be parsed: {error}; check the quotes in this row "
        "(a quote inside a field is written twice)."
    ),
    ProblemCode.RAGGED_ROW: (
        "列数不符 — the row has {found} fields but the header has {expected}; quote fields "
        "that contain commas, or remove the extra fields."
    ),
    ProblemCode.MISSING_HEADER: (
        "缺少表头 — {file} has no header row; the first row must name the columns: {columns}."
    ),
    ProblemCode.DUPLICATE_COLUMN: (
        "列名重复 — column {column} appears more than once in the header; keep one."
    ),
    ProblemCode.MISSING_COLUMN: (
        "缺少列 — column {column} of table {table} is missing; add it to the header (cells of "
        "an optional column may stay empty)."
    ),
    ProblemCode.UNKNOWN_COLUMN: (
        "未知列 — column {column} is not in table {table}{hint}; rename or remove it "
        "(columns: {columns})."
    ),
    ProblemCode.WRONG_COLUMN_TYPE: (
        "列类型错误 — column {column} is stored as {found}, which cannot hold {expected} "
        "values; write it as {arrow}."
    ),
    ProblemCode.WRONG_TYPE: (
        "类型错误 — {value} in column {column} is not {expected}; write {example}."
    ),
    ProblemCode.MISSING_VALUE: ("缺少必填值 — column {column} is required but empty; fill it in."),
    ProblemCode.UNKNOWN_CHOICE: (
        "取值不在允许范围 — {value} is not an allowed value of column {column}; use one of: "
        "{allowed}."
    ),
    ProblemCode.OUT_OF_RANGE: (
        "数值超出范围 — {value} in column {column} is {side} {bound}; correct the value."
    ),
    ProblemCode.DUPLICATE_KEY: (
        "主键重复 — ({columns}) = ({value}) already appears in row {first}; each row needs a "
        "distinct key, so remove the duplicate or give it a new id."
    ),
    ProblemCode.DANGLING_REFERENCE: (
        "引用不存在 — {value} in column {column} is not a {target} in {target_file}; add that "
        "row to {target_file} or correct the value."
    ),
    ProblemCode.SHARES_NOT_ONE: (
        "分期比例之和不为 1 — the shares of clause {clause} sum to {total} instead of 1 "
        "(phases {phases}); correct the shares."
    ),
    ProblemCode.TOO_MANY_PROBLEMS: (
        "问题过多 — {count} more problems in column {column} of {file} are not shown; fix the "
        "ones above and validate again."
    ),
    ProblemCode.MISSING_DB_TABLE: (
        "缺少数据表 — the database has no table {table}; migrate it (`luodi manage migrate`) "
        "or export its tables to a folder with `luodi export` and pass the folder."
    ),
}


UNKNOWN_FORMAT = "未知文件格式 — cannot write formats {formats}; choose one or more of: {known}."
WRITE_FAILED = (
    "写入失败 — could not write {file}: {error}; nothing in {directory} was changed. Fix the "
    "cause and write again."
)


class ContractError(Exception):
    """Base of every error raised by the data contract."""


class ValidationFailed(ContractError):
    """Input does not satisfy the contract; ``problems`` lists every problem found."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {problem}" for problem in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"数据不符合数据契约 — {len(problems)} problem(s); run `luodi validate` on the "
            f"folder for the full list:\n{shown}{more}"
        )
