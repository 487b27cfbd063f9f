"""The FAQ the talent office grows from solved inquiries: curate, publish, read by category.

An entry starts from an inquiry its submitter confirmed solved. The curator rewrites the
question in general terms; the service refuses any text that carries the submitter's name,
phone, e-mail or an ID or phone number, since a published answer is read by everyone.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luodi.contract import choices as ch
from luodi.platform.accounts.roles import Action, may_act
from luodi.platform.common import choice_label
from luodi.platform.dialogue.models import FaqEntry, Inquiry, InquiryContact, InquiryEvent
from luodi.platform.exceptions import PlatformError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from luodi.platform.accounts.models import User

__all__ = [
    "ANSWER_MAX",
    "FAQ_ACTION",
    "FAQ_ALREADY",
    "FAQ_ANSWER_EMPTY",
    "FAQ_CATEGORY_UNKNOWN",
    "FAQ_ENTRY_NOT_FOUND",
    "FAQ_NOT_ALLOWED",
    "FAQ_NOT_REWRITTEN",
    "FAQ_PERSONAL_DATA",
    "FAQ_QUESTION_EMPTY",
    "FAQ_SOURCE_NOT_FOUND",
    "FAQ_SOURCE_NOT_SOLVED",
    "FAQ_TOO_LONG",
    "QUESTION_MAX",
    "FaqCategory",
    "FaqError",
    "FaqInvalid",
    "FaqNotFound",
    "FaqPermissionError",
    "faq_candidates",
    "faq_entries_all",
    "faq_entry_create_from_inquiry",
    "faq_entry_publish",
    "faq_entry_update",
    "faq_for_clause",
    "faq_published_by_category",
]

logger = logging.getLogger(__name__)

QUESTION_MAX = 300  # the model's column
ANSWER_MAX = 5000
# The history action recorded on the source inquiry (see REQUESTS: add to INQUIRY_ACTIONS).
FAQ_ACTION = "faq_curated"

FAQ_NOT_ALLOWED = _("只有人才办可以整理常见问题；请用人才办账户登录。")
FAQ_SOURCE_NOT_FOUND = _("诉求“%(inquiry_id)s”不存在；请从待整理列表重新选择。")
FAQ_SOURCE_NOT_SOLVED = _(
    "诉求“%(inquiry_id)s”尚未由诉求人确认解决，不能收入常见问题；请等待诉求人确认后再整理。"
)
FAQ_ALREADY = _("诉求“%(inquiry_id)s”已收入常见问题（第 %(entry_id)s 条）；请直接修改该条。")
FAQ_ENTRY_NOT_FOUND = _("常见问题第 %(entry_id)s 条不存在；请从常见问题列表重新打开。")
FAQ_QUESTION_EMPTY = _("问题为空；请用一般性的表述写出问题。")
FAQ_ANSWER_EMPTY = _("答复为空；请写出答复内容。")
FAQ_TOO_LONG = _("%(field)s共 %(length)s 字，超过上限 %(limit)s 字；请精简后再保存。")
FAQ_CATEGORY_UNKNOWN = _("分类“%(category)s”不在诉求分类中；请从列表中选择分类。")
FAQ_NOT_REWRITTEN = _("问题与诉求原文相同；请改写为不含个人情况的一般性问题后再保存。")
FAQ_PERSONAL_DATA = _(
    "%(field)s含有个人信息（诉求人姓名、电话、邮箱或证件号码、手机号码）；"
    "请删去后再保存，公开的问答不能指向具体的人。"
)


class FaqError(PlatformError):
    """A FAQ request that cannot be carried out as asked."""

    def __init__(self, message: StrOrPromise, **params: object) -> None:
        self.params = params
        super().__init__(str(message) % params if params else str(message))


class FaqPermissionError(FaqError):
    pass


class FaqNotFound(FaqError):
    pass


class FaqInvalid(FaqError):
    pass


# Numbers that point at one person whoever the submitter is: mainland mobile numbers,
# resident ID numbers (18 characters, last may be X), and e-mail addresses.
_PERSONAL_PATTERNS = (
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"),
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
)


def _field(zh: str, en: str) -> str:
    from django.utils.translation import get_language

    return en if (get_language() or "").startswith("en") else zh


def _personal_values(inquiry: Inquiry | None) -> list[str]:
    """The submitter's own identifying strings, as stored with the inquiry."""
    if inquiry is None:
        return []
    values: list[str] = []
    contact = InquiryContact.objects.filter(inquiry=inquiry).first()
    if contact is not None:
        values += [contact.name, contact.phone, contact.email]
    if inquiry.person is not None:
        values.append(inquiry.person.name)
    # Names of one character would match ordinary words; two or more are names.
    return [v.strip() for v in values if v and len(v.strip()) >= 2]


