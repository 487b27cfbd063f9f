"""Read the dialogue desk: who sees which inquiries, queues, one inquiry's page, the rates."""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa
from django.db.models import Count, Q, QuerySet

from luodi.contract import TABLES, arrow_schema
from luodi.contract import choices as ch
from luodi.platform.accounts.inquiry_access import (
    may_handle_inquiry,
    may_see_contact,
    may_see_inquiry,
    may_submitter_act,
)
from luodi.platform.accounts.roles import Action, Role, role_of
from luodi.platform.common import LabelledCount, choice_label
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.citizen import RATABLE_STATUSES
from luodi.platform.dialogue.models import (
    Inquiry,
    InquiryAttachment,
    InquiryContact,
    InquiryEvent,
)
from luodi.platform.dialogue.oversight import CONTESTABLE_MAX
from luodi.platform.dialogue.support import OPEN_STATUSES, token_hash

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from luodi.dialogue.rates import DialogueRates
    from luodi.platform.accounts.models import User

__all__ = [
    "AttachmentInfo",
    "InquiryDetail",
    "dialogue_rates_platform",
    "inquiries_table",
    "inquiry_actions",
    "inquiry_attachment",
    "inquiry_detail",
    "inquiry_history",
    "inquiry_list_for",
    "inquiry_status_count_list",
    "overdue_inquiries",
    "triage_queue",
]


@dataclass(frozen=True, kw_only=True)
class AttachmentInfo:
    """An attachment without its bytes: what the inquiry page lists."""

    attachment_id: int
    file_name: str
    content_type: str
    size: int


@dataclass(frozen=True, kw_only=True)
class InquiryDetail:
    """One inquiry as its viewer may see it.

    ``contact`` is None unless the viewer may see the submitter's details (the handling
    department, the talent office, the submitter); ``actions`` names the services the viewer
    may call on it now (e.g. ``"inquiry_answer"``); ``by_token`` is True when the viewer is
    the anonymous submitter holding the tracking token.
    """

    inquiry: Inquiry
    contact: InquiryContact | None
    history: tuple[InquiryEvent, ...]
    attachments: tuple[AttachmentInfo, ...]
    actions: frozenset[str]
    by_token: bool


