"""Read cases: one applicant's, one department's pending steps, blocked and overdue cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from luodi.contract import choices as ch
from luodi.platform.cases.deadlines import step_due_on
from luodi.platform.cases.models import Case, CaseStep, Event
from luodi.platform.common import LabelledCount, choice_label

__all__ = [
    "ROUTE_ACTIONS",
    "CaseRow",
    "CaseSlice",
    "case_blocked_list",
    "case_department_list",
    "case_list",
    "case_open_count",
    "case_overdue_list",
    "case_status_count_list",
    "phase_activity",
    "step_activity",
]

# Statuses in which a case still waits for a department.
ACTIVE_STATUSES = ("open", "blocked")
# Lifecycle transitions after which a department has finished its step.
FINISHED_LIFECYCLES = ("complete", "ate_abort")
DEFAULT_LIMIT = 100


@dataclass(frozen=True, kw_only=True)
class CaseRow:
    """One case as a page shows it; the step fields describe its latest event in scope."""

    case_id: str
    clause_id: str
    clause_number: str
    policy_title: str
    status: str
    status_label: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    step_activity: str | None = None
    step_lifecycle: str | None = None
    step_at: dt.datetime | None = None
    step_reason: str | None = None
    due_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class CaseSlice:
    """The first ``limit`` rows of a longer list, and how long the list is."""

    rows: tuple[CaseRow, ...]
    total: int


def _latest_event(scope: QuerySet[Event], field: str) -> Subquery:
    return Subquery(
        scope.filter(case_id=OuterRef("case_id"))
        .order_by("-timestamp", "-event_id")
        .values(field)[:1]
    )


def _with_step(cases: QuerySet[Case], scope: QuerySet[Event]) -> QuerySet[Case]:
    return cases.annotate(
        step_activity=_latest_event(scope, "activity"),
        step_lifecycle=_latest_event(scope, "lifecycle"),
        step_at=_latest_event(scope, "timestamp"),
        step_reason=_latest_event(scope.filter(reason__isnull=False), "reason"),
    )


_ROW_FIELDS = (
    "case_id",
    "clause_id",
    "clause__number",
    "clause__policy__title",
    "status",
    "opened_at",
    "closed_at",
)
_STEP_FIELDS = ("step_activity", "step_lifecycle", "step_at", "step_reason")


def _rows(cases: QuerySet[Case], *, limit: int, with_step: bool = False) -> CaseSlice:
    fields = (*_ROW_FIELDS, *_STEP_FIELDS) if with_step else _ROW_FIELDS
    total = cases.count()
    rows = tuple(
        CaseRow(
            case_id=row["case_id"],
            clause_id=row["clause_id"],
            clause_number=row["clause__number"],
            policy_title=row["clause__policy__title"],
            status=row["status"],
            status_label=choice_label(ch.CASE_STATUSES, row["status"]),
            opened_at=row["opened_at"],
            closed_at=row["closed_at"],
            step_activity=row.get("step_activity"),
            step_lifecycle=row.get("step_lifecycle"),
            step_at=row.get("step_at"),
            step_reason=row.get("step_reason"),
        )
        for row in cases.values(*fields)[:limit]
    )
    return CaseSlice(rows=rows, total=total)


def case_list(
    *, person_id: str | None = None, employer_id: str | None = None, limit: int = DEFAULT_LIMIT
) -> CaseSlice:
    """Cases of one applicant (a person or an employer), newest first."""
    if person_id is None and employer_id is None:
        raise ValueError("case_list needs person_id or employer_id; use case_status_count_list")
    cases = Case.objects.all()
    if person_id is not None:
        cases = cases.filter(person_id=person_id)
    if employer_id is not None:
        cases = cases.filter(employer_id=employer_id)
    cases = _with_step(cases.order_by("-opened_at", "case_id"), Event.objects.all())
    return _rows(cases, limit=limit, with_step=True)


def case_department_list(
    *, department_id: str, pending_only: bool = True, limit: int = DEFAULT_LIMIT
) -> CaseSlice:
    """Cases with a step at one department, with the department's latest step.

    Pending: the case is still open or blocked and the department's latest step has not
    completed or been aborted.
    """
    scope = Event.objects.filter(department_id=department_id)
    cases = _with_step(Case.objects.filter(case_id__in=scope.values("case_id")), scope).order_by(
        "opened_at", "case_id"
    )
    if pending_only:
        # Q() because the type checker does not see annotations through _with_step.
        cases = cases.filter(status__in=ACTIVE_STATUSES).exclude(
            Q(step_lifecycle__in=FINISHED_LIFECYCLES)
        )
    return _rows(cases, limit=limit, with_step=True)


def case_blocked_list(*, limit: int = DEFAULT_LIMIT) -> CaseSlice:
    """Blocked cases, oldest first, with the latest step and the reason given."""
    cases = _with_step(
        Case.objects.filter(status="blocked").order_by("opened_at", "case_id"),
        Event.objects.all(),
    )
    return _rows(cases, limit=limit, with_step=True)


def case_overdue_list(*, today: dt.date, limit: int = DEFAULT_LIMIT) -> CaseSlice:
    """Open or blocked cases past their clause's deadline (in working days) on ``today``."""
    candidates = (
        Case.objects.filter(status__in=ACTIVE_STATUSES, clause__deadline_days__isnull=False)
        .order_by("opened_at", "case_id")
        .values_list("case_id", "opened_at", "clause__deadline_days")
    )
    due: dict[str, dt.date] = {}
    for case_id, opened_at, deadline_days in candidates.iterator(2000):
        if deadline_days is None:  # excluded by the query; narrows the type
            continue
        due_on = step_due_on(arrived=opened_at, days=deadline_days)
        if due_on < today:
            due[case_id] = due_on
    shown = list(due)[:limit]
    cases = _with_step(
        Case.objects.filter(case_id__in=shown).order_by("opened_at", "case_id"),
        Event.objects.all(),
    )
    slice_ = _rows(cases, limit=limit, with_step=True)
    rows = tuple(replace(row, due_on=due[row.case_id]) for row in slice_.rows)
    return CaseSlice(rows=rows, total=len(due))


def case_status_count_list() -> list[LabelledCount]:
    rows = Case.objects.values("status").annotate(n=Count("case_id")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [
        LabelledCount(
            value=choice.value,
            label=choice_label(ch.CASE_STATUSES, choice.value),
            count=counts.get(choice.value, 0),
        )
        for choice in ch.CASE_STATUSES
    ]


def case_open_count() -> int:
    return Case.objects.filter(status__in=ACTIVE_STATUSES).count()


# What a department does at each kind of route step; activity names as the demo's log has them.
ROUTE_ACTIONS = {"lead": "受理审核", "co": "会签", "veto": "把关审核"}


def step_activity(step: CaseStep) -> str:
    """The activity of a step's events, e.g. ``审计局把关审核``: the department's name without
    its region's (a clerk's log says 审计局, not C产业集聚区审计局), then what it does."""
    department = step.department
    short = department.name.removeprefix(department.region.name) or department.name
    return short + ROUTE_ACTIONS.get(step.route_role, "审核")


def phase_activity(phase: int, *, disbursement: bool = False) -> str:
    """``第2期兑现条件核验``, or for its payment ``第2期资金拨付``."""
    return f"第{phase}期资金拨付" if disbursement else f"第{phase}期兑现条件核验"
