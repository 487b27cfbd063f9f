"""Submit an inquiry: check everything first, store nothing on bad input, then route it at once.

A talent, an employer or an anonymous visitor with a phone number submits; the contact details
go to their own table, the deadlines are counted on the working-day calendar, and the inquiry
is routed before the service returns. An anonymous submitter gets a secret token once (only
its hash is kept) to follow, confirm and rate the inquiry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from luodi.contract import choices as ch
from luodi.contract.schema import Choice
from luodi.platform.accounts.roles import Role, role_of
from luodi.platform.cases.models import Case
from luodi.platform.common import bilingual
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.models import Inquiry, InquiryAttachment, InquiryContact
from luodi.platform.dialogue.routing_service import inquiry_route
from luodi.platform.dialogue.support import event_record, now, token_hash
from luodi.platform.policies.models import Clause
from luodi.platform.registry.models import Department

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from luodi.platform.accounts.models import User

__all__ = [
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_MAX_COUNT",
    "ATTACHMENT_TYPES",
    "SUBMIT_RATE_LIMIT",
    "SUBMIT_RATE_WINDOW_SECONDS",
    "TEXT_MAX_CHARS",
    "AttachmentUpload",
    "SubmittedInquiry",
    "attachment_type",
    "inquiry_submit",
]

TEXT_MAX_CHARS = 2000
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_MAX_COUNT = 5
# Checked by the file's first bytes, never by its name or the browser's content type.
ATTACHMENT_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
# Anonymous submissions per client key (the view passes the IP) and window; settings
# LUODI_INQUIRY_SUBMIT_RATE = (count, seconds) overrides them.
SUBMIT_RATE_LIMIT = 5
SUBMIT_RATE_WINDOW_SECONDS = 3600
_NAME_MAX = 64
_CRITERION_MAX = 200
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,22}$")
# Line breaks and tabs are text; every other control character, a lone surrogate, a private-use
# character or the replacement character (what undecodable bytes become) means binary content.
_TEXT_CONTROLS = frozenset("\n\r\t")
_BINARY_CATEGORIES = frozenset({"Cc", "Cs", "Co"})


@dataclass(frozen=True, kw_only=True)
class AttachmentUpload:
    """A file to attach: its name as uploaded and its bytes (the view checks size first)."""

    name: str
    content: bytes


@dataclass(frozen=True, kw_only=True)
class SubmittedInquiry:
    """The stored inquiry and, for an anonymous submitter, the tracking token (shown once)."""

    inquiry: Inquiry
    token: str | None


def _binary_at(value: str) -> int | None:
    for index, char in enumerate(value):
        if char in _TEXT_CONTROLS:
            continue
        if char == "\ufffd" or unicodedata.category(char) in _BINARY_CATEGORIES:
            return index + 1
    return None


def _text_checked(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise e.InquiryInvalid(e.TEXT_EMPTY)
    position = _binary_at(cleaned)
    if position is not None:
        raise e.InquiryInvalid(e.TEXT_BINARY, position=position)
    if len(cleaned) > TEXT_MAX_CHARS:
        raise e.InquiryInvalid(e.TEXT_TOO_LONG, length=len(cleaned), limit=TEXT_MAX_CHARS)
    return cleaned


def _field_checked(value: str, *, field: StrOrPromise, limit: int) -> str:
    cleaned = value.strip()
    if _binary_at(cleaned) is not None:
        raise e.InquiryInvalid(e.FIELD_BINARY, field=field)
    if len(cleaned) > limit:
        raise e.InquiryInvalid(e.FIELD_TOO_LONG, field=field, limit=limit)
    return cleaned


def _choice_checked(value: str, choices: tuple[Choice, ...]) -> bool:
    return any(choice.value == value for choice in choices)


def _phone_checked(phone: str, *, required: bool) -> str:
    cleaned = phone.strip()
    if not cleaned:
        if required:
            raise e.InquiryInvalid(e.CONTACT_PHONE_REQUIRED)
        return ""
    digits = sum(char.isdigit() for char in cleaned)
    if not _PHONE.match(cleaned) or not 7 <= digits <= 15:
        # The number itself is not repeated back in full: it may be someone's real number.
        raise e.InquiryInvalid(e.CONTACT_PHONE_INVALID, phone=cleaned[:24])
    return cleaned


def _email_checked(email: str) -> str:
    cleaned = email.strip()
    if not cleaned:
        return ""
    try:
        validate_email(cleaned)
    except ValidationError:
        raise e.InquiryInvalid(e.EMAIL_INVALID, email=cleaned[:100]) from None
    return cleaned


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def attachment_type(content: bytes) -> str | None:
    """The content type by the file's magic bytes (PDF, PNG, JPEG); None for anything else."""
    return next((kind for magic, kind in ATTACHMENT_TYPES if content.startswith(magic)), None)


