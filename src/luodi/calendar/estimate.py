"""Due dates that stay computable past the installed calendar's last year."""

from __future__ import annotations

import datetime as dt
import logging

from luodi.calendar.workdays import (
    CalendarOutOfRange,
    add_working_days,
    covered_range,
    working_days_between,
)

__all__ = ["due_on"]

logger = logging.getLogger(__name__)


def _weekdays_after(day: dt.date, days: int) -> dt.date:
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def due_on(*, start: dt.datetime | dt.date, days: int) -> dt.date:
    """The day ``days`` working days after ``start``.

    Counted with the State Council's holiday arrangement as far as the installed calendar
    knows it. Beyond that, Monday to Friday, with a warning: the State Council publishes next
    year's arrangement only in late autumn and the installed chinesecalendar package may not
    have it yet, but a department must still be able to receive work in late December. The
    estimate is corrected by upgrading the package; due dates already stored are not moved.
    """
    try:
        return add_working_days(start=start, days=days)
    except CalendarOutOfRange:
        first, last = covered_range()
    day = start.date() if isinstance(start, dt.datetime) else start
    if first <= day <= last:
        # The covered part keeps its holidays; only the days past the calendar are estimated.
        covered = working_days_between(start=day, end=last)
        due = _weekdays_after(last, days - covered)
    else:
        due = _weekdays_after(day, days)
    logger.warning(
        "working-day calendar covers %s to %s; a deadline %d working days after %s was "
        "counted Monday to Friday past it (due %s); upgrade chinesecalendar once the State "
        "Council has published the holiday arrangement",
        first.isoformat(),
        last.isoformat(),
        days,
        day.isoformat(),
        due.isoformat(),
    )
    return due
