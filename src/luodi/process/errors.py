"""The exceptions of the process-mining package, with messages saying what, where and how to fix."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EventLogError", "EventLogReadError", "RouteError"]


class EventLogError(ValueError):
    """An event log cannot be used as given (missing columns, wrong types)."""


class EventLogReadError(EventLogError):
    """A log file is not readable: not XES/CSV, truncated, or malformed; names file and line."""

    def __init__(self, *, path: Path | str, line: int | None, problem: str, fix: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}; {fix}")


class RouteError(ValueError):
    """A prescribed route is unusable (empty, or a step listed twice)."""