def inquiry_status_count_list() -> list[LabelledCount]:
    """Inquiries per status, every status listed (zero when none)."""
    rows = Inquiry.objects.values("status").annotate(n=Count("inquiry_id")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [
        LabelledCount(
            value=choice.value,
            label=choice_label(ch.INQUIRY_STATUSES, choice.value),
            count=counts.get(choice.value, 0),
        )
        for choice in ch.INQUIRY_STATUSES
    ]


def inquiry_list_for(user: User | AnonymousUser) -> QuerySet[Inquiry]:
    """The inquiries ``user`` may see, newest first.

    A talent or employer: their own (submitted from the account or for their record); an
    officer: those routed to their department now; the talent office: all; the leadership
    group: those escalated to it; anyone else: none. The same rules as ``may_see_inquiry``.
    """
    inquiries = Inquiry.objects.select_related("department").order_by(
        "-submitted_at", "-inquiry_id"
    )
    role = role_of(user)
    pk = getattr(user, "pk", None)
    if role is Role.TALENT_OFFICE:
        return inquiries
    if role is Role.LEADERSHIP:
        return inquiries.filter(escalation_level="leadership")
    if role is Role.OFFICER:
        department_id = getattr(user, "department_id", None)
        return inquiries.filter(department_id=department_id) if department_id else inquiries.none()
    own = Q(contact__submitted_by_id=pk)
    if role is Role.TALENT:
        person_id = getattr(user, "person_id", None)
        return inquiries.filter(own | Q(person_id=person_id) if person_id else own)
    if role is Role.EMPLOYER:
        employer_id = getattr(user, "employer_id", None)
        return inquiries.filter(own | Q(employer_id=employer_id) if employer_id else own)
    return inquiries.none()


def triage_queue() -> QuerySet[Inquiry]:
    """Inquiries waiting for the talent office to route them, oldest first."""
    return (
        Inquiry.objects.filter(status="submitted")
        .select_related("department")
        .order_by("submitted_at", "inquiry_id")
    )


def overdue_inquiries(level: str | None = None) -> QuerySet[Inquiry]:
    """Open inquiries escalated as late: at ``level`` ("talent_office" or "leadership"), or
    at either level when None; the earliest answer deadline first."""
    escalated = Inquiry.objects.filter(status__in=OPEN_STATUSES, escalation_level__isnull=False)
    if level is not None:
        escalated = escalated.filter(escalation_level=level)
    return escalated.select_related("department").order_by("answer_due_on", "inquiry_id")


def inquiry_history(*, inquiry_id: str) -> list[InquiryEvent]:
    """The inquiry's history in the order it happened."""
    return list(
        InquiryEvent.objects.filter(inquiry_id=inquiry_id)
        .select_related("department")
        .order_by("at", "id")
    )


def _token_matches(inquiry: Inquiry, token: str | None) -> bool:
    if not token:
        return False
    stored = (
        InquiryContact.objects.filter(inquiry=inquiry).values_list("token_hash", flat=True).first()
    )
    return bool(stored) and hmac.compare_digest(str(stored), token_hash(token))


def inquiry_actions(
    user: User | AnonymousUser, inquiry: Inquiry, *, submitter: bool
) -> frozenset[str]:
    """The services ``user`` (the submitter when ``submitter``) may call on ``inquiry`` now."""
    actions: set[str] = set()
    status = inquiry.status
    if submitter:
        if status == "answered":
            actions.add("inquiry_confirm")
        if status in ("answered", "reopened"):
            actions.add("inquiry_close")
        if status in RATABLE_STATUSES and inquiry.rating_contest is None:
            actions.add("inquiry_rate")

    def may(action: Action) -> bool:
        return may_handle_inquiry(user, inquiry, action)

    if status == "routed" and may(Action.INQUIRY_ACCEPT):
        actions.add("inquiry_accept")
    if status in ("accepted", "reopened") and may(Action.INQUIRY_ANSWER):
        actions.add("inquiry_answer")
    if status in OPEN_STATUSES and may(Action.INQUIRY_REROUTE):
        actions.add("inquiry_reroute")
    if status == "submitted" and may(Action.INQUIRY_TRIAGE):
        actions.add("inquiry_triage")
    low = inquiry.satisfaction is not None and inquiry.satisfaction <= CONTESTABLE_MAX
    if low and inquiry.rating_contest is None and may(Action.RATING_CONTEST):
        actions.add("rating_contest")
    if inquiry.rating_contest == "pending" and may(Action.RATING_CONTEST_DECIDE):
        actions.add("rating_contest_decide")
    if status in OPEN_STATUSES and may(Action.INQUIRY_URGE):
        actions.add("inquiry_urge")
    leadership = inquiry.escalation_level == "leadership"
    if leadership and status in OPEN_STATUSES and may(Action.INQUIRY_INSTRUCT):
        actions.add("inquiry_instruct")
    return frozenset(actions)


def _visible(
    inquiry_id: str, user: User | AnonymousUser, token: str | None
) -> tuple[Inquiry, bool, bool]:
    """The inquiry, whether ``user`` is its submitter, and whether by token; else refused."""
    inquiry = (
        Inquiry.objects.select_related(
            "department", "first_department", "named_department", "clause"
        )
        .filter(inquiry_id=inquiry_id)
        .first()
    )
    if inquiry is None:
        raise e.DialogueNotFound(e.INQUIRY_NOT_FOUND, inquiry_id=inquiry_id)
    by_token = _token_matches(inquiry, token)
    submitter = by_token or may_submitter_act(user, inquiry)
    if submitter or may_see_inquiry(user, inquiry):
        return inquiry, submitter, by_token
    if token:
        raise e.DialoguePermissionError(e.TOKEN_WRONG, inquiry_id=inquiry_id)
    # Same answer as for an id that does not exist: a guessed id tells nothing.
    raise e.DialogueNotFound(e.INQUIRY_NOT_FOUND, inquiry_id=inquiry_id)


def inquiry_detail(
    *, inquiry_id: str, user: User | AnonymousUser, token: str | None = None
) -> InquiryDetail:
    """One inquiry for its page: the row, the contact if allowed, history, attachments, and
    what the viewer may do. ``token`` is the anonymous submitter's tracking token.

    Raises ``DialogueNotFound`` when it does not exist or the viewer may not see it, and
    ``DialoguePermissionError`` for a wrong token.
    """
    inquiry, submitter, by_token = _visible(inquiry_id, user, token)
    contact = None
    if submitter or may_see_contact(user, inquiry):
        contact = (
            InquiryContact.objects.select_related("case", "submitted_by")
            .filter(inquiry=inquiry)
            .first()
        )
    attachments = tuple(
        AttachmentInfo(
            attachment_id=row["id"],
            file_name=row["file_name"],
            content_type=row["content_type"],
            size=row["size"],
        )
        for row in InquiryAttachment.objects.filter(inquiry=inquiry)
        .order_by("id")
        .values("id", "file_name", "content_type", "size")
    )
    return InquiryDetail(
        inquiry=inquiry,
        contact=contact,
        history=tuple(inquiry_history(inquiry_id=inquiry_id)),
        attachments=attachments,
        actions=inquiry_actions(user, inquiry, submitter=submitter),
        by_token=by_token,
    )


def inquiry_attachment(
    *,
    inquiry_id: str,
    attachment_id: int,
    user: User | AnonymousUser,
    token: str | None = None,
) -> InquiryAttachment:
    """One attachment with its bytes, for whoever may see the inquiry (same rules as
    ``inquiry_detail``); ``DialogueNotFound`` when it is not the inquiry's."""
    inquiry, _, _ = _visible(inquiry_id, user, token)
    attachment = InquiryAttachment.objects.filter(pk=attachment_id, inquiry=inquiry).first()
    if attachment is None:
        raise e.DialogueNotFound(e.INQUIRY_NOT_FOUND, inquiry_id=inquiry_id)
    return attachment


def inquiries_table() -> pa.Table:
    """The platform's inquiries as the contract table, without the personal text column."""
    from luodi.platform.datasets.selectors import table_rows_iter

    table = TABLES["inquiries"]
    schema = arrow_schema(table)
    rows = list(table_rows_iter(name="inquiries", personal=False))
    columns = [pa.array([row[i] for row in rows], type=f.type) for i, f in enumerate(schema)]
    return pa.Table.from_arrays(columns, schema=schema)


def dialogue_rates_platform(
    *,
    period: str | None = None,
    by: tuple[str, ...] = ("department_id",),
    today: dt.date | None = None,
) -> DialogueRates:
    """The desk's rates over the platform's inquiries, computed by the core
    ``luodi.dialogue.rates.dialogue_rates``: the same code as ``luodi dialogue rates``."""
    from luodi.dialogue.rates import dialogue_rates

    return dialogue_rates(inquiries=inquiries_table(), by=by, period=period, today=today)
