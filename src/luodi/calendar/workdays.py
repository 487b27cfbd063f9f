"""Working days in mainland China, and deadlines counted in them.

A working day (工作日) is a day the State Council's holiday arrangement has people at
work: Monday to Friday unless it is a statutory holiday or a day off in lieu, plus the
weekend days declared make-up working days (调休上班). The arrangement itself comes from
the ``chinesecalendar`` package and is never written out here, so that a new year's
notice only needs a package upgrade.

How deadlines count (the rule every function here shares):

* Only the calendar day matters. Naive datetimes are read as Beijing time, which is what
  the platform stores; aware datetimes are converted to Beijing time (UTC+8) first.
* Counting starts the working day *after* the start day, whatever the start day is: a
  request received on Friday afternoon, on a Saturday or during a holiday has its first
  working day on the next working day. A deadline of ``n`` working days is due at the end
  of the ``n``-th such day.
* ``working_days_between(start=a, end=b)`` counts the working days in ``(a, b]``, so
  ``working_days_between(start=s, end=add_working_days(start=s, days=n)) == n``.

>>> add_working_days(start=date(2025, 9, 26), days=7)  # Friday before National Day 2025
datetime.date(2025, 10, 13)
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import chinese_calendar

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "CalendarOutOfRange",
    "DeadlineStatus",
    "add_working_days",
    "covered_range",
    "deadline_status",
    "is_working_day",
    "working_day_index",
    "working_days_between",
]

# China has used a single UTC+8 zone without daylight saving since 1991, so a fixed
# offset is exact and avoids needing tzdata on hosts that lack it.
_BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


class CalendarOutOfRange(ValueError):
    """A date outside the years whose holiday arrangement the calendar knows."""

    def __init__(self, day: date, *, first: date, last: date, counting: str = "") -> None:
        self.day = day
        self.first = first
        self.last = last
        version = getattr(chinese_calendar, "__version__", "unknown")
        why = f" (needed for {counting})" if counting else ""
        if day > last:
            fix = (
                f"Holidays and make-up working days of {day.year} are only known once the "
                f"State Council (国务院办公厅) publishes that year's holiday arrangement, "
                f"usually late in the year before. Once it has, upgrade the chinesecalendar "
                f"package (`uv lock --upgrade-package chinesecalendar && uv sync`) and deploy."
            )
        else:
            fix = f"Dates before {first.year} are not supported; check that the date is right."
        super().__init__(
            f"工作日历未覆盖 {day.isoformat()} — {day.isoformat()}{why} is outside the "
            f"working-day calendar, which covers {first.isoformat()} to {last.isoformat()} "
            f"(chinesecalendar {version}). {fix}"
        )


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a deadline stands on a given day.

    ``working_days_left`` is 0 on the due day itself and whenever the deadline is overdue;
    ``working_days_over`` is 0 unless it is overdue. A deadline is overdue as soon as its
    due day has ended, so over a weekend or holiday right after the due day it is overdue
    by 0 working days.
    """

    due_on: date
    overdue: bool
    working_days_left: int
    working_days_over: int
    as_of: date
    """The day the status is counted to: the closing day if closed, else today."""


def _day(value: datetime | date) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(_BEIJING)
        return value.date()
    return value


@functools.lru_cache(maxsize=1)
def _coverage() -> tuple[date, date]:
    # chinesecalendar accepts exactly the years its holiday table mentions; reading the
    # same table keeps our range check and its own in agreement.
    years = {d.year for d in chinese_calendar.holidays}
    return date(min(years), 1, 1), date(max(years), 12, 31)


def covered_range() -> tuple[date, date]:
    """The first and last day the installed calendar knows, e.g. 2004-01-01 to 2026-12-31."""
    return _coverage()


def _check(day: date, *, counting: str = "") -> date:
    first, last = _coverage()
    if not first <= day <= last:
        raise CalendarOutOfRange(day, first=first, last=last, counting=counting)
    return day


