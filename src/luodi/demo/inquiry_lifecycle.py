"""One inquiry walked through the desk's lifecycle, as the platform's services would record it.

submitted → routed (by the linked clause, by the classifier, or from the talent office's triage
desk; sometimes first to the wrong department, which sends it on) → accepted → answered → the
citizen confirms it solved, closes it unsolved, reopens it, or never replies and it closes
unconfirmed. Every step happens in office hours on working days; deadlines run from submission
(``luodi.dialogue.deadlines``), so time at triage or with the wrong department makes the answer
late. The walk stops at ``AS_OF``: whatever has not happened by then is still open.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from luodi.calendar import add_working_days, is_working_day
from luodi.demo.inquiry_topics import CONFUSED_WITH, Subject
from luodi.demo.workflow import END, START
from luodi.dialogue.deadlines import (
    follow_up_due_on,
    inquiry_deadlines,
    overdue_level,
    reopened_answer_due_on,
)

__all__ = [
    "AS_OF",
    "OUTCOMES",
    "REOPENING_OUTCOMES",
    "SOLVED_OUTCOMES",
    "TALENT_OFFICE",
    "Walk",
    "finish",
    "start",
]

# The desk is read on the demo's last day: later events have not happened yet.
AS_OF = END
TALENT_OFFICE = "C-TO"
# The platform routes by duties (keywords) until enough inquiries are resolved to train the
# classifier; in the demo that takes the desk's first two months.
_CLASSIFIER_FROM = START + dt.timedelta(days=61)

# How an answered inquiry ends. "confirmed": solved at the first answer; "reopened_confirmed":
# reopened, answered again, then solved; "closed": the citizen closes it unsolved;
# "reopened_closed": reopened, then closed unsolved; "unconfirmed": no reply in the follow-up
# window; "reopened_unconfirmed": reopened, answered again, then no reply.
OUTCOMES = (
    "confirmed",
    "reopened_confirmed",
    "closed",
    "reopened_closed",
    "unconfirmed",
    "reopened_unconfirmed",
)
SOLVED_OUTCOMES = ("confirmed", "reopened_confirmed")
REOPENING_OUTCOMES = ("reopened_confirmed", "reopened_closed", "reopened_unconfirmed")
_LEVELS = (None, "talent_office", "leadership")


def _office_moment(rng: random.Random, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(minutes=rng.randint(0, 540))


def later(rng: random.Random, moment: dt.datetime, *, working_days: int) -> dt.datetime:
    """A moment in office hours ``working_days`` working days after ``moment`` (0: later the
    same working day, or the next working day when ``moment`` is after hours or on a day off)."""
    if working_days == 0:
        close = dt.datetime.combine(moment.date(), dt.time(17, 30))
        room = int((close - moment).total_seconds() // 60)
        if is_working_day(moment.date()) and moment.time() >= dt.time(8, 30) and room > 10:
            return moment + dt.timedelta(minutes=rng.randint(5, min(room, 240)))
        working_days = 1
    return _office_moment(rng, add_working_days(start=moment, days=working_days))


@dataclass(kw_only=True)
class Walk:
    """An inquiry's record as it stands after the last step that happened by ``AS_OF``."""

    subject: Subject
    submitted_at: dt.datetime
    named_department_id: str | None
    clause_id: str | None
    accept_due_on: dt.date
    answer_due_on: dt.date
    department_id: str | None = None
    first_department_id: str | None = None
    routed_by: str | None = None
    routed_at: dt.datetime | None = None
    status: str = "submitted"
    accepted_at: dt.datetime | None = None
    answered_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    resolved: bool | None = None
    satisfaction: int | None = None
    reopen_count: int = 0
    rating_contest: str | None = None
    levels: list[int] = field(default_factory=list)

    def escalate(self, *, today: dt.datetime, answered: bool = False) -> None:
        """The level the daily scan saw on ``today``'s morning (the step was not done yet)."""
        level = overdue_level(
            accept_due_on=self.accept_due_on,
            answer_due_on=self.answer_due_on,
            accepted_at=self.accepted_at if answered else None,
            answered_at=None,
            today=min(today, AS_OF),
        )
        self.levels.append(_LEVELS.index(level))

    @property
    def escalation_level(self) -> str | None:
        return _LEVELS[max(self.levels, default=0)]


