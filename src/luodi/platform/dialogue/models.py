"""Dialogue tables of the data contract; table and column names are the contract's."""

from __future__ import annotations

from django.db import models

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.policies.models import Clause
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Department, Employer, Person

__all__ = ["Inquiry"]


class Inquiry(models.Model):
    inquiry_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="inquiry_id")
    kind = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.INQUIRY_KINDS), db_column="kind"
    )
    channel = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.INQUIRY_CHANNELS), db_column="channel"
    )
    submitted_at = models.DateTimeField(db_column="submitted_at")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
        db_column="person_id",
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
        db_column="employer_id",
    )
    clause = models.ForeignKey(
        Clause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
        db_column="clause_id",
    )
    text = models.TextField(db_column="text")
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
        db_column="department_id",
    )
    status = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.INQUIRY_STATUSES),
        db_column="status",
        db_index=True,
    )
    answered_at = models.DateTimeField(null=True, blank=True, db_column="answered_at")
    resolved = models.BooleanField(null=True, blank=True, db_column="resolved")
    satisfaction = models.IntegerField(null=True, blank=True, db_column="satisfaction")

    class Meta:
        db_table = "inquiries"
        verbose_name = "咨询诉求"
        verbose_name_plural = "咨询诉求"

    def __str__(self) -> str:
        return self.inquiry_id