# Deadlines are evaluated for tens of thousands of cases at a time, so each year's
# working days are worked out once and every later question is a set lookup or a bisect
# on these cached per-year tables (about 250 dates a year).
@functools.cache
def _working_days_of(year: int) -> tuple[date, ...]:
    """The working days of a covered year, in order (built once per year, then shared)."""
    # chinesecalendar's exported tables of make-up working days and days off, read with
    # its own rule (make-up day, else a weekday that is not a day off). Its is_workday
    # rescans the whole holiday table for every date it checks, which made the first
    # deadline of a process cost over a second; the tests hold the two to agreement.
    make_up: dict[date, str] = chinese_calendar.workdays
    days_off: dict[date, str] = chinese_calendar.holidays
    day, end = date(year, 1, 1), date(year, 12, 31)
    working: list[date] = []
    while day <= end:
        if day in make_up or (day.weekday() < 5 and day not in days_off):
            working.append(day)
        day += timedelta(days=1)
    return tuple(working)


@functools.cache
def _working_day_set(year: int) -> frozenset[date]:
    return frozenset(_working_days_of(year))


@functools.cache
def _working_days_before(year: int) -> int:
    """How many working days the covered years before ``year`` hold."""
    first_year = _coverage()[0].year
    return sum(len(_working_days_of(y)) for y in range(first_year, year))


def _ordinal(day: date) -> int:
    """Working days from the start of the calendar through ``day``, inclusive.

    Differences of ordinals count working days in half-open ranges, which is what both
    ``working_days_between`` and ``add_working_days`` need, in O(log n).
    """
    return _working_days_before(day.year) + bisect_right(_working_days_of(day.year), day)


def is_working_day(day: date) -> bool:
    """Whether people work on ``day``: make-up Saturdays yes, statutory holidays no.

    >>> is_working_day(date(2025, 10, 1))  # National Day
    False
    >>> is_working_day(date(2025, 10, 11))  # Saturday, make-up working day (调休)
    True
    >>> is_working_day(date(2025, 10, 12))  # an ordinary Sunday
    False

    Raises ``CalendarOutOfRange`` for a day the installed calendar does not cover.
    """
    day = _check(_day(day))
    return day in _working_day_set(day.year)


def add_working_days(*, start: datetime | date, days: int) -> date:
    """The due date of a deadline of ``days`` working days from ``start``.

    Counting starts the working day after ``start``'s day, and the due date is the
    ``days``-th working day counted; ``days=0`` gives ``start``'s own day. The due date
    of a positive deadline is always a working day.

    Seven working days from the Friday before National Day 2025 take in both make-up
    days, Sunday 28 September and Saturday 11 October:

    >>> add_working_days(start=date(2025, 9, 26), days=7)
    datetime.date(2025, 10, 13)

    One working day from a Friday lands on a make-up Saturday (调休):

    >>> add_working_days(start=date(2025, 10, 10), days=1)
    datetime.date(2025, 10, 11)

    A request made during the Spring Festival break starts counting after it:

    >>> add_working_days(start=datetime(2026, 2, 17, 9, 30), days=1)
    datetime.date(2026, 2, 24)

    Raises ``ValueError`` for negative ``days`` and ``CalendarOutOfRange`` when the count
    runs past the covered years.
    """
    if days < 0:
        raise ValueError(f"days must be 0 or more, not {days}")
    day = _check(_day(start))
    if days == 0:
        return day
    target = _ordinal(day) + days
    last_year = _coverage()[1].year
    year = day.year
    # Whole years are skipped by their counts, so a long deadline costs one step a year.
    while _working_days_before(year) + len(_working_days_of(year)) < target:
        year += 1
        if year > last_year:
            _check(date(year, 1, 1), counting=f"{days} working days from {day.isoformat()}")
    return _working_days_of(year)[target - _working_days_before(year) - 1]


def working_days_between(*, start: datetime | date, end: datetime | date) -> int:
    """Whole working days from ``start`` to ``end``: the working days in ``(start, end]``.

    Negative when ``end`` is before ``start``, so swapping the two flips the sign.

    >>> working_days_between(start=date(2025, 9, 30), end=date(2025, 10, 9))
    1
    >>> working_days_between(start=date(2025, 10, 9), end=date(2025, 9, 30))
    -1
    """
    first = _check(_day(start))
    second = _check(_day(end))
    return _ordinal(second) - _ordinal(first)


