"""Case tables of the data contract; table and column names are the contract's."""

from __future__ import annotations

from typing import Any

from django.db import models

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.exceptions import EVENT_APPEND_ONLY, EventImmutableError
from luodi.platform.policies.models import Clause
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Department, Employer, Person

__all__ = ["Case", "CaseStep", "Disbursement", "Event"]


class Case(models.Model):
    case_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="case_id")
    clause = models.ForeignKey(
        Clause, on_delete=models.PROTECT, related_name="cases", db_column="clause_id"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        db_column="person_id",
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        db_column="employer_id",
    )
    opened_at = models.DateTimeField(db_column="opened_at")
    status = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.CASE_STATUSES),
        db_column="status",
        db_index=True,
    )
    closed_at = models.DateTimeField(null=True, blank=True, db_column="closed_at")

    class Meta:
        db_table = "cases"
        verbose_name = "办件"
        verbose_name_plural = "办件"

    def __str__(self) -> str:
        return self.case_id


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: Any) -> int:
        raise EventImmutableError(EVENT_APPEND_ONLY.format(event_id="*"))


class Event(models.Model):
    """One step of a case. The log is append-only: process mining and audits rely on it."""

    event_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="event_id")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="events", db_column="case_id"
    )
    activity = models.CharField(max_length=200, db_column="activity")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="events", db_column="department_id"
    )
    # Contract semantics: a missing value is NULL, never an empty string.
    resource = models.CharField(  # noqa: DJ001
        max_length=ID_LENGTH, null=True, blank=True, db_column="resource"
    )
    role = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.ACTOR_ROLES), db_column="role"
    )
    timestamp = models.DateTimeField(db_column="timestamp")
    lifecycle = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.LIFECYCLES), db_column="lifecycle"
    )
    decision = models.CharField(  # noqa: DJ001
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.DECISIONS),
        null=True,
        blank=True,
        db_column="decision",
    )
    reason = models.TextField(null=True, blank=True, db_column="reason")  # noqa: DJ001

    objects = EventQuerySet.as_manager()

    class Meta:
        db_table = "events"
        verbose_name = "事件"
        verbose_name_plural = "事件日志"
        indexes = (models.Index(fields=["case", "timestamp"], name="events_case_time"),)

    def __str__(self) -> str:
        return self.event_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise EventImmutableError(EVENT_APPEND_ONLY.format(event_id=self.event_id))
        # Force an INSERT: with a string primary key Django would otherwise try an UPDATE of
        # an existing row that happens to share the id.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)


class Disbursement(models.Model):
    disbursement_id = models.CharField(
        primary_key=True, max_length=ID_LENGTH, db_column="disbursement_id"
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="disbursements", db_column="case_id"
    )
    phase = models.IntegerField(db_column="phase")
    amount = models.FloatField(db_column="amount")
    paid_on = models.DateField(db_column="paid_on")

    class Meta:
        db_table = "disbursements"
        verbose_name = "资金兑现"
        verbose_name_plural = "资金兑现"

    def __str__(self) -> str:
        return self.disbursement_id


class CaseStep(models.Model):
    """One department's step of a case; the row an officer's decision locks and changes."""

    step_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="step_id")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="steps", db_column="case_id"
    )
    position = models.IntegerField(db_column="position")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="steps", db_column="department_id"
    )
    route_role = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.ROUTE_ROLES), db_column="route_role"
    )
    status = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.STEP_STATUSES),
        db_column="status",
        db_index=True,
    )
    arrived_at = models.DateTimeField(null=True, blank=True, db_column="arrived_at")
    due_on = models.DateField(null=True, blank=True, db_column="due_on")
    decided_at = models.DateTimeField(null=True, blank=True, db_column="decided_at")
    decided_by = models.CharField(  # noqa: DJ001
        max_length=ID_LENGTH, null=True, blank=True, db_column="decided_by"
    )
    reason = models.TextField(null=True, blank=True, db_column="reason")  # noqa: DJ001
    missing_rule = models.TextField(null=True, blank=True, db_column="missing_rule")  # noqa: DJ001
    conflict = models.ForeignKey(
        "coordination.Conflict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        db_column="conflict_id",
    )

    class Meta:
        db_table = "case_steps"
        verbose_name = "办件环节"
        verbose_name_plural = "办件环节"
        constraints = (
            models.UniqueConstraint(fields=["case", "position"], name="case_steps_case_position"),
        )
        indexes = (models.Index(fields=["department", "status"], name="case_steps_queue"),)

    def __str__(self) -> str:
        return self.step_id
