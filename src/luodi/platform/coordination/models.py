"""Coordination tables of the data contract; table and column names are the contract's."""

from __future__ import annotations

from django.db import models

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.policies.models import Clause
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Department

__all__ = ["Conflict", "Escalation", "ProcedureException"]


class Conflict(models.Model):
    """Two rules of different issuers that cannot both be followed (the study's P3)."""

    conflict_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="conflict_id")
    title = models.CharField(max_length=200, db_column="title")
    rule_a = models.TextField(db_column="rule_a")
    department_a = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", db_column="department_a"
    )
    rule_b = models.TextField(db_column="rule_b")
    department_b = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", db_column="department_b"
    )
    clause = models.ForeignKey(
        Clause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conflicts",
        db_column="clause_id",
    )
    status = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.CONFLICT_STATUSES),
        db_column="status",
        db_index=True,
    )
    raised_on = models.DateField(db_column="raised_on")
    resolved_on = models.DateField(null=True, blank=True, db_column="resolved_on")
    resolution = models.TextField(null=True, blank=True, db_column="resolution")  # noqa: DJ001

    class Meta:
        db_table = "conflicts"
        verbose_name = "规定冲突"
        verbose_name_plural = "规定冲突登记"

    def __str__(self) -> str:
        return self.conflict_id


class Escalation(models.Model):
    """An overdue or blocked step raised to the talent office, then the leadership group."""

    escalation_id = models.CharField(
        primary_key=True, max_length=ID_LENGTH, db_column="escalation_id"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="escalations", db_column="case_id"
    )
    step = models.ForeignKey(
        "cases.CaseStep",
        on_delete=models.PROTECT,
        related_name="escalations",
        db_column="step_id",
    )
    level = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.ESCALATION_LEVELS),
        db_column="level",
        db_index=True,
    )
    cause = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.ESCALATION_CAUSES), db_column="cause"
    )
    raised_at = models.DateTimeField(db_column="raised_at")
    status = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.ESCALATION_STATUSES),
        db_column="status",
        db_index=True,
    )
    resolution = models.CharField(  # noqa: DJ001
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.ESCALATION_RESOLUTIONS),
        null=True,
        blank=True,
        db_column="resolution",
    )
    decided_at = models.DateTimeField(null=True, blank=True, db_column="decided_at")
    decided_by = models.CharField(  # noqa: DJ001
        max_length=ID_LENGTH, null=True, blank=True, db_column="decided_by"
    )
    note = models.TextField(null=True, blank=True, db_column="note")  # noqa: DJ001

    class Meta:
        db_table = "escalations"
        verbose_name = "督办协调"
        verbose_name_plural = "督办协调"

    def __str__(self) -> str:
        return self.escalation_id


class ProcedureException(models.Model):
    """Something the talent office got done outside procedure, recorded so it is accountable."""

    exception_id = models.CharField(
        primary_key=True, max_length=ID_LENGTH, db_column="exception_id"
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exceptions",
        db_column="case_id",
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", db_column="department_id"
    )
    what = models.TextField(db_column="what")
    why = models.TextField(db_column="why")
    requested_by = models.CharField(max_length=200, db_column="requested_by")
    approved_by = models.CharField(max_length=200, db_column="approved_by")
    recorded_at = models.DateTimeField(db_column="recorded_at")
    recorded_by = models.CharField(max_length=ID_LENGTH, db_column="recorded_by")

    class Meta:
        db_table = "exceptions"
        verbose_name = "例外办理"
        verbose_name_plural = "例外办理登记"

    def __str__(self) -> str:
        return self.exception_id