def deadline_status(
    *,
    opened: datetime,
    deadline_days: int,
    now: datetime,
    closed: datetime | None = None,
) -> DeadlineStatus:
    """Where a deadline of ``deadline_days`` working days from ``opened`` stands.

    A closed item is judged on its closing day, so it stays on time or late for good;
    an open one is judged on ``now``'s day. Done on the due day counts as on time.

    >>> opened = datetime(2025, 9, 30, 16, 0)
    >>> deadline_status(opened=opened, deadline_days=1, now=datetime(2025, 10, 3, 10, 0))
    ... # doctest: +NORMALIZE_WHITESPACE
    DeadlineStatus(due_on=datetime.date(2025, 10, 9), overdue=False, working_days_left=1,
                   working_days_over=0, as_of=datetime.date(2025, 10, 3))
    >>> deadline_status(opened=opened, deadline_days=1, now=datetime(2025, 10, 13, 9, 0))
    ... # doctest: +NORMALIZE_WHITESPACE
    DeadlineStatus(due_on=datetime.date(2025, 10, 9), overdue=True, working_days_left=0,
                   working_days_over=3, as_of=datetime.date(2025, 10, 13))
    """
    due_on = add_working_days(start=opened, days=deadline_days)
    as_of = _check(_day(closed if closed is not None else now))
    if as_of > due_on:
        over = working_days_between(start=due_on, end=as_of)
        return DeadlineStatus(
            due_on=due_on, overdue=True, working_days_left=0, working_days_over=over, as_of=as_of
        )
    left = working_days_between(start=as_of, end=due_on)
    return DeadlineStatus(
        due_on=due_on, overdue=False, working_days_left=left, working_days_over=0, as_of=as_of
    )


def working_day_index(*, start: date, end: date) -> pa.Table:
    """A calendar table to join against: one row per day from ``start`` to ``end`` inclusive.

    Columns: ``day`` (date32), ``is_working_day`` (bool) and ``ordinal`` (int64).

    ``ordinal`` counts working days from the start of the covered calendar through the
    day, inclusive, so it is the same in every table built from the same package version
    and non-working days repeat the ordinal of the working day before them. That makes
    deadlines a pair of joins: join the opening day to get its ordinal, add the deadline's
    working days, and join back on ``ordinal`` among rows with ``is_working_day`` to get
    the due date (``add_working_days`` for every row, without a Python loop). Working days
    elapsed between two days are the difference of their ordinals
    (``working_days_between``). Build the table wide enough to hold the due dates.

    >>> table = working_day_index(start=date(2025, 10, 8), end=date(2025, 10, 13))
    >>> table.column("is_working_day").to_pylist()
    [False, True, True, True, False, True]
    >>> ordinals = table.column("ordinal").to_pylist()
    >>> [o - ordinals[0] for o in ordinals]
    [0, 1, 2, 3, 3, 4]
    """
    # pyarrow is heavy to import and most callers (the platform's request handlers) only
    # need the scalar functions, so it is loaded when a table is actually asked for.
    import pyarrow as pa

    first = _check(_day(start))
    last = _check(_day(end))
    if last < first:
        raise ValueError(f"end {last.isoformat()} is before start {first.isoformat()}")
    days: list[date] = []
    flags: list[bool] = []
    ordinals: list[int] = []
    ordinal = _ordinal(first) - (1 if first in _working_day_set(first.year) else 0)
    day = first
    while day <= last:
        working = day in _working_day_set(day.year)
        ordinal += working
        days.append(day)
        flags.append(working)
        ordinals.append(ordinal)
        day += timedelta(days=1)
    return pa.table(
        {
            "day": pa.array(days, type=pa.date32()),
            "is_working_day": pa.array(flags, type=pa.bool_()),
            "ordinal": pa.array(ordinals, type=pa.int64()),
        }
    )
