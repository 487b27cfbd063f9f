"""Escalate stalled steps: the talent office first, then the leadership group, whose decision
drives the case on.

The study's remedy for 实施梗阻 is procedure instead of phone calls: an overdue or blocked step
goes to the talent office, then to the leadership group, whose decision (instruct a department,
issue a supporting rule, amend the clause) is recorded and reopens the step. Every change to a
case is written to the event log in the same transaction. The two registers (conflicts,
exceptions) live in ``registers`` and are served from here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

from django.db import transaction

from luodi.contract import choices as ch
from luodi.platform.accounts.roles import Action
from luodi.platform.cases.events import event_append, new_id
from luodi.platform.cases.models import CaseStep
from luodi.platform.coordination.errors import (
    ESCALATION_DECIDED,
    ESCALATION_NOT_FOUND,
    ESCALATION_NOT_OPEN,
    ESCALATION_NOT_REFERRED,
    STEP_NOT_ESCALATABLE,
    EscalationNotFound,
    EscalationStateError,
    StepNotEscalatable,
)
from luodi.platform.coordination.models import Escalation
from luodi.platform.coordination.registers import (
    conflict_register,
    conflict_register_clauses,
    conflict_resolve,
    exception_record,
)
from luodi.platform.coordination.support import (
    ACTION_NAMES,
    LEADERSHIP_GROUP,
    STALLED_STEPS,
    TALENT_OFFICE,
    UNDECIDED,
    ReopenDecision,
    check_may,
    coordinator,
    decision_record,
    label_lazy,
    label_zh,
    lock_case,
    lock_step,
    now,
    required,
)
from luodi.platform.coordination.workdays import working_days_elapsed

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from luodi.platform.accounts.models import User

__all__ = [
    "ESCALATION_RESOLUTION_DECISIONS",
    "REFERRAL_WORKING_DAYS",
    "ScanResult",
    "conflict_register",
    "conflict_register_clauses",
    "conflict_resolve",
    "escalation_decide",
    "escalation_raise",
    "escalation_refer",
    "escalation_scan",
    "exception_record",
]

Cause = Literal["overdue", "blocked", "conflict"]
Resolution = Literal[
    "instruct_department", "issue_supporting_rule", "amend_clause", "urge_department"
]

# An escalation the talent office has not settled within this many working days goes up to the
# leadership group by itself, so a stalled case never depends on someone remembering it.
REFERRAL_WORKING_DAYS = 3

# The event decision each resolution records; urging is the talent office's instruction.
ESCALATION_RESOLUTION_DECISIONS: dict[str, ReopenDecision] = {
    "instruct_department": "instructed",
    "issue_supporting_rule": "rule_issued",
    "amend_clause": "clause_amended",
    "urge_department": "instructed",
}


@dataclass(frozen=True, kw_only=True)
class ScanResult:
    """What one scan did on ``today``.

    ``flagged``: pending steps overdue on ``today`` (a working day has ended since their due
    day), whether escalated now or before; ``raised``: escalations raised by this scan;
    ``referred``: talent-office escalations this scan passed to the leadership group.
    """

    today: dt.date
    flagged: int
    raised: int
    referred: int

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "today": self.today.isoformat()}


def _cause_reason(step: CaseStep, cause: str) -> str:
    label = label_zh(ch.ESCALATION_CAUSES, cause)
    if cause == "blocked" and step.missing_rule:
        return f"{label}：缺少{step.missing_rule}"
    if cause == "conflict" and step.conflict_id:
        return f"{label}：{step.conflict_id}"
    if cause == "overdue" and step.due_on is not None:
        return f"{label}：办理时限 {step.due_on.isoformat()}"
    return label


def _raise_locked(
    *, step: CaseStep, cause: str, at: dt.datetime, flag_overdue: bool
) -> Escalation | None:
    """Raise an escalation for a locked step; None when one is already undecided."""
    if Escalation.objects.filter(step=step, status__in=UNDECIDED).exists():
        return None
    if step.status not in STALLED_STEPS:
        raise StepNotEscalatable(
            STEP_NOT_ESCALATABLE,
            case_id=step.case_id,
            position=step.position,
            status=label_lazy(ch.STEP_STATUSES, step.status),
        )
    office = coordinator(TALENT_OFFICE, near=step.department)
    if flag_overdue:
        event_append(
            case=step.case,
            activity="环节办理超期",
            department_id=step.department_id,
            role="system",
            # The step stays with its department; "assign" marks the flag as a notice, not
            # as the department starting or finishing work (which would skew service times).
            lifecycle="assign",
            decision="overdue",
            reason=_cause_reason(step, "overdue"),
            at=at,
        )
    escalation = Escalation.objects.create(
        escalation_id=new_id("ES"),
        case_id=step.case_id,
        step=step,
        level="talent_office",
        cause=cause,
        raised_at=at,
        status="open",
    )
    event_append(
        case=step.case,
        activity="提请人才办协调",
        department_id=office.department_id,
        role="system",
        lifecycle="assign",
        decision="escalated",
        reason=_cause_reason(step, cause),
        at=at,
    )
    return escalation


@transaction.atomic
def escalation_raise(*, step: CaseStep, cause: Cause, at: dt.datetime | None = None) -> Escalation:
    """Raise ``step`` to the talent office (level talent_office, status open).

    Idempotent: while the step has an undecided escalation (open or referred) that one is
    returned and nothing is written. Call it after saving the step's new status; the step row
    is locked so two callers never raise twice.
    """
    locked = lock_step(step.pk)
    raised = _raise_locked(step=locked, cause=cause, at=at or now(), flag_overdue=False)
    if raised is not None:
        return raised
    existing = (
        Escalation.objects.filter(step=locked, status__in=UNDECIDED)
        .order_by("raised_at", "escalation_id")
        .first()
    )
    assert existing is not None  # _raise_locked returned None because one exists
    return existing


def _refer(
    escalation: Escalation, *, at: dt.datetime, role: str, note: str, by: User | None
) -> None:
    group = coordinator(LEADERSHIP_GROUP, near=escalation.step.department)
    escalation.level = "leadership"
    escalation.status = "referred"
    escalation.note = note
    escalation.save(update_fields=["level", "status", "note"])
    event_append(
        case=escalation.case,
        activity="提请领导小组协调",
        department_id=group.department_id,
        role=role,
        lifecycle="assign",
        decision="escalated",
        resource=by.get_username() if by is not None else None,
        reason=note,
        at=at,
    )


@transaction.atomic
def escalation_scan(*, today: dt.date | None = None) -> ScanResult:
    """Flag overdue pending steps, raise them, and refer escalations the office has held too long.

    A pending step is overdue once a working day has ended after its due day, so a step due
    before a holiday is not flagged during the holiday. An escalation open at the talent office
    for more than ``REFERRAL_WORKING_DAYS`` working days is referred to the leadership group.
    Running the scan twice on a day changes nothing the second time.
    """
    started = now()
    today = today or started.date()
    # A scan run "as of" another day stamps its events at the start of that day, so the log
    # stays in the order the rules were applied.
    at = started if today == started.date() else dt.datetime.combine(today, dt.time())
    flagged = raised = 0
    overdue = (
        CaseStep.objects.filter(status="pending", due_on__lt=today)
        .order_by("due_on", "step_id")
        .values_list("step_id", "due_on")
    )
    for step_id, due_on in list(overdue):
        # due_on__lt excludes NULLs; the check narrows the type.
        if due_on is None or working_days_elapsed(start=due_on, end=today) < 1:
            continue
        locked = lock_step(step_id)
        if locked.status != "pending":  # decided since the query ran
            continue
        flagged += 1
        if _raise_locked(step=locked, cause="overdue", at=at, flag_overdue=True) is not None:
            raised += 1
    referred = 0
    waiting = (
        Escalation.objects.filter(level="talent_office", status="open")
        .order_by("raised_at", "escalation_id")
        .values_list("escalation_id", "raised_at")
    )
    note = f"人才办超过{REFERRAL_WORKING_DAYS}个工作日未协调办结，自动提请领导小组"
    for escalation_id, raised_at in list(waiting):
        if working_days_elapsed(start=raised_at, end=today) <= REFERRAL_WORKING_DAYS:
            continue
        escalation = _lock_escalation(escalation_id)
        if escalation.status != "open":  # referred or decided since the query ran
            continue
        _refer(escalation, at=at, role="system", note=note, by=None)
        referred += 1
    return ScanResult(today=today, flagged=flagged, raised=raised, referred=referred)


def _lock_escalation(escalation_id: str) -> Escalation:
    case_id = Escalation.objects.filter(pk=escalation_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise EscalationNotFound(ESCALATION_NOT_FOUND, escalation_id=escalation_id)
    lock_case(case_id)
    return (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("case", "step__department")
        .get(pk=escalation_id)
    )


def _status(escalation: Escalation) -> StrOrPromise:
    return label_lazy(ch.ESCALATION_STATUSES, escalation.status)


@transaction.atomic
def escalation_refer(*, escalation_id: str, by: User, note: str) -> Escalation:
    """The talent office passes an open escalation to the leadership group's queue."""
    check_may(by, Action.ESCALATION_REFER)
    note = required(note=note)["note"]
    escalation = _lock_escalation(escalation_id)
    if escalation.status != "open":
        raise EscalationStateError(
            ESCALATION_NOT_OPEN,
            escalation_id=escalation_id,
            status=_status(escalation),
            action=ACTION_NAMES[Action.ESCALATION_REFER],
        )
    _refer(escalation, at=now(), role="talent_office", note=note, by=by)
    return escalation


