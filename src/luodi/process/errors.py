"""The exceptions of the process-mining package, with messages saying what, where and how to fix."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = ["EventLogContractError", "EventLogError", "EventLogReadError", "RouteError"]


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


class EventLogContractError(EventLogError):
    """A log's events cannot become the contract's events table: each problem names the event
    (its position, case and, for CSV, line), the field and the fix."""

    def __init__(self, *, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        shown = list(self.problems[:_SHOWN])
        if len(self.problems) > _SHOWN:
            shown.append(f"… and {len(self.problems) - _SHOWN} more")
        super().__init__(f"{source}: {len(self.problems)} problem(s):\n- " + "\n- ".join(shown))


# A message listing thousands of bad events helps no one; the first ones show the pattern.
_SHOWN = 20
