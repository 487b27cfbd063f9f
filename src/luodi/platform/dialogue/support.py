"""What the dialogue services share: the row lock, the history record, access and status checks.

Every service that changes an inquiry locks its row first (``inquiry_lock``), so of two officers
answering one inquiry at once the second waits for the first to commit, then reads the status
the first one left and is told who answered it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from luodi.contract import choices as ch
from luodi.contract.schema import Choice
from luodi.platform.accounts.inquiry_access import may_handle_inquiry, may_submitter_act
from luodi.platform.accounts.roles import ACTION_ROLES, Action, Role, role_of
from luodi.platform.common import bilingual
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.models import (
    INQUIRY_ACTIONS,
    Inquiry,
    InquiryContact,
    InquiryEvent,
)
from luodi.platform.registry.models import Department

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from luodi.platform.accounts.models import User

__all__ = [
    "ACTION_NAMES",
    "OPEN_STATUSES",
    "TALENT_OFFICE_KIND",
    "actor_of",
    "check_handle",
    "check_status",
    "check_submitter",
    "contact_of",
    "event_record",
    "inquiry_lock",
    "label_lazy",
    "label_zh",
    "now",
    "talent_office_department",
    "text_required",
    "token_hash",
]

# Statuses in which the inquiry waits for a department (or for triage): what deadlines and
# escalation apply to.
OPEN_STATUSES = ("submitted", "routed", "accepted", "reopened")
TALENT_OFFICE_KIND = "talent_office"

# Inside a sentence ("… cannot %(action)s"), hence their own context.
_IN_SENTENCE = "dialogue action in a sentence"
ACTION_NAMES: dict[str, StrOrPromise] = {
    "accept": pgettext_lazy(_IN_SENTENCE, "受理"),
    "answer": pgettext_lazy(_IN_SENTENCE, "答复"),
    "reroute": pgettext_lazy(_IN_SENTENCE, "改派或退回分拣"),
    "triage": pgettext_lazy(_IN_SENTENCE, "分拣分派"),
    "confirm": pgettext_lazy(_IN_SENTENCE, "确认是否解决"),
    "close": pgettext_lazy(_IN_SENTENCE, "办结"),
    "rate": pgettext_lazy(_IN_SENTENCE, "评价"),
    "contest": pgettext_lazy(_IN_SENTENCE, "对评价提出异议"),
    "contest_decide": pgettext_lazy(_IN_SENTENCE, "裁定评价异议"),
    "urge": pgettext_lazy(_IN_SENTENCE, "督办"),
    "instruct": pgettext_lazy(_IN_SENTENCE, "作出批示"),
}
# Who does each action, for the "not allowed" message.
_HANDLERS: dict[str, StrOrPromise] = {
    "department": bilingual("承办部门的经办人", "an officer of the department it is routed to"),
    Role.TALENT_OFFICE: bilingual("人才办", "the talent office"),
    Role.LEADERSHIP: bilingual("领导小组", "the leadership group"),
}
_EVENT_ROLES = {
    Role.OFFICER: "officer",
    Role.TALENT_OFFICE: "talent_office",
    Role.LEADERSHIP: "leadership",
    Role.TALENT: "submitter",
    Role.EMPLOYER: "submitter",
}


def now(at: dt.datetime | None = None) -> dt.datetime:
    return at or timezone.now()


def label_zh(choices: tuple[Choice, ...], value: str | None) -> str:
    """A choice's Chinese label: history notes are records and stay Chinese."""
    return next((c.zh for c in choices if c.value == value), value or "")


def label_lazy(choices: tuple[Choice, ...], value: str | None) -> StrOrPromise:
    """A choice's label for an error message, in the language active when it is shown."""
    choice = next((c for c in choices if c.value == value), None)
    return (value or "—") if choice is None else bilingual(choice.zh, choice.en)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def inquiry_lock(inquiry_id: str) -> Inquiry:
    """The inquiry row, locked until the transaction ends; ``DialogueNotFound`` if none."""
    # of=self: lock the inquiry only, not the department row read with it.
    inquiry = (
        Inquiry.objects.select_for_update(of=("self",))
        .select_related("department")
        .filter(inquiry_id=inquiry_id)
        .first()
    )
    if inquiry is None:
        raise e.DialogueNotFound(e.INQUIRY_NOT_FOUND, inquiry_id=inquiry_id)
    return inquiry


def contact_of(inquiry: Inquiry) -> InquiryContact | None:
    """The submitter's contact row; None for inquiries loaded from a dataset (no contact)."""
    return InquiryContact.objects.filter(inquiry_id=inquiry.inquiry_id).first()


