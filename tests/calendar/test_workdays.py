"""The working-day calendar: holidays, make-up days, deadline arithmetic and its limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest

from luodi.calendar import (
    CalendarOutOfRange,
    DeadlineStatus,
    add_working_days,
    covered_range,
    deadline_status,
    is_working_day,
    working_day_index,
    working_days_between,
)


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# National Day and Spring Festival weeks with the weeks around them, 2024–2026: every
# day must agree with the chinesecalendar package itself.
HOLIDAY_SEASONS = [
    (date(2024, 2, 1), date(2024, 2, 25)),
    (date(2024, 9, 20), date(2024, 10, 20)),
    (date(2025, 1, 20), date(2025, 2, 15)),
    (date(2025, 9, 20), date(2025, 10, 20)),
    (date(2026, 2, 7), date(2026, 3, 7)),
    (date(2026, 9, 15), date(2026, 10, 15)),
]


@pytest.mark.parametrize(("first", "last"), HOLIDAY_SEASONS, ids=lambda d: d.isoformat())
def test_agrees_with_chinese_calendar_around_holidays(first: date, last: date) -> None:
    for day in days_of(first, last):
        assert is_working_day(day) == chinese_calendar.is_workday(day), day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 10, 1), False),  # National Day
        (date(2024, 10, 7), False),  # Monday, still in the National Day break
        (date(2024, 10, 12), True),  # Saturday, make-up working day
        (date(2024, 2, 4), True),  # Sunday, make-up for the Spring Festival
        (date(2024, 2, 12), False),  # Spring Festival, Monday
        (date(2025, 1, 26), True),  # Sunday, make-up for the Spring Festival
        (date(2025, 2, 8), True),  # Saturday, make-up for the Spring Festival
        (date(2025, 2, 4), False),  # Tuesday, Spring Festival break
        (date(2025, 9, 28), True),  # Sunday, make-up for National Day
        (date(2025, 10, 8), False),  # Wednesday, National Day break
        (date(2025, 10, 11), True),  # Saturday, make-up for National Day
        (date(2025, 10, 12), False),  # an ordinary Sunday
        (date(2026, 2, 14), True),  # Saturday, make-up for the Spring Festival
        (date(2026, 2, 23), False),  # Monday, Spring Festival break
        (date(2026, 2, 28), True),  # Saturday, make-up for the Spring Festival
        (date(2026, 10, 1), False),  # National Day
        (date(2026, 10, 10), True),  # Saturday, make-up for National Day
        (date(2026, 10, 13), True),  # an ordinary Tuesday
    ],
    ids=lambda v: v.isoformat() if isinstance(v, date) else str(v),
)
def test_hand_checked_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_datetimes_are_read_as_their_beijing_day() -> None:
    # 2025-09-30 20:00 UTC is already 1 October, National Day, in Beijing.
    late_utc = datetime(2025, 9, 30, 20, 0, tzinfo=UTC)
    assert add_working_days(start=late_utc, days=1) == date(2025, 10, 9)
    assert add_working_days(start=datetime(2025, 9, 30, 20, 0), days=1) == date(2025, 10, 9)
    assert add_working_days(start=datetime(2025, 9, 29, 23, 59), days=1) == date(2025, 9, 30)


def test_add_working_days_across_the_national_day_week() -> None:
    friday = date(2025, 9, 26)
    expected = [
        date(2025, 9, 28),  # Sunday make-up day
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),  # after the 1–8 October break
        date(2025, 10, 10),
        date(2025, 10, 11),  # Saturday make-up day
        date(2025, 10, 13),
    ]
    assert [add_working_days(start=friday, days=n) for n in range(1, 8)] == expected


def test_add_working_days_matches_chinese_calendar_workday_lists() -> None:
    workdays = chinese_calendar.get_workdays(date(2024, 1, 1), date(2026, 12, 31))
    for start in days_of(date(2024, 1, 1), date(2026, 6, 30))[::3]:
        later = [d for d in workdays if d > start]
        for n in (1, 2, 5, 15, 60):
            assert add_working_days(start=start, days=n) == later[n - 1], (start, n)


def test_add_working_days_crosses_years() -> None:
    # 2025-12-31 Wednesday; 2026-01-01 to 03 are off and Sunday 4 January is a make-up day.
    assert add_working_days(start=date(2025, 12, 31), days=1) == date(2026, 1, 4)
    assert (
        add_working_days(start=date(2024, 1, 2), days=500)
        == (chinese_calendar.get_workdays(date(2024, 1, 3), date(2026, 12, 31))[499])
    )


def test_add_zero_working_days_is_the_start_day() -> None:
    assert add_working_days(start=date(2025, 10, 1), days=0) == date(2025, 10, 1)
    assert add_working_days(start=datetime(2025, 10, 9, 17, 0), days=0) == date(2025, 10, 9)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(start=date(2025, 10, 9), days=-1)


def test_working_days_between_counts_the_half_open_range() -> None:
    assert working_days_between(start=date(2025, 9, 30), end=date(2025, 10, 8)) == 0
    assert working_days_between(start=date(2025, 9, 30), end=date(2025, 10, 9)) == 1
    assert working_days_between(start=date(2025, 9, 26), end=date(2025, 10, 13)) == 7
    assert working_days_between(start=date(2025, 10, 9), end=date(2025, 10, 9)) == 0


def test_working_days_between_is_antisymmetric_and_additive() -> None:
    days = days_of(date(2025, 9, 20), date(2025, 10, 20))
    for a in days:
        for b in days[::4]:
            forward = working_days_between(start=a, end=b)
            assert working_days_between(start=b, end=a) == -forward
            middle = date(2025, 10, 5)
            assert forward == working_days_between(start=a, end=middle) + working_days_between(
                start=middle, end=b
            )


def test_working_days_between_inverts_add_working_days() -> None:
    for start in days_of(date(2024, 12, 20), date(2025, 2, 20)):
        for n in (0, 1, 3, 10):
            due = add_working_days(start=start, days=n)
            assert working_days_between(start=start, end=due) == n


def test_deadline_not_yet_due() -> None:
    status = deadline_status(
        opened=datetime(2025, 9, 26, 15, 0), deadline_days=7, now=datetime(2025, 10, 9, 9, 0)
    )
    assert status == DeadlineStatus(
        due_on=date(2025, 10, 13),
        overdue=False,
        working_days_left=3,  # 10, 11 (make-up Saturday) and 13 October
        working_days_over=0,
        as_of=date(2025, 10, 9),
    )


def test_deadline_due_today_is_not_overdue() -> None:
    status = deadline_status(
        opened=datetime(2025, 9, 26, 15, 0), deadline_days=7, now=datetime(2025, 10, 13, 23, 59)
    )
    assert not status.overdue
    assert status.working_days_left == 0


def test_deadline_overdue() -> None:
    status = deadline_status(
        opened=datetime(2025, 9, 26, 15, 0), deadline_days=7, now=datetime(2025, 10, 20, 9, 0)
    )
    assert status.overdue
    assert status.working_days_over == 5  # 14–17 and 20 October
    assert status.working_days_left == 0


def test_deadline_overdue_over_a_weekend_by_zero_working_days() -> None:
    status = deadline_status(
        opened=datetime(2025, 10, 16, 10, 0), deadline_days=1, now=datetime(2025, 10, 18, 10, 0)
    )
    assert status.due_on == date(2025, 10, 17)
    assert status.overdue
    assert status.working_days_over == 0


def test_closed_deadline_is_judged_on_its_closing_day() -> None:
    opened = datetime(2025, 9, 30, 16, 0)
    on_time = deadline_status(
        opened=opened,
        deadline_days=1,
        now=datetime(2025, 12, 1, 9, 0),
        closed=datetime(2025, 10, 9, 17, 0),
    )
    assert not on_time.overdue
    assert on_time.as_of == date(2025, 10, 9)
    late = deadline_status(
        opened=opened,
        deadline_days=1,
        now=datetime(2025, 12, 1, 9, 0),
        closed=datetime(2025, 10, 10, 9, 0),
    )
    assert late.overdue
    assert late.working_days_over == 1


def test_out_of_range_names_the_date_range_and_fix() -> None:
    first, last = covered_range()
    beyond = date(last.year + 1, 3, 2)
    with pytest.raises(CalendarOutOfRange) as caught:
        is_working_day(beyond)
    message = str(caught.value)
    assert beyond.isoformat() in message
    assert first.isoformat() in message
    assert last.isoformat() in message
    assert "chinesecalendar" in message
    assert "State Council" in message
    assert "upgrade" in message
    assert caught.value.day == beyond
    assert isinstance(caught.value, ValueError)


def test_out_of_range_when_a_count_runs_past_the_covered_years() -> None:
    last = covered_range()[1]
    with pytest.raises(CalendarOutOfRange) as caught:
        add_working_days(start=last - timedelta(days=3), days=10)
    assert caught.value.day == date(last.year + 1, 1, 1)
    assert "10 working days from" in str(caught.value)


def test_out_of_range_before_the_first_year() -> None:
    first = covered_range()[0]
    with pytest.raises(CalendarOutOfRange, match="not supported"):
        working_days_between(start=first - timedelta(days=1), end=first)


def test_covered_range_is_what_chinese_calendar_accepts() -> None:
    first, last = covered_range()
    assert chinese_calendar.is_workday(first) in {True, False}
    assert chinese_calendar.is_workday(last) in {True, False}
    for outside in (first - timedelta(days=1), last + timedelta(days=1)):
        with pytest.raises(NotImplementedError):
            chinese_calendar.is_workday(outside)
    assert last >= date(2026, 12, 31)


def test_working_day_index_agrees_for_every_day_of_2025() -> None:
    table = working_day_index(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert table.column_names == ["day", "is_working_day", "ordinal"]
    assert table.num_rows == 365
    rows = table.to_pylist()
    assert [r["day"] for r in rows] == days_of(date(2025, 1, 1), date(2025, 12, 31))
    for row in rows:
        assert row["is_working_day"] == is_working_day(row["day"]), row
        assert row["is_working_day"] == chinese_calendar.is_workday(row["day"]), row
    ordinals = [r["ordinal"] for r in rows]
    base = ordinals[0]
    for row in rows:
        elapsed = working_days_between(start=date(2025, 1, 1), end=row["day"])
        assert row["ordinal"] - base == elapsed


def test_working_day_index_ordinals_are_stable_across_tables() -> None:
    whole = working_day_index(start=date(2025, 9, 1), end=date(2025, 10, 31)).to_pylist()
    part = working_day_index(start=date(2025, 10, 3), end=date(2025, 10, 12)).to_pylist()
    by_day = {r["day"]: r["ordinal"] for r in whole}
    assert all(by_day[r["day"]] == r["ordinal"] for r in part)


def test_working_day_index_computes_deadlines_by_join() -> None:
    table = working_day_index(start=date(2025, 9, 1), end=date(2025, 12, 31)).to_pylist()
    ordinal_of = {r["day"]: r["ordinal"] for r in table}
    working_day_at = {r["ordinal"]: r["day"] for r in table if r["is_working_day"]}
    for opened in days_of(date(2025, 9, 20), date(2025, 10, 20)):
        for n in (1, 7, 20):
            joined = working_day_at[ordinal_of[opened] + n]
            assert joined == add_working_days(start=opened, days=n)


def test_working_day_index_refuses_a_backwards_range() -> None:
    with pytest.raises(ValueError, match="before start"):
        working_day_index(start=date(2025, 2, 1), end=date(2025, 1, 1))


def test_agrees_with_chinese_calendar_on_every_covered_day() -> None:
    first, last = covered_range()
    table = working_day_index(start=first, end=last)
    for day, working in zip(
        table.column("day").to_pylist(), table.column("is_working_day").to_pylist(), strict=True
    ):
        assert working == chinese_calendar.is_workday(day), day
