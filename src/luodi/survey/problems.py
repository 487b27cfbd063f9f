"""Problems found while importing survey exports and interview notes, located as the user sees them.

>>> str(ImportProblem(file="wjx.csv", row=4, column="1、您的性别", value="男性",
...                   code="unknown_option", message="选项不存在", fix="改为 男 或 女"))
"wjx.csv:4:1、您的性别: 选项不存在 (value '男性'); fix: 改为 男 或 女"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["ImportProblem", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class ImportProblem:
    """One problem: where (file, row, column header), the value, what is wrong and how to fix it.

    ``row`` is the row as the user sees it: the physical line of a CSV file (the header is line
    1) or the sheet row of an XLSX file; None for a problem of the whole file. ``column`` is the
    column header as printed in the file. A warning does not keep the row out of the import.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    message: str
    fix: str
    severity: Severity = "error"

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column is not None:
            parts.append(self.column)
        return ":".join(parts)

    def __str__(self) -> str:
        value = self.value if self.value is None or len(self.value) <= 60 else self.value[:60] + "…"
        shown = "" if value is None else f" (value {value!r})"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {prefix}{self.message}{shown}; fix: {self.fix}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
        }
