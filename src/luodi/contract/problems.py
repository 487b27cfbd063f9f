"""Validation problems: one value per problem found, and the collector that caps a flood."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from luodi.contract.errors import MESSAGES, ProblemCode

__all__ = ["MAX_PER_COLUMN", "Problem", "ProblemCollector"]

# A million-row file with one wrong column would otherwise print a million lines; after this
# many problems per file and column, one summary problem says how many more there are.
MAX_PER_COLUMN = 50


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One way the input breaks the contract, located as a user finds it in the file.

    ``file`` is relative to the validated folder ("." for the folder itself). ``row`` is the
    1-based row as the user sees it: the physical line of a CSV file (the header is line 1), the
    sheet row of an XLSX file, the data-row index of a Parquet file; header problems of CSV and
    XLSX files are on row 1. ``row`` or ``column`` is None when the problem has no such place.

    >>> str(Problem(file="persons.csv", row=3, column="gender", code="unknown_choice",
    ...             message="m"))
    'persons.csv:3:gender: m'
    >>> str(Problem(file="persons.parquet", row=None, column="gender", code="x", message="m"))
    'persons.parquet:gender: m'
    """

    file: str
    row: int | None
    column: str | None
    code: str
    message: str

    @property
    def location(self) -> str:
        """``file[:row][:column]``, leaving out the parts the problem has not got."""
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column is not None:
            parts.append(self.column)
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "code": str(self.code),
            "message": self.message,
        }


class ProblemCollector:
    """Gathers problems in the order found, at most ``limit`` per file and column."""

    def __init__(self, *, limit: int = MAX_PER_COLUMN) -> None:
        self._limit = limit
        self._problems: list[Problem] = []
        self._counts: Counter[tuple[str, str | None]] = Counter()

    def add(
        self,
        code: ProblemCode,
        *,
        file: str,
        row: int | None = None,
        column: str | None = None,
        **fields: object,
    ) -> None:
        key = (file, column)
        self._counts[key] += 1
        if self._counts[key] > self._limit:
            return
        message = MESSAGES[code].format(file=file, row=row, column=column, **fields)
        self._problems.append(
            Problem(file=file, row=row, column=column, code=code, message=message)
        )

    def room(self, *, file: str, column: str | None) -> int:
        """How many more problems of ``file`` and ``column`` will be shown."""
        return max(0, self._limit - self._counts[(file, column)])

    def tally(self, *, file: str, column: str | None, count: int) -> None:
        """Count ``count`` more problems once ``room`` is 0, without building them: a
        vectorised check can then report millions of problems at the cost of a few."""
        if count and self.room(file=file, column=column):
            raise ValueError("add() problems while there is room; tally() only counts the rest")
        self._counts[(file, column)] += count

    def count(self, *, file: str) -> int:
        """How many problems (shown or not) were found in ``file``."""
        return sum(n for (f, _), n in self._counts.items() if f == file)

    def finish(self) -> tuple[Problem, ...]:
        """All problems, with one summary problem per file and column that hit the limit."""
        problems = list(self._problems)
        for (file, column), n in self._counts.items():
            if n > self._limit:
                problems.append(
                    Problem(
                        file=file,
                        row=None,
                        column=column,
                        code=ProblemCode.TOO_MANY_PROBLEMS,
                        message=MESSAGES[ProblemCode.TOO_MANY_PROBLEMS].format(
                            count=n - self._limit, column=column or "-", file=file
                        ),
                    )
                )
        return tuple(problems)
