"""Dialogue desk pages for submitters and departments: submit, track, the list and one inquiry.

Each view parses the request and calls one service; a service's refusal is shown on the form
it came from (400), and who may act is settled first from ``inquiry_access`` (403).
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luodi.contract import choices as ch
from luodi.platform.accounts.inquiry_access import (
    may_see_contact,
    may_see_inquiry,
    may_submitter_act,
)
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import (
    Page,
    PublicPage,
    Role,
    may_open,
    public,
    role_of,
    role_required,
)
from luodi.platform.cases.models import Case
from luodi.platform.common import field_choices
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.acts import ACTS, Act, act_form, acts_for, may_take
from luodi.platform.dialogue.forms import MAX_ATTACHMENTS, InquirySubmitForm, TrackForm
from luodi.platform.dialogue.models import Inquiry, InquiryEvent
from luodi.platform.dialogue.selectors import (
    InquiryDetail,
    inquiry_attachment,
    inquiry_detail,
    inquiry_list_for,
)
from luodi.platform.dialogue.services import inquiry_submit
from luodi.platform.dialogue.uploads import attachments_read, client_key
from luodi.platform.exceptions import PlatformError
from luodi.platform.policies.selectors import clause_get

__all__ = [
    "inquiry_attachment_page",
    "inquiry_list_page",
    "inquiry_page",
    "inquiry_submit_page",
    "inquiry_track_page",
]

LIST_LIMIT = 200
# Which form field a service's message belongs to; others are shown above the form.
_FIELD_OF: dict[Any, str] = {
    e.TEXT_EMPTY: "text",
    e.TEXT_TOO_LONG: "text",
    e.TEXT_BINARY: "text",
    e.KIND_UNKNOWN: "kind",
    e.CATEGORY_UNKNOWN: "category",
    e.CLAUSE_UNKNOWN: "clause_id",
    e.DEPARTMENT_UNKNOWN: "named_department_id",
    e.CASE_NOT_OWN: "case_id",
    e.CONTACT_PHONE_REQUIRED: "phone",
    e.CONTACT_PHONE_INVALID: "phone",
    e.EMAIL_INVALID: "email",
    e.ATTACHMENT_TOO_MANY: "attachments",
    e.ATTACHMENT_TOO_BIG: "attachments",
    e.ATTACHMENT_EMPTY: "attachments",
    e.ATTACHMENT_TYPE: "attachments",
}
# What a submitter (or the public) sees of who acted: the role, not the officer's account.
_ACTOR_ROLES = {
    "officer": Role.OFFICER.label,
    "talent_office": Role.TALENT_OFFICE.label,
    "leadership": Role.LEADERSHIP.label,
    "submitter": gettext_lazy("提交人"),
    "system": gettext_lazy("系统"),
}


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _staff_user(request: HttpRequest) -> User:
    # role_required has already turned anonymous visitors away.
    user = _user(request)
    assert user is not None
    return user


def _service_error(form: Any, error: PlatformError) -> None:
    """Show a service's refusal on the field it is about, or above the form."""
    field = _FIELD_OF.get(getattr(error, "message", None))
    form.add_error(field if field in form.fields else None, str(error))


def _own_cases(user: User | None) -> list[tuple[str, str]]:
    """The submitter's own cases to link: a talent's or an employer's, newest first."""
    role = role_of(user) if user is not None else None
    if user is None or role not in (Role.TALENT, Role.EMPLOYER):
        return []
    cases = Case.objects.select_related("clause__policy").order_by("-opened_at")
    if role is Role.TALENT and user.person_id:
        cases = cases.filter(person_id=user.person_id)
    elif role is Role.EMPLOYER and user.employer_id:
        cases = cases.filter(employer_id=user.employer_id)
    else:
        return []
    return [
        (case.case_id, f"{case.case_id} · {case.clause.policy.title} {case.clause.number}")
        for case in cases[:50]
    ]


