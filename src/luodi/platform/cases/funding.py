"""Staged funding of a case: check a phase's criteria on submitted figures, record its payment.

The criteria are the clause's own, read from its stored policy file and evaluated by the
policy engine (luodi.policy.explain); the payment needs a passed check of that phase, is
recorded once, and stays within the phase's share of the clause's amount.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from luodi.contract import choices as ch
from luodi.platform.accounts.roles import Role
from luodi.platform.cases import errors as e
from luodi.platform.cases.events import event_append, new_id
from luodi.platform.cases.locking import case_lock
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event
from luodi.platform.cases.selectors import phase_activity
from luodi.platform.common import choice_label
from luodi.platform.policies.models import ClausePhase
from luodi.platform.policies.selectors import library_get, profile_of_employer, profile_of_person
from luodi.policy.explain import PhaseResult, explain
from luodi.policy.library import Library, ResolvedClause
from luodi.policy.model import DERIVED_ATTRIBUTES, Phase
from luodi.policy.profile import (
    Profile,
    ProfileError,
    attribute_type,
    coerce_value,
    source_attribute,
)

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User

__all__ = [
    "CriterionOutcome",
    "PhaseCheck",
    "disbursement_record",
    "figure_text",
    "figures_checked",
    "phase_check",
]


@dataclass(frozen=True, kw_only=True)
class CriterionOutcome:
    """One leaf criterion of a phase applied to the submitted figures."""

    attribute: str
    operator: str
    expected: object
    seen: object
    passed: bool
    label: str | None


@dataclass(frozen=True, kw_only=True)
class PhaseCheck:
    """The outcome of checking one phase's criteria; recorded as a ``phase_checked`` event."""

    case_id: str
    phase: int
    share: float
    condition: str
    passed: bool
    criteria: tuple[CriterionOutcome, ...]
    checked_at: dt.datetime
    event_id: str


def figures_checked(*, figures: Mapping[str, float]) -> dict[str, float]:
    """The figures, each a number for a contract column (``employer.revenue``), or an error."""
    checked: dict[str, float] = {}
    for name, value in figures.items():
        try:
            attribute_type(name)
        except ProfileError:
            raise e.FiguresInvalid(e.FIGURE_UNKNOWN, name=name) from None
        if name in DERIVED_ATTRIBUTES:
            # Computed from a column (age from birth_year): submit the column instead.
            raise e.FiguresInvalid(e.FIGURE_UNKNOWN, name=name)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise e.FiguresInvalid(e.FIGURE_INVALID, name=name, value=repr(value))
        try:
            coerce_value(name, value, where="figures")
        except ProfileError:
            raise e.FiguresInvalid(e.FIGURE_INVALID, name=name, value=repr(value)) from None
        checked[name] = value
    return checked


def figure_text(value: object) -> str:
    """A figure as a clerk writes it: ``1,200,000`` rather than ``1200000.0``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return str(value)


def _profile(case: Case, figures: Mapping[str, float]) -> Profile:
    """The case's registry rows with the submitted figures laid over them."""
    person: dict[str, object] = {}
    employer: dict[str, object] = {}
    if case.person is not None:
        person_row, employer_row = profile_of_person(person=case.person)
        person, employer = dict(person_row), dict(employer_row or {})
    if case.employer is not None:
        employer = dict(profile_of_employer(employer=case.employer))
    for name, value in figures.items():
        section, _, column = name.partition(".")
        target = person if section == "person" else employer
        target[column] = coerce_value(name, value, where="figures")
    return Profile(person=person, employer=employer, source=f"case {case.case_id}")


def _phase_rule(case: Case, phase: int) -> tuple[ResolvedClause, Phase]:
    library = library_get()
    if case.clause_id not in library.clauses():
        raise e.PhaseCheckError(e.PHASE_RULE_MISSING, clause_id=case.clause_id, phase=phase)
    # The rule the applicant applied under: the clause as it read when the case was opened.
    resolved = library.resolve(case.clause_id, case.opened_at.date())
    for candidate in resolved.phases:
        if candidate.phase == phase:
            return resolved, candidate
    known = "、".join(str(p.phase) for p in resolved.phases) or "—"
    raise e.PhaseCheckError(e.PHASE_UNKNOWN, clause_id=case.clause_id, phase=phase, phases=known)


def _phase_explain(
    resolved: ResolvedClause, phase: Phase, profile: Profile, on: dt.date
) -> PhaseResult:
    """The phase's own criteria, evaluated by the policy engine.

    The engine explains whole clauses and ands a phase with the clause's eligibility, which
    the departments already judged; so it is given the clause with this phase alone and no
    eligibility or amount, in a one-document library in force on ``on``.
    """
    clause = resolved.clause.model_copy(
        update={
            "eligibility": None,
            "versions": [],
            "phases": [phase],
            "benefit": resolved.benefit.model_copy(update={"amount": None}),
            "refines": None,
        }
    )
    document = resolved.document.model_copy(
        update={"clauses": [clause], "supersedes": [], "effective_from": on, "effective_to": None}
    )
    explanation = explain(library=Library(documents=(document,)), profile=profile, on=on)
    return explanation.clause(resolved.id).phases[0]


def _criterion_text(outcome: CriterionOutcome) -> str:
    what = outcome.label or f"{outcome.attribute} {outcome.operator} {outcome.expected}"
    return f"{what}（申报 {figure_text(outcome.seen)}）"


