"""The cases behind a figure: the ``cases`` evidence filters as one database query.

Each filter means what the diagnosis counts (luodi.diagnosis: ``case_outcomes`` for received
and money, D2 for where a case stopped and which steps ran over their deadline), so a linked
number and the length of its list agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import (
    CharField,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from luodi.diagnosis.context import HIGH_END_TIERS, MIDDLE_TIERS
from luodi.diagnosis.outcomes import RECEIVED_STATUSES
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event
from luodi.platform.coordination.models import ProcedureException

__all__ = [
    "STOP_CASE_STATUSES",
    "STOP_STEP_STATUSES",
    "case_annotate",
    "case_filter",
]

# Cases that did not arrive (yet) and where they are held: the first step still waiting for,
# or refused by, its department.
STOP_CASE_STATUSES = ("open", "blocked", "rejected", "withdrawn")
STOP_STEP_STATUSES = ("pending", "returned", "blocked", "rejected")
_TIER_GROUP_TIERS = {"high_end": HIGH_END_TIERS, "middle": MIDDLE_TIERS}


def _of_case(model: type[Model]) -> QuerySet[Any]:
    return model._default_manager.filter(case_id=OuterRef("case_id"))


def case_annotate(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Add money, phases_paid and stop_department_id / stop_position as the diagnosis has them."""
    paid = _of_case(Disbursement).values("case_id")
    first_stop = _of_case(CaseStep).filter(status__in=STOP_STEP_STATUSES).order_by("position")
    last_event = _of_case(Event).order_by("-timestamp", "-event_id")
    stopping = Q(status__in=STOP_CASE_STATUSES)
    return cases.annotate(
        money=Coalesce(
            Subquery(paid.annotate(s=Sum("amount")).values("s")[:1], output_field=FloatField()),
            Value(0.0),
        ),
        phases_paid=Coalesce(
            Subquery(paid.annotate(m=Max("phase")).values("m")[:1], output_field=IntegerField()),
            Value(0),
        ),
        stop_department_id=SqlCase(
            When(
                stopping,
                # A case with no step to stop at (none recorded, or a withdrawal that
                # cancelled them) stops where its event log ends.
                then=Coalesce(
                    Subquery(first_stop.values("department_id")[:1]),
                    Subquery(last_event.values("department_id")[:1]),
                ),
            ),
            default=Value(None),
            output_field=CharField(),
        ),
        stop_position=SqlCase(
            When(stopping, then=Subquery(first_stop.values("position")[:1])),
            default=Value(None),
            output_field=IntegerField(),
        ),
    )


def _event(filters: Mapping[str, str]) -> Q:
    """A decision, a reason or both, taken on one event (at ``department_id`` when given)."""
    at = {"department_id": filters["department_id"]} if "department_id" in filters else {}
    said = {"reason": filters["reason"]} if "reason" in filters else {}
    decision = filters.get("decision")
    found = _of_case(Event).filter(**at, **said)
    if decision is not None:
        found = found.filter(decision=decision)
    where = Q(Exists(found))
    if decision == "blocked_no_rule":
        # A step blocked for want of a supporting rule counts as that decision too.
        blocked = _of_case(CaseStep).filter(
            status="blocked", missing_rule__isnull=False, **at, **said
        )
        where |= Q(Exists(blocked))
    return where


def _overdue_at(department_id: str, as_of: dt.date) -> Q:
    steps = (
        _of_case(CaseStep)
        .filter(department_id=department_id, arrived_at__isnull=False, due_on__isnull=False)
        # Cancelled steps were never worked: not late either.
        .exclude(status="cancelled")
        .annotate(decided_on=TruncDate("decided_at"))
        .filter(
            Q(decided_at__isnull=False, decided_on__gt=F("due_on"))
            | Q(decided_at__isnull=True, due_on__lt=as_of)
        )
    )
    return Q(Exists(steps))


def _tier_group(group: str) -> Q:
    tiers = _TIER_GROUP_TIERS.get(group)
    if tiers is not None:
        return Q(person__isnull=False, person__talent_tier__in=tiers)
    return Q(person__isnull=False, person__talent_tier__isnull=False) & ~Q(
        person__talent_tier__in=HIGH_END_TIERS + MIDDLE_TIERS
    )


def case_filter(
    cases: QuerySet[Case], *, filters: Mapping[str, str], as_of: dt.date
) -> QuerySet[Case]:
    """``cases`` (annotated by ``case_annotate``) narrowed by checked ``cases`` filters.

    ``decision`` and ``reason`` with ``department_id`` mean one event with that decision and
    reason at that department (the diagnosis counts blocks and lost subjects per department
    so); alone, ``department_id`` means the case has a step or an event there. ``as_of`` is
    the day undecided steps are judged on.
    """
    f = dict(filters)
    where = Q()
    if "clause_id" in f:
        where &= Q(clause_id=f["clause_id"])
    if "decision" in f or "reason" in f:
        where &= _event(f)
    elif "department_id" in f:
        at = {"department_id": f["department_id"]}
        where &= Q(Exists(_of_case(CaseStep).filter(**at))) | Q(
            Exists(_of_case(Event).filter(**at))
        )
    if "stopped_department_id" in f:
        where &= Q(stop_department_id=f["stopped_department_id"])
    if "stopped_position" in f:
        where &= Q(stop_position=int(f["stopped_position"]))
    if "status" in f:
        where &= Q(status=f["status"])
    if "tier_group" in f:
        where &= _tier_group(f["tier_group"])
    if "employer_stage" in f:
        where &= Q(employer__isnull=False, employer__stage=f["employer_stage"])
    if "received" in f:
        received = Q(status__in=RECEIVED_STATUSES) | Q(money__gt=0)
        where &= received if f["received"] == "yes" else ~received
    if "paid" in f:
        where &= Q(money__gt=0) if f["paid"] == "yes" else Q(money__lte=0)
    if "phases_paid" in f:
        where &= Q(phases_paid=int(f["phases_paid"]))
    if "paid_phase" in f:
        where &= Q(Exists(_of_case(Disbursement).filter(phase=int(f["paid_phase"]))))
    if "overdue_department_id" in f:
        where &= _overdue_at(f["overdue_department_id"], as_of)
    if f.get("exception") == "yes":
        where &= Q(Exists(_of_case(ProcedureException)))
    return cases.filter(where)
