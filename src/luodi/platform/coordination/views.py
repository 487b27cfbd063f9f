"""Coordination pages: the escalation queues, the conflicts register and the exceptions list.

Each POST names one action, is checked against ``roles.may_act`` and calls one service; a
service's refusal is shown on the form it came from.
"""

from __future__ import annotations

from typing import Any, Literal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, Page, may_act, role_required
from luodi.platform.coordination.candidates import conflict_candidate_list
from luodi.platform.coordination.forms import (
    ConflictCandidateForm,
    ConflictRegisterForm,
    ConflictResolveForm,
    EscalationDecideForm,
    EscalationNoteForm,
    ExceptionRecordForm,
)
from luodi.platform.coordination.selectors import conflict_list, escalation_queue, exception_list
from luodi.platform.coordination.services import (
    conflict_register,
    conflict_register_clauses,
    conflict_resolve,
    escalation_decide,
    escalation_refer,
    exception_record,
)
from luodi.platform.exceptions import PlatformError

__all__ = ["conflict_search", "conflicts", "escalations", "exceptions"]

# The POSTed ``action`` of each page and the role check it needs.
_ESCALATION_ACTIONS = {
    "refer": Action.ESCALATION_REFER,
    "urge": Action.ESCALATION_URGE,
    "decide": Action.ESCALATION_DECIDE,
}
Level = Literal["talent_office", "leadership"]
_CONFLICT_ACTIONS = {"register": Action.CONFLICT_REGISTER, "resolve": Action.CONFLICT_RESOLVE}


def _user(request: HttpRequest) -> User:
    # role_required has already turned anonymous visitors away.
    user = request.user
    assert isinstance(user, User)
    return user


def _render(
    request: HttpRequest, template: str, page: Page, status: int, **context: Any
) -> HttpResponse:
    return render(
        request, f"coordination/{template}", {"page": page.value, **context}, status=status
    )


def _action(request: HttpRequest, actions: dict[str, Action]) -> str:
    """The POSTed action, if the user may take it; 403 otherwise."""
    name = request.POST.get("action", "")
    if name not in actions or not may_act(request.user, actions[name]):
        raise PermissionDenied
    return name


def _item_id(form: forms.Form | None, field: str) -> str | None:
    return None if form is None else str(form.data.get(field, "")) or None


def _stray_errors(failed: forms.Form | None, item_id: str | None, shown: set[str]) -> list[str]:
    """Errors of a form whose item left the page (e.g. referred meanwhile): shown on top."""
    if failed is None or item_id in shown:
        return []
    return [str(error) for error in failed.non_field_errors()]


