"""Dialogue desk tables: the contract's inquiries, and the desk's own records around them.

``Inquiry`` stores exactly the contract's columns. What is personal or platform-only (the
submitter's contact details and account, the case or criterion the inquiry points at, the
lifecycle history, attachments) lives in separate tables, so an export of the contract table
never carries a phone number and the contact table can be shown to fewer people.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from luodi.contract import choices as ch
from luodi.platform.cases.models import Case
from luodi.platform.common import bilingual, field_choices
from luodi.platform.policies.models import Clause
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Department, Employer, Person

__all__ = [
    "INQUIRY_ACTIONS",
    "NOTICE_KINDS",
    "FaqEntry",
    "Inquiry",
    "InquiryAttachment",
    "InquiryContact",
    "InquiryEvent",
    "Notice",
]


def _fk(model: type[models.Model], column: str, related: str, **extra: Any) -> Any:
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related,
        db_column=column,
        **extra,
    )


class Inquiry(models.Model):
    inquiry_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="inquiry_id")
    kind = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.INQUIRY_KINDS), db_column="kind"
    )
    channel = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.INQUIRY_CHANNELS), db_column="channel"
    )
    submitted_at = models.DateTimeField(db_column="submitted_at")
    person = _fk(Person, "person_id", "inquiries")
    employer = _fk(Employer, "employer_id", "inquiries")
    clause = _fk(Clause, "clause_id", "inquiries")
    text = models.TextField(db_column="text")
    department = _fk(Department, "department_id", "inquiries")
    status = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.INQUIRY_STATUSES),
        db_column="status",
        db_index=True,
    )
    answered_at = models.DateTimeField(null=True, blank=True, db_column="answered_at")
    resolved = models.BooleanField(null=True, blank=True, db_column="resolved")
    satisfaction = models.IntegerField(null=True, blank=True, db_column="satisfaction")
    # NULL, not "": the contract column is optional and an export must keep it empty.
    category = models.CharField(  # noqa: DJ001
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.INQUIRY_CATEGORIES),
        null=True,
        blank=True,
        db_column="category",
    )
    named_department = _fk(Department, "named_department_id", "named_in_inquiries")
    first_department = _fk(Department, "first_department_id", "first_routed_inquiries")
    routed_by = models.CharField(  # noqa: DJ001
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.ROUTING_SOURCES),
        null=True,
        blank=True,
        db_column="routed_by",
    )
    routed_at = models.DateTimeField(null=True, blank=True, db_column="routed_at")
    accepted_at = models.DateTimeField(null=True, blank=True, db_column="accepted_at")
    accept_due_on = models.DateField(null=True, blank=True, db_column="accept_due_on")
    answer_due_on = models.DateField(null=True, blank=True, db_column="answer_due_on")
    closed_at = models.DateTimeField(null=True, blank=True, db_column="closed_at")
    reopen_count = models.IntegerField(null=True, blank=True, db_column="reopen_count")
    escalation_level = models.CharField(  # noqa: DJ001
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.ESCALATION_LEVELS),
        null=True,
        blank=True,
        db_column="escalation_level",
    )
    rating_contest = models.CharField(  # noqa: DJ001
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.RATING_CONTESTS),
        null=True,
        blank=True,
        db_column="rating_contest",
    )

    class Meta:
        db_table = "inquiries"
        verbose_name = "咨询诉求"
        verbose_name_plural = "咨询诉求"

    def __str__(self) -> str:
        return self.inquiry_id


class InquiryContact(models.Model):
    """Who submitted an inquiry and how to reach them: personal information (PIPL)."""

    inquiry = models.OneToOneField(
        Inquiry, on_delete=models.CASCADE, primary_key=True, related_name="contact"
    )
    # The account that submitted it; empty for an anonymous visitor, who follows the inquiry
    # with the tracking code and a secret token (only its hash is stored).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries_submitted",
    )
    token_hash = models.CharField(max_length=64, blank=True, default="")
    name = models.CharField(max_length=64, blank=True, default="")
    phone = models.CharField(max_length=32, blank=True, default="")
    email = models.EmailField(blank=True, default="")
    # What the inquiry points at besides a clause: the submitter's own case, and the criterion
    # of an entitlement explanation they think was judged wrongly.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="inquiries"
    )
    criterion = models.CharField(max_length=200, blank=True, default="")
    routing_confidence = models.FloatField(null=True, blank=True)

    class Meta:
        db_table = "dialogue_inquiry_contacts"
        verbose_name = "诉求人联系方式"
        verbose_name_plural = "诉求人联系方式"

    def __str__(self) -> str:
        return f"contact of {self.inquiry_id}"


# The history's actions, Chinese first: the labels show in the history and in messages.
INQUIRY_ACTIONS = tuple(
    (value, bilingual(zh, en))
    for value, zh, en in (
        ("submitted", "提交", "submitted"),
        ("routed", "分派", "routed"),
        ("rerouted", "改派", "rerouted"),
        ("triaged", "转人才办分拣", "sent to talent office triage"),
        ("accepted", "受理", "accepted"),
        ("answered", "答复", "answered"),
        ("confirmed", "确认解决", "confirmed solved"),
        ("reopened", "重办", "reopened"),
        ("closed", "办结", "closed"),
        ("unconfirmed", "逾期未确认办结", "closed unconfirmed"),
        ("rated", "评价", "rated"),
        ("contested", "对评价提出异议", "rating contested"),
        ("contest_decided", "异议裁定", "contest decided"),
        ("escalated", "超期督办", "escalated as overdue"),
        ("urged", "人才办督办", "urged by the talent office"),
        ("instructed", "领导小组批示", "instructed by the leadership group"),
        ("faq_curated", "收入常见问题", "taken into the FAQ"),
    )
)


class InquiryEvent(models.Model):
    """One step in an inquiry's life; appended, never changed."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=CHOICE_LENGTH, choices=INQUIRY_ACTIONS)
    status = models.CharField(max_length=CHOICE_LENGTH, choices=field_choices(ch.INQUIRY_STATUSES))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.CharField(max_length=150, blank=True, default="")
    actor_role = models.CharField(max_length=32, blank=True, default="")
    # The answer, the reason for a re-route or a contest, the leadership's decision.
    note = models.TextField(blank=True, default="")

    class Meta:
        db_table = "dialogue_inquiry_events"
        ordering = ("at", "id")
        verbose_name = "诉求办理记录"
        verbose_name_plural = "诉求办理记录"

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.action}"


