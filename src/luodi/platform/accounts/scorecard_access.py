"""Who may see a subject's scorecard detail: the part of the access rules that needs the subject.
Role-level rules (pages, actions) stay in ``roles``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from luodi.platform.accounts.roles import Page, Role, may_open, role_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from luodi.platform.accounts.models import User

__all__ = ["may_see_scorecard_detail"]

# Those who steer or evaluate the district see every department's and district's values.
_SEES_ALL_DETAIL = frozenset({Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR})


def may_see_scorecard_detail(user: User | AnonymousUser, subject_id: str) -> bool:
    """Whether ``user`` may see the indicator values and scores of ``subject_id``.

    An officer sees their own department's detail and only the others' ranks (a department
    judged by the scorecard should not read its peers' figures); the talent office, the
    leadership group and evaluators see every subject's detail.
    """
    role = role_of(user)
    if role is None or not may_open(user, Page.SCORECARD):
        return False
    if role in _SEES_ALL_DETAIL:
        return True
    if role is Role.OFFICER:
        department_id = getattr(user, "department_id", None)
        return department_id is not None and department_id == subject_id
    return False
