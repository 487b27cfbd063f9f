"""Policy tables of the data contract (table and column names are the contract's) and the
platform's own store of the policy files they are written from."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Department, Region

__all__ = ["Clause", "ClausePhase", "ClauseRoute", "Policy", "PolicySource"]


class Policy(models.Model):
    policy_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="policy_id")
    title = models.CharField(max_length=500, db_column="title")
    # Contract semantics: a missing value is NULL, never an empty string.
    document_number = models.CharField(  # noqa: DJ001
        max_length=200, null=True, blank=True, db_column="document_number"
    )
    issuer = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="policies", db_column="issuer_id"
    )
    level = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.POLICY_LEVELS), db_column="level"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="policies", db_column="region_id"
    )
    issued_on = models.DateField(db_column="issued_on")
    effective_from = models.DateField(db_column="effective_from")
    effective_to = models.DateField(null=True, blank=True, db_column="effective_to")
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        db_column="supersedes",
    )

    class Meta:
        db_table = "policies"
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    def __str__(self) -> str:
        return self.title


class Clause(models.Model):
    clause_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="clause_id")
    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="clauses", db_column="policy_id"
    )
    number = models.CharField(max_length=100, db_column="number")
    text = models.TextField(db_column="text")
    refines = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refined_by",
        db_column="refines",
    )
    benefit_kind = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.BENEFIT_KINDS), db_column="benefit_kind"
    )
    amount = models.FloatField(null=True, blank=True, db_column="amount")
    deadline_days = models.IntegerField(null=True, blank=True, db_column="deadline_days")
    delivery_mode = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.DELIVERY_MODES),
        db_column="delivery_mode",
    )

    class Meta:
        db_table = "clauses"
        verbose_name = "政策条款"
        verbose_name_plural = "政策条款"

    def __str__(self) -> str:
        return self.clause_id


class ClauseRoute(models.Model):
    clause = models.ForeignKey(
        Clause, on_delete=models.PROTECT, related_name="routes", db_column="clause_id"
    )
    position = models.IntegerField(db_column="position")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="route_steps", db_column="department_id"
    )
    role = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.ROUTE_ROLES), db_column="role"
    )

    class Meta:
        db_table = "clause_routes"
        verbose_name = "条款办理路径"
        verbose_name_plural = "条款办理路径"
        constraints = (
            models.UniqueConstraint(
                fields=["clause", "position"], name="clause_routes_primary_key"
            ),
        )

    def __str__(self) -> str:
        return f"{self.clause_id} #{self.position}"


class ClausePhase(models.Model):
    clause = models.ForeignKey(
        Clause, on_delete=models.PROTECT, related_name="phases", db_column="clause_id"
    )
    phase = models.IntegerField(db_column="phase")
    share = models.FloatField(db_column="share")
    condition = models.TextField(db_column="condition")

    class Meta:
        db_table = "clause_phases"
        verbose_name = "分期兑现"
        verbose_name_plural = "分期兑现"
        constraints = (
            models.UniqueConstraint(fields=["clause", "phase"], name="clause_phases_primary_key"),
        )

    def __str__(self) -> str:
        return f"{self.clause_id} #{self.phase}"


class PolicySource(models.Model):
    """The YAML file a policy document was imported from: the structured rules live here.

    Not a contract table: the contract keeps the flat columns (amount, route, phases) and this
    row keeps the whole document (criteria, tiers, versions) the entitlement engine reads. No
    foreign key to ``Policy``: replacing the contract tables must not cascade into the files.
    """

    policy_id = models.CharField(max_length=ID_LENGTH, unique=True)
    file_name = models.CharField(max_length=255)
    content = models.TextField()
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="policy_sources",
    )

    class Meta:
        db_table = "policy_sources"
        verbose_name = "政策文件源"
        verbose_name_plural = "政策文件源"
        ordering = ("policy_id",)

    def __str__(self) -> str:
        return self.policy_id