class InquiryAttachment(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()

    class Meta:
        db_table = "dialogue_inquiry_attachments"
        verbose_name = "诉求附件"
        verbose_name_plural = "诉求附件"

    def __str__(self) -> str:
        return self.file_name


NOTICE_KINDS = (
    ("entitled", "新增可享政策"),
    ("case_opened", "免申即享已自动办理"),
)


class Notice(models.Model):
    """An inbox notice: a published or changed clause newly covers this person or employer."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=CHOICE_LENGTH, choices=NOTICE_KINDS)
    # The entitlement engine's explanation of this clause for this subject, as its JSON form.
    explanation = models.JSONField(default=dict)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "dialogue_notices"
        ordering = ("-created_at", "-id")
        verbose_name = "政策推送"
        verbose_name_plural = "政策推送"
        constraints = (
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(employer__isnull=False),
                name="notice_has_recipient",
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.clause_id}"


class FaqEntry(models.Model):
    """A question and answer the talent office curated, often grown from a resolved inquiry."""

    question = models.CharField(max_length=300)
    answer = models.TextField()
    category = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.INQUIRY_CATEGORIES)
    )
    clause = models.ForeignKey(
        Clause, on_delete=models.SET_NULL, null=True, blank=True, related_name="faq"
    )
    source = models.ForeignKey(
        Inquiry, on_delete=models.SET_NULL, null=True, blank=True, related_name="faq"
    )
    published = models.BooleanField(default=False)
    curated_by = models.CharField(max_length=150, blank=True, default="")
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "dialogue_faq"
        ordering = ("category", "id")
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题"

    def __str__(self) -> str:
        return self.question
