"""Survey pages: the office's list and survey page, the owner's personal answers, the form.

The talent office opens, closes and invites (``Action.SURVEY_MANAGE``); evaluators read the
same pages. Respondents need no account: the invitation token in the link is their access.
Unknown surveys and tokens are 404; a role without the page, or a non-owner asking for
personal answers, gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, Page, PublicPage, may_act, public, role_required
from luodi.platform.registry.models import Region
from luodi.platform.surveys import errors as e
from luodi.platform.surveys import services
from luodi.platform.surveys.forms import (
    AnonymisedExportForm,
    InvitationForm,
    SurveyCreateForm,
    answers_from_post,
    questions,
)
from luodi.platform.surveys.models import Survey, SurveyDraft
from luodi.platform.surveys.reporting import (
    free_text_answers,
    is_owner,
    survey_anonymised_zip,
    survey_report_data,
)
from luodi.platform.surveys.selectors import (
    instrument_of,
    invitation_get,
    personal_answers,
    survey_get,
    survey_is_open,
    survey_summaries,
)
from luodi.platform.surveys.uploads import instrument_from_upload
from luodi.survey.notes import THEMES
from luodi.survey.report_html import report_html

__all__ = [
    "survey_anonymised_export",
    "survey_coding_page",
    "survey_list_page",
    "survey_page",
    "survey_personal_page",
    "survey_report_page",
    "survey_respond_page",
    "survey_save_api",
]


def _user(request: HttpRequest) -> User:
    # role_required has already turned anonymous visitors away.
    assert isinstance(request.user, User)
    return request.user


def _regions() -> list[tuple[str, str]]:
    return list(Region.objects.order_by("region_id").values_list("region_id", "name"))


def _survey_create(request: HttpRequest, form: SurveyCreateForm, user: User) -> str | None:
    """Create the survey the form describes; on a refusal, the reasons go onto the form."""
    data = form.cleaned_data
    upload = data.get("instrument_file")
    try:
        instrument = (
            instrument_from_upload(name=upload.name or "", content=upload.read())
            if upload is not None
            else None
        )
        survey = services.survey_create_from_template(
            survey_id=data["survey_id"],
            region_id=data["region_id"],
            anonymous=data["anonymous"],
            instrument=instrument,
            by=user,
        )
    except e.SurveyInstrumentInvalid as error:
        form.add_error("instrument_file", str(error))
        for problem in error.problems:
            form.add_error("instrument_file", problem)
        return None
    except e.SurveyError as error:
        field = "instrument_file" if upload is not None and "文件" in str(error) else "survey_id"
        form.add_error(field, str(error))
        return None
    return str(survey.pk)


@role_required(Page.SURVEYS)
def survey_list_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    may_manage = may_act(user, Action.SURVEY_MANAGE)
    form = SurveyCreateForm(request.POST or None, request.FILES or None, regions=_regions())
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            survey_id = _survey_create(request, form, user)
            if survey_id is not None:
                messages.success(request, _("问卷已创建。"))
                return redirect("portal:survey", survey_id=survey_id)
        status = 400
    context = {
        "page": Page.SURVEYS.value,
        "summaries": survey_summaries(),
        "may_manage": may_manage,
        "form": form,
    }
    return render(request, "surveys/list.html", context, status=status)


@role_required(Page.SURVEYS)
def survey_page(request: HttpRequest, survey_id: str) -> HttpResponse:
    user = _user(request)
    found = survey_summaries(survey_id)
    if not found:
        raise Http404
    may_manage = may_act(user, Action.SURVEY_MANAGE)
    invite = InvitationForm()
    links: list[str] = []
    status = 200
    if request.method == "POST":
        if not may_manage or not found[0].has_setup:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "open":
            services.survey_open(survey_id=survey_id, by=user)
        elif action == "close":
            services.survey_close(survey_id=survey_id, by=user)
        elif action == "invite":
            invite = InvitationForm(request.POST)
            if not invite.is_valid():
                status = 400
            else:
                tokens = services.invitation_create(
                    survey_id=survey_id, by=user, count=invite.cleaned_data["count"]
                )
                # Shown once: only the tokens' hashes are stored.
                links = [
                    request.build_absolute_uri(reverse("portal:survey_respond", args=[token]))
                    for token in tokens
                ]
        if action in ("open", "close"):
            messages.success(request, _("已记录。"))
            return redirect("portal:survey", survey_id=survey_id)
        found = survey_summaries(survey_id)
    summary = found[0]
    context = {
        "page": Page.SURVEYS.value,
        "summary": summary,
        "survey": summary.survey,
        "may_manage": may_manage and summary.has_setup,
        "is_owner": summary.owner_id is not None and summary.owner_id == user.pk,
        "invite": invite,
        "links": links,
        "export": AnonymisedExportForm(),
    }
    return render(request, "surveys/survey.html", context, status=status)


@role_required(Page.SURVEYS)
def survey_personal_page(request: HttpRequest, survey_id: str) -> HttpResponse:
    user = _user(request)
    try:
        survey = survey_get(survey_id)
        if request.method == "POST":
            respondent_id = request.POST.get("respondent_id", "")
            services.personal_delete(survey_id=survey_id, respondent_id=respondent_id, by=user)
            messages.success(request, _("已删除答卷 %(id)s 的个人信息。") % {"id": respondent_id})
            return redirect("portal:survey_personal", survey_id=survey_id)
        rows = personal_answers(survey=survey, user=user)
    except e.SurveyNotFound:
        raise Http404 from None
    except e.SurveyPermissionError:
        raise PermissionDenied from None
    labels = {item.code: item.text for item in instrument_of(survey).items}
    context = {
        "page": Page.SURVEYS.value,
        "survey": survey,
        "rows": [
            (respondent_id, [(labels.get(code, code), value) for code, value in answers.items()])
            for respondent_id, answers in rows.items()
        ],
    }
    return render(request, "surveys/personal.html", context)


def _form_page(
    request: HttpRequest,
    token: str,
    answers: dict[str, str],
    *,
    problems: dict[str, object] | None = None,
    saved: bool = False,
    status: int = 200,
) -> HttpResponse:
    invitation = invitation_get(token)
    instrument = instrument_of(invitation.survey)
    context = {
        "page": PublicPage.SURVEY_RESPOND.value,
        "survey": invitation.survey,
        "instrument": instrument,
        "sections": questions(instrument, answers, problems),  # type: ignore[arg-type]
        "problems": problems or {},
        "saved": saved,
        "token": token,
    }
    return render(request, "surveys/respond.html", context, status=status)


@public(PublicPage.SURVEY_RESPOND)
def survey_respond_page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_get(token)
    except e.SurveyNotFound:
        raise Http404 from None
    if invitation.submitted_at is not None or not survey_is_open(invitation.survey):
        done = invitation.submitted_at is not None
        context = {"survey": invitation.survey, "done": done, "respondent_id": ""}
        return render(request, "surveys/done.html", context, status=200 if done else 410)
    if request.method != "POST":
        draft = SurveyDraft.objects.filter(invitation=invitation).first()
        return _form_page(request, token, dict(draft.answers) if draft else {})
    answers = answers_from_post(instrument_of(invitation.survey), request.POST)
    if request.POST.get("action") == "submit":
        try:
            respondent_id = services.response_submit(token=token, answers=answers)
        except e.SurveyAnswersInvalid as error:
            return _form_page(request, token, answers, problems=dict(error.problems), status=400)
        context = {"survey": invitation.survey, "done": True, "respondent_id": respondent_id}
        return render(request, "surveys/done.html", context)
    services.response_save(token=token, answers=answers)
    return _form_page(request, token, answers, saved=True)


@public(PublicPage.SURVEY_RESPOND)
@require_POST
def survey_save_api(request: HttpRequest, token: str) -> JsonResponse:
    """Autosave from the form's script: the whole form, replacing the draft."""
    try:
        invitation = invitation_get(token)
        answers = answers_from_post(instrument_of(invitation.survey), request.POST)
        draft = services.response_save(token=token, answers=answers)
    except e.SurveyNotFound as error:
        return JsonResponse({"saved": False, "error": str(error)}, status=404)
    except e.SurveyStateError as error:
        return JsonResponse({"saved": False, "error": str(error)}, status=409)
    return JsonResponse({"saved": True, "saved_at": draft.saved_at.isoformat()})