def actor_of(by: User | None) -> tuple[str, str]:
    """The username and event role recorded for ``by``; anonymous submitters act by token."""
    if by is None or not by.is_authenticated:
        return "", "submitter"
    role = role_of(by)
    return by.get_username(), _EVENT_ROLES.get(role, "system") if role else "system"


def event_record(
    inquiry: Inquiry,
    *,
    action: str,
    at: dt.datetime,
    by: User | None = None,
    role: str | None = None,
    note: str = "",
    department_id: str | None = None,
) -> InquiryEvent:
    """Append one history entry with the inquiry's status after the change it records.

    Call it inside the transaction that made the change: a failure rolls both back.
    ``department_id`` defaults to the department holding the inquiry now.
    """
    username, event_role = actor_of(by)
    return InquiryEvent.objects.create(
        inquiry=inquiry,
        at=at,
        action=action,
        status=inquiry.status,
        department_id=department_id or inquiry.department_id,
        actor=username,
        actor_role=role or event_role,
        note=note,
    )


def _role_text(by: User) -> StrOrPromise:
    role = role_of(by)
    return role.label if role is not None else (getattr(by, "role", "") or "—")


def check_handle(by: User, inquiry: Inquiry, action: Action, name: str) -> None:
    """Refuse unless ``by`` may take ``action`` on ``inquiry`` (decided in inquiry_access)."""
    if may_handle_inquiry(by, inquiry, action):
        return
    roles = ACTION_ROLES[action]
    if Role.OFFICER in roles:
        who = _HANDLERS["department"]
    else:
        who = next((_HANDLERS[r] for r in sorted(roles) if r in _HANDLERS), "—")
    raise e.DialoguePermissionError(
        e.NOT_ALLOWED,
        username=by.get_username(),
        role=_role_text(by),
        inquiry_id=inquiry.inquiry_id,
        action=ACTION_NAMES[name],
        who=who,
    )


def check_submitter(
    inquiry: Inquiry, *, by: User | None, token: str | None, name: str
) -> InquiryContact | None:
    """Refuse unless ``by`` submitted ``inquiry`` or ``token`` is its tracking token.

    The token is compared by its hash in constant time, so neither the stored value nor the
    response time tells anything about the right token.
    """
    contact = contact_of(inquiry)
    if by is not None and by.is_authenticated and may_submitter_act(by, inquiry):
        return contact
    if token:
        stored = contact.token_hash if contact is not None else ""
        if stored and hmac.compare_digest(stored, token_hash(token)):
            return contact
        raise e.DialoguePermissionError(e.TOKEN_WRONG, inquiry_id=inquiry.inquiry_id)
    raise e.DialoguePermissionError(
        e.NOT_SUBMITTER, inquiry_id=inquiry.inquiry_id, action=ACTION_NAMES[name]
    )


def check_status(inquiry: Inquiry, allowed: tuple[str, ...], name: str) -> None:
    """Refuse unless the inquiry's status is one of ``allowed``.

    When someone already moved it on (answered, closed …), the message says who and when,
    from the latest history entry, like the case workflow's "already decided".
    """
    if inquiry.status in allowed:
        return
    status = label_lazy(ch.INQUIRY_STATUSES, inquiry.status)
    last = (
        InquiryEvent.objects.filter(inquiry=inquiry, status=inquiry.status)
        .order_by("-at", "-id")
        .first()
    )
    if last is not None and last.actor:
        done = dict(INQUIRY_ACTIONS).get(last.action, last.action)
        raise e.InquiryStateError(
            e.ALREADY_HANDLED,
            inquiry_id=inquiry.inquiry_id,
            who=last.actor,
            when=last.at.strftime("%Y-%m-%d %H:%M"),
            done=done,
            status=status,
            action=ACTION_NAMES[name],
        )
    raise e.InquiryStateError(
        e.WRONG_STATUS, inquiry_id=inquiry.inquiry_id, status=status, action=ACTION_NAMES[name]
    )


def text_required(value: str, *, message: StrOrPromise, name: str) -> str:
    """``value`` stripped; empty refused with ``message`` (naming the action)."""
    cleaned = value.strip()
    if not cleaned:
        raise e.InquiryInvalid(message, action=ACTION_NAMES[name])
    return cleaned


def talent_office_department() -> Department | None:
    """The district's talent office (the first by id if several): triage and supervision."""
    return Department.objects.filter(kind=TALENT_OFFICE_KIND).order_by("department_id").first()
