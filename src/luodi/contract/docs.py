"""The contract's documentation, generated from its definition so that it never drifts."""

from __future__ import annotations

from luodi.contract.errors import MESSAGES
from luodi.contract.schema import Column, Table
from luodi.contract.tables import TABLE_ORDER

__all__ = ["DOCS_COMMAND", "OPTIONAL_NOTE", "contract_markdown", "table_markdown"]

DOCS_COMMAND = "luodi contract docs --out docs/contract.md"
# Said under every optional table's key, so a reader of one section needs no other.
OPTIONAL_NOTE = (
    "可选表 optional: may be left out of the folder; reads as empty. 可以不提供文件，读作空表。"
)

_INTRO = f"""\
# 数据契约 Data contract

<!-- Generated from src/luodi/contract; do not edit. Regenerate: `{DOCS_COMMAND}` -->

每项分析读取的数据表：名称、类型、含义和允许取值。
The tables every Luodi analysis reads: names, types, meanings and allowed values.

## 文件 Files

- 一个文件夹，每张表一个文件：`<table>.csv`、`<table>.parquet` 或 `<table>.xlsx`（第一个工作表，
  第 1 行为表头）。One folder, one file per table, named after the table; an XLSX file uses
  its first sheet with the header in row 1.
- 每张必需表都必须有文件，可以没有数据行。Every table that is not optional needs a file,
  possibly with no rows.
  A folder holding several formats is validated once per format, and each set must be
  complete. A CSV, Parquet or XLSX file named after no table is an error.
- 可选表（标有“可选表 optional”）可以不提供文件，读作空表。An optional table (marked
  “可选表 optional”) may be left out of the folder and reads as empty: systems other than
  Luodi seldom keep workflow records such as escalations.
- 每列都必须出现在表头中；非必填列的单元格可以留空。Every column must be in the header; cells
  of an optional column may be empty.
- CSV：UTF-8（可带 BOM），逗号分隔，含逗号、引号或换行的字段加双引号；空字段表示空值。
  CSV files are UTF-8 (a byte-order mark is accepted), comma-separated, RFC 4180 quoting; an
  empty field is a null.
- 类型 Types: `integer` 整数; `float` 数值; `boolean` 布尔值 `true`/`false`, `1`/`0`, `是`/`否`;
  `date` ISO 日期 `2024-03-31`; `datetime` ISO 日期时间 `2024-03-31T09:30:00`, naive China
  Standard Time (UTC+8) — values with a zone are converted to it; `choice` 枚举 one of the
  allowed values listed under the table.
- `luodi validate DIR` 检查文件夹并列出每个问题（文件、行、列）。It lists every problem with
  its file, row and column: the CSV line (the header is line 1), the XLSX sheet row, or the
  Parquet data-row index.

## 问题代码 Problem codes

| 代码 Code | 含义 |
|---|---|
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _constraints(column: Column) -> str:
    parts: list[str] = []
    if column.choices:
        parts.append("见下方取值 see values below")
    if column.references is not None:
        ref = column.references
        parts.append(f"→ [`{ref.table}`](#{ref.table}).`{ref.column}`")
    if column.minimum is not None:
        parts.append(f"≥ {_number(column.minimum)}")
    if column.maximum is not None:
        parts.append(f"≤ {_number(column.maximum)}")
    return "; ".join(parts)


def table_markdown(spec: Table) -> str:
    """One table's section: meaning, key, columns, allowed values."""
    lines = [
        f"## {spec.name}",
        "",
        f"**{spec.zh}** — {spec.en}",
        "",
        f"主键 Primary key: {', '.join(f'`{name}`' for name in spec.primary_key)}",
    ]
    if spec.optional:
        lines += ["", OPTIONAL_NOTE]
    for unique in spec.unique:
        lines.append(f"唯一 Unique: {', '.join(f'`{name}`' for name in unique)}")
    lines += [
        "",
        "| 列 Column | 类型 Type | 必填 Required | 含义 | Meaning | 约束 Constraints "
        "| 个人信息 Personal |",
        "|---|---|---|---|---|---|---|",
    ]
    for column in spec.columns:
        lines.append(
            f"| `{column.name}` | {column.type.value} | {'是 yes' if column.required else '否 no'} "
            f"| {_cell(column.zh)} | {_cell(column.en)} | {_constraints(column)} "
            f"| {'是 yes' if column.personal else ''} |"
        )
    for column in spec.columns:
        if not column.choices:
            continue
        lines += [
            "",
            f"`{column.name}` 允许取值 allowed values:",
            "",
            "| 取值 Value | 中文 | English |",
            "|---|---|---|",
        ]
        lines += [f"| `{c.value}` | {_cell(c.zh)} | {_cell(c.en)} |" for c in column.choices]
    return "\n".join(lines) + "\n"


def contract_markdown() -> str:
    """The whole contract as Markdown, as committed in docs/contract.md.

    >>> contract_markdown().startswith("# 数据契约 Data contract")
    True
    """
    codes = [f"| `{code}` | {message.split(' — ')[0]} |" for code, message in MESSAGES.items()]
    index = [
        f"- [`{spec.name}`](#{spec.name}) {spec.zh} — {spec.en}"
        + (" （可选表 optional）" if spec.optional else "")
        for spec in TABLE_ORDER
    ]
    sections = [table_markdown(spec) for spec in TABLE_ORDER]
    return (
        _INTRO
        + "\n".join(codes)
        + "\n\n## 数据表 Tables\n\n"
        + "\n".join(index)
        + "\n\n"
        + "\n".join(sections)
    )
