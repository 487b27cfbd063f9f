"""The daily scan of the desk: escalate late inquiries, close answers the citizen left unconfirmed.

A late inquiry goes to the talent office at once and to the leadership group when it is more
than ``LEADERSHIP_AFTER_DAYS`` working days late (``luodi.dialogue.deadlines.overdue_level``);
an answer the citizen neither confirms nor disputes within the follow-up window closes as
"unconfirmed", counted apart from solved and not solved. Running it twice on one day changes
nothing the second time: a level is only ever raised, and a closed inquiry is not scanned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Q

from luodi.platform.dialogue.models import Inquiry
from luodi.platform.dialogue.support import OPEN_STATUSES, event_record, inquiry_lock, now

__all__ = ["InquiryScanResult", "inquiry_scan"]

_RANK = {None: 0, "talent_office": 1, "leadership": 2}


@dataclass(frozen=True, kw_only=True)
class InquiryScanResult:
    """What one scan did on ``today``.

    ``overdue``: open inquiries late on ``today``, escalated now or before;
    ``to_talent_office`` / ``to_leadership``: inquiries this scan raised to that level;
    ``unconfirmed``: answered inquiries this scan closed as unconfirmed.
    """

    today: dt.date
    overdue: int
    to_talent_office: int
    to_leadership: int
    unconfirmed: int

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "today": self.today.isoformat()}


def _note(inquiry: Inquiry, level: str) -> str:
    due = [
        f"受理期限{inquiry.accept_due_on.isoformat()}"
        if inquiry.accepted_at is None and inquiry.accept_due_on is not None
        else "",
        f"答复期限{inquiry.answer_due_on.isoformat()}" if inquiry.answer_due_on else "",
    ]
    deadlines = "，".join(part for part in due if part)
    if level == "leadership":
        from luodi.dialogue.deadlines import LEADERSHIP_AFTER_DAYS

        return f"超期超过{LEADERSHIP_AFTER_DAYS}个工作日未办理（{deadlines}），提请领导小组督办"
    return f"超期未办理（{deadlines}），提请人才办督办"


def _escalate(inquiry_id: str, *, today: dt.date, at: dt.datetime) -> str | None:
    """Raise one inquiry's escalation level under its row lock; the level reached or None."""
    from luodi.dialogue.deadlines import overdue_level

    inquiry = inquiry_lock(inquiry_id)
    if inquiry.status not in OPEN_STATUSES:  # answered or closed since the query ran
        return None
    level = overdue_level(
        accept_due_on=inquiry.accept_due_on,
        answer_due_on=inquiry.answer_due_on,
        accepted_at=inquiry.accepted_at,
        # A reopened inquiry waits for a new answer: its earlier one does not meet the
        # new deadline.
        answered_at=None,
        today=today,
    )
    if level is None:
        return None
    if _RANK[level] > _RANK[inquiry.escalation_level]:
        inquiry.escalation_level = level
        inquiry.save(update_fields=["escalation_level"])
        event_record(inquiry, action="escalated", at=at, role="system", note=_note(inquiry, level))
        return level
    return "flagged"


def _unconfirmed(inquiry_id: str, *, today: dt.date, at: dt.datetime) -> bool:
    from luodi.dialogue.deadlines import follow_up_due_on

    inquiry = inquiry_lock(inquiry_id)
    if inquiry.status != "answered" or inquiry.answered_at is None:
        return False
    if today <= follow_up_due_on(answered_at=inquiry.answered_at):
        return False
    inquiry.status = "unconfirmed"
    inquiry.resolved = None
    inquiry.closed_at = at
    inquiry.save(update_fields=["status", "resolved", "closed_at"])
    event_record(
        inquiry,
        action="unconfirmed",
        at=at,
        role="system",
        note="答复后提交人在回访期限内未确认，按“未确认”办结",
    )
    return True


@transaction.atomic
def inquiry_scan(*, today: dt.date | None = None) -> InquiryScanResult:
    """Escalate late open inquiries and close answered ones past the follow-up window.

    Run it once a working day (``luodi dialogue scan``). ``today`` scans as of another day;
    its history entries are then stamped at the start of that day.
    """
    started = now()
    today = today or started.date()
    at = started if today == started.date() else dt.datetime.combine(today, dt.time())
    late = (
        Inquiry.objects.filter(status__in=OPEN_STATUSES)
        .filter(Q(answer_due_on__lt=today) | Q(accepted_at__isnull=True, accept_due_on__lt=today))
        .order_by("submitted_at", "inquiry_id")
        .values_list("inquiry_id", flat=True)
    )
    overdue = to_office = to_leadership = 0
    for inquiry_id in list(late):
        reached = _escalate(inquiry_id, today=today, at=at)
        overdue += reached is not None
        to_office += reached == "talent_office"
        to_leadership += reached == "leadership"
    answered = (
        Inquiry.objects.filter(
            status="answered", answered_at__lt=dt.datetime.combine(today, dt.time())
        )
        .order_by("answered_at", "inquiry_id")
        .values_list("inquiry_id", flat=True)
    )
    closed = sum(_unconfirmed(inquiry_id, today=today, at=at) for inquiry_id in list(answered))
    return InquiryScanResult(
        today=today,
        overdue=overdue,
        to_talent_office=to_office,
        to_leadership=to_leadership,
        unconfirmed=closed,
    )