def _attachments_checked(
    attachments: Sequence[AttachmentUpload],
) -> list[tuple[AttachmentUpload, str]]:
    if len(attachments) > ATTACHMENT_MAX_COUNT:
        raise e.AttachmentRejected(
            e.ATTACHMENT_TOO_MANY, limit=ATTACHMENT_MAX_COUNT, count=len(attachments)
        )
    checked = []
    for upload in attachments:
        name = (upload.name or "—").strip()[:200]
        size = len(upload.content)
        if size == 0:
            raise e.AttachmentRejected(e.ATTACHMENT_EMPTY, name=name)
        if size > ATTACHMENT_MAX_BYTES:
            raise e.AttachmentRejected(
                e.ATTACHMENT_TOO_BIG,
                name=name,
                size=_size_text(size),
                limit=_size_text(ATTACHMENT_MAX_BYTES),
            )
        kind = attachment_type(upload.content)
        if kind is None:
            raise e.AttachmentRejected(e.ATTACHMENT_TYPE, name=name)
        checked.append((upload, kind))
    return checked


def _rate_limit() -> tuple[int, int]:
    configured = getattr(settings, "LUODI_INQUIRY_SUBMIT_RATE", None)
    if configured is None:
        return SUBMIT_RATE_LIMIT, SUBMIT_RATE_WINDOW_SECONDS
    count, seconds = configured
    return int(count), int(seconds)


def _rate_key(client_key: str) -> str:
    # Hashed: the cache never holds a visitor's IP address in clear.
    digest = hashlib.sha256(client_key.encode("utf-8")).hexdigest()[:32]
    return f"luodi:dialogue:submit:{digest}"


