"""Registry tables of the data contract; table and column names are the contract's."""

from __future__ import annotations

from django.db import models

from luodi.contract import choices as ch
from luodi.platform.common import field_choices

__all__ = ["Department", "Employer", "Person", "Region", "Staff"]

ID_LENGTH = 100
CHOICE_LENGTH = 32


class Region(models.Model):
    region_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="region_id")
    name = models.CharField(max_length=200, db_column="name")
    level = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.REGION_LEVELS), db_column="level"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        db_column="parent_id",
    )

    class Meta:
        db_table = "regions"
        verbose_name = "行政区域"
        verbose_name_plural = "行政区域"

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    department_id = models.CharField(
        primary_key=True, max_length=ID_LENGTH, db_column="department_id"
    )
    name = models.CharField(max_length=200, db_column="name")
    kind = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.DEPARTMENT_KINDS), db_column="kind"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", db_column="region_id"
    )
    is_veto = models.BooleanField(db_column="is_veto")

    class Meta:
        db_table = "departments"
        verbose_name = "部门"
        verbose_name_plural = "部门"

    def __str__(self) -> str:
        return self.name


class Employer(models.Model):
    employer_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="employer_id")
    name = models.CharField(max_length=200, db_column="name")
    kind = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.EMPLOYER_KINDS), db_column="kind"
    )
    stage = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.EMPLOYER_STAGES), db_column="stage"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="employers", db_column="region_id"
    )
    founded_on = models.DateField(db_column="founded_on")
    employees = models.IntegerField(db_column="employees")
    revenue = models.FloatField(null=True, blank=True, db_column="revenue")

    class Meta:
        db_table = "employers"
        verbose_name = "用人主体"
        verbose_name_plural = "用人主体"

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    person_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="person_id")
    name = models.CharField(max_length=200, db_column="name")
    gender = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.GENDERS), db_column="gender"
    )
    birth_year = models.IntegerField(db_column="birth_year")
    nationality = models.CharField(max_length=8, db_column="nationality")
    talent_tier = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.TALENT_TIERS), db_column="talent_tier"
    )
    degree = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.DEGREES), db_column="degree"
    )
    title = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.TITLES), db_column="title"
    )
    discipline = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.DISCIPLINES), db_column="discipline"
    )
    political_status = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.POLITICAL_STATUSES),
        db_column="political_status",
    )
    origin = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.ORIGINS), db_column="origin"
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        db_column="employer_id",
    )
    arrived_on = models.DateField(null=True, blank=True, db_column="arrived_on")

    class Meta:
        db_table = "persons"
        verbose_name = "人才"
        verbose_name_plural = "人才"

    def __str__(self) -> str:
        # The id, not the name: model reprs end up in logs and error pages.
        return self.person_id


class Staff(models.Model):
    staff_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="staff_id")
    name = models.CharField(max_length=200, db_column="name")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="staff", db_column="department_id"
    )
    role = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.STAFF_ROLES), db_column="role"
    )

    class Meta:
        db_table = "staff"
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.staff_id
