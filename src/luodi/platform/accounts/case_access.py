"""Who may see, decide and fund a case: the part of the access rules that needs the case itself.
Role-level rules (pages, actions) stay in ``roles``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from django.db.models import Exists, OuterRef, QuerySet

from luodi.platform.accounts.roles import Action, Page, Role, may_act, may_open, role_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from luodi.platform.accounts.models import User
    from luodi.platform.cases.models import Case

__all__ = [
    "FUNDING_DEPARTMENT_KIND",
    "may_decide_step",
    "may_fund_case",
    "may_resubmit_case",
    "may_see_case",
    "visible_cases",
]

# The department kind that holds the funds: its officers check phases and record payments.
FUNDING_DEPARTMENT_KIND = "finance"


class _Step(Protocol):
    @property
    def department_id(self) -> str: ...


# Roles that coordinate or evaluate the whole district see every case.
_SEES_ALL_CASES = frozenset({Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR, Role.ADMIN})


def _is_applicant(user: User | AnonymousUser, case: Case) -> bool:
    role = role_of(user)
    if role is Role.TALENT:
        person_id = getattr(user, "person_id", None)
        return person_id is not None and case.person_id == person_id
    if role is Role.EMPLOYER:
        employer_id = getattr(user, "employer_id", None)
        return employer_id is not None and case.employer_id == employer_id
    return False


def may_resubmit_case(user: User | AnonymousUser, case: Case) -> bool:
    """Whether ``user`` may answer a return on ``case``: its applicant (talent or employer).

    Whether a step is returned is the service's to say.
    """
    return _is_applicant(user, case)


def may_see_case(user: User | AnonymousUser, case: Case) -> bool:
    """Whether ``user`` may open ``case``'s page.

    The applicant (the talent or the employer the case is for) sees their own case; an
    officer sees cases with a step, or an event from an imported log, at their department;
    the talent office, the leadership group, evaluators and administrators see every case.
    """
    role = role_of(user)
    if role is None or not may_open(user, Page.CASE):
        return False
    if role in _SEES_ALL_CASES:
        return True
    if role in (Role.TALENT, Role.EMPLOYER):
        return _is_applicant(user, case)
    if role is Role.OFFICER:
        department_id = getattr(user, "department_id", None)
        return department_id is not None and (
            case.steps.filter(department_id=department_id).exists()
            or case.events.filter(department_id=department_id).exists()
        )
    return False


def visible_cases(user: User | AnonymousUser, cases: QuerySet[Case]) -> QuerySet[Case]:
    """``cases`` narrowed to those ``user`` may open: ``may_see_case`` as a query, for lists."""
    # Imported here: the case models import this module through the accounts app.
    from luodi.platform.cases.models import CaseStep, Event

    role = role_of(user)
    if role is None or not may_open(user, Page.CASE):
        return cases.none()
    if role in _SEES_ALL_CASES:
        return cases
    person_id = getattr(user, "person_id", None)
    if role is Role.TALENT and person_id is not None:
        return cases.filter(person_id=person_id)
    employer_id = getattr(user, "employer_id", None)
    if role is Role.EMPLOYER and employer_id is not None:
        return cases.filter(employer_id=employer_id)
    department_id = getattr(user, "department_id", None)
    if role is Role.OFFICER and department_id is not None:
        at = {"case_id": OuterRef("case_id"), "department_id": department_id}
        return cases.filter(
            Exists(CaseStep.objects.filter(**at)) | Exists(Event.objects.filter(**at))
        )
    return cases.none()


def may_decide_step(user: User | AnonymousUser, step: _Step) -> bool:
    """Whether ``user`` may decide ``step``: an officer of the step's department.

    Whether the step still waits for a decision is the service's to say (under the row
    lock), so a second officer is told who decided it rather than refused.
    """
    return (
        role_of(user) is Role.OFFICER and getattr(user, "department_id", None) == step.department_id
    )


def may_fund_case(user: User | AnonymousUser, action: Action, case: Case) -> bool:
    """Whether ``user`` may check a phase of ``case`` or record its payment.

    Staged funding is the finance department's business (it pays out), so only an officer
    of a finance-kind department that is on the case's route; whether the case is approved
    and the phase checked is the service's to say.
    """
    if action not in (Action.PHASE_CHECK, Action.DISBURSE) or not may_act(user, action):
        return False
    department = getattr(user, "department", None)
    return (
        department is not None
        and department.kind == FUNDING_DEPARTMENT_KIND
        and case.steps.filter(department_id=department.department_id).exists()
    )
