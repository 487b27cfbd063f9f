"""The two registers above the departments: conflicting rules and open exceptions.

A conflict names two rules of different issuers that cannot both be followed (the study's
school green channel against "公办中小学不收择校生"); resolving it drives the cases it blocked.
An exception records what the talent office got done outside procedure, so informality becomes
accountable rather than hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from luodi.contract import choices as ch
from luodi.platform.accounts.roles import Action
from luodi.platform.cases.events import event_append, new_id
from luodi.platform.cases.models import Case, CaseStep
from luodi.platform.coordination.candidates import conflict_of_pair, rule_text
from luodi.platform.coordination.errors import (
    CASE_NOT_FOUND,
    CLAUSE_NOT_FOUND,
    CONFLICT_DUPLICATE,
    CONFLICT_NOT_FOUND,
    CONFLICT_RESOLVED,
    CONFLICT_SAME_DEPARTMENT,
    ConflictDuplicate,
    ConflictNotFound,
    ConflictStateError,
    CoordinationValueError,
    RecordNotFound,
)
from luodi.platform.coordination.models import Conflict, Escalation, ProcedureException
from luodi.platform.coordination.support import (
    LEADERSHIP_GROUP,
    TALENT_OFFICE,
    UNDECIDED,
    check_may,
    coordinator,
    decision_record,
    department_get,
    label_lazy,
    lock_step,
    now,
    required,
)
from luodi.platform.policies.models import Clause

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User

__all__ = [
    "conflict_register",
    "conflict_register_clauses",
    "conflict_resolve",
    "exception_record",
]


@transaction.atomic
def conflict_register(
    *,
    title: str,
    rule_a: str,
    department_a_id: str,
    rule_b: str,
    department_b_id: str,
    clause_id: str | None = None,
    by: User,
) -> Conflict:
    """Register two rules of different issuers that cannot both be followed (status open)."""
    check_may(by, Action.CONFLICT_REGISTER)
    texts = required(title=title, rule_a=rule_a, rule_b=rule_b)
    department_a = department_get(department_a_id)
    department_b = department_get(department_b_id)
    if department_a.pk == department_b.pk:
        raise CoordinationValueError(CONFLICT_SAME_DEPARTMENT, department_id=department_a.pk)
    if clause_id is not None and not Clause.objects.filter(pk=clause_id).exists():
        raise RecordNotFound(CLAUSE_NOT_FOUND, clause_id=clause_id)
    # No event: a conflict concerns rules, not one case; the cases it blocks get theirs when
    # their steps are blocked and reopened.
    return Conflict.objects.create(
        conflict_id=new_id("CF"),
        title=texts["title"],
        rule_a=texts["rule_a"],
        department_a=department_a,
        rule_b=texts["rule_b"],
        department_b=department_b,
        clause_id=clause_id,
        status="open",
        raised_on=now().date(),
    )


@transaction.atomic
def conflict_register_clauses(
    *, clause_a_id: str, clause_b_id: str, subject: str, by: User
) -> Conflict:
    """Send a candidate of the conflict search (two stored clauses) to the register.

    The rules are the clauses' texts under their ids and policy titles, the departments the
    policies' issuers, the clause concerned the first one. A pair already registered (in either
    order, whatever its status) is refused with the entry's id.
    """
    check_may(by, Action.CONFLICT_REGISTER)
    ids = sorted({clause_a_id, clause_b_id})
    # Locked in id order, so two offices sending the same pair at once register it once.
    locked = {
        clause.pk: clause
        for clause in Clause.objects.select_for_update(of=("self",))
        .select_related("policy__issuer")
        .filter(pk__in=ids)
        .order_by("pk")
    }
    for clause_id in (clause_a_id, clause_b_id):
        if clause_id not in locked:
            raise RecordNotFound(CLAUSE_NOT_FOUND, clause_id=clause_id)
    existing = conflict_of_pair(clause_a_id, clause_b_id)
    if existing is not None:
        raise ConflictDuplicate(
            CONFLICT_DUPLICATE,
            clause_a_id=clause_a_id,
            clause_b_id=clause_b_id,
            conflict_id=existing.conflict_id,
            status=label_lazy(ch.CONFLICT_STATUSES, existing.status),
        )
    clause_a, clause_b = locked[clause_a_id], locked[clause_b_id]
    issuer_a, issuer_b = clause_a.policy.issuer, clause_b.policy.issuer
    topic = subject.strip() or "规定冲突"
    title = f"{topic}：{issuer_a.name}与{issuer_b.name}"
    return conflict_register(
        title=title[:200],
        rule_a=rule_text(clause_a),
        department_a_id=issuer_a.pk,
        rule_b=rule_text(clause_b),
        department_b_id=issuer_b.pk,
        clause_id=clause_a.pk,
        by=by,
    )


@transaction.atomic
def conflict_resolve(*, conflict_id: str, resolution: str, by: User) -> Conflict:
    """Resolve a conflict and reopen the steps blocked by it (decision rule_issued).

    Escalations still undecided for those steps are closed with the same resolution, so the
    queues do not keep asking for a decision already taken.
    """
    check_may(by, Action.CONFLICT_RESOLVE)
    resolution = required(resolution=resolution)["resolution"]
    try:
        conflict = Conflict.objects.select_for_update().get(pk=conflict_id)
    except Conflict.DoesNotExist:
        raise ConflictNotFound(CONFLICT_NOT_FOUND, conflict_id=conflict_id) from None
    if conflict.status == "resolved":
        when = conflict.resolved_on.isoformat() if conflict.resolved_on else "—"
        raise ConflictStateError(CONFLICT_RESOLVED, conflict_id=conflict_id, when=when)
    at = now()
    conflict.status = "resolved"
    conflict.resolved_on = at.date()
    conflict.resolution = resolution
    conflict.save(update_fields=["status", "resolved_on", "resolution"])
    blocked = CaseStep.objects.filter(conflict=conflict, status="blocked").order_by("step_id")
    note = f"规定冲突已解决（{conflict.conflict_id}）：{resolution}"
    for step_id in list(blocked.values_list("step_id", flat=True)):
        step = lock_step(step_id)
        if step.status != "blocked":  # reopened since the query ran
            continue
        Escalation.objects.filter(step=step, status__in=UNDECIDED).update(
            status="decided",
            resolution="issue_supporting_rule",
            decided_at=at,
            decided_by=by.get_username(),
            note=note,
        )
        decision_record(
            step=step,
            coordinator=coordinator(LEADERSHIP_GROUP, by=by, near=step.department),
            activity="领导小组决定：解决规定冲突",
            role="leadership",
            decision="rule_issued",
            by=by,
            note=note,
            at=at,
        )
    return conflict


@transaction.atomic
def exception_record(
    *,
    case_id: str | None,
    department_id: str,
    what: str,
    why: str,
    requested_by: str,
    approved_by: str,
    by: User,
) -> ProcedureException:
    """Record something the talent office got done outside procedure, so it is accountable.

    With a case, the case's log gets an event (decision exception, role talent_office).
    """
    check_may(by, Action.EXCEPTION_RECORD)
    texts = required(what=what, why=why, requested_by=requested_by, approved_by=approved_by)
    department = department_get(department_id)
    case = None
    if case_id is not None:
        case = Case.objects.filter(pk=case_id).first()
        if case is None:
            raise RecordNotFound(CASE_NOT_FOUND, case_id=case_id)
    at = now()
    exception = ProcedureException.objects.create(
        exception_id=new_id("EX"),
        case=case,
        department=department,
        what=texts["what"],
        why=texts["why"],
        requested_by=texts["requested_by"],
        approved_by=texts["approved_by"],
        recorded_at=at,
        recorded_by=by.get_username(),
    )
    if case is not None:
        office = coordinator(TALENT_OFFICE, by=by, near=department)
        event_append(
            case=case,
            activity="例外办理登记",
            department_id=office.department_id,
            role="talent_office",
            lifecycle="complete",
            decision="exception",
            resource=by.get_username(),
            reason=f"{texts['what']}（办理部门：{department.name}；理由：{texts['why']}）",
            at=at,
        )
    return exception
