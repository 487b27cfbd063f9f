"""Diagnosis pages: the dashboard, the report downloads and the lists behind each figure.

Each drill-down parses its evidence filters first (``filters_parse``; 400 with the reason when
they are outside the vocabulary), then asks one selector and renders one template.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from luodi.diagnosis import REMEDIES
from luodi.platform.accounts.roles import Page, role_required
from luodi.platform.diagnosis.charts import dashboard_charts
from luodi.platform.diagnosis.filters import (
    PAGE_PARAMETER,
    AppliedFilter,
    FilterError,
    filters_parse,
)
from luodi.platform.diagnosis.lists import (
    case_hits,
    conflict_hits,
    exception_hits,
    inquiry_hits,
    response_hits,
)
from luodi.platform.diagnosis.present import (
    CHANNELS,
    PROBLEM_STAGES,
    clause_view,
    dashboard_view,
    department_view,
    evidence,
    inquiry_rows,
    recommendations_by_remedy,
)
from luodi.platform.diagnosis.report_files import REPORT_FORMATS, report_file
from luodi.platform.diagnosis.selectors import data_end, diagnosis_get
from luodi.platform.policies.models import Clause
from luodi.platform.registry.models import Department

__all__ = [
    "case_list_page",
    "clause_page",
    "conflict_list_page",
    "dashboard",
    "department_page",
    "exception_list_page",
    "inquiry_list_page",
    "report_download",
    "response_list_page",
]


def _render(
    request: HttpRequest, template: str, page: Page, status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"diagnosis/{template}", {"page": page.value, **context}, status=status)


def _names() -> dict[str, Any]:
    clauses = list(Clause.objects.select_related("policy"))
    return {
        "department_names": dict(Department.objects.values_list("department_id", "name")),
        "clause_labels": {c.clause_id: f"{c.policy.title} {c.number}" for c in clauses},
        # In tables: the id tells clauses of different policies apart, the number reads well.
        "clause_short": {c.clause_id: f"{c.clause_id} {c.number}" for c in clauses},
    }


@role_required(Page.DIAGNOSIS)
def dashboard(request: HttpRequest) -> HttpResponse:
    result = diagnosis_get()
    report = result.report
    return _render(
        request,
        "dashboard.html",
        Page.DIAGNOSIS,
        result=result,
        report=report,
        meta=report.get("meta", {}),
        view=dashboard_view(report),
        charts=dashboard_charts(result),
        recommendations=recommendations_by_remedy(report, tuple(REMEDIES)),
        channel_keys=CHANNELS,
        problem_stages=PROBLEM_STAGES,
        inquiry_rows=inquiry_rows(report),
        report_formats=REPORT_FORMATS,
        **_names(),
    )


@role_required(Page.DIAGNOSIS_REPORT)
def report_download(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("format", "html")
    if kind not in REPORT_FORMATS or set(request.GET) - {"format"}:
        return _bad(request, _("报告格式只能是 html 或 pdf。"))
    result = diagnosis_get()
    from luodi.diagnosis.report import PdfUnavailableError

    try:
        content, content_type, name = report_file(result=result, kind=kind)
    except PdfUnavailableError as error:
        # The server lacks WeasyPrint's system libraries or the CJK font; say which.
        message = _("这台服务器无法生成 PDF：%(why)s") % {"why": error}
        return _render(
            request,
            "problem.html",
            Page.DIAGNOSIS,
            status=503,
            heading=_("暂时无法生成 PDF"),
            error=message,
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _bad(request: HttpRequest, message: str) -> HttpResponse:
    return _render(
        request,
        "problem.html",
        Page.DIAGNOSIS,
        status=400,
        heading=_("筛选条件有误"),
        error=message,
        bad_filter=True,
    )


def _parse(request: HttpRequest, kind: str) -> tuple[AppliedFilter, ...] | HttpResponse:
    try:
        return filters_parse(kind=kind, query=dict(request.GET.lists()))
    except FilterError as error:
        return _bad(request, str(error))


def _list(
    request: HttpRequest, template: str, page: Page, applied: tuple[AppliedFilter, ...], **rest: Any
) -> HttpResponse:
    query = urlencode([(f.key, f.value) for f in applied])
    return _render(request, template, page, applied=applied, query=query, **rest)


def _values(applied: tuple[AppliedFilter, ...]) -> dict[str, str]:
    return {f.key: f.value for f in applied}


@role_required(Page.DIAGNOSIS_CASES)
def case_list_page(request: HttpRequest) -> HttpResponse:
    applied = _parse(request, "cases")
    if isinstance(applied, HttpResponse):
        return applied
    hits = case_hits(
        user=request.user,
        filters=_values(applied),
        as_of=data_end(),
        page=request.GET.get(PAGE_PARAMETER),
    )
    return _list(request, "cases.html", Page.DIAGNOSIS_CASES, applied, hits=hits)


@role_required(Page.DIAGNOSIS_RESPONSES)
def response_list_page(request: HttpRequest) -> HttpResponse:
    applied = _parse(request, "responses")
    if isinstance(applied, HttpResponse):
        return applied
    hits = response_hits(filters=_values(applied), page=request.GET.get(PAGE_PARAMETER))
    return _list(request, "responses.html", Page.DIAGNOSIS_RESPONSES, applied, hits=hits)


@role_required(Page.DIAGNOSIS_INQUIRIES)
def inquiry_list_page(request: HttpRequest) -> HttpResponse:
    applied = _parse(request, "inquiries")
    if isinstance(applied, HttpResponse):
        return applied
    hits = inquiry_hits(filters=_values(applied), page=request.GET.get(PAGE_PARAMETER))
    return _list(request, "inquiries.html", Page.DIAGNOSIS_INQUIRIES, applied, hits=hits)


@role_required(Page.DIAGNOSIS_EXCEPTIONS)
def exception_list_page(request: HttpRequest) -> HttpResponse:
    applied = _parse(request, "exceptions")
    if isinstance(applied, HttpResponse):
        return applied
    hits = exception_hits(filters=_values(applied), page=request.GET.get(PAGE_PARAMETER))
    return _list(request, "exceptions.html", Page.DIAGNOSIS_EXCEPTIONS, applied, hits=hits)


@role_required(Page.DIAGNOSIS_CONFLICTS)
def conflict_list_page(request: HttpRequest) -> HttpResponse:
    applied = _parse(request, "conflicts")
    if isinstance(applied, HttpResponse):
        return applied
    hits = conflict_hits(filters=_values(applied), page=request.GET.get(PAGE_PARAMETER))
    return _list(request, "conflicts.html", Page.DIAGNOSIS_CONFLICTS, applied, hits=hits)


@role_required(Page.DIAGNOSIS_CLAUSE)
def clause_page(request: HttpRequest) -> HttpResponse:
    applied = _parse(request, "clause")
    if isinstance(applied, HttpResponse):
        return applied
    report = diagnosis_get().report
    clause_id = _values(applied).get("clause_id")
    context: dict[str, Any] = {"report": report, **_names()}
    if clause_id is not None:
        context |= {
            "clause": Clause.objects.select_related("policy").get(clause_id=clause_id),
            "view": clause_view(report, clause_id),
            "cases_evidence": evidence("cases", clause_id=clause_id),
            "conflicts_evidence": evidence("conflicts", clause_id=clause_id, status="open"),
        }
    return _list(request, "clause.html", Page.DIAGNOSIS_CLAUSE, applied, **context)


@role_required(Page.DIAGNOSIS_DEPARTMENT)
def department_page(request: HttpRequest) -> HttpResponse:
    applied = _parse(request, "department")
    if isinstance(applied, HttpResponse):
        return applied
    report = diagnosis_get().report
    department_id = _values(applied).get("department_id")
    context: dict[str, Any] = {"report": report, **_names()}
    if department_id is not None:
        at = {"department_id": department_id}
        context |= {
            "department": Department.objects.get(department_id=department_id),
            "view": department_view(report, department_id),
            "links": {
                "cases": evidence("cases", **at),
                "stopped": evidence("cases", stopped_department_id=department_id),
                "overdue": evidence("cases", overdue_department_id=department_id),
                "blocked": evidence("cases", decision="blocked_no_rule", **at),
                "exceptions": evidence("exceptions", **at),
                "conflicts": evidence("conflicts", status="open", **at),
                "inquiries": evidence("inquiries", **at),
            },
        }
    return _list(request, "department.html", Page.DIAGNOSIS_DEPARTMENT, applied, **context)
