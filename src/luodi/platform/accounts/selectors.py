"""Read accounts: how many users each role has."""

from __future__ import annotations

from django.db.models import Count

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.common import LabelledCount

__all__ = ["user_role_count_list"]


def user_role_count_list() -> list[LabelledCount]:
    rows = User.objects.values("role").annotate(n=Count("id")).order_by()
    counts = {row["role"]: row["n"] for row in rows}
    return [
        LabelledCount(value=role.value, label=str(role.label), count=counts.get(role.value, 0))
        for role in Role
    ]