def _rate_check(client_key: str | None) -> str | None:
    if client_key is None:
        return None
    limit, seconds = _rate_limit()
    key = _rate_key(client_key)
    if int(cache.get(key, 0)) >= limit:
        raise e.SubmissionRateLimited(e.RATE_LIMITED, minutes=seconds // 60, limit=limit)
    return key


def _rate_count(key: str | None) -> None:
    if key is None:
        return
    _, seconds = _rate_limit()
    # add() starts the window; incr() keeps it (the window runs from the first submission).
    if not cache.add(key, 1, timeout=seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds)


def _subject(by: User | None) -> tuple[str | None, str | None]:
    role = role_of(by) if by is not None else None
    if by is not None and role is Role.TALENT:
        return by.person_id, None
    if by is not None and role is Role.EMPLOYER:
        return None, by.employer_id
    return None, None


def _case_checked(case_id: str, *, by: User | None) -> Case:
    person_id, employer_id = _subject(by)
    case = Case.objects.filter(case_id=case_id).first()
    own = case is not None and (
        (person_id is not None and case.person_id == person_id)
        or (employer_id is not None and case.employer_id == employer_id)
    )
    if case is None or not own:
        # One message for "not yours" and "no such case": a guessed id tells nothing.
        raise e.DialoguePermissionError(e.CASE_NOT_OWN, case_id=case_id)
    return case


def _new_inquiry_id(at: dt.datetime) -> str:
    while True:
        candidate = f"Q-{at:%Y%m%d}-{secrets.token_hex(4).upper()}"
        if not Inquiry.objects.filter(inquiry_id=candidate).exists():
            return candidate


@transaction.atomic
def inquiry_submit(
    *,
    text: str,
    kind: str,
    category: str | None,
    channel: str = "web",
    by: User | None,
    name: str = "",
    phone: str = "",
    email: str = "",
    clause_id: str | None = None,
    case_id: str | None = None,
    criterion: str = "",
    named_department_id: str | None = None,
    attachments: Sequence[AttachmentUpload] = (),
    at: dt.datetime | None = None,
    client_key: str | None = None,
) -> SubmittedInquiry:
    """Store an inquiry with its contact and attachments, count its deadlines, and route it.

    ``by`` is the logged-in account, or None for an anonymous visitor, who must leave a phone
    number and is limited per ``client_key`` (the view passes the client's IP). Every input is
    checked before anything is written: on any error nothing is stored. A linked case must be
    the submitter's own; it also links the case's clause when ``clause_id`` is not given.
    Returns the inquiry and, for an anonymous submitter only, the tracking token.
    """
    at = now(at)
    if by is not None and not by.is_authenticated:
        by = None  # a view may pass request.user for a visitor who is not logged in
    anonymous = by is None
    key = _rate_check(client_key) if anonymous else None
    cleaned = _text_checked(text)
    if not _choice_checked(kind, ch.INQUIRY_KINDS):
        raise e.InquiryInvalid(e.KIND_UNKNOWN, kind=kind[:40])
    if not _choice_checked(channel, ch.INQUIRY_CHANNELS):
        channels = ", ".join(c.value for c in ch.INQUIRY_CHANNELS)
        raise e.InquiryInvalid(e.CHANNEL_UNKNOWN, channel=channel[:40], channels=channels)
    category = category or None
    if category is not None and not _choice_checked(category, ch.INQUIRY_CATEGORIES):
        categories = ", ".join(c.value for c in ch.INQUIRY_CATEGORIES)
        raise e.InquiryInvalid(e.CATEGORY_UNKNOWN, category=category[:40], categories=categories)
    name = _field_checked(name, field=bilingual("姓名", "name"), limit=_NAME_MAX)
    phone = _phone_checked(phone, required=anonymous)
    email = _email_checked(email)
    criterion = _field_checked(
        criterion,
        field=bilingual("有疑问的判断条件", "criterion in question"),
        limit=_CRITERION_MAX,
    )
    if clause_id and not Clause.objects.filter(clause_id=clause_id).exists():
        raise e.InquiryInvalid(e.CLAUSE_UNKNOWN, clause_id=clause_id[:100])
    if named_department_id and not Department.objects.filter(pk=named_department_id).exists():
        raise e.InquiryInvalid(e.DEPARTMENT_UNKNOWN, department_id=named_department_id[:100])
    case = _case_checked(case_id, by=by) if case_id else None
    uploads = _attachments_checked(attachments)

    from luodi.dialogue.deadlines import inquiry_deadlines

    deadlines = inquiry_deadlines(submitted_at=at, category=category)
    person_id, employer_id = _subject(by)
    inquiry = Inquiry.objects.create(
        inquiry_id=_new_inquiry_id(at),
        kind=kind,
        channel=channel,
        submitted_at=at,
        person_id=person_id,
        employer_id=employer_id,
        clause_id=clause_id or (case.clause_id if case is not None else None),
        text=cleaned,
        status="submitted",
        category=category,
        named_department_id=named_department_id or None,
        accept_due_on=deadlines.accept_due_on,
        answer_due_on=deadlines.answer_due_on,
        reopen_count=0,
    )
    token = secrets.token_urlsafe(32) if anonymous else None
    contact = InquiryContact.objects.create(
        inquiry=inquiry,
        submitted_by=by,
        token_hash=token_hash(token) if token is not None else "",
        name=name,
        phone=phone,
        email=email,
        case=case,
        criterion=criterion,
    )
    for upload, content_type in uploads:
        InquiryAttachment.objects.create(
            inquiry=inquiry,
            file_name=(upload.name or "attachment").strip()[:200],
            content_type=content_type,
            size=len(upload.content),
            sha256=hashlib.sha256(upload.content).hexdigest(),
            content=upload.content,
        )
    event_record(inquiry, action="submitted", at=at, by=by)
    outcome = inquiry_route(inquiry, at=at)
    contact.routing_confidence = outcome.confidence
    contact.save(update_fields=["routing_confidence"])
    _rate_count(key)
    return SubmittedInquiry(inquiry=inquiry, token=token)
