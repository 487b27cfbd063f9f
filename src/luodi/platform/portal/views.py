"""Role home pages: each parses the request, asks selectors and renders one template."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from luodi.contract import TABLES
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import ROLE_SPECS, Page, role_of, role_required
from luodi.platform.accounts.selectors import user_role_count_list
from luodi.platform.cases.selectors import (
    case_blocked_list,
    case_department_list,
    case_list,
    case_open_count,
    case_overdue_list,
    case_status_count_list,
)
from luodi.platform.datasets.selectors import table_count_list, table_rows_iter
from luodi.platform.dialogue.selectors import inquiry_status_count_list
from luodi.platform.registry.selectors import (
    department_get,
    employer_get,
    employer_kind_count_list,
    employer_stage_count_list,
    person_get,
    talent_tier_count_list,
)

__all__ = [
    "admin_home",
    "employer_home",
    "evaluator_home",
    "home",
    "leadership_home",
    "officer_home",
    "table_export",
    "talent_home",
    "talent_office_home",
]


def _user(request: HttpRequest) -> User:
    # role_required has already turned anonymous visitors away.
    user = request.user
    assert isinstance(user, User)
    return user


def _page(request: HttpRequest, template: str, page: Page, **context: Any) -> HttpResponse:
    return render(request, f"portal/{template}", {"page": page.value, **context})


@role_required(Page.HOME)
def home(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    assert role is not None
    return redirect(f"portal:{ROLE_SPECS[role].home.value}")


@role_required(Page.TALENT)
def talent_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    person = person_get(person_id=user.person_id) if user.person_id else None
    cases = case_list(person_id=person.person_id) if person is not None else None
    return _page(request, "talent.html", Page.TALENT, person=person, cases=cases)


@role_required(Page.EMPLOYER)
def employer_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    employer = employer_get(employer_id=user.employer_id) if user.employer_id else None
    context: dict[str, Any] = {"employer": employer}
    if employer is not None:
        tiers = talent_tier_count_list(employer_id=employer.employer_id)
        context |= {
            "tiers": tiers,
            "talents": sum(tier.count for tier in tiers),
            "cases": case_list(employer_id=employer.employer_id),
        }
    return _page(request, "employer.html", Page.EMPLOYER, **context)


@role_required(Page.OFFICER)
def officer_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    department = department_get(department_id=user.department_id) if user.department_id else None
    context: dict[str, Any] = {"department": department}
    if department is not None:
        context |= {
            "pending": case_department_list(department_id=department.department_id),
            "handled": case_department_list(
                department_id=department.department_id, pending_only=False, limit=0
            ),
        }
    return _page(request, "officer.html", Page.OFFICER, **context)


@role_required(Page.TALENT_OFFICE)
def talent_office_home(request: HttpRequest) -> HttpResponse:
    tiers = talent_tier_count_list()
    kinds = employer_kind_count_list()
    return _page(
        request,
        "talent_office.html",
        Page.TALENT_OFFICE,
        tiers=tiers,
        talents=sum(tier.count for tier in tiers),
        kinds=kinds,
        employers=sum(kind.count for kind in kinds),
        stages=employer_stage_count_list(),
        open_cases=case_open_count(),
        inquiries=inquiry_status_count_list(),
    )


@role_required(Page.LEADERSHIP)
def leadership_home(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "leadership.html",
        Page.LEADERSHIP,
        blocked=case_blocked_list(),
        overdue=case_overdue_list(today=timezone.now().date()),
        statuses=case_status_count_list(),
    )


@role_required(Page.EVALUATOR)
def evaluator_home(request: HttpRequest) -> HttpResponse:
    return _page(request, "evaluator.html", Page.EVALUATOR, tables=table_count_list())


class _Echo:
    """A file-like sink: csv.writer hands back each line for streaming."""

    def write(self, value: str) -> str:
        return value


@role_required(Page.EXPORT)
def table_export(request: HttpRequest, name: str) -> StreamingHttpResponse:
    role = role_of(request.user)
    if name not in TABLES or role is None or name not in ROLE_SPECS[role].tables:
        raise Http404(name)
    table = TABLES[name]
    # Personal columns stay in the database: a downloaded file can travel anywhere.
    keep = [i for i, column in enumerate(table.columns) if not column.personal]
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # a BOM so spreadsheet programs read the Chinese text as UTF-8
        yield writer.writerow([table.columns[i].name for i in keep])
        for row in table_rows_iter(name=name, personal=False):
            yield writer.writerow(["" if row[i] is None else row[i] for i in keep])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@role_required(Page.ADMIN)
def admin_home(request: HttpRequest) -> HttpResponse:
    return _page(request, "admin.html", Page.ADMIN, roles=user_role_count_list())
