"""Oversight of inquiries: rating contests, the talent office's urging, the leadership's
instructions.

Satisfaction alone rewards giving in to unreasonable demands (唯满意率): a department may
contest a low rating, and the talent office decides; an upheld contest takes the rating out of
the satisfaction rate, and both the contest and the decision stay in the history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from luodi.contract import choices as ch
from luodi.platform.accounts.roles import Action
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.lifecycle import department_checked, send_to
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.dialogue.support import (
    OPEN_STATUSES,
    check_handle,
    check_status,
    event_record,
    inquiry_lock,
    label_lazy,
    now,
    text_required,
)

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User

__all__ = [
    "CONTESTABLE_MAX",
    "inquiry_instruct",
    "inquiry_urge",
    "rating_contest",
    "rating_contest_decide",
]

# Ratings a department may contest: the low ones an unreasonable demand produces.
CONTESTABLE_MAX = 2


@transaction.atomic
def rating_contest(*, inquiry_id: str, by: User, reason: str) -> Inquiry:
    """The department contests a rating of 1 or 2 as about an unreasonable demand.

    The rating is then pending the talent office's decision and cannot be changed.
    """
    reason = text_required(reason, message=e.REASON_REQUIRED, name="contest")
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.RATING_CONTEST, "contest")
    if inquiry.satisfaction is None or inquiry.satisfaction > CONTESTABLE_MAX:
        raise e.InquiryStateError(
            e.CONTEST_NOT_ALLOWED,
            inquiry_id=inquiry_id,
            satisfaction=inquiry.satisfaction if inquiry.satisfaction is not None else "—",
        )
    if inquiry.rating_contest is not None:
        raise e.InquiryStateError(
            e.RATING_CONTESTED,
            inquiry_id=inquiry_id,
            contest=label_lazy(ch.RATING_CONTESTS, inquiry.rating_contest),
        )
    at = now()
    inquiry.rating_contest = "pending"
    inquiry.save(update_fields=["rating_contest"])
    event_record(
        inquiry,
        action="contested",
        at=at,
        by=by,
        note=f"对满意度{inquiry.satisfaction}分提出异议：{reason}",
    )
    return inquiry


@transaction.atomic
def rating_contest_decide(*, inquiry_id: str, by: User, upheld: bool, note: str) -> Inquiry:
    """The talent office decides a pending contest: upheld (the rating is not counted in the
    satisfaction rate) or rejected (it counts). The reasoning is required and recorded."""
    note = text_required(note, message=e.NOTE_REQUIRED, name="contest_decide")
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.RATING_CONTEST_DECIDE, "contest_decide")
    if inquiry.rating_contest != "pending":
        raise e.InquiryStateError(
            e.CONTEST_NOT_PENDING,
            inquiry_id=inquiry_id,
            contest=label_lazy(ch.RATING_CONTESTS, inquiry.rating_contest),
        )
    at = now()
    inquiry.rating_contest = "upheld" if upheld else "rejected"
    inquiry.save(update_fields=["rating_contest"])
    outcome = "异议成立，该评价不计入满意率" if upheld else "异议不成立，该评价计入满意率"
    event_record(inquiry, action="contest_decided", at=at, by=by, note=f"{outcome}：{note}")
    return inquiry


@transaction.atomic
def inquiry_urge(*, inquiry_id: str, by: User, note: str) -> Inquiry:
    """The talent office urges the department on an inquiry still waiting (督办)."""
    note = text_required(note, message=e.NOTE_REQUIRED, name="urge")
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.INQUIRY_URGE, "urge")
    check_status(inquiry, OPEN_STATUSES, "urge")
    event_record(inquiry, action="urged", at=now(), by=by, note=note)
    return inquiry


@transaction.atomic
def inquiry_instruct(*, inquiry_id: str, by: User, department_id: str | None, note: str) -> Inquiry:
    """The leadership group instructs on an inquiry escalated to it (领导批示).

    With ``department_id`` the inquiry is handed to that department (routed, to be accepted
    there); without, the instruction goes to the department holding it.
    """
    note = text_required(note, message=e.NOTE_REQUIRED, name="instruct")
    inquiry = inquiry_lock(inquiry_id)
    check_handle(by, inquiry, Action.INQUIRY_INSTRUCT, "instruct")
    if inquiry.escalation_level != "leadership":
        raise e.InquiryStateError(e.NOT_ESCALATED_TO_LEADERSHIP, inquiry_id=inquiry_id)
    check_status(inquiry, OPEN_STATUSES, "instruct")
    at = now()
    text = f"领导小组批示：{note}"
    if department_id is not None:
        department = department_checked(department_id)
        send_to(inquiry, department, at=at)
        text = f"{text}；改由{department.name}办理"
    event_record(inquiry, action="instructed", at=at, by=by, note=text)
    return inquiry