def _checked(
    *, question: str, answer: str, category: str, source: Inquiry | None
) -> tuple[str, str]:
    question, answer = question.strip(), answer.strip()
    if not question:
        raise FaqInvalid(FAQ_QUESTION_EMPTY)
    if not answer:
        raise FaqInvalid(FAQ_ANSWER_EMPTY)
    for text, limit, name in (
        (question, QUESTION_MAX, _field("问题", "The question")),
        (answer, ANSWER_MAX, _field("答复", "The answer")),
    ):
        if len(text) > limit:
            raise FaqInvalid(FAQ_TOO_LONG, field=name, length=len(text), limit=limit)
    if category not in {c.value for c in ch.INQUIRY_CATEGORIES}:
        raise FaqInvalid(FAQ_CATEGORY_UNKNOWN, category=category)
    if source is not None and question == source.text.strip():
        raise FaqInvalid(FAQ_NOT_REWRITTEN)
    personal = _personal_values(source)
    for text, name in (
        (question, _field("问题", "The question")),
        (answer, _field("答复", "The answer")),
    ):
        lowered = text.lower()
        if any(value.lower() in lowered for value in personal) or any(
            pattern.search(text) for pattern in _PERSONAL_PATTERNS
        ):
            raise FaqInvalid(FAQ_PERSONAL_DATA, field=name)
    return question, answer


def _allowed(by: User) -> None:
    if not may_act(by, Action.FAQ_CURATE):
        raise FaqPermissionError(FAQ_NOT_ALLOWED)


def _record(inquiry: Inquiry, *, entry: FaqEntry, by: User, at: dt.datetime, note: str) -> None:
    InquiryEvent.objects.create(
        inquiry=inquiry,
        at=at,
        action=FAQ_ACTION,
        status=inquiry.status,
        actor=by.username,
        actor_role="talent_office",
        note=f"{note} #{entry.pk}",
    )


@transaction.atomic
def faq_entry_create_from_inquiry(
    *,
    inquiry_id: str,
    by: User,
    question: str,
    answer: str,
    category: str,
    publish: bool,
    at: dt.datetime | None = None,
) -> FaqEntry:
    """A FAQ entry from an inquiry confirmed solved, with the curator's rewritten question.

    Raises ``FaqPermissionError`` (not the talent office), ``FaqNotFound``, ``FaqInvalid``
    (empty, too long, unknown category, question not rewritten, personal data); nothing is
    stored then. The inquiry's history records the entry.
    """
    _allowed(by)
    at = at or timezone.now()
    inquiry = (
        Inquiry.objects.select_for_update(of=("self",))
        .select_related("person")
        .filter(pk=inquiry_id)
        .first()
    )
    if inquiry is None:
        raise FaqNotFound(FAQ_SOURCE_NOT_FOUND, inquiry_id=inquiry_id)
    if inquiry.status != "confirmed" or inquiry.resolved is not True:
        raise FaqInvalid(FAQ_SOURCE_NOT_SOLVED, inquiry_id=inquiry_id)
    existing = FaqEntry.objects.filter(source=inquiry).first()
    if existing is not None:
        raise FaqInvalid(FAQ_ALREADY, inquiry_id=inquiry_id, entry_id=existing.pk)
    question, answer = _checked(question=question, answer=answer, category=category, source=inquiry)
    entry = FaqEntry.objects.create(
        question=question,
        answer=answer,
        category=category,
        clause_id=inquiry.clause_id,
        source=inquiry,
        published=publish,
        curated_by=by.username,
        updated_at=at,
    )
    _record(inquiry, entry=entry, by=by, at=at, note="FAQ")
    logger.info("faq: entry %s created from an inquiry (published=%s)", entry.pk, publish)
    return entry


