"""Work a case: open it, decide its steps, answer a return, drive it on, fund it by phases.

Every service changes rows and writes the events that record the change in one transaction,
so a crash leaves either both or neither. Services lock the case row before its steps
(:mod:`luodi.platform.cases.locking`): of two officers deciding one step at once, the second
sees the first one's decision and is told who took it. Staged funding lives in
:mod:`luodi.platform.cases.funding` and is offered from here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from django.db import transaction
from django.utils import timezone

from luodi.contract import choices as ch
from luodi.platform.accounts.roles import Role
from luodi.platform.cases import errors as e
from luodi.platform.cases.deadlines import step_days, step_due_on
from luodi.platform.cases.events import event_append, new_id
from luodi.platform.cases.funding import (
    CriterionOutcome,
    PhaseCheck,
    disbursement_record,
    figure_text,
    figures_checked,
    phase_check,
)
from luodi.platform.cases.locking import case_lock, step_lock
from luodi.platform.cases.models import Case, CaseStep
from luodi.platform.cases.selectors import phase_activity, step_activity
from luodi.platform.common import bilingual, choice_label
from luodi.platform.policies.models import Clause, ClausePhase, ClauseRoute
from luodi.platform.registry.models import Employer, Person

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User

__all__ = [
    "CriterionOutcome",
    "PhaseCheck",
    "case_open",
    "case_resubmit",
    "disbursement_record",
    "phase_activity",
    "phase_check",
    "step_activity",
    "step_decide",
    "step_reopen",
]

Decision = Literal["approve", "reject", "return", "block"]
ReopenDecision = Literal["instructed", "rule_issued", "clause_amended"]

# The step status and event (decision, lifecycle) each officer decision leads to.
_OUTCOMES: dict[str, tuple[str, str, str]] = {
    "approve": ("approved", "approved", "complete"),
    "reject": ("rejected", "rejected", "ate_abort"),
    "return": ("returned", "returned", "suspend"),
    "block": ("blocked", "blocked_no_rule", "suspend"),
}
_REOPEN_DECISIONS = ("instructed", "rule_issued", "clause_amended")
# An event that follows from another in the same transaction (the next department's arrival
# after an approval) is stamped this much later, so the log's order never depends on ids.
_TICK = dt.timedelta(microseconds=1)
_EVENT_ROLES = {
    Role.OFFICER: "officer",
    Role.TALENT_OFFICE: "talent_office",
    Role.LEADERSHIP: "leadership",
    Role.TALENT: "applicant",
    Role.EMPLOYER: "applicant",
}


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _event_role(user: User) -> str:
    return _EVENT_ROLES.get(Role(user.role), "system") if user.role in Role.values else "system"


def _arrive(step: CaseStep, *, case: Case, at: dt.datetime) -> None:
    """Make ``step`` the department's pending work from ``at``, with its due date."""
    step.status = "pending"
    step.arrived_at = at
    step.due_on = step_due_on(arrived=at, days=step_days(case.clause.deadline_days))
    step.decided_at = None
    step.decided_by = None
    step.reason = None
    step.missing_rule = None
    step.save()
    event_append(
        case=case,
        activity=step_activity(step),
        department_id=step.department_id,
        role="system",
        lifecycle="schedule",
        decision="received",
        at=at,
    )


def _figures_text(figures: Mapping[str, float]) -> str:
    return "；".join(f"{name} = {figure_text(value)}" for name, value in sorted(figures.items()))


def _applicant(
    applicant: User | None, *, clause: Clause, person_id: str | None, employer_id: str | None
) -> tuple[str | None, str | None]:
    if applicant is None:
        if clause.delivery_mode != "no_application":
            raise e.OpenRefused(e.AUTOMATIC_NOT_ALLOWED, clause_id=clause.clause_id)
        return person_id, employer_id
    role = applicant.role
    if role == Role.TALENT:
        own, given = applicant.person_id, person_id
        person_id = own
        # A talent may name the employer it works for, and only that one.
        works_for = Person.objects.filter(pk=own).values_list("employer_id", flat=True).first()
        if employer_id is not None and employer_id != works_for:
            raise e.WorkflowPermissionError(e.APPLICANT_MISMATCH, own=works_for, given=employer_id)
    elif role == Role.EMPLOYER:
        own, given = applicant.employer_id, employer_id
        employer_id = own
        # An employer may apply for one of its own staff, and only for them.
        staff = Person.objects.filter(pk=person_id, employer_id=own).exists()
        if person_id is not None and not staff:
            raise e.WorkflowPermissionError(e.APPLICANT_MISMATCH, own=own, given=person_id)
    else:
        raise e.WorkflowPermissionError(e.APPLICANT_ROLE, role=Role(role).label)
    if given is not None and given != own:
        raise e.WorkflowPermissionError(e.APPLICANT_MISMATCH, own=own, given=given)
    return person_id, employer_id


