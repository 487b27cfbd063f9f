"""Read what the workflow pages show: a department's work queue and one case with its timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from luodi.calendar import CalendarOutOfRange, working_days_between
from luodi.contract import choices as ch
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event
from luodi.platform.common import choice_label
from luodi.platform.coordination.models import Escalation, ProcedureException

__all__ = [
    "QUEUE_STATUSES",
    "CasePage",
    "DisbursementRow",
    "EscalationRow",
    "ExceptionRow",
    "StepRow",
    "TimelineRow",
    "case_get",
    "case_page_get",
    "step_get",
    "step_queue_list",
]

# Steps a department still has to act on, or that wait at it (returned: for the applicant's
# documents; blocked: for a supporting rule).
QUEUE_STATUSES = ("pending", "returned", "blocked")
# Decisions first, then the arrival they cause: a decision and the next step's arrival may
# carry the same timestamp.
_LIFECYCLE_ORDER = {
    value: rank
    for rank, value in enumerate(
        ("complete", "ate_abort", "suspend", "resume", "schedule", "assign", "start")
    )
}


@dataclass(frozen=True, kw_only=True)
class StepRow:
    """One step of a case, as the queue and the case page show it."""

    step_id: str
    case_id: str
    position: int
    department_id: str
    department_name: str
    route_role: str
    route_role_label: str
    status: str
    status_label: str
    arrived_at: dt.datetime | None
    due_on: dt.date | None
    decided_at: dt.datetime | None
    decided_by: str | None
    reason: str | None
    missing_rule: str | None
    conflict_id: str | None
    clause_id: str
    clause_number: str
    policy_title: str
    # Only a pending step runs against its deadline: a returned step waits for the applicant,
    # a blocked one for the leadership group.
    overdue: bool
    # Working days since the step arrived (Chinese calendar); None beyond its coverage.
    days_waiting: int | None


@dataclass(frozen=True, kw_only=True)
class TimelineRow:
    event_id: str
    timestamp: dt.datetime
    activity: str
    department_name: str
    role_label: str
    decision: str | None
    decision_label: str
    lifecycle_label: str
    reason: str | None


@dataclass(frozen=True, kw_only=True)
class DisbursementRow:
    disbursement_id: str
    phase: int
    amount: float
    paid_on: dt.date


@dataclass(frozen=True, kw_only=True)
class EscalationRow:
    escalation_id: str
    step_id: str
    level_label: str
    cause_label: str
    status: str
    status_label: str
    raised_at: dt.datetime
    resolution_label: str
    decided_at: dt.datetime | None
    note: str | None


@dataclass(frozen=True, kw_only=True)
class ExceptionRow:
    exception_id: str
    department_name: str
    what: str
    why: str
    requested_by: str
    approved_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True, kw_only=True)
class CasePage:
    """Everything the case page shows; ``current`` is the step waiting for a department."""

    case_id: str
    clause_id: str
    clause_number: str
    policy_title: str
    status: str
    status_label: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    person_id: str | None
    employer_id: str | None
    employer_name: str | None
    steps: tuple[StepRow, ...]
    current: StepRow | None
    timeline: tuple[TimelineRow, ...]
    disbursements: tuple[DisbursementRow, ...]
    escalations: tuple[EscalationRow, ...]
    exceptions: tuple[ExceptionRow, ...]


def _days_waiting(arrived_at: dt.datetime | None, today: dt.date) -> int | None:
    if arrived_at is None:
        return None
    try:
        arrived = timezone.localtime(arrived_at) if timezone.is_aware(arrived_at) else arrived_at
        return working_days_between(start=arrived.date(), end=today)
    except CalendarOutOfRange:
        return None


def _step_row(step: CaseStep, today: dt.date) -> StepRow:
    clause = step.case.clause
    return StepRow(
        step_id=step.step_id,
        case_id=step.case_id,
        position=step.position,
        department_id=step.department_id,
        department_name=step.department.name,
        route_role=step.route_role,
        route_role_label=choice_label(ch.ROUTE_ROLES, step.route_role),
        status=step.status,
        status_label=choice_label(ch.STEP_STATUSES, step.status),
        arrived_at=step.arrived_at,
        due_on=step.due_on,
        decided_at=step.decided_at,
        decided_by=step.decided_by,
        reason=step.reason,
        missing_rule=step.missing_rule,
        conflict_id=step.conflict_id,
        clause_id=clause.clause_id,
        clause_number=clause.number,
        policy_title=clause.policy.title,
        overdue=step.status == "pending" and step.due_on is not None and step.due_on < today,
        days_waiting=_days_waiting(step.arrived_at, today)
        if step.status in QUEUE_STATUSES
        else None,
    )


def step_queue_list(*, department_id: str, today: dt.date) -> tuple[StepRow, ...]:
    """A department's open steps: overdue first, then the longest waiting first."""
    steps = (
        CaseStep.objects.filter(department_id=department_id, status__in=QUEUE_STATUSES)
        .select_related("department", "case__clause__policy")
        .order_by("arrived_at", "case_id", "position")
    )
    rows = [_step_row(step, today) for step in steps]
    # A stable sort keeps the arrival order inside each group.
    return tuple(sorted(rows, key=lambda row: not row.overdue))


