"""Dialogue desk pages for the talent office and the leadership group: triage, overdue, rates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luodi.platform.accounts.inquiry_access import may_handle_inquiry, may_see_inquiry
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, Page, Role, role_of, role_required
from luodi.platform.dialogue.forms import TriageForm
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.dialogue.selectors import (
    dialogue_rates_platform,
    overdue_inquiries,
    triage_queue,
)
from luodi.platform.dialogue.services import inquiry_triage
from luodi.platform.exceptions import PlatformError
from luodi.platform.policies.selectors import department_names

__all__ = ["RATE_COLUMNS", "overdue_page", "rates_page", "triage_page"]

RATE_COLUMNS = (
    ("response_rate", gettext_lazy("响应率")),
    ("on_time_rate", gettext_lazy("按期答复率")),
    ("resolution_rate", gettext_lazy("解决率")),
    ("unconfirmed_share", gettext_lazy("逾期未确认")),
    ("satisfaction_rate", gettext_lazy("满意率")),
    ("satisfaction_mean", gettext_lazy("平均满意度")),
    ("reopen_rate", gettext_lazy("重办率")),
    ("knew_department_share", gettext_lazy("事先知道负责部门")),
    ("first_routing_accuracy", gettext_lazy("首次分派准确率")),
)
PERIODS = (
    ("", gettext_lazy("全部时间")),
    ("quarter", gettext_lazy("按季度")),
    ("month", gettext_lazy("按月")),
)


def _user(request: HttpRequest) -> User:
    # role_required has already turned anonymous visitors away.
    user = request.user
    assert isinstance(user, User)
    return user


@role_required(Page.INQUIRY_TRIAGE)
def triage_page(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    failed: TriageForm | None = None
    if request.method == "POST":
        failed = TriageForm(request.POST)
        inquiry = Inquiry.objects.filter(inquiry_id=failed.data.get("inquiry_id", "")).first()
        if inquiry is None or not may_handle_inquiry(user, inquiry, Action.INQUIRY_TRIAGE):
            raise PermissionDenied
        if failed.is_valid():
            data = failed.cleaned_data
            try:
                inquiry_triage(
                    inquiry_id=data["inquiry_id"],
                    by=user,
                    department_id=data["department_id"],
                    note=data["note"],
                )
            except PlatformError as error:
                failed.add_error(None, str(error))
            else:
                messages.success(request, _("已分派。"))
                return redirect("portal:inquiry_triage")
    failed_id = failed.data.get("inquiry_id") if failed is not None else None

    def form_for(inquiry_id: str) -> forms.Form:
        if failed is not None and inquiry_id == failed_id:
            return failed
        return TriageForm(initial={"inquiry_id": inquiry_id}, auto_id=f"triage-{inquiry_id}-%s")

    queue = [(item, form_for(item.inquiry_id)) for item in triage_queue()]
    shown = {item.inquiry_id for item, _form in queue}
    stray = (
        [str(error) for error in failed.non_field_errors()]
        if failed is not None and failed_id not in shown
        else []
    )
    return render(
        request,
        "dialogue/triage.html",
        {"page": Page.INQUIRY_TRIAGE.value, "queue": queue, "stray_errors": stray},
        status=400 if failed is not None else 200,
    )


@role_required(Page.INQUIRY_OVERDUE)
def overdue_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # The leadership group sees what was escalated to it; the talent office both levels.
    levels = [("leadership", _("已提请领导小组"))]
    if role_of(user) is Role.TALENT_OFFICE:
        levels.insert(0, ("talent_office", _("人才办督办")))
    shown = []
    for level, label in levels:
        rows = list(overdue_inquiries(level))
        for item in rows:
            item.linked = may_see_inquiry(user, item)  # type: ignore[attr-defined]
        shown.append((level, label, rows))
    return render(
        request, "dialogue/overdue.html", {"page": Page.INQUIRY_OVERDUE.value, "levels": shown}
    )


@dataclass(frozen=True, kw_only=True)
class RateCell:
    label: str
    text: str
    ratio: str


@dataclass(frozen=True, kw_only=True)
class RateRow:
    label: str
    submitted: int
    cells: tuple[RateCell, ...]
    total: bool = False


def _cells(rates: Any) -> tuple[RateCell, ...]:
    cells = []
    for name, label in RATE_COLUMNS:
        rate = rates.rate(name)
        value = rate.value
        if name == "satisfaction_mean":
            text = "—" if value is None else f"{value:.2f}"
            ratio = f"n={rate.denominator}" if rate.denominator else ""
        else:
            text = "—" if value is None else f"{value:.1%}"
            ratio = f"{rate.numerator}/{rate.denominator}"
        cells.append(RateCell(label=str(label), text=text, ratio=ratio))
    return tuple(cells)


def rate_rows(rates: Any, *, at: str | None) -> list[RateRow]:
    """One row per department in period ``at`` (None: the whole time), then the district."""
    names = department_names()
    rows = [
        RateRow(
            label=names.get(str(group.group.get("department_id")), "") or _("未分派（分拣中）"),
            submitted=group.submitted,
            cells=_cells(group),
        )
        for group in rates.groups
        if group.period == at
    ]
    total = next((t for t in rates.totals if t.period == at), rates.total)
    rows.append(
        RateRow(label=_("全区合计"), submitted=total.submitted, cells=_cells(total), total=True)
    )
    return rows


@role_required(Page.DIALOGUE_RATES)
def rates_page(request: HttpRequest) -> HttpResponse:
    period = request.GET.get("period", "")
    if period not in dict(PERIODS):
        period = ""
    rates = dialogue_rates_platform(period=period or None)
    values = sorted({str(t.period) for t in rates.totals if t.period}, reverse=True)
    at = request.GET.get("at", "")
    if period and at not in values:
        at = values[0] if values else ""
    return render(
        request,
        "dialogue/rates.html",
        {
            "page": Page.DIALOGUE_RATES.value,
            "periods": PERIODS,
            "period": period,
            "period_values": values if period else [],
            "at": at,
            "columns": RATE_COLUMNS,
            "rows": rate_rows(rates, at=at or None) if rates.total.submitted else [],
        },
    )
