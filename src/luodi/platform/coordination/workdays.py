"""Working days elapsed, as the coordination rules count them."""

from __future__ import annotations

import datetime as dt

from luodi.calendar import CalendarOutOfRange, working_days_between

__all__ = ["working_days_elapsed"]


def _weekdays_between(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days in ``(start, end]``; negative when ``end`` is before ``start``."""
    if end < start:
        return -_weekdays_between(end, start)
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start
    for _ in range(rest):
        day += dt.timedelta(days=1)
        count += day.weekday() < 5
    return count


def working_days_elapsed(*, start: dt.datetime | dt.date, end: dt.datetime | dt.date) -> int:
    """Working days in ``(start, end]`` on the mainland-China calendar (holidays, 调休).

    Beyond the calendar's coverage (the State Council publishes each year's arrangement late
    in the year before) Monday to Friday are counted instead: a scan must not stop every
    January because one step was due past the known years, and weekdays are the closest
    estimate until the package is upgraded.

    >>> working_days_elapsed(start=dt.date(2026, 9, 30), end=dt.date(2026, 10, 8))
    1
    >>> working_days_elapsed(start=dt.date(2099, 1, 2), end=dt.date(2099, 1, 9))
    5
    """
    try:
        return working_days_between(start=start, end=end)
    except CalendarOutOfRange:
        first = start.date() if isinstance(start, dt.datetime) else start
        last = end.date() if isinstance(end, dt.datetime) else end
        return _weekdays_between(first, last)