def _timeline(case_id: str) -> tuple[TimelineRow, ...]:
    events = sorted(
        Event.objects.filter(case_id=case_id).select_related("department"),
        key=lambda e: (e.timestamp, _LIFECYCLE_ORDER.get(e.lifecycle, 99)),
    )
    return tuple(
        TimelineRow(
            event_id=event.event_id,
            timestamp=event.timestamp,
            activity=event.activity,
            department_name=event.department.name,
            role_label=choice_label(ch.ACTOR_ROLES, event.role),
            decision=event.decision,
            decision_label=choice_label(ch.DECISIONS, event.decision) if event.decision else "",
            lifecycle_label=choice_label(ch.LIFECYCLES, event.lifecycle),
            reason=event.reason,
        )
        for event in events
    )


def case_page_get(*, case_id: str, today: dt.date) -> CasePage | None:
    """One case with its steps, timeline, disbursements, escalations and exceptions."""
    case = Case.objects.select_related("clause__policy", "employer").filter(case_id=case_id).first()
    if case is None:
        return None
    steps = tuple(
        _step_row(step, today)
        for step in CaseStep.objects.filter(case_id=case_id)
        .select_related("department", "case__clause__policy")
        .order_by("position")
    )
    escalations = tuple(
        EscalationRow(
            escalation_id=e.escalation_id,
            step_id=e.step_id,
            level_label=choice_label(ch.ESCALATION_LEVELS, e.level),
            cause_label=choice_label(ch.ESCALATION_CAUSES, e.cause),
            status=e.status,
            status_label=choice_label(ch.ESCALATION_STATUSES, e.status),
            raised_at=e.raised_at,
            resolution_label=choice_label(ch.ESCALATION_RESOLUTIONS, e.resolution)
            if e.resolution
            else "",
            decided_at=e.decided_at,
            note=e.note,
        )
        for e in Escalation.objects.filter(case_id=case_id).order_by("raised_at", "escalation_id")
    )
    exceptions = tuple(
        ExceptionRow(
            exception_id=x.exception_id,
            department_name=x.department.name,
            what=x.what,
            why=x.why,
            requested_by=x.requested_by,
            approved_by=x.approved_by,
            recorded_at=x.recorded_at,
        )
        for x in ProcedureException.objects.filter(case_id=case_id)
        .select_related("department")
        .order_by("recorded_at", "exception_id")
    )
    disbursements = tuple(
        DisbursementRow(
            disbursement_id=d.disbursement_id, phase=d.phase, amount=d.amount, paid_on=d.paid_on
        )
        for d in Disbursement.objects.filter(case_id=case_id).order_by("phase", "paid_on")
    )
    return CasePage(
        case_id=case.case_id,
        clause_id=case.clause_id,
        clause_number=case.clause.number,
        policy_title=case.clause.policy.title,
        status=case.status,
        status_label=choice_label(ch.CASE_STATUSES, case.status),
        opened_at=case.opened_at,
        closed_at=case.closed_at,
        person_id=case.person_id,
        employer_id=case.employer_id,
        employer_name=case.employer.name if case.employer is not None else None,
        steps=steps,
        current=next((s for s in steps if s.status in QUEUE_STATUSES), None),
        timeline=_timeline(case_id),
        disbursements=disbursements,
        escalations=escalations,
        exceptions=exceptions,
    )


def case_get(*, case_id: str) -> Case | None:
    return Case.objects.filter(case_id=case_id).first()


def step_get(*, step_id: str) -> CaseStep | None:
    return CaseStep.objects.filter(step_id=step_id).first()