@transaction.atomic
def case_open(
    *,
    clause_id: str,
    applicant: User | None,
    person_id: str | None,
    employer_id: str | None,
    figures: Mapping[str, float] | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Open a case for a clause: one step per route department, the first one pending.

    ``applicant`` is the talent or employer account applying; ``None`` opens a 免申即享 case
    automatically, which only a clause delivered without application allows. ``figures``
    (e.g. ``{"employer.revenue": 1.2e6}``) are what the applicant declares; they are checked
    and kept in the submission event for the departments to see.
    """
    at = _now(at)
    clause = Clause.objects.filter(clause_id=clause_id).first()
    if clause is None:
        raise e.CaseNotFound(e.CLAUSE_NOT_FOUND, clause_id=clause_id)
    person_id, employer_id = _applicant(
        applicant, clause=clause, person_id=person_id, employer_id=employer_id
    )
    if person_id is None and employer_id is None:
        raise e.OpenRefused(e.CASE_SUBJECT_MISSING)
    if person_id is not None and not Person.objects.filter(person_id=person_id).exists():
        raise e.CaseNotFound(
            e.SUBJECT_NOT_FOUND, what=bilingual("人才", "talent"), record_id=person_id
        )
    if employer_id is not None and not Employer.objects.filter(employer_id=employer_id).exists():
        raise e.CaseNotFound(
            e.SUBJECT_NOT_FOUND, what=bilingual("用人单位", "employer"), record_id=employer_id
        )
    routes = list(ClauseRoute.objects.filter(clause=clause).order_by("position"))
    if not routes:
        raise e.OpenRefused(e.CLAUSE_NO_ROUTE, clause_id=clause_id)
    checked = figures_checked(figures=figures or {})
    case = Case.objects.create(
        case_id=new_id("CASE"),
        clause=clause,
        person_id=person_id,
        employer_id=employer_id,
        opened_at=at,
        status="open",
    )
    steps = CaseStep.objects.bulk_create(
        CaseStep(
            step_id=new_id("STEP"),
            case=case,
            position=route.position,
            department_id=route.department_id,
            route_role=route.role,
            status="waiting",
        )
        for route in routes
    )
    event_append(
        case=case,
        activity="提交申请",
        department_id=routes[0].department_id,
        role="system" if applicant is None else "applicant",
        lifecycle="complete",
        decision="submitted",
        resource=None if applicant is None else applicant.username,
        reason=_figures_text(checked) or None,
        at=at,
    )
    first = CaseStep.objects.select_related("department__region").get(pk=steps[0].pk)
    _arrive(first, case=case, at=at + _TICK)
    return case


def _decision_checked(decision: str, *, reason: str, missing_rule: str) -> None:
    if decision not in _OUTCOMES:
        raise e.DecisionInvalid(e.DECISION_UNKNOWN, decision=decision)
    if decision == "reject" and not reason.strip():
        raise e.DecisionInvalid(e.REJECT_REASON_REQUIRED)
    if decision == "return" and not reason.strip():
        raise e.DecisionInvalid(e.RETURN_REASON_REQUIRED)
    if decision == "block" and not missing_rule.strip():
        raise e.DecisionInvalid(e.BLOCK_RULE_REQUIRED)


def _who(username: str | None) -> str:
    from luodi.platform.accounts.models import User

    user = User.objects.filter(username=username).first() if username else None
    if user is None:
        return username or "?"
    return user.get_full_name() or user.username


def _pending_or_raise(step: CaseStep) -> None:
    if step.status == "pending":
        return
    status = choice_label(ch.STEP_STATUSES, step.status)
    if step.decided_at is not None:
        raise e.StepAlreadyDecided(
            step_id=step.step_id, who=_who(step.decided_by), when=step.decided_at, status=status
        )
    raise e.StepNotPending(e.STEP_NOT_PENDING, step_id=step.step_id, status=status)


def _block_reason(reason: str, missing_rule: str) -> str:
    text = f"缺少配套规定：{missing_rule.strip()}"
    return f"{text}；{reason.strip()}" if reason.strip() else text


@transaction.atomic
def step_decide(
    *,
    step_id: str,
    by: User,
    decision: Decision,
    reason: str = "",
    missing_rule: str = "",
    conflict_id: str | None = None,
) -> CaseStep:
    """An officer of the step's department approves, rejects, returns or blocks the step.

    Approve moves the case to the next department (or, at the last step, approves it);
    reject ends the case; return waits for the applicant's documents; block ("no supporting
    rule", optionally citing a registered conflict) stops the case and raises an escalation.
    """
    _decision_checked(decision, reason=reason, missing_rule=missing_rule)
    case, step = step_lock(step_id)
    if by.role != Role.OFFICER or by.department_id != step.department_id:
        raise e.StepPermissionError(e.STEP_PERMISSION, department=step.department.name)
    _pending_or_raise(step)
    if conflict_id is not None:
        from luodi.platform.coordination.models import Conflict

        if not Conflict.objects.filter(conflict_id=conflict_id).exists():
            raise e.CaseNotFound(e.CONFLICT_NOT_FOUND, conflict_id=conflict_id)
    at = timezone.now()
    status, event_decision, lifecycle = _OUTCOMES[decision]
    text = _block_reason(reason, missing_rule) if decision == "block" else reason.strip()
    step.status = status
    step.decided_at = at
    step.decided_by = by.username
    step.reason = text or None
    if decision == "block":
        step.missing_rule = missing_rule.strip()
        step.conflict_id = conflict_id
    step.save()
    event_append(
        case=case,
        activity=step_activity(step),
        department_id=step.department_id,
        role="officer",
        lifecycle=lifecycle,
        decision=event_decision,
        resource=by.username,
        reason=text or None,
        at=at,
    )
    if decision == "approve":
        _advance(case, step, at=at)
    elif decision == "reject":
        CaseStep.objects.filter(case=case, status="waiting").update(status="cancelled")
        _case_set(case, status="rejected", closed_at=at)
    elif decision == "block":
        _case_set(case, status="blocked")
        from luodi.platform.coordination.services import escalation_raise

        escalation_raise(step=step, cause="conflict" if conflict_id else "blocked", at=at + _TICK)
    return step


def _case_set(case: Case, *, status: str, closed_at: dt.datetime | None = None) -> None:
    case.status = status
    case.closed_at = closed_at
    case.save(update_fields=["status", "closed_at"])


def _advance(case: Case, step: CaseStep, *, at: dt.datetime) -> None:
    # The case row is locked, so no other service touches its steps meanwhile.
    following = (
        CaseStep.objects.select_related("department__region")
        .filter(case=case, position__gt=step.position, status="waiting")
        .order_by("position")
        .first()
    )
    if following is not None:
        _arrive(following, case=case, at=at + _TICK)
        return
    # A staged benefit stays open for its payments; the last one closes the case.
    staged = ClausePhase.objects.filter(clause_id=case.clause_id).exists()
    _case_set(case, status="approved", closed_at=None if staged else at)


@transaction.atomic
def case_resubmit(*, case_id: str, by: User, note: str = "") -> CaseStep:
    """The applicant answers a return: the returned step is pending again with a new due date."""
    case = case_lock(case_id)
    own = (
        by.role == Role.TALENT and by.person_id is not None and by.person_id == case.person_id
    ) or (
        by.role == Role.EMPLOYER
        and by.employer_id is not None
        and by.employer_id == case.employer_id
    )
    if not own:
        raise e.WorkflowPermissionError(e.RESUBMIT_PERMISSION, case_id=case_id)
    step = (
        CaseStep.objects.select_related("department__region")
        .filter(case=case, status="returned")
        .order_by("position")
        .first()
    )
    if step is None:
        raise e.CaseStateError(e.NOTHING_TO_RESUBMIT, case_id=case_id)
    at = timezone.now()
    event_append(
        case=case,
        activity="补正材料重新提交",
        department_id=step.department_id,
        role="applicant",
        lifecycle="complete",
        decision="resubmitted",
        resource=by.username,
        reason=note.strip() or None,
        at=at,
    )
    _arrive(step, case=case, at=at + _TICK)
    return step


@transaction.atomic
def step_reopen(*, step_id: str, by: User, decision: ReopenDecision, note: str) -> CaseStep:
    """Drive a blocked or overdue step on after a coordination decision.

    The step is pending again with a fresh due date and the case open; the event carries the
    decision (instructed, rule_issued, clause_amended) and its note. A cited conflict stays
    linked to the step, so the register keeps the cases it blocked.
    """
    if by.role not in (Role.LEADERSHIP, Role.TALENT_OFFICE):
        label = Role(by.role).label if by.role in Role.values else by.role
        raise e.WorkflowPermissionError(e.REOPEN_PERMISSION, role=label)
    if decision not in _REOPEN_DECISIONS:
        raise e.DecisionInvalid(e.REOPEN_DECISION_UNKNOWN, decision=decision)
    if not note.strip():
        raise e.DecisionInvalid(e.REOPEN_NOTE_REQUIRED)
    case, step = step_lock(step_id)
    if step.status not in ("blocked", "pending"):
        status = choice_label(ch.STEP_STATUSES, step.status)
        raise e.CaseStateError(e.STEP_NOT_REOPENABLE, step_id=step_id, status=status)
    at = timezone.now()
    step.status = "pending"
    step.arrived_at = at
    step.due_on = step_due_on(arrived=at, days=step_days(case.clause.deadline_days))
    step.decided_at = None
    step.decided_by = None
    step.reason = None
    step.missing_rule = None
    step.save()
    event_append(
        case=case,
        activity=step_activity(step),
        department_id=step.department_id,
        role=_event_role(by),
        lifecycle="resume",
        decision=decision,
        resource=by.username,
        reason=note.strip(),
        at=at,
    )
    if case.status == "blocked":
        _case_set(case, status="open")
    return step
