"""Who may see and handle an inquiry of the dialogue desk: the part of the access rules that
needs the inquiry itself. Role-level rules (pages, actions) stay in ``roles``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from luodi.platform.accounts.roles import Action, Page, Role, may_act, may_open, role_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from luodi.platform.accounts.models import User
    from luodi.platform.dialogue.models import Inquiry


def _attr(user: User | AnonymousUser, name: str) -> object:
    return getattr(user, name, None)


def _department(user: User | AnonymousUser) -> object:
    return getattr(user, "department_id", None)


__all__ = [
    "may_handle_inquiry",
    "may_see_contact",
    "may_see_inquiry",
    "may_submitter_act",
]


def may_submitter_act(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """Whether ``user`` is the inquiry's submitter (confirm, reopen, rate).

    The account that submitted it, or the talent / employer it was submitted for. An
    anonymous submitter acts through the tracking token instead, checked by the service.
    """
    role = role_of(user)
    if role is None:
        return False
    contact = getattr(inquiry, "contact", None)
    if contact is not None and contact.submitted_by_id == _attr(user, "pk"):
        return True
    if role is Role.TALENT:
        return inquiry.person_id is not None and inquiry.person_id == _attr(user, "person_id")
    if role is Role.EMPLOYER:
        return inquiry.employer_id is not None and inquiry.employer_id == _attr(user, "employer_id")
    return False


def may_see_inquiry(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """Whether ``user`` may open the inquiry's page.

    The submitter sees their own; an officer sees only what is routed to their department
    now; the talent office sees all (it triages and supervises); the leadership group sees
    those escalated to it. Evaluators and administrators see the rates, not the text.
    """
    role = role_of(user)
    if role is None or not may_open(user, Page.INQUIRY):
        return False
    if role is Role.TALENT_OFFICE:
        return True
    if role is Role.LEADERSHIP:
        return inquiry.escalation_level == "leadership"
    if role is Role.OFFICER:
        return _department(user) is not None and inquiry.department_id == _department(user)
    return may_submitter_act(user, inquiry)


def may_handle_inquiry(user: User | AnonymousUser, inquiry: Inquiry, action: Action) -> bool:
    """Whether ``user`` may take ``action`` on ``inquiry``.

    Department actions (accept, answer, send back, contest a rating) belong to officers of
    the department it is routed to; the talent office's and the leadership group's actions
    need only their role. Whether the inquiry's status allows the action is the service's.
    """
    if not may_act(user, action):
        return False
    if role_of(user) is Role.OFFICER:
        return _department(user) is not None and inquiry.department_id == _department(user)
    return True


def may_see_contact(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """Whether ``user`` may see the submitter's name and phone: to call them back.

    Personal information (PIPL): only the department handling it and the talent office.
    """
    role = role_of(user)
    if role is Role.TALENT_OFFICE:
        return True
    return (
        role is Role.OFFICER
        and _department(user) is not None
        and inquiry.department_id == _department(user)
    )
