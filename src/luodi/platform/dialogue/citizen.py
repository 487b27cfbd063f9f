"""The submitter's part: confirm solved or not, close, and rate satisfaction.

An inquiry counts as solved only on its submitter's confirmation (Beijing's 接诉即办 follow-up
and FixMyStreet's "has it been fixed?"). The submitter acts logged in, or anonymously with the
tracking token given at submission.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from luodi.contract import choices as ch
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.dialogue.support import (
    check_status,
    check_submitter,
    event_record,
    inquiry_lock,
    label_lazy,
    now,
)

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User

__all__ = [
    "RATABLE_STATUSES",
    "inquiry_close",
    "inquiry_confirm",
    "inquiry_rate",
    "satisfaction_checked",
]

# A rating needs an answer to rate.
RATABLE_STATUSES = ("answered", "confirmed", "closed", "unconfirmed", "reopened")


def satisfaction_checked(value: object) -> int:
    """``value`` as a rating 1–5; ``InquiryInvalid`` otherwise (a bool is not a rating)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise e.InquiryInvalid(e.RATING_OUT_OF_RANGE, value=str(value)[:20])
    return value


def _rating_open(inquiry: Inquiry) -> None:
    if inquiry.rating_contest is not None:
        raise e.InquiryStateError(
            e.RATING_CONTESTED,
            inquiry_id=inquiry.inquiry_id,
            contest=label_lazy(ch.RATING_CONTESTS, inquiry.rating_contest),
        )


def _rated(
    inquiry: Inquiry, *, satisfaction: int, comment: str, by: User | None, at: dt.datetime
) -> None:
    inquiry.satisfaction = satisfaction
    inquiry.save(update_fields=["satisfaction"])
    note = f"满意度{satisfaction}分" + (f"：{comment}" if comment else "")
    event_record(inquiry, action="rated", at=at, by=by, note=note)


@transaction.atomic
def inquiry_confirm(
    *,
    inquiry_id: str,
    by: User | None,
    token: str | None,
    solved: bool,
    satisfaction: int | None,
    comment: str = "",
) -> Inquiry:
    """The submitter says whether the answer solved the problem, optionally rating it.

    Solved: confirmed, resolved, closed now. Not solved: reopened, back to the same
    department with a fresh answer deadline (the category's working days from now), and the
    reopen count goes up.
    """
    rating = satisfaction_checked(satisfaction) if satisfaction is not None else None
    comment = comment.strip()
    inquiry = inquiry_lock(inquiry_id)
    check_submitter(inquiry, by=by, token=token, name="confirm")
    check_status(inquiry, ("answered",), "confirm")
    if rating is not None:
        _rating_open(inquiry)
    at = now()
    if solved:
        inquiry.status = "confirmed"
        inquiry.resolved = True
        inquiry.closed_at = at
        inquiry.save(update_fields=["status", "resolved", "closed_at"])
        event_record(inquiry, action="confirmed", at=at, by=by, note=comment)
    else:
        from luodi.dialogue.deadlines import reopened_answer_due_on

        inquiry.status = "reopened"
        inquiry.resolved = None
        inquiry.reopen_count = (inquiry.reopen_count or 0) + 1
        inquiry.answer_due_on = reopened_answer_due_on(reopened_at=at, category=inquiry.category)
        inquiry.save(update_fields=["status", "resolved", "reopen_count", "answer_due_on"])
        due = inquiry.answer_due_on.isoformat() if inquiry.answer_due_on else "—"
        note = f"提交人表示问题未解决，重办，答复期限{due}" + (f"：{comment}" if comment else "")
        event_record(inquiry, action="reopened", at=at, by=by, note=note)
    if rating is not None:
        _rated(inquiry, satisfaction=rating, comment="", by=by, at=at)
    return inquiry


@transaction.atomic
def inquiry_close(*, inquiry_id: str, by: User | None, token: str | None) -> Inquiry:
    """The submitter closes an answered (or reopened) inquiry as not solved (resolved False)."""
    inquiry = inquiry_lock(inquiry_id)
    check_submitter(inquiry, by=by, token=token, name="close")
    check_status(inquiry, ("answered", "reopened"), "close")
    at = now()
    inquiry.status = "closed"
    inquiry.resolved = False
    inquiry.closed_at = at
    inquiry.save(update_fields=["status", "resolved", "closed_at"])
    event_record(inquiry, action="closed", at=at, by=by, note="提交人表示问题未解决，要求办结")
    return inquiry


@transaction.atomic
def inquiry_rate(
    *,
    inquiry_id: str,
    by: User | None,
    token: str | None,
    satisfaction: int,
    comment: str = "",
) -> Inquiry:
    """The submitter rates the answer 1–5; a later rating replaces an earlier one.

    Once the department has contested the rating it is frozen until and after the talent
    office's decision, so the decision is about the rating that was contested.
    """
    rating = satisfaction_checked(satisfaction)
    inquiry = inquiry_lock(inquiry_id)
    check_submitter(inquiry, by=by, token=token, name="rate")
    check_status(inquiry, RATABLE_STATUSES, "rate")
    _rating_open(inquiry)
    _rated(inquiry, satisfaction=rating, comment=comment.strip(), by=by, at=now())
    return inquiry
