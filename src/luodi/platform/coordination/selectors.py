"""Read the coordination queues and registers, oldest first, as the pages show them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from django.utils import timezone

from luodi.contract import choices as ch
from luodi.platform.cases.models import CaseStep
from luodi.platform.common import choice_label
from luodi.platform.coordination.models import Conflict, Escalation, ProcedureException
from luodi.platform.coordination.workdays import working_days_elapsed

__all__ = [
    "ConflictRow",
    "EscalationRow",
    "ExceptionRow",
    "conflict_list",
    "escalation_queue",
    "exception_list",
]

DEFAULT_LIMIT = 200
# What each queue holds: the talent office works its open escalations, the leadership group
# those referred to it.
_QUEUE_STATUS = {"talent_office": "open", "leadership": "referred"}


@dataclass(frozen=True, kw_only=True)
class EscalationRow:
    """One escalation in a queue, with the step and case it is about."""

    escalation_id: str
    case_id: str
    clause_id: str
    clause_number: str
    policy_title: str
    step_id: str
    step_position: int
    step_department_id: str
    step_department_name: str
    step_status: str
    step_status_label: str
    due_on: dt.date | None
    missing_rule: str | None
    conflict_id: str | None
    level: str
    level_label: str
    cause: str
    cause_label: str
    status: str
    status_label: str
    raised_at: dt.datetime
    age_working_days: int
    note: str | None


@dataclass(frozen=True, kw_only=True)
class ConflictRow:
    """One entry of the conflicts register with the cases it blocks now."""

    conflict_id: str
    title: str
    rule_a: str
    department_a_id: str
    department_a_name: str
    rule_b: str
    department_b_id: str
    department_b_name: str
    clause_id: str | None
    clause_number: str | None
    status: str
    status_label: str
    raised_on: dt.date
    resolved_on: dt.date | None
    resolution: str | None
    # Working days it has been (or was) open: to its resolution, else to today.
    age_working_days: int
    blocked_case_ids: tuple[str, ...]

    @property
    def blocked_cases(self) -> int:
        return len(self.blocked_case_ids)


@dataclass(frozen=True, kw_only=True)
class ExceptionRow:
    """One thing done outside procedure: what, why, who asked, who approved."""

    exception_id: str
    case_id: str | None
    clause_number: str | None
    department_id: str
    department_name: str
    what: str
    why: str
    requested_by: str
    approved_by: str
    recorded_at: dt.datetime
    recorded_by: str
    age_working_days: int


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.now().date()


def escalation_queue(
    *,
    level: Literal["talent_office", "leadership"],
    today: dt.date | None = None,
    limit: int = DEFAULT_LIMIT,
) -> tuple[EscalationRow, ...]:
    """The escalations waiting at ``level``, oldest first, aged in working days to ``today``."""
    if level not in _QUEUE_STATUS:
        raise ValueError(f"unknown level {level!r}; use talent_office or leadership")
    day = _today(today)
    escalations = (
        Escalation.objects.filter(level=level, status=_QUEUE_STATUS[level])
        .select_related("case__clause__policy", "step__department")
        .order_by("raised_at", "escalation_id")[:limit]
    )
    return tuple(
        EscalationRow(
            escalation_id=e.escalation_id,
            case_id=e.case_id,
            clause_id=e.case.clause_id,
            clause_number=e.case.clause.number,
            policy_title=e.case.clause.policy.title,
            step_id=e.step_id,
            step_position=e.step.position,
            step_department_id=e.step.department_id,
            step_department_name=e.step.department.name,
            step_status=e.step.status,
            step_status_label=choice_label(ch.STEP_STATUSES, e.step.status),
            due_on=e.step.due_on,
            missing_rule=e.step.missing_rule,
            conflict_id=e.step.conflict_id,
            level=e.level,
            level_label=choice_label(ch.ESCALATION_LEVELS, e.level),
            cause=e.cause,
            cause_label=choice_label(ch.ESCALATION_CAUSES, e.cause),
            status=e.status,
            status_label=choice_label(ch.ESCALATION_STATUSES, e.status),
            raised_at=e.raised_at,
            age_working_days=max(0, working_days_elapsed(start=e.raised_at, end=day)),
            note=e.note,
        )
        for e in escalations
    )


def conflict_list(
    *, status: str | None = None, today: dt.date | None = None, limit: int = DEFAULT_LIMIT
) -> tuple[ConflictRow, ...]:
    """The conflicts register (or one status of it), oldest first, with the cases blocked."""
    day = _today(today)
    conflicts = Conflict.objects.select_related("department_a", "department_b", "clause")
    if status is not None:
        conflicts = conflicts.filter(status=status)
    chosen = list(conflicts.order_by("raised_on", "conflict_id")[:limit])
    blocked: dict[str, list[str]] = defaultdict(list)
    rows = (
        CaseStep.objects.filter(conflict__in=chosen, status="blocked")
        .order_by("case_id")
        .values_list("conflict_id", "case_id")
        .distinct()
    )
    for conflict_id, case_id in rows:
        blocked[conflict_id].append(case_id)
    return tuple(
        ConflictRow(
            conflict_id=c.conflict_id,
            title=c.title,
            rule_a=c.rule_a,
            department_a_id=c.department_a_id,
            department_a_name=c.department_a.name,
            rule_b=c.rule_b,
            department_b_id=c.department_b_id,
            department_b_name=c.department_b.name,
            clause_id=c.clause_id,
            clause_number=c.clause.number if c.clause is not None else None,
            status=c.status,
            status_label=choice_label(ch.CONFLICT_STATUSES, c.status),
            raised_on=c.raised_on,
            resolved_on=c.resolved_on,
            resolution=c.resolution,
            age_working_days=max(
                0, working_days_elapsed(start=c.raised_on, end=c.resolved_on or day)
            ),
            blocked_case_ids=tuple(blocked.get(c.conflict_id, ())),
        )
        for c in chosen
    )


def exception_list(
    *, today: dt.date | None = None, limit: int = DEFAULT_LIMIT
) -> tuple[ExceptionRow, ...]:
    """Exceptions recorded, oldest first: visible to the leadership group, not hidden."""
    day = _today(today)
    exceptions = ProcedureException.objects.select_related("case__clause", "department").order_by(
        "recorded_at", "exception_id"
    )[:limit]
    return tuple(
        ExceptionRow(
            exception_id=x.exception_id,
            case_id=x.case_id,
            clause_number=x.case.clause.number if x.case is not None else None,
            department_id=x.department_id,
            department_name=x.department.name,
            what=x.what,
            why=x.why,
            requested_by=x.requested_by,
            approved_by=x.approved_by,
            recorded_at=x.recorded_at,
            recorded_by=x.recorded_by,
            age_working_days=max(0, working_days_elapsed(start=x.recorded_at, end=day)),
        )
        for x in exceptions
    )