@role_required(Page.ESCALATIONS)
def escalations(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    # The leadership group decides referred escalations; the talent office works its own
    # level first, refers what it cannot settle and urges departments.
    deciding = may_act(user, Action.ESCALATION_DECIDE)
    level: Level = "leadership" if deciding else "talent_office"
    other: Level = "talent_office" if deciding else "leadership"
    failed: forms.Form | None = None
    failed_action = ""
    if request.method == "POST":
        failed_action = _action(request, _ESCALATION_ACTIONS)
        form: EscalationNoteForm = (
            EscalationDecideForm(request.POST)
            if failed_action == "decide"
            else EscalationNoteForm(request.POST)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                if failed_action == "refer":
                    escalation_refer(
                        escalation_id=data["escalation_id"], by=user, note=data["note"]
                    )
                else:
                    escalation_decide(
                        escalation_id=data["escalation_id"],
                        by=user,
                        resolution=data.get("resolution") or "urge_department",
                        note=data["note"],
                    )
            except PlatformError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("已记录。"))
                return redirect("portal:escalations")
        failed = form
    failed_id = _item_id(failed, "escalation_id")

    def forms_for(escalation_id: str) -> dict[str, forms.Form]:
        names: dict[str, type[EscalationNoteForm]]
        if deciding:
            names = {"decide": EscalationDecideForm}
        else:
            names = {"refer": EscalationNoteForm, "urge": EscalationNoteForm}
        return {
            name: failed
            if failed is not None and escalation_id == failed_id and name == failed_action
            else cls(initial={"escalation_id": escalation_id}, auto_id=f"{name}-{escalation_id}-%s")
            for name, cls in names.items()
        }

    queue = [(item, forms_for(item.escalation_id)) for item in escalation_queue(level=level)]
    shown = {item.escalation_id for item, _forms in queue}
    return _render(
        request,
        "escalations.html",
        Page.ESCALATIONS,
        400 if failed is not None else 200,
        level=level,
        queue=queue,
        others=escalation_queue(level=other),
        deciding=deciding,
        stray_errors=_stray_errors(failed, failed_id, shown),
    )


@role_required(Page.CONFLICTS)
def conflicts(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    register = ConflictRegisterForm() if may_act(user, Action.CONFLICT_REGISTER) else None
    failed: ConflictResolveForm | None = None
    if request.method == "POST":
        if _action(request, _CONFLICT_ACTIONS) == "register":
            register = ConflictRegisterForm(request.POST)
            if register.is_valid():
                try:
                    data = register.cleaned_data
                    conflict_register(
                        title=data["title"],
                        rule_a=data["rule_a"],
                        department_a_id=data["department_a_id"],
                        rule_b=data["rule_b"],
                        department_b_id=data["department_b_id"],
                        clause_id=data["clause_id"] or None,
                        by=user,
                    )
                except PlatformError as error:
                    register.add_error(None, str(error))
                else:
                    messages.success(request, _("已登记。"))
                    return redirect("portal:conflicts")
        else:
            failed = ConflictResolveForm(request.POST)
            if failed.is_valid():
                try:
                    conflict_resolve(
                        conflict_id=failed.cleaned_data["conflict_id"],
                        resolution=failed.cleaned_data["resolution"],
                        by=user,
                    )
                except PlatformError as error:
                    failed.add_error(None, str(error))
                else:
                    messages.success(request, _("已记录。"))
                    return redirect("portal:conflicts")
    resolving = may_act(user, Action.CONFLICT_RESOLVE)
    failed_id = _item_id(failed, "conflict_id")

    def resolve_form(conflict_id: str, status: str) -> ConflictResolveForm | None:
        if not resolving or status == "resolved":
            return None
        if failed is not None and failed_id == conflict_id:
            return failed
        return ConflictResolveForm(
            initial={"conflict_id": conflict_id}, auto_id=f"resolve-{conflict_id}-%s"
        )

    rows = [(item, resolve_form(item.conflict_id, item.status)) for item in conflict_list()]
    shown = {item.conflict_id for item, form in rows if form is not None}
    posted_with_errors = request.method == "POST"  # a success has redirected already
    return _render(
        request,
        "conflicts.html",
        Page.CONFLICTS,
        400 if posted_with_errors else 200,
        rows=rows,
        register=register,
        stray_errors=_stray_errors(failed, failed_id, shown),
    )


@role_required(Page.CONFLICT_SEARCH)
def conflict_search(request: HttpRequest) -> HttpResponseBase:
    """The analyser's candidate conflicts over the whole library; the office registers them."""
    user = _user(request)
    errors: list[str] = []
    if request.method == "POST":
        _action(request, {"register": Action.CONFLICT_REGISTER})
        form = ConflictCandidateForm(request.POST)
        if not form.is_valid():
            errors.append(_("请从候选列表中选择要登记的一对条款。"))
        else:
            data = form.cleaned_data
            try:
                conflict = conflict_register_clauses(
                    clause_a_id=data["clause_a"],
                    clause_b_id=data["clause_b"],
                    subject=data["subject"],
                    by=user,
                )
            except PlatformError as error:
                errors.append(str(error))
            else:
                messages.success(
                    request, _("已登记为规定冲突 %(id)s。") % {"id": conflict.conflict_id}
                )
                return redirect(f"{reverse('portal:conflicts')}#{conflict.conflict_id}")
    return _render(
        request,
        "conflict_search.html",
        Page.CONFLICT_SEARCH,
        400 if errors else 200,
        rows=conflict_candidate_list(),
        registering=may_act(user, Action.CONFLICT_REGISTER),
        errors=errors,
    )


@role_required(Page.EXCEPTIONS)
def exceptions(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    recording = may_act(user, Action.EXCEPTION_RECORD)
    form = ExceptionRecordForm() if recording else None
    if request.method == "POST":
        if not recording:
            raise PermissionDenied
        form = ExceptionRecordForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exception_record(
                    case_id=data["case_id"] or None,
                    department_id=data["department_id"],
                    what=data["what"],
                    why=data["why"],
                    requested_by=data["requested_by"],
                    approved_by=data["approved_by"],
                    by=user,
                )
            except PlatformError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("已登记。"))
                return redirect("portal:exceptions")
    return _render(
        request,
        "exceptions.html",
        Page.EXCEPTIONS,
        400 if request.method == "POST" else 200,
        rows=exception_list(),
        form=form,
    )
