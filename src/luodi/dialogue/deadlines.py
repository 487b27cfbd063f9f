"""An inquiry's working-day deadlines, the citizen's follow-up window, and overdue escalation.

Every deadline is counted with ``luodi.calendar.due_on``: working days after the day the clock
starts, statutory holidays skipped and make-up working days (调休上班) counted. The clocks of
acceptance and of the answer both start at submission, as in Beijing's 接诉即办: time an inquiry
spends at the talent office's triage desk or with a department that sends it on is the
submitter's time too, so it is not given back to the department that finally answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from luodi.calendar import CalendarOutOfRange, due_on, working_days_between
from luodi.dialogue.categories import ACCEPT_DAYS, FOLLOW_UP_DAYS, answer_days

__all__ = [
    "ESCALATION_LEADERSHIP",
    "ESCALATION_TALENT_OFFICE",
    "LEADERSHIP_AFTER_DAYS",
    "InquiryDeadlines",
    "follow_up_due_on",
    "inquiry_deadlines",
    "overdue_level",
    "reopened_answer_due_on",
    "working_days_over",
]

# An overdue inquiry goes to the talent office at once; if it is still not done a working week
# later it goes up to the leadership group, which can instruct the department (督办 → 领导批示).
LEADERSHIP_AFTER_DAYS = 5
ESCALATION_TALENT_OFFICE = "talent_office"
ESCALATION_LEADERSHIP = "leadership"


@dataclass(frozen=True, kw_only=True)
class InquiryDeadlines:
    """The last working day to accept an inquiry and the last to answer it."""

    accept_due_on: dt.date
    answer_due_on: dt.date


def inquiry_deadlines(
    *, submitted_at: dt.datetime | dt.date, category: str | None
) -> InquiryDeadlines:
    """Acceptance within ``ACCEPT_DAYS``, the answer within the category's working days.

    >>> inquiry_deadlines(submitted_at=dt.datetime(2018, 2, 9, 15, 0), category=None)
    ... # doctest: +NORMALIZE_WHITESPACE
    InquiryDeadlines(accept_due_on=datetime.date(2018, 2, 11),
                     answer_due_on=datetime.date(2018, 2, 24))

    (Sunday 11 and Saturday 24 February 2018 were the Spring Festival's make-up working days.)
    """
    return InquiryDeadlines(
        accept_due_on=due_on(start=submitted_at, days=ACCEPT_DAYS),
        answer_due_on=due_on(start=submitted_at, days=answer_days(category)),
    )


def reopened_answer_due_on(*, reopened_at: dt.datetime | dt.date, category: str | None) -> dt.date:
    """The new answer deadline when the citizen reopens an inquiry: the full period again."""
    return due_on(start=reopened_at, days=answer_days(category))


def follow_up_due_on(*, answered_at: dt.datetime | dt.date) -> dt.date:
    """Last working day for the citizen to confirm an answer; after it the inquiry closes
    as unconfirmed (counted apart from solved and not solved)."""
    return due_on(start=answered_at, days=FOLLOW_UP_DAYS)


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def working_days_over(*, due: dt.date, today: dt.datetime | dt.date) -> int:
    """Working days after ``due`` up to and including ``today`` (0 when not past due).

    Past the installed calendar's years it counts Monday to Friday, as ``due_on`` does there.
    """
    day = _day(today)
    if day <= due:
        return 0
    try:
        return working_days_between(start=due, end=day)
    except CalendarOutOfRange:
        return sum(
            1
            for offset in range(1, (day - due).days + 1)
            if (due + dt.timedelta(days=offset)).weekday() < 5
        )


def _level(due: dt.date, today: dt.date) -> int:
    if today <= due:
        return 0
    # Past the due day is overdue even when no working day has gone by since (a deadline
    # that fell on the Friday before a holiday is overdue on the Saturday): the talent office
    # is told at once; the leadership group only after LEADERSHIP_AFTER_DAYS working days.
    return 2 if working_days_over(due=due, today=today) > LEADERSHIP_AFTER_DAYS else 1


def overdue_level(
    *,
    accept_due_on: dt.date | None,
    answer_due_on: dt.date | None,
    accepted_at: dt.datetime | dt.date | None,
    answered_at: dt.datetime | dt.date | None,
    today: dt.datetime | dt.date,
) -> str | None:
    """Where an inquiry that is late on ``today`` is escalated: None when it is not late,
    "talent_office" once a deadline has passed, "leadership" when a deadline is more than
    ``LEADERSHIP_AFTER_DAYS`` working days past.

    ``answered_at`` is the answer that meets the current deadline: pass None while a reopened
    inquiry waits for its new answer (``answer_due_on`` then being the new deadline). An
    answered inquiry is never overdue, whether or not it was accepted first.
    """
    if answered_at is not None:
        return None
    day = _day(today)
    level = 0
    if accepted_at is None and accept_due_on is not None:
        level = _level(accept_due_on, day)
    if answer_due_on is not None:
        level = max(level, _level(answer_due_on, day))
    return (None, ESCALATION_TALENT_OFFICE, ESCALATION_LEADERSHIP)[level]
