"""Due dates of case steps, in Chinese working days (statutory holidays and make-up days)."""

from __future__ import annotations

import datetime as dt

from luodi.calendar import due_on

__all__ = ["DEFAULT_STEP_DAYS", "step_days", "step_due_on"]

# A department's time for one step when the clause sets no deadline of its own.
DEFAULT_STEP_DAYS = 5


def step_days(deadline_days: int | None) -> int:
    """Working days a department has for one step: the clause's deadline, else the default."""
    return deadline_days if deadline_days else DEFAULT_STEP_DAYS


def step_due_on(*, arrived: dt.datetime, days: int) -> dt.date:
    """The day a step that arrived at ``arrived`` is due, ``days`` working days later.

    Past the installed holiday calendar the days are counted Monday to Friday with a warning
    (see ``luodi.calendar.due_on``): a department must still be able to receive a case in
    late December.
    """
    return due_on(start=arrived, days=days)
