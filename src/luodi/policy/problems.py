"""Problems found in policy files, located by file, line and column, and the check report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from luodi.policy.errors import MESSAGES, WARNINGS, ProblemCode

__all__ = ["CheckReport", "PolicyProblem", "ProblemCollector", "Severity"]

Severity: TypeAlias = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class PolicyProblem:
    """One problem of a policy file, where an editor finds it: 1-based line and column.

    >>> str(PolicyProblem(severity="error", file="c.yaml", line=3, column=5,
    ...                   code="unknown_field", message="m"))
    'c.yaml:3:5: error: m'
    """

    severity: Severity
    file: str
    line: int
    column: int
    code: str
    message: str

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": str(self.code),
            "message": self.message,
        }


@dataclass(frozen=True, kw_only=True)
class CheckReport:
    """Every problem of the checked files, sorted by file, line and column."""

    files: tuple[str, ...]
    problems: tuple[PolicyProblem, ...]

    @property
    def errors(self) -> tuple[PolicyProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[PolicyProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error; warnings do not make a library invalid."""
        return not self.errors


class ProblemCollector:
    """Gathers the problems of a check; the code decides the severity, the template the text."""

    def __init__(self) -> None:
        self._problems: list[PolicyProblem] = []

    def add(
        self, code: ProblemCode, *, file: str, line: int, column: int, **fields: object
    ) -> None:
        self._problems.append(
            PolicyProblem(
                severity="warning" if code in WARNINGS else "error",
                file=file,
                line=line,
                column=column,
                code=code,
                message=MESSAGES[code].format(**fields),
            )
        )

    def finish(self) -> tuple[PolicyProblem, ...]:
        """Every problem, by file, line and column (errors before warnings at one place)."""
        return tuple(
            sorted(
                self._problems,
                key=lambda p: (p.file, p.line, p.column, p.severity != "error", p.code),
            )
        )
