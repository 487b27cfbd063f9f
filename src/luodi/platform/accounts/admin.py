"""Admin for accounts and the contract tables; personal columns only for superusers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from luodi.contract import TABLES
from luodi.platform.accounts.models import User

__all__ = ["ContractAdmin", "LuodiUserAdmin", "ReadOnlyContractAdmin"]

# The admin classes are generic only for the type checker; at run time they are plain classes.
if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
    _UserAdmin = UserAdmin[User]
else:
    _ModelAdmin = admin.ModelAdmin
    _UserAdmin = UserAdmin


def _personal_fields(model: type[models.Model]) -> frozenset[str]:
    table = TABLES[model._meta.db_table]
    personal = {column.name for column in table.columns if column.personal}
    return frozenset(
        field.name for field in model._meta.concrete_fields if field.column in personal
    )


class ContractAdmin(_ModelAdmin):
    """Admin of one contract table: personal columns are hidden from non-superusers."""

    list_per_page = 50

    def _hidden(self, request: HttpRequest) -> frozenset[str]:
        return frozenset() if request.user.is_superuser else _personal_fields(self.model)

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        hidden = self._hidden(request)
        if self.list_display != ("__str__",):
            return [name for name in self.list_display if name not in hidden]
        shown = [
            field.name
            for field in self.model._meta.concrete_fields
            if field.name not in hidden and not field.auto_created
        ]
        return shown[:6]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*(super().get_exclude(request, obj) or ()), *self._hidden(request)]

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        pk = self.model._meta.pk
        return [pk.name] if pk is not None and not pk.auto_created else []

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [
            field.name
            for field in self.model._meta.concrete_fields
            if field.choices and field.name not in self._hidden(request)
        ]


class ReadOnlyContractAdmin(ContractAdmin):
    """For append-only tables: rows can be viewed, never changed or deleted here."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class LuodiUserAdmin(_UserAdmin):
    list_display = ("username", "role", "is_active", "is_staff", "is_superuser", "last_login")
    list_filter = ("role", "is_active", "is_staff", "is_superuser")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("角色与关联"), {"fields": ("role", "person", "employer", "department")}),
    )
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        (_("角色与关联"), {"fields": ("role", "person", "employer", "department")}),
    )
    raw_id_fields = ("person", "employer", "department")
