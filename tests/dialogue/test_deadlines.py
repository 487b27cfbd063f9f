"""Inquiry deadlines across the Spring Festival and National Day weeks of 2018 and 2019.

The expected dates are the working days after each start written out by hand from the State
Council's arrangements (国办发明电〔2017〕12号 for 2018, 国办发明电〔2018〕15号 for 2019),
and checked day by day against ``chinese_calendar`` below, so a test failure points at the
deadline code, not at a mistyped date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import chinese_calendar
import pytest

from luodi.calendar import covered_range
from luodi.contract.choices import INQUIRY_CATEGORIES
from luodi.dialogue.categories import ACCEPT_DAYS, FOLLOW_UP_DAYS, answer_days
from luodi.dialogue.deadlines import (
    LEADERSHIP_AFTER_DAYS,
    follow_up_due_on,
    inquiry_deadlines,
    overdue_level,
    reopened_answer_due_on,
    working_days_over,
)

D = dt.date

# Make-up working days (调休上班) on a weekend, and the holiday weeks themselves.
MAKE_UP_DAYS = (
    D(2018, 2, 11),  # Sunday before the 2018 Spring Festival
    D(2018, 2, 24),  # Saturday after it
    D(2018, 9, 29),  # Saturday before National Day 2018
    D(2018, 9, 30),  # Sunday before it
    D(2019, 2, 2),  # Saturday before the 2019 Spring Festival
    D(2019, 2, 3),  # Sunday before it
    D(2019, 9, 29),  # Sunday before National Day 2019
    D(2019, 10, 12),  # Saturday after it
)
HOLIDAY_WEEKS = (
    (D(2018, 2, 15), D(2018, 2, 21)),
    (D(2018, 10, 1), D(2018, 10, 7)),
    (D(2019, 2, 4), D(2019, 2, 10)),
    (D(2019, 10, 1), D(2019, 10, 7)),
)

# The working days after each start day, in order, by hand.
WORKING_DAYS_AFTER: dict[dt.date, tuple[dt.date, ...]] = {
    # Friday before the 2018 Spring Festival: Sunday 11th works, 15th–21st off, Saturday 24th works.
    D(2018, 2, 9): (
        D(2018, 2, 11), D(2018, 2, 12), D(2018, 2, 13), D(2018, 2, 14), D(2018, 2, 22),
        D(2018, 2, 23), D(2018, 2, 24), D(2018, 2, 26), D(2018, 2, 27), D(2018, 2, 28),
        D(2018, 3, 1), D(2018, 3, 2), D(2018, 3, 5), D(2018, 3, 6), D(2018, 3, 7),
        D(2018, 3, 8), D(2018, 3, 9), D(2018, 3, 12), D(2018, 3, 13), D(2018, 3, 14),
    ),
    # Friday before National Day 2018: Saturday 29th and Sunday 30th work, 1st–7th off.
    D(2018, 9, 28): (
        D(2018, 9, 29), D(2018, 9, 30), D(2018, 10, 8), D(2018, 10, 9), D(2018, 10, 10),
        D(2018, 10, 11), D(2018, 10, 12), D(2018, 10, 15), D(2018, 10, 16), D(2018, 10, 17),
        D(2018, 10, 18), D(2018, 10, 19), D(2018, 10, 22), D(2018, 10, 23), D(2018, 10, 24),
        D(2018, 10, 25), D(2018, 10, 26), D(2018, 10, 29), D(2018, 10, 30), D(2018, 10, 31),
    ),
    # Friday before the 2019 Spring Festival: the weekend of 2nd–3rd works, 4th–10th off.
    D(2019, 2, 1): (
        D(2019, 2, 2), D(2019, 2, 3), D(2019, 2, 11), D(2019, 2, 12), D(2019, 2, 13),
        D(2019, 2, 14), D(2019, 2, 15), D(2019, 2, 18), D(2019, 2, 19), D(2019, 2, 20),
        D(2019, 2, 21), D(2019, 2, 22), D(2019, 2, 25), D(2019, 2, 26), D(2019, 2, 27),
        D(2019, 2, 28), D(2019, 3, 1), D(2019, 3, 4), D(2019, 3, 5), D(2019, 3, 6),
    ),
    # Friday before National Day 2019: Saturday 28th off, Sunday 29th works, 1st–7th off,
    # Saturday 12 October works.
    D(2019, 9, 27): (
        D(2019, 9, 29), D(2019, 9, 30), D(2019, 10, 8), D(2019, 10, 9), D(2019, 10, 10),
        D(2019, 10, 11), D(2019, 10, 12), D(2019, 10, 14), D(2019, 10, 15), D(2019, 10, 16),
        D(2019, 10, 17), D(2019, 10, 18), D(2019, 10, 21), D(2019, 10, 22), D(2019, 10, 23),
        D(2019, 10, 24), D(2019, 10, 25), D(2019, 10, 28), D(2019, 10, 29), D(2019, 10, 30),
    ),
}  # fmt: skip

CATEGORIES = (None, *(c.value for c in INQUIRY_CATEGORIES))


def test_the_hand_written_days_agree_with_chinese_calendar() -> None:
    for day in MAKE_UP_DAYS:
        assert day.weekday() >= 5
        assert chinese_calendar.is_workday(day), day
    for first, last in HOLIDAY_WEEKS:
        for offset in range((last - first).days + 1):
            assert chinese_calendar.is_holiday(first + dt.timedelta(days=offset))
    for start, days in WORKING_DAYS_AFTER.items():
        previous = start
        for day in days:
            assert chinese_calendar.is_workday(day), day
            # Nothing skipped: every day between two listed working days is a day off.
            for gap in range(1, (day - previous).days):
                assert not chinese_calendar.is_workday(previous + dt.timedelta(days=gap))
            previous = day


def test_the_deadline_constants() -> None:
    assert ACCEPT_DAYS == 1
    assert answer_days(None) == 7  # the default answer deadline of the issue
    assert max(answer_days(c) for c in CATEGORIES) <= 20  # the hand lists are long enough


@pytest.mark.parametrize("start", list(WORKING_DAYS_AFTER), ids=str)
@pytest.mark.parametrize("category", CATEGORIES, ids=str)
def test_deadlines_of_every_category_across_the_holidays(
    start: dt.date, category: str | None
) -> None:
    days = WORKING_DAYS_AFTER[start]
    deadlines = inquiry_deadlines(
        submitted_at=dt.datetime.combine(start, dt.time(15, 30)), category=category
    )
    assert deadlines.accept_due_on == days[ACCEPT_DAYS - 1]
    assert deadlines.answer_due_on == days[answer_days(category) - 1]


def test_make_up_weekend_days_are_due_dates() -> None:
    spring_2018 = inquiry_deadlines(submitted_at=dt.datetime(2018, 2, 9, 15, 30), category=None)
    assert spring_2018.accept_due_on == D(2018, 2, 11)  # a Sunday
    assert spring_2018.answer_due_on == D(2018, 2, 24)  # a Saturday
    national_2018 = inquiry_deadlines(submitted_at=dt.datetime(2018, 9, 28, 9, 0), category=None)
    assert national_2018.accept_due_on == D(2018, 9, 29)  # a Saturday
    assert national_2018.answer_due_on == D(2018, 10, 12)
    spring_2019 = inquiry_deadlines(submitted_at=D(2019, 2, 1), category=None)
    assert spring_2019.accept_due_on == D(2019, 2, 2)  # a Saturday
    assert spring_2019.answer_due_on == D(2019, 2, 15)
    national_2019 = inquiry_deadlines(submitted_at=dt.datetime(2019, 9, 27, 18, 0), category=None)
    assert national_2019.accept_due_on == D(2019, 9, 29)  # a Sunday
    assert national_2019.answer_due_on == D(2019, 10, 12)  # a Saturday


def test_submitted_during_the_holiday_or_on_a_make_up_evening() -> None:
    # The clock starts on the first working day after the submission day, whatever its hour.
    during = inquiry_deadlines(submitted_at=dt.datetime(2018, 2, 17, 10, 0), category=None)
    assert during.accept_due_on == D(2018, 2, 22)
    # 22, 23, 24 (Sat), 26, 27, 28 February, 1 March.
    assert during.answer_due_on == D(2018, 3, 1)
    national = inquiry_deadlines(submitted_at=dt.datetime(2019, 10, 3, 21, 0), category=None)
    assert national.accept_due_on == D(2019, 10, 8)
    assert national.answer_due_on == D(2019, 10, 15)  # 8–12 (Sat), 14, 15
    evening = inquiry_deadlines(submitted_at=dt.datetime(2018, 9, 30, 22, 0), category=None)
    assert evening.accept_due_on == D(2018, 10, 8)


def test_reopened_inquiries_get_the_full_period_again() -> None:
    # Reopened on the last working day before the 2018 Spring Festival.
    assert reopened_answer_due_on(reopened_at=dt.datetime(2018, 2, 14, 11, 0), category=None) == D(
        2018, 3, 1
    )


def test_follow_up_window() -> None:
    answered = dt.datetime(2019, 9, 27, 16, 0)
    assert (
        follow_up_due_on(answered_at=answered)
        == WORKING_DAYS_AFTER[answered.date()][FOLLOW_UP_DAYS - 1]
    )
    if FOLLOW_UP_DAYS == 10:
        assert follow_up_due_on(answered_at=answered) == D(2019, 10, 16)


def _level(
    today: dt.date,
    *,
    accept_due: dt.date | None = None,
    answer_due: dt.date | None = None,
    accepted: bool = False,
    answered: bool = False,
) -> str | None:
    return overdue_level(
        accept_due_on=accept_due,
        answer_due_on=answer_due,
        accepted_at=dt.datetime(2000, 1, 1) if accepted else None,
        answered_at=dt.datetime(2000, 1, 2) if answered else None,
        today=today,
    )


def test_acceptance_overdue_from_a_make_up_sunday() -> None:
    due = D(2018, 2, 11)  # Sunday, a working day
    assert _level(D(2018, 2, 11), accept_due=due) is None
    assert _level(D(2018, 2, 12), accept_due=due) == "talent_office"
    # 12, 13, 14, 22, 23 February: five working days over; the sixth (Saturday 24th) is more.
    assert working_days_over(due=due, today=D(2018, 2, 23)) == 5
    assert _level(D(2018, 2, 23), accept_due=due) == "talent_office"
    assert _level(D(2018, 2, 24), accept_due=due) == "leadership"
    # Once accepted, only the answer deadline counts.
    assert _level(D(2018, 2, 24), accept_due=due, answer_due=D(2018, 2, 24), accepted=True) is None


def test_answer_overdue_through_the_spring_festival_2018() -> None:
    due = D(2018, 2, 14)  # the last working day before the holiday
    for holiday in range(15, 22):
        # Past the due day, though no working day has gone by: the talent office is told.
        assert working_days_over(due=due, today=D(2018, 2, holiday)) == 0
        assert _level(D(2018, 2, holiday), answer_due=due, accepted=True) == "talent_office"
    assert working_days_over(due=due, today=D(2018, 2, 24)) == 3  # 22, 23, 24 (Saturday)
    assert working_days_over(due=due, today=D(2018, 2, 25)) == 3  # Sunday 25th is off
    assert _level(D(2018, 2, 27), answer_due=due, accepted=True) == "talent_office"  # 5 over
    assert _level(D(2018, 2, 28), answer_due=due, accepted=True) == "leadership"  # 6 over
    assert _level(D(2018, 2, 28), answer_due=due, accepted=True, answered=True) is None


def test_answer_overdue_through_national_day_2018() -> None:
    due = D(2018, 9, 28)
    assert working_days_over(due=due, today=D(2018, 9, 30)) == 2  # the make-up weekend
    assert working_days_over(due=due, today=D(2018, 10, 7)) == 2
    assert _level(D(2018, 10, 7), answer_due=due, accepted=True) == "talent_office"
    assert working_days_over(due=due, today=D(2018, 10, 10)) == LEADERSHIP_AFTER_DAYS
    assert _level(D(2018, 10, 10), answer_due=due, accepted=True) == "talent_office"
    assert _level(D(2018, 10, 11), answer_due=due, accepted=True) == "leadership"


def test_the_later_of_two_missed_deadlines_does_not_hide_the_earlier() -> None:
    # Never accepted: acceptance was due on make-up Saturday 2 February 2019; the answer is
    # due on 15 February and not yet late, but the acceptance is 6 working days over
    # (3 February, 11–15 February).
    level = _level(D(2019, 2, 15), accept_due=D(2019, 2, 2), answer_due=D(2019, 2, 15))
    assert level == "leadership"
    assert _level(D(2019, 2, 11), accept_due=D(2019, 2, 2), answer_due=D(2019, 2, 15)) == (
        "talent_office"
    )


def test_past_the_calendar_counts_monday_to_friday() -> None:
    year = covered_range()[1].year + 1
    due = D(year, 3, 1)
    due += dt.timedelta(days=(7 - due.weekday()) % 7)  # a Monday
    assert working_days_over(due=due, today=due + dt.timedelta(days=9)) == 7  # to Wednesday week
    assert _level(due + dt.timedelta(days=9), answer_due=due, accepted=True) == "leadership"


def test_deadlines_are_frozen_values() -> None:
    deadlines = inquiry_deadlines(submitted_at=D(2019, 2, 1), category="tax")
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadlines.accept_due_on = D(2019, 2, 3)  # type: ignore[misc]
