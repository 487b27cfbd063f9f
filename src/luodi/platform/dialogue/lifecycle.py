"""The department's part of an inquiry's life: triage, re-route, accept, answer.

Each service locks the inquiry row, checks who may act (``inquiry_access``) and whether the
status allows it, changes the row and appends the history entry, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from luodi.platform.accounts.roles import Action, Role, role_of
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.dialogue.support import (
    check_handle,
    check_status,
    event_record,
    inquiry_lock,
    now,
    talent_office_department,
    text_required,
)
from luodi.platform.registry.models import Department

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User

__all__ = [
    "department_checked",
    "inquiry_accept",
    "inquiry_answer",
    "inquiry_reroute",
    "inquiry_triage",
    "send_to",
]

# What a department may send back or the talent office may re-route: not yet answered.
_REROUTABLE = ("submitted", "routed", "accepted", "reopened")


def department_checked(department_id: str) -> Department:
    """The department row; ``InquiryInvalid`` naming the id when there is none."""
    department = Department.objects.filter(pk=department_id).first()
    if department is None:
        raise e.InquiryInvalid(e.DEPARTMENT_UNKNOWN, department_id=department_id[:100])
    return department


def send_to(inquiry: Inquiry, department: Department, *, at: dt.datetime) -> None:
    """Hand ``inquiry`` to ``department``: routed there now, waiting for it to accept.

    The deadlines keep running from submission: the citizen waits however often it moves,
    and a misrouted inquiry shows as late in the rates, where it belongs.
    """
    inquiry.department = department
    if inquiry.first_department_id is None:
        inquiry.first_department = department
    inquiry.status = "routed"
    # The contract's routed_at is the first routing: the response rate counts from it.
    if inquiry.routed_at is None:
        inquiry.routed_at = at
    inquiry.accepted_at = None
    inquiry.save(
        update_fields=["department", "first_department", "status", "routed_at", "accepted_at"]
    )


@transaction.atomic
def inquiry_triage(*, inquiry_id: str, by: User, department_id: str, note: str = "") -> Inquiry:
    """The talent office routes an inquiry waiting in its triage queue to a department.

    The first department it is routed to is kept (``first_department``) for the
    first-routing accuracy; the talent office may route it to itself when it is its business.
    """
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.INQUIRY_TRIAGE, "triage")
    check_status(inquiry, ("submitted",), "triage")
    department = department_checked(department_id)
    at = now()
    send_to(inquiry, department, at=at)
    text = f"人才办分拣，分派至{department.name}"
    event_record(
        inquiry, action="routed", at=at, by=by, note=f"{text}：{note.strip()}" if note else text
    )
    return inquiry


@transaction.atomic
def inquiry_reroute(
    *, inquiry_id: str, by: User, department_id: str | None, reason: str
) -> Inquiry:
    """Move an unanswered inquiry: back to triage (``department_id`` None) or to a department.

    The department holding it may only send it back to the talent office's triage queue; the
    talent office may also route it to another department directly. A reason is required and
    recorded, so every re-route can be reviewed and first-routing accuracy measured.
    """
    reason = text_required(reason, message=e.REASON_REQUIRED, name="reroute")
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.INQUIRY_REROUTE, "reroute")
    if role_of(by) is Role.OFFICER and department_id is not None:
        raise e.DialoguePermissionError(e.OFFICER_REROUTE_TO_TRIAGE)
    check_status(inquiry, _REROUTABLE, "reroute")
    at = now()
    previous = inquiry.department.name if inquiry.department is not None else "—"
    if department_id is None:
        office = talent_office_department()
        inquiry.department = office
        inquiry.status = "submitted"
        inquiry.accepted_at = None
        inquiry.save(update_fields=["department", "status", "accepted_at"])
        where = "退回人才办重新分拣"
    else:
        department = department_checked(department_id)
        send_to(inquiry, department, at=at)
        where = f"改派至{department.name}"
    event_record(
        inquiry, action="rerouted", at=at, by=by, note=f"{previous}{where}；理由：{reason}"
    )
    return inquiry


@transaction.atomic
def inquiry_accept(*, inquiry_id: str, by: User) -> Inquiry:
    """An officer of the department it is routed to acknowledges the inquiry (受理)."""
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.INQUIRY_ACCEPT, "accept")
    check_status(inquiry, ("routed",), "accept")
    at = now()
    inquiry.status = "accepted"
    inquiry.accepted_at = at
    inquiry.save(update_fields=["status", "accepted_at"])
    event_record(inquiry, action="accepted", at=at, by=by)
    return inquiry


@transaction.atomic
def inquiry_answer(*, inquiry_id: str, by: User, answer: str) -> Inquiry:
    """The department answers an accepted (or reopened) inquiry; the answer is in the history.

    The citizen then confirms whether it is solved; until they do, or the follow-up window
    ends, it is not counted as solved.
    """
    answer = answer.strip()
    if not answer:
        raise e.InquiryInvalid(e.ANSWER_REQUIRED)
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.INQUIRY_ANSWER, "answer")
    check_status(inquiry, ("accepted", "reopened"), "answer")
    at = now()
    inquiry.status = "answered"
    inquiry.answered_at = at
    inquiry.save(update_fields=["status", "answered_at"])
    event_record(inquiry, action="answered", at=at, by=by, note=answer)
    return inquiry