def start(
    *,
    rng: random.Random,
    subject: Subject,
    submitted_at: dt.datetime,
    knew: bool,
    clause_linked: bool,
) -> Walk:
    """Submission and routing: who the submitter named, where the desk first sent it."""
    department = subject.department_id
    if knew:
        named: str | None = department
    else:
        # Most do not know; some name the department they take for the right one.
        named = rng.choice(CONFUSED_WITH[department]) if rng.random() < 0.25 else None
    deadlines = inquiry_deadlines(submitted_at=submitted_at, category=subject.category)
    walk = Walk(
        subject=subject,
        submitted_at=submitted_at,
        named_department_id=named,
        clause_id=subject.clause_id if clause_linked else None,
        accept_due_on=deadlines.accept_due_on,
        answer_due_on=deadlines.answer_due_on,
    )
    draw = rng.random()
    # Who knew wrote plainly what they need, and to whom: the classifier gets it right.
    # Who did not often wrote around it, so it waits for triage or goes astray first.
    path = "direct" if draw < (0.92 if knew else 0.45) else "astray"
    if draw >= (0.96 if knew else 0.70):
        path = "triage"
    if walk.clause_id is not None:
        path = "clause"
    automatic = "keywords" if submitted_at < _CLASSIFIER_FROM else "classifier"
    routed_at = submitted_at + dt.timedelta(minutes=rng.randint(1, 3))
    if path == "triage":
        walk.routed_by = "triage"
        walk.department_id = TALENT_OFFICE
        routed_at = later(rng, submitted_at, working_days=rng.randint(1, 6))
        if routed_at > AS_OF:
            walk.escalate(today=AS_OF)
            return walk  # still waiting at the talent office's triage desk
    else:
        walk.routed_by = "clause" if path == "clause" else automatic
    walk.routed_at = routed_at
    walk.status = "routed"
    walk.first_department_id = department
    walk.department_id = department
    if path == "astray":
        # The wrong department sends it back with a reason; the right one gets it days later.
        walk.first_department_id = rng.choice(CONFUSED_WITH[department])
        walk.department_id = walk.first_department_id
        arrival = later(rng, routed_at, working_days=rng.randint(1, 5))
        if arrival > AS_OF:
            walk.escalate(today=AS_OF)
            return walk
        walk.department_id = department
        walk.routed_at = routed_at
        return _accept(rng, walk, arrival=arrival)
    return _accept(rng, walk, arrival=routed_at)


def _accept(rng: random.Random, walk: Walk, *, arrival: dt.datetime) -> Walk:
    stalls = walk.subject.solvable < 0.3
    if rng.random() < 0.015:
        walk.escalate(today=AS_OF)  # never accepted: the department does not see it as its own
        return walk
    lag = rng.choices((0, 1, 2, 3), (65, 27, 6, 2))[0]
    accepted = later(rng, arrival, working_days=lag)
    walk.escalate(today=accepted)
    if accepted > AS_OF:
        return walk
    walk.accepted_at = accepted
    walk.status = "accepted"
    if rng.random() < (0.12 if stalls else 0.02):
        walk.escalate(today=AS_OF, answered=True)  # no supporting rule: no answer at all
        return walk
    answered = _answer_time(rng, start=accepted, stalls=stalls)
    walk.escalate(today=answered, answered=True)
    if answered > AS_OF:
        return walk
    walk.answered_at = answered
    walk.status = "answered"
    return walk