def _entry_locked(entry_id: int) -> FaqEntry:
    entry = (
        FaqEntry.objects.select_for_update(of=("self",))
        .select_related("source", "source__person")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise FaqNotFound(FAQ_ENTRY_NOT_FOUND, entry_id=entry_id)
    return entry


@transaction.atomic
def faq_entry_update(
    *,
    entry_id: int,
    by: User,
    question: str,
    answer: str,
    category: str,
    published: bool,
    at: dt.datetime | None = None,
) -> FaqEntry:
    """Rewrite an entry (same checks as on creation) and publish or withdraw it."""
    _allowed(by)
    at = at or timezone.now()
    entry = _entry_locked(entry_id)
    question, answer = _checked(
        question=question, answer=answer, category=category, source=entry.source
    )
    entry.question, entry.answer, entry.category = question, answer, category
    entry.published, entry.curated_by, entry.updated_at = published, by.username, at
    entry.save()
    if entry.source is not None:
        _record(entry.source, entry=entry, by=by, at=at, note="FAQ updated")
    logger.info("faq: entry %s updated (published=%s)", entry.pk, published)
    return entry


@transaction.atomic
def faq_entry_publish(
    *, entry_id: int, by: User, published: bool, at: dt.datetime | None = None
) -> FaqEntry:
    """Publish or withdraw an entry; publishing checks its text again."""
    _allowed(by)
    entry = _entry_locked(entry_id)
    if published:
        _checked(
            question=entry.question,
            answer=entry.answer,
            category=entry.category,
            source=entry.source,
        )
    entry.published, entry.curated_by = published, by.username
    entry.updated_at = at or timezone.now()
    entry.save(update_fields=["published", "curated_by", "updated_at"])
    logger.info("faq: entry %s published=%s", entry.pk, published)
    return entry


@dataclass(frozen=True, kw_only=True)
class FaqCategory:
    value: str
    label: str
    entries: tuple[FaqEntry, ...]


def faq_published_by_category() -> list[FaqCategory]:
    """Published entries grouped by category, in the contract's category order."""
    entries = FaqEntry.objects.filter(published=True).select_related("clause", "clause__policy")
    grouped: dict[str, list[FaqEntry]] = {}
    for entry in entries.order_by("id"):
        grouped.setdefault(entry.category, []).append(entry)
    return [
        FaqCategory(
            value=choice.value,
            label=choice_label(ch.INQUIRY_CATEGORIES, choice.value),
            entries=tuple(grouped[choice.value]),
        )
        for choice in ch.INQUIRY_CATEGORIES
        if choice.value in grouped
    ]


def faq_for_clause(*, clause_id: str) -> list[FaqEntry]:
    return list(FaqEntry.objects.filter(published=True, clause_id=clause_id).order_by("id"))


def faq_candidates() -> QuerySet[Inquiry]:
    """Inquiries confirmed solved and not yet in the FAQ, newest first (talent office only:
    their text is the submitter's own words)."""
    return (
        Inquiry.objects.filter(status="confirmed", resolved=True, faq__isnull=True)
        .select_related("clause", "clause__policy", "department")
        .order_by("-closed_at", "-submitted_at")
    )


def faq_entries_all() -> QuerySet[FaqEntry]:
    return FaqEntry.objects.select_related("clause", "source").order_by("category", "id")