def _survey_or_404(survey_id: str) -> Survey:
    try:
        return survey_get(survey_id)
    except e.SurveyNotFound:
        raise Http404 from None


@role_required(Page.SURVEYS)
def survey_report_page(request: HttpRequest, survey_id: str) -> HttpResponse:
    """The survey report as one page (or JSON with ?format=json); free text for the owner."""
    survey = _survey_or_404(survey_id)
    if not hasattr(survey, "setup"):
        raise Http404
    data = survey_report_data(survey=survey, user=_user(request))
    if request.GET.get("format") == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(report_html(data), content_type="text/html; charset=utf-8")


@role_required(Page.SURVEYS)
def survey_coding_page(request: HttpRequest, survey_id: str) -> HttpResponse:
    """The owner codes free-text answers with the study's themes (Table 2)."""
    user = _user(request)
    survey = _survey_or_404(survey_id)
    if not is_owner(survey, user):
        raise PermissionDenied
    status = 200
    problem = ""
    if request.method == "POST":
        try:
            services.answer_coding_save(
                survey_id=survey_id,
                respondent_id=request.POST.get("respondent_id", "").strip(),
                item_code=request.POST.get("item_code", "").strip(),
                tags=request.POST.getlist("tags"),
                by=user,
            )
        except e.SurveyNotFound as error:
            problem, status = str(error), 404
        except e.SurveyError as error:
            problem, status = str(error), 400
        else:
            messages.success(request, _("编码已保存。"))
            return redirect("portal:survey_coding", survey_id=survey_id)
    context = {
        "page": Page.SURVEYS.value,
        "survey": survey,
        "answers": free_text_answers(survey=survey),
        "themes": [(theme, [f"{theme}/{sub}" for sub in subs]) for theme, subs in THEMES.items()],
        "problem": problem,
    }
    return render(request, "surveys/coding.html", context, status=status)


@role_required(Page.SURVEYS)
def survey_anonymised_export(request: HttpRequest, survey_id: str) -> HttpResponse:
    """The survey's tables as a ZIP of CSV files, answers anonymised, for sharing."""
    survey = _survey_or_404(survey_id)
    if not hasattr(survey, "setup"):
        raise Http404
    form = AnonymisedExportForm(request.GET or {"threshold": 5})
    if not form.is_valid():
        return HttpResponse(
            "; ".join(str(m) for errors in form.errors.values() for m in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    content = survey_anonymised_zip(survey=survey, threshold=form.cleaned_data["threshold"])
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{survey.pk}-anonymised.zip"'
    return response