def _answer_time(rng: random.Random, *, start: dt.datetime, stalls: bool) -> dt.datetime:
    # A department takes the time the matter takes, whatever is left of the deadline: an
    # inquiry that lost days at triage or at the wrong department is answered late. Where the
    # clause has no supporting rule, the answer waits for one.
    if stalls:
        lag = rng.randint(2, 20)
    else:
        lag = rng.randint(1, 5) if rng.random() < 0.85 else rng.randint(6, 14)
    return later(rng, start, working_days=lag)


def _reply(rng: random.Random, walk: Walk, *, outcome: str) -> dt.datetime | None:
    """When the citizen replies to the current answer; None when they never do."""
    assert walk.answered_at is not None
    # "reopened_unconfirmed" replies once (to reopen it), then no more.
    if outcome == "unconfirmed" or (outcome == "reopened_unconfirmed" and walk.reopen_count):
        return None
    return later(rng, walk.answered_at, working_days=rng.randint(0, 7))


def _rate(rng: random.Random, walk: Walk, *, solved: bool) -> None:
    if solved:
        if rng.random() < 0.85:
            walk.satisfaction = rng.choice((5, 5, 4, 4, 4, 3))
    elif rng.random() < 0.8:
        walk.satisfaction = rng.choice((1, 2, 2, 3, 3))


def finish(rng: random.Random, walk: Walk, *, outcome: str) -> None:
    """The citizen's side, from the first answer to closing, cut at ``AS_OF``."""
    if walk.answered_at is None:
        return
    while True:
        replied = _reply(rng, walk, outcome=outcome)
        if replied is None:
            # Nobody replied: the daily scan closes it the morning after the follow-up window.
            window = follow_up_due_on(answered_at=walk.answered_at)
            closing = dt.datetime.combine(window + dt.timedelta(days=1), dt.time(6, 0))
            if closing <= AS_OF:
                walk.status, walk.closed_at = "unconfirmed", closing
            return
        if replied > AS_OF:
            return
        if outcome in REOPENING_OUTCOMES and walk.reopen_count == 0:
            _reopen(rng, walk, at=replied)
            if walk.status != "answered":
                return
            continue
        solved = outcome in SOLVED_OUTCOMES
        walk.status = "confirmed" if solved else "closed"
        walk.resolved = solved
        walk.closed_at = replied
        _rate(rng, walk, solved=solved)
        if walk.satisfaction is not None and walk.satisfaction <= 2 and rng.random() < 0.35:
            _contest(rng, walk)
        return


def _reopen(rng: random.Random, walk: Walk, *, at: dt.datetime) -> None:
    walk.status = "reopened"
    walk.reopen_count += 1
    if rng.random() < 0.4:
        walk.satisfaction = rng.choice((1, 2, 2, 3))  # rated at once, before the new answer
    walk.answer_due_on = reopened_answer_due_on(reopened_at=at, category=walk.subject.category)
    stalls = walk.subject.solvable < 0.3
    answered = _answer_time(rng, start=at, stalls=stalls)
    # The earlier answer stays on the record until the department answers again.
    walk.levels.append(
        _LEVELS.index(
            overdue_level(
                accept_due_on=walk.accept_due_on,
                answer_due_on=walk.answer_due_on,
                accepted_at=walk.accepted_at,
                answered_at=None,
                today=min(answered, AS_OF),
            )
        )
    )
    if answered <= AS_OF:
        walk.answered_at = answered
        walk.status = "answered"


def _contest(rng: random.Random, walk: Walk) -> None:
    """The department contests a low rating as about a demand it could not meet; the talent
    office decides within a few weeks."""
    assert walk.closed_at is not None
    decided = walk.closed_at + dt.timedelta(days=rng.randint(5, 40))
    if decided > AS_OF:
        walk.rating_contest = "pending"
    else:
        walk.rating_contest = "upheld" if rng.random() < 0.4 else "rejected"
