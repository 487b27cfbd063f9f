"""Read the rows behind a figure: cases, survey answers, inquiries, exceptions, conflicts.

Lists show ids, statuses, dates and departments — no names, no free text a citizen wrote —
and only what the viewing user may open (cases through ``case_access.visible_cases``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.db.models.functions import Trim
from django.utils.translation import gettext as _

from luodi.contract import choices as ch
from luodi.platform.accounts.case_access import visible_cases
from luodi.platform.cases.models import Case
from luodi.platform.common import choice_label
from luodi.platform.coordination.models import Conflict, ProcedureException
from luodi.platform.diagnosis.case_query import case_annotate, case_filter
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.registry.models import Department
from luodi.platform.surveys.models import SurveyOption, SurveyResponse

__all__ = [
    "PAGE_SIZE",
    "CaseHit",
    "CaseHits",
    "Hits",
    "case_hits",
    "conflict_hits",
    "exception_hits",
    "inquiry_hits",
    "response_hits",
]

PAGE_SIZE = 50


@dataclass(frozen=True, kw_only=True)
class Hits:
    """One page of a filtered list and how many rows the filters select in all."""

    page: Page[Any]
    total: int


@dataclass(frozen=True, kw_only=True)
class CaseHits(Hits):
    # Distinct applicants (talents for person cases, employers otherwise), as the diagnosis
    # counts recipients.
    subjects: int


@dataclass(frozen=True, kw_only=True)
class CaseHit:
    case_id: str
    clause_id: str
    clause_label: str
    subject_label: str
    status: str
    status_label: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    money: float
    phases_paid: int
    stop_department: str | None
    stop_position: int | None


def _paged(rows: QuerySet[Any], number: str | None) -> Page[Any]:
    return Paginator(rows, PAGE_SIZE).get_page(number)


def _department_names() -> dict[str, str]:
    return dict(Department.objects.values_list("department_id", "name"))


def case_hits(
    *, user: Any, filters: Mapping[str, str], as_of: dt.date, page: str | None
) -> CaseHits:
    """The cases ``filters`` select that ``user`` may open, by case id."""
    cases = case_filter(
        case_annotate(visible_cases(user, Case.objects.all())), filters=filters, as_of=as_of
    )
    total = cases.count()
    persons = cases.filter(person__isnull=False).values("person_id").distinct().count()
    employers = (
        cases.filter(person__isnull=True, employer__isnull=False)
        .values("employer_id")
        .distinct()
        .count()
    )
    paged = _paged(cases.select_related("clause__policy").order_by("case_id"), page)
    names = _department_names()
    talent, employer = _("人才"), _("单位")
    paged.object_list = [
        CaseHit(
            case_id=case.case_id,
            clause_id=case.clause_id,
            clause_label=f"{case.clause.policy.title} {case.clause.number}",
            subject_label=(
                f"{talent} {case.person_id}"
                if case.person_id
                else f"{employer} {case.employer_id or ''}"
            ),
            status=case.status,
            status_label=choice_label(ch.CASE_STATUSES, case.status),
            opened_at=case.opened_at,
            closed_at=case.closed_at,
            money=float(case.money),
            phases_paid=int(case.phases_paid),
            stop_department=names.get(case.stop_department_id or ""),
            stop_position=case.stop_position,
        )
        for case in paged.object_list
    ]
    return CaseHits(page=paged, total=total, subjects=persons + employers)


@dataclass(frozen=True, kw_only=True)
class ResponseHit:
    survey_id: str
    respondent_id: str
    item_code: str
    value: str
    value_label: str


def response_hits(*, filters: Mapping[str, str], page: str | None) -> Hits:
    """Survey answers, by survey, respondent and item; coded answers with their option."""
    where = {k: v for k, v in filters.items() if k != "value"}
    rows = SurveyResponse.objects.filter(**where)
    if "value" in filters:
        # The diagnosis counts answers with surrounding blanks stripped.
        rows = rows.annotate(trimmed=Trim("value")).filter(trimmed=filters["value"])
    rows = rows.order_by("survey_id", "respondent_id", "item_code")
    total = rows.count()
    paged = _paged(rows, page)
    labels = {
        (o.survey_id, o.item_code, o.code): o.label
        for o in SurveyOption.objects.filter(survey_id__in={r.survey_id for r in paged.object_list})
    }
    paged.object_list = [
        ResponseHit(
            survey_id=r.survey_id,
            respondent_id=r.respondent_id,
            item_code=r.item_code,
            value=r.value,
            value_label=labels.get((r.survey_id, r.item_code, r.value), ""),
        )
        for r in paged.object_list
    ]
    return Hits(page=paged, total=total)


def inquiry_hits(*, filters: Mapping[str, str], page: str | None) -> Hits:
    """Inquiries of the dialogue desk, oldest first (their text stays on the inquiry page)."""
    rows = (
        Inquiry.objects.filter(**filters)
        .select_related("department", "clause__policy")
        .order_by("submitted_at", "inquiry_id")
    )
    return Hits(page=_paged(rows, page), total=rows.count())


def exception_hits(*, filters: Mapping[str, str], page: str | None) -> Hits:
    """Exceptions recorded by the talent office, oldest first."""
    rows = (
        ProcedureException.objects.filter(**filters)
        .select_related("department", "case__clause")
        .order_by("recorded_at", "exception_id")
    )
    return Hits(page=_paged(rows, page), total=rows.count())


def conflict_hits(*, filters: Mapping[str, str], page: str | None) -> Hits:
    """Registered conflicts between rules, oldest first."""
    where = Q()
    if "status" in filters:
        status = filters["status"]
        where &= ~Q(status="resolved") if status == "open" else Q(status=status)
    if "clause_id" in filters:
        where &= Q(clause_id=filters["clause_id"])
    if "department_id" in filters:
        department = filters["department_id"]
        where &= Q(department_a_id=department) | Q(department_b_id=department)
    rows = (
        Conflict.objects.filter(where)
        .select_related("department_a", "department_b", "clause__policy")
        .order_by("raised_on", "conflict_id")
    )
    return Hits(page=_paged(rows, page), total=rows.count())
