"""The platform's user: one role, and the record the role acts for."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from luodi.platform.accounts.roles import Role
from luodi.platform.registry.models import Department, Employer, Person

__all__ = [
    "LINK_FORBIDDEN",
    "LINK_REQUIRED",
    "ROLE_LINKS",
    "User",
]

# Which link each role needs; every other link must stay empty, so an account can never act
# for a record its role has nothing to do with.
ROLE_LINKS: dict[Role, frozenset[str]] = {
    Role.TALENT: frozenset({"person"}),
    Role.EMPLOYER: frozenset({"employer"}),
    Role.OFFICER: frozenset({"department"}),
    Role.TALENT_OFFICE: frozenset(),
    Role.LEADERSHIP: frozenset(),
    Role.EVALUATOR: frozenset(),
    Role.ADMIN: frozenset(),
}
# Roles that may, but need not, name their department.
_OPTIONAL_DEPARTMENT = frozenset({Role.TALENT_OFFICE, Role.LEADERSHIP})

LINK_REQUIRED = _("角色“%(role)s”必须关联%(link)s。")
LINK_FORBIDDEN = _("角色“%(role)s”不能关联%(link)s。")
_LINK_NAMES = {"person": _("人才"), "employer": _("用人单位"), "department": _("部门")}


class LuodiUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        # `createsuperuser` knows nothing of roles; a superuser administers the platform.
        extra.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, db_index=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("人才"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("用人单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
    )

    objects: ClassVar[LuodiUserManager] = LuodiUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="accounts_user_role_valid"
            ),
            # The same rules as clean(), kept by the database for writes that skip validation.
            models.CheckConstraint(
                condition=~models.Q(role=Role.OFFICER) | models.Q(department__isnull=False),
                name="accounts_user_officer_has_department",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.TALENT) | models.Q(person__isnull=False),
                name="accounts_user_talent_has_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.EMPLOYER) | models.Q(employer__isnull=False),
                name="accounts_user_employer_has_employer",
            ),
        )

    def clean(self) -> None:
        super().clean()
        if self.role not in Role.values:
            return  # clean_fields() already reports the invalid role
        role = Role(self.role)
        required = ROLE_LINKS[role]
        allowed = required | ({"department"} if role in _OPTIONAL_DEPARTMENT else frozenset())
        linked = {
            "person": self.person_id is not None,
            "employer": self.employer_id is not None,
            "department": self.department_id is not None,
        }
        errors: dict[str, ValidationError] = {}
        for link, present in linked.items():
            params = {"role": role.label, "link": _LINK_NAMES[link]}
            if link in required and not present:
                errors[link] = ValidationError(LINK_REQUIRED, code="required", params=params)
            elif link not in allowed and present:
                errors[link] = ValidationError(LINK_FORBIDDEN, code="forbidden", params=params)
        if errors:
            raise ValidationError(errors)