@public(PublicPage.INQUIRY_SUBMIT)
def inquiry_submit_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    anonymous = user is None
    cases = _own_cases(user)
    status = 200
    if request.method == "POST":
        form = InquirySubmitForm(request.POST, request.FILES, cases=cases, anonymous=anonymous)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitted = inquiry_submit(
                    text=data["text"],
                    kind=data["kind"],
                    category=data["category"],
                    channel="web",
                    by=user,
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    clause_id=data["clause_id"].strip() or None,
                    case_id=(data.get("case_id") or "").strip() or None,
                    criterion=data["criterion"],
                    named_department_id=data["named_department_id"] or None,
                    attachments=attachments_read(data["attachments"]),
                    client_key=client_key(request),
                )
            except PlatformError as error:
                _service_error(form, error)
            else:
                return _submitted(request, user, submitted.inquiry, submitted.token)
        status = 400
    else:
        initial = {
            name: request.GET.get(name, "")[:200]
            for name in ("clause", "criterion", "category", "kind")
            if request.GET.get(name)
        }
        if "clause" in initial:
            initial["clause_id"] = initial.pop("clause")
        form = InquirySubmitForm(initial=initial, cases=cases, anonymous=anonymous)
    clause_id = str(form["clause_id"].value() or "").strip()
    return render(
        request,
        "dialogue/submit.html",
        {
            "page": PublicPage.INQUIRY_SUBMIT.value,
            "form": form,
            "anonymous": anonymous,
            "clause": clause_get(clause_id=clause_id) if clause_id else None,
            "max_attachments": MAX_ATTACHMENTS,
            "may_list": user is not None and may_open(user, Page.INQUIRIES),
        },
        status=status,
    )


def _submitted(
    request: HttpRequest, user: User | None, inquiry: Inquiry, token: str | None
) -> HttpResponse:
    if user is not None and may_see_inquiry(user, inquiry):
        messages.success(
            request, _("诉求已提交，查询编号 %(code)s。") % {"code": inquiry.inquiry_id}
        )
        return redirect("portal:inquiry", inquiry_id=inquiry.inquiry_id)
    # Shown once, not redirected to: the token is not stored in the clear anywhere.
    track_url = _track_url(inquiry.inquiry_id, token) if token else ""
    return render(
        request,
        "dialogue/submitted.html",
        {
            "page": PublicPage.INQUIRY_SUBMIT.value,
            "inquiry": inquiry,
            "token": token,
            "track_url": track_url,
            "track_absolute_url": request.build_absolute_uri(track_url) if token else "",
        },
        status=201,
    )


def _track_url(code: str, token: str) -> str:
    query = QueryDict(mutable=True)
    query.update({"code": code, "token": token})
    return f"{reverse('portal:inquiry_track')}?{query.urlencode()}"


def _history(detail: InquiryDetail, *, staff: bool) -> list[InquiryEvent]:
    """The inquiry's history; staff see who acted, the public only in which role."""
    events = list(detail.history)
    for event in events:
        role = _ACTOR_ROLES.get(event.actor_role, "")
        event.actor_label = (  # type: ignore[attr-defined]
            f"{event.actor} · {role}" if staff and event.actor else role
        )
    return events


def _inquiry_context(
    request: HttpRequest, detail: InquiryDetail, *, failed: Act | None
) -> dict[str, Any]:
    user = _user(request)
    inquiry = detail.inquiry
    staff = user is not None and not detail.by_token and not may_submitter_act(user, inquiry)
    return {
        "inquiry": inquiry,
        "contact": detail.contact,
        "history": _history(detail, staff=staff),
        "attachments": detail.attachments,
        "show_contact": user is not None and may_see_contact(user, inquiry),
        "acts": acts_for(user, inquiry, detail.actions, failed=failed),
    }


def _bound_act(
    request: HttpRequest, user: User | None, inquiry: Inquiry, *, token: str | None
) -> tuple[str | None, Act | None]:
    """Run the POSTed act; (success message, None) or (None, the failed act with errors)."""
    name = request.POST.get("action", "")
    spec = ACTS.get(name)
    if spec is None or not may_take(user, inquiry, spec, token=token is not None):
        raise PermissionDenied
    form = act_form(spec, user, inquiry, request.POST)
    if form.is_valid():
        try:
            spec.run(inquiry, user, token, form.cleaned_data)
        except PlatformError as error:
            form.add_error(None, str(error))
        else:
            return str(_("已记录。")), None
    failed = Act(name=spec.name, title=spec.title, button=spec.button, hint=spec.hint, form=form)
    return None, failed