@transaction.atomic
def escalation_decide(
    *, escalation_id: str, by: User, resolution: Resolution, note: str
) -> Escalation:
    """Record the decision on an escalation and drive its case on.

    The leadership group decides referred escalations (instruct the department, issue a
    supporting rule, amend the clause); the talent office may urge the department on one still
    open at its level. A stalled step is then reopened by ``step_reopen`` with the decision.
    """
    if resolution not in ESCALATION_RESOLUTION_DECISIONS:
        raise ValueError(
            f"unknown resolution {resolution!r}; use one of "
            f"{', '.join(ESCALATION_RESOLUTION_DECISIONS)}"
        )
    urge = resolution == "urge_department"
    action = Action.ESCALATION_URGE if urge else Action.ESCALATION_DECIDE
    check_may(by, action)
    note = required(note=note)["note"]
    escalation = _lock_escalation(escalation_id)
    if escalation.status == "decided":
        raise EscalationStateError(
            ESCALATION_DECIDED,
            escalation_id=escalation_id,
            who=escalation.decided_by or "—",
            when=f"{escalation.decided_at:%Y-%m-%d %H:%M}" if escalation.decided_at else "—",
        )
    if urge and escalation.status != "open":
        raise EscalationStateError(
            ESCALATION_NOT_OPEN,
            escalation_id=escalation_id,
            status=_status(escalation),
            action=ACTION_NAMES[action],
        )
    if not urge and escalation.status != "referred":
        raise EscalationStateError(
            ESCALATION_NOT_REFERRED,
            escalation_id=escalation_id,
            status=_status(escalation),
            days=REFERRAL_WORKING_DAYS,
        )
    at = now()
    decision = ESCALATION_RESOLUTION_DECISIONS[resolution]
    escalation.status = "decided"
    escalation.resolution = resolution
    escalation.decided_at = at
    escalation.decided_by = by.get_username()
    escalation.note = note
    escalation.save(update_fields=["status", "resolution", "decided_at", "decided_by", "note"])
    kind, role = (TALENT_OFFICE, "talent_office") if urge else (LEADERSHIP_GROUP, "leadership")
    decision_record(
        step=escalation.step,
        coordinator=coordinator(kind, by=by, near=escalation.step.department),
        activity=f"{label_zh(ch.ESCALATION_LEVELS, escalation.level)}决定："
        f"{label_zh(ch.ESCALATION_RESOLUTIONS, resolution)}",
        role=role,
        decision=decision,
        by=by,
        note=note,
        at=at,
    )
    return escalation