def _route_officer_or_raise(case: Case, by: User) -> None:
    departments = dict(
        CaseStep.objects.filter(case=case).values_list("department_id", "department__name")
    )
    if by.role != Role.OFFICER or by.department_id not in departments:
        raise e.WorkflowPermissionError(
            e.PHASE_PERMISSION, departments="、".join(departments.values())
        )


def _approved_or_raise(case: Case) -> None:
    if case.status != "approved":
        status = choice_label(ch.CASE_STATUSES, case.status)
        raise e.CaseStateError(e.CASE_NOT_APPROVED, case_id=case.case_id, status=status)


@transaction.atomic
def phase_check(*, case_id: str, phase: int, figures: Mapping[str, float], by: User) -> PhaseCheck:
    """Check one phase's criteria on the submitted figures, and record the outcome.

    The criteria come from the clause's stored policy file; figures (``employer.revenue`` …)
    are laid over the case's registry rows. A failed check can be repeated with new figures;
    only a passed one allows the phase's disbursement.
    """
    case = case_lock(case_id)
    _route_officer_or_raise(case, by)
    _approved_or_raise(case)
    checked = figures_checked(figures=figures)
    resolved, rule = _phase_rule(case, phase)
    at = timezone.now()
    result = _phase_explain(resolved, rule, _profile(case, checked), at.date())
    if result.eligible is None:
        unknown = sorted(
            {source_attribute(c.attribute) for c in result.criteria if c.passed is None}
        )
        raise e.PhaseCheckError(e.FIGURES_MISSING, phase=phase, names="、".join(unknown))
    outcomes = tuple(
        CriterionOutcome(
            attribute=c.attribute,
            operator=c.operator,
            expected=c.expected,
            seen=c.seen,
            passed=bool(c.passed),
            label=c.label,
        )
        for c in result.criteria
    )
    failed = [_criterion_text(o) for o in outcomes if not o.passed]
    reason = f"{rule.condition}：" + ("未达到 " + "；".join(failed) if failed else "条件达到")
    event = event_append(
        case=case,
        activity=phase_activity(phase),
        department_id=_department_id(by),
        role="officer",
        lifecycle="complete" if result.eligible else "ate_abort",
        decision="phase_checked",
        resource=by.username,
        reason=reason,
        at=at,
    )
    return PhaseCheck(
        case_id=case.case_id,
        phase=phase,
        share=rule.share,
        condition=rule.condition,
        passed=bool(result.eligible),
        criteria=outcomes,
        checked_at=at,
        event_id=event.event_id,
    )


def _department_id(user: User) -> str:
    assert user.department_id is not None  # checked by _route_officer_or_raise
    return user.department_id


@transaction.atomic
def disbursement_record(
    *, case_id: str, phase: int, amount: float, paid_on: dt.date, by: User
) -> Disbursement:
    """Record a phase's payment: only after a passed check, once, within the phase's share."""
    case = case_lock(case_id)
    _route_officer_or_raise(case, by)
    _approved_or_raise(case)
    phases = dict(
        ClausePhase.objects.filter(clause_id=case.clause_id).values_list("phase", "share")
    )
    if phase not in phases:
        known = "、".join(str(p) for p in sorted(phases)) or "—"
        raise e.PhaseCheckError(
            e.PHASE_UNKNOWN, clause_id=case.clause_id, phase=phase, phases=known
        )
    if isinstance(amount, bool) or not math.isfinite(amount) or amount <= 0:
        raise e.DisbursementRefused(e.AMOUNT_NOT_POSITIVE, amount=amount)
    paid = Disbursement.objects.filter(case=case, phase=phase).first()
    if paid is not None:
        raise e.DisbursementRefused(
            e.ALREADY_DISBURSED,
            phase=phase,
            paid_on=paid.paid_on.isoformat(),
            disbursement_id=paid.disbursement_id,
        )
    last_check = (
        Event.objects.filter(case=case, decision="phase_checked", activity=phase_activity(phase))
        .order_by("-timestamp", "-event_id")
        .first()
    )
    if last_check is None or last_check.lifecycle != "complete":
        raise e.DisbursementRefused(e.PHASE_NOT_PASSED, phase=phase)
    total = case.clause.amount
    if total is not None:
        limit = total * phases[phase]
        # Amounts are yuan with fen: anything beyond half a fen over the share is too much.
        if amount > limit + 0.005:
            raise e.DisbursementRefused(
                e.AMOUNT_OVER_SHARE,
                amount=f"{amount:,.2f}",
                phase=phase,
                limit=f"{limit:,.2f}",
                total=f"{total:,.2f}",
                share=f"{phases[phase]:g}",
            )
    at = timezone.now()
    disbursement = Disbursement.objects.create(
        disbursement_id=new_id("PAY"), case=case, phase=phase, amount=amount, paid_on=paid_on
    )
    event_append(
        case=case,
        activity=phase_activity(phase, disbursement=True),
        department_id=_department_id(by),
        role="officer",
        lifecycle="complete",
        decision="disbursed",
        resource=by.username,
        at=at,
    )
    if not set(phases) - set(
        Disbursement.objects.filter(case=case).values_list("phase", flat=True)
    ):
        # Every phase paid: the case is done.
        case.closed_at = at
        case.save(update_fields=["closed_at"])
    return disbursement
