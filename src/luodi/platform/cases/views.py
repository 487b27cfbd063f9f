"""Case pages: a department's work queue and one case with its timeline and decision form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from luodi.platform.accounts.case_access import (
    may_decide_step,
    may_fund_case,
    may_resubmit_case,
    may_see_case,
)
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, Page, role_required
from luodi.platform.cases.forms import (
    DisbursementForm,
    PhaseCheckForm,
    ResubmitForm,
    StepDecisionForm,
)
from luodi.platform.cases.funding import PhaseCheck, figure_text
from luodi.platform.cases.funding_pages import phase_list
from luodi.platform.cases.models import Case
from luodi.platform.cases.pages_selectors import (
    case_get,
    case_page_get,
    step_get,
    step_queue_list,
)
from luodi.platform.cases.services import (
    case_resubmit,
    disbursement_record,
    phase_check,
    step_decide,
)
from luodi.platform.exceptions import PlatformError
from luodi.platform.registry.selectors import department_get

__all__ = [
    "case_detail",
    "case_disbursement",
    "case_phase_check",
    "case_resubmit_view",
    "work_queue",
]


# Operators of a phase criterion as signs, the same in Chinese and English.
_SIGNS = {
    "eq": "=",
    "ne": "≠",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
    "in": "∈",
    "not_in": "∉",
}


def _user(request: HttpRequest) -> User:
    # role_required has already turned anonymous visitors away.
    user = request.user
    assert isinstance(user, User)
    return user


def _render(
    request: HttpRequest, template: str, page: Page, status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"cases/{template}", {"page": page.value, **context}, status=status)


@role_required(Page.WORK_QUEUE)
def work_queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    department = department_get(department_id=user.department_id) if user.department_id else None
    steps = (
        step_queue_list(department_id=department.department_id, today=timezone.now().date())
        if department is not None
        else ()
    )
    return _render(
        request,
        "queue.html",
        Page.WORK_QUEUE,
        department=department,
        steps=steps,
        overdue=sum(1 for step in steps if step.overdue),
    )


@role_required(Page.CASE)
def case_detail(request: HttpRequest, case_id: str) -> HttpResponseBase:
    user = _user(request)
    case = case_get(case_id=case_id)
    if case is None:
        raise Http404(case_id)
    if not may_see_case(user, case):
        raise PermissionDenied
    form: StepDecisionForm | None = None
    status = 200
    if request.method == "POST":
        # Who may decide is settled before the form is read: other roles get 403, not errors.
        step = step_get(step_id=request.POST.get("step_id", ""))
        if step is None or step.case_id != case.case_id:
            raise Http404(request.POST.get("step_id", ""))
        if not may_decide_step(user, step):
            raise PermissionDenied
        form = StepDecisionForm(request.POST)
        if form.is_valid():
            try:
                step_decide(
                    step_id=step.step_id,
                    by=user,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    missing_rule=form.cleaned_data["missing_rule"],
                    conflict_id=form.cleaned_data["conflict_id"] or None,
                )
            except PlatformError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("决定已记录。"))
                return redirect("portal:case", case_id=case.case_id)
        status = 400
    return _case_page(request, user, case, status=status, form=form)


def _case_page(
    request: HttpRequest,
    user: User,
    case: Case,
    *,
    status: int = 200,
    form: StepDecisionForm | None = None,
    resubmit_form: ResubmitForm | None = None,
    phase_form: PhaseCheckForm | None = None,
    disbursement_form: DisbursementForm | None = None,
    checked: PhaseCheck | None = None,
) -> HttpResponse:
    """The case page with the forms ``user`` may use; a form given keeps its input and errors."""
    shown = case_page_get(case_id=case.case_id, today=timezone.now().date())
    assert shown is not None  # case_get found it just now; cases are never deleted
    current = shown.current
    if (
        form is None
        and current is not None
        and current.status == "pending"
        and may_decide_step(user, current)
    ):
        form = StepDecisionForm(initial={"step_id": current.step_id})
    returned = any(step.status == "returned" for step in shown.steps)
    if resubmit_form is None and returned and may_resubmit_case(user, case):
        resubmit_form = ResubmitForm()
    if shown.status == "approved":
        phases = phase_list(case=case)
        if phases and phase_form is None and may_fund_case(user, Action.PHASE_CHECK, case):
            phase_form = PhaseCheckForm(phases=phases)
        if phases and disbursement_form is None and may_fund_case(user, Action.DISBURSE, case):
            disbursement_form = DisbursementForm(phases=phases)
    outcomes = (
        [
            (
                c,
                figure_text(c.seen),
                f"{_SIGNS.get(c.operator, c.operator)} {figure_text(c.expected)}",
            )
            for c in checked.criteria
        ]
        if checked is not None
        else []
    )
    return _render(
        request,
        "case.html",
        Page.CASE,
        status=status,
        case=shown,
        form=form,
        resubmit_form=resubmit_form,
        phase_form=phase_form,
        disbursement_form=disbursement_form,
        checked=checked,
        outcomes=outcomes,
    )


def _case_for(request: HttpRequest, case_id: str) -> Case:
    case = case_get(case_id=case_id)
    if case is None:
        raise Http404(case_id)
    if not may_see_case(_user(request), case):
        raise PermissionDenied
    return case


# The action views below take a POST only: each parses one form and calls one service. A
# refused service call shows its message on the form (400); who may act is settled first (403).


@role_required(Page.CASE)
def case_resubmit_view(request: HttpRequest, case_id: str) -> HttpResponseBase:
    user, case = _user(request), _case_for(request, case_id)
    if request.method != "POST":
        return redirect("portal:case", case_id=case.case_id)
    if not may_resubmit_case(user, case):
        raise PermissionDenied
    form = ResubmitForm(request.POST)
    if form.is_valid():
        try:
            case_resubmit(case_id=case.case_id, by=user, note=form.cleaned_data["note"])
        except PlatformError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("补正材料已重新提交。"))
            return redirect("portal:case", case_id=case.case_id)
    return _case_page(request, user, case, status=400, resubmit_form=form)


@role_required(Page.CASE)
def case_phase_check(request: HttpRequest, case_id: str) -> HttpResponseBase:
    user, case = _user(request), _case_for(request, case_id)
    if request.method != "POST":
        return redirect("portal:case", case_id=case.case_id)
    if not may_fund_case(user, Action.PHASE_CHECK, case):
        raise PermissionDenied
    form = PhaseCheckForm(request.POST, phases=phase_list(case=case))
    if form.is_valid():
        try:
            checked = phase_check(
                case_id=case.case_id,
                phase=form.cleaned_data["phase"],
                figures=form.figures(),
                by=user,
            )
        except PlatformError as error:
            form.add_error(None, str(error))
        else:
            # Shown at once rather than after a redirect: the per-criterion outcome is not
            # stored beyond the event's summary, and checking again only records a new check.
            return _case_page(request, user, case, phase_form=form, checked=checked)
    return _case_page(request, user, case, status=400, phase_form=form)


@role_required(Page.CASE)
def case_disbursement(request: HttpRequest, case_id: str) -> HttpResponseBase:
    user, case = _user(request), _case_for(request, case_id)
    if request.method != "POST":
        return redirect("portal:case", case_id=case.case_id)
    if not may_fund_case(user, Action.DISBURSE, case):
        raise PermissionDenied
    form = DisbursementForm(request.POST, phases=phase_list(case=case))
    if form.is_valid():
        try:
            disbursement_record(
                case_id=case.case_id,
                phase=form.cleaned_data["phase"],
                amount=form.cleaned_data["amount"],
                paid_on=form.cleaned_data["paid_on"],
                by=user,
            )
        except PlatformError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("拨付已登记。"))
            return redirect("portal:case", case_id=case.case_id)
    return _case_page(request, user, case, status=400, disbursement_form=form)