@role_required(Page.INQUIRY)
def inquiry_page(request: HttpRequest, inquiry_id: str) -> HttpResponseBase:
    user = _staff_user(request)
    inquiry = Inquiry.objects.filter(inquiry_id=inquiry_id).first()
    # One answer for "no such inquiry" and "not yours": a guessed code tells nothing.
    if inquiry is None or not may_see_inquiry(user, inquiry):
        raise Http404(inquiry_id)
    failed: Act | None = None
    if request.method == "POST":
        done, failed = _bound_act(request, user, inquiry, token=None)
        if done is not None:
            messages.success(request, done)
            # A department that sent it back to triage no longer sees it.
            inquiry.refresh_from_db()
            if may_see_inquiry(user, inquiry):
                return redirect("portal:inquiry", inquiry_id=inquiry_id)
            return redirect("portal:inquiries")
    detail = inquiry_detail(inquiry_id=inquiry_id, user=user)
    return render(
        request,
        "dialogue/inquiry.html",
        {"page": Page.INQUIRY.value, **_inquiry_context(request, detail, failed=failed)},
        status=400 if failed is not None else 200,
    )


def _tracked(code: str, token: str) -> InquiryDetail | None:
    """The inquiry the code and token open; None when either is wrong."""
    try:
        detail = inquiry_detail(inquiry_id=code, user=AnonymousUser(), token=token)
    except (e.DialogueNotFound, e.DialoguePermissionError):
        return None
    return detail if detail.by_token else None


@public(PublicPage.INQUIRY_TRACK)
def inquiry_track_page(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    form = TrackForm(source if "code" in source else None)
    context: dict[str, Any] = {"page": PublicPage.INQUIRY_TRACK.value, "form": form}
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "dialogue/track.html", context, status=status)
    code, token = form.cleaned_data["code"].strip(), form.cleaned_data["token"].strip()
    detail = _tracked(code, token)
    if detail is None:
        # One message whether the code or the token is wrong: nothing to learn by guessing.
        form.add_error(None, str(e.DialoguePermissionError(e.TOKEN_WRONG, inquiry_id=code)))
        return render(request, "dialogue/track.html", context, status=404)
    failed: Act | None = None
    if request.method == "POST":
        done, failed = _bound_act(request, None, detail.inquiry, token=token)
        if done is not None:
            messages.success(request, done)
            return redirect(_track_url(code, token))
        detail = _tracked(code, token) or detail
    # The tracking page acts as the token's holder, whoever is logged in.
    context |= {"token": token, **_inquiry_context(request, detail, failed=failed)}
    context["acts"] = acts_for(None, detail.inquiry, detail.actions, failed=failed)
    context["show_contact"] = False
    return render(request, "dialogue/track.html", context, status=400 if failed else 200)


@public(PublicPage.INQUIRY_TRACK)
def inquiry_attachment_page(
    request: HttpRequest, inquiry_id: str, attachment_id: int
) -> FileResponse:
    """An attachment's bytes, for whoever may see the inquiry (its page or its token)."""
    try:
        attachment = inquiry_attachment(
            inquiry_id=inquiry_id,
            attachment_id=attachment_id,
            user=request.user,
            token=request.GET.get("token") or None,
        )
    except (e.DialogueNotFound, e.DialoguePermissionError):
        raise Http404(inquiry_id) from None
    # Always a download: a stored file is never rendered as a page of this site.
    return FileResponse(
        io.BytesIO(bytes(attachment.content)),
        as_attachment=True,
        filename=attachment.file_name,
        content_type=attachment.content_type,
    )


@role_required(Page.INQUIRIES)
def inquiry_list_page(request: HttpRequest) -> HttpResponse:
    user = _staff_user(request)
    role = role_of(user)
    status = request.GET.get("status", "")
    statuses = field_choices(ch.INQUIRY_STATUSES)
    rows = inquiry_list_for(user)
    if status in dict(statuses):
        rows = rows.filter(status=status)
    else:
        status = ""
    shown = list(rows.select_related("department")[: LIST_LIMIT + 1])
    headings = {
        Role.OFFICER: _("本部门诉求"),
        Role.TALENT_OFFICE: _("全区咨询诉求"),
    }
    links = [
        {"url": reverse(f"portal:{page.value}"), "label": label}
        for page, label in (
            (Page.INQUIRY_TRIAGE, _("诉求分拣")),
            (Page.INQUIRY_OVERDUE, _("超期诉求督办")),
            (Page.DIALOGUE_RATES, _("对话三率")),
        )
        if may_open(user, page)
    ]
    return render(
        request,
        "dialogue/inquiries.html",
        {
            "page": Page.INQUIRIES.value,
            "heading": headings.get(role, _("我的咨询诉求")) if role else "",
            "citizen": role in (Role.TALENT, Role.EMPLOYER),
            "links": links,
            "rows": shown[:LIST_LIMIT],
            "more": len(shown) > LIST_LIMIT,
            "status": status,
            "statuses": statuses,
        },
    )
