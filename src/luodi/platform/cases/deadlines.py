"""Due dates of case steps, in Chinese working days (statutory holidays and make-up days)."""

from __future__ import annotations

import datetime as dt
import logging

from luodi.calendar import (
    CalendarOutOfRange,
    add_working_days,
    covered_range,
    working_days_between,
)

__all__ = ["DEFAULT_STEP_DAYS", "step_days", "step_due_on"]

logger = logging.getLogger(__name__)

# A department's time for one step when the clause sets no deadline of its own.
DEFAULT_STEP_DAYS = 5


def step_days(deadline_days: int | None) -> int:
    """Working days a department has for one step: the clause's deadline, else the default."""
    return deadline_days if deadline_days else DEFAULT_STEP_DAYS


def _weekdays_after(day: dt.date, days: int) -> dt.date:
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def step_due_on(*, arrived: dt.datetime, days: int) -> dt.date:
    """The day a step that arrived at ``arrived`` is due, ``days`` working days later.

    Counted with the State Council's holiday arrangement as far as the installed calendar
    knows it. Beyond that, Monday to Friday, with a warning: the State Council publishes next
    year's arrangement only in late autumn and the installed chinesecalendar package may not
    have it yet, but a department must still be able to receive a case in late December. The
    estimate is corrected by upgrading the package; due dates already stored are not moved.
    """
    try:
        return add_working_days(start=arrived, days=days)
    except CalendarOutOfRange:
        first, last = covered_range()
    start = arrived.date()
    if first <= start <= last:
        # The covered part keeps its holidays; only the days past the calendar are estimated.
        covered = working_days_between(start=start, end=last)
        due = _weekdays_after(last, days - covered)
    else:
        due = _weekdays_after(start, days)
    logger.warning(
        "working-day calendar covers %s to %s; a step due %d working days after %s was "
        "counted Monday to Friday past it (due %s); upgrade chinesecalendar once the State "
        "Council has published the holiday arrangement",
        first.isoformat(),
        last.isoformat(),
        days,
        start.isoformat(),
        due.isoformat(),
    )
    return due
