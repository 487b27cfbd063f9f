"""Scorecard pages: the scorecard and its XLSX export, the rating rounds, the rater's form.

The page and the export take the same query (``period``, ``subjects``); anything else is
answered with 400 and the accepted forms. Officers see their own department's detail and the
others' ranks; the leadership group also sets the weights and reads raters' comments. Raters
need no account: the invitation token in the link is their access.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import (
    Action,
    Page,
    PublicPage,
    Role,
    may_act,
    may_open,
    public,
    role_required,
)
from luodi.platform.accounts.scorecard_access import may_see_scorecard_detail
from luodi.platform.registry.models import Department, Region
from luodi.platform.scorecards import errors as e
from luodi.platform.scorecards import services
from luodi.platform.scorecards.forms import (
    InvitationForm,
    RoundCreateForm,
    ScorecardQuery,
    WeightsForm,
    query_parse,
)
from luodi.platform.scorecards.present import scorecard_view
from luodi.platform.scorecards.selectors import (
    comments_for,
    criteria_of,
    invitation_done,
    invitation_get,
    invitation_subjects,
    round_is_open,
    round_progress,
    round_subjects,
    scheme_current,
    scorecard_export,
    scorecard_get,
)
from luodi.scorecard import default_catalogue

__all__ = ["rating_respond_page", "rating_rounds_page", "scorecard_export_file", "scorecard_page"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_KIND_ZH = {"department": "部门", "region": "区域"}  # in file names: Chinese, whatever the language
_KIND_LABEL = {"department": gettext_lazy("部门"), "region": gettext_lazy("区域")}


def _user(request: HttpRequest) -> User:
    # role_required has already turned anonymous visitors away.
    assert isinstance(request.user, User)
    return request.user


def _bad(request: HttpRequest, page: Page, message: str) -> HttpResponse:
    context = {"page": page.value, "heading": _("查询条件有误"), "error": message}
    return render(request, "scorecards/problem.html", context, status=400)


def _query(request: HttpRequest) -> ScorecardQuery | str:
    try:
        return query_parse(dict(request.GET.lists()))
    except e.RatingInvalid as error:
        return str(error)


def _weights_form(data: Any = None) -> WeightsForm:
    scheme = scheme_current()
    initial = {group: scheme.group_weight(group) for group in ("hard", "process", "rated")}
    return WeightsForm(data, initial=initial)


@role_required(Page.SCORECARD)
def scorecard_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    query = _query(request)
    if isinstance(query, str):
        return _bad(request, Page.SCORECARD, query)
    may_weigh = may_act(user, Action.SCORECARD_WEIGHTS_SET)
    weights = _weights_form()
    status = 200
    if request.method == "POST":
        if not may_weigh:
            raise PermissionDenied
        weights = _weights_form(request.POST)
        if weights.is_valid():
            services.scorecard_weights_set(by=user, group_weights=weights.cleaned_data)
            messages.success(request, _("权重已保存，综合排名已按新权重计算。"))
            return redirect(request.get_full_path())
        status = 400
    context: dict[str, Any] = {
        "page": Page.SCORECARD.value,
        "query": query,
        "kind_zh": _KIND_LABEL[query.subject_kind],
        "may_weigh": may_weigh,
        "may_export": may_open(user, Page.SCORECARD_EXPORT),
        "weights": weights,
        "view": None,
    }
    if round_subjects(query.subject_kind):
        result = scorecard_get(period=query.period, subject_kind=query.subject_kind)
        own = user.department_id if user.role == Role.OFFICER else None
        context["view"] = scorecard_view(
            result.report,
            may_see=lambda subject_id: may_see_scorecard_detail(user, subject_id),
            own_id=own,
        )
        if may_act(user, Action.RATING_COMMENTS_READ):
            names = {s["id"]: s["name"] for s in result.report["subjects"]}
            found = comments_for(period=query.period, subject_kind=query.subject_kind)
            context["show_comments"] = True
            context["comments"] = [(names.get(i, i), rows) for i, rows in found.items()]
    return render(request, "scorecards/scorecard.html", context, status=status)


@role_required(Page.SCORECARD_EXPORT)
def scorecard_export_file(request: HttpRequest) -> HttpResponse:
    query = _query(request)
    if isinstance(query, str):
        return _bad(request, Page.SCORECARD_EXPORT, query)
    if not round_subjects(query.subject_kind):
        context = {"page": Page.SCORECARD.value, "query": query, "view": None}
        return render(request, "scorecards/scorecard.html", context)
    content = scorecard_export(period=query.period, subject_kind=query.subject_kind)
    kind = query.subject_kind
    name = f"{query.period}年度{_KIND_ZH[kind]}人才工作考核结果.xlsx"
    ascii_name = f"luodi-scorecard-{query.period}-{kind}.xlsx"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    # RFC 6266/5987: old clients read the ASCII name, the others the Chinese one.
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    )
    return response


def _choices() -> dict[str, list[tuple[str, str]]]:
    return {
        "departments": list(
            Department.objects.order_by("department_id").values_list("department_id", "name")
        ),
        "regions": list(Region.objects.order_by("region_id").values_list("region_id", "name")),
    }


def _criteria() -> list[tuple[str, str]]:
    return [(c.code, c.name_zh) for c in default_catalogue().criteria]


def _round_action(
    request: HttpRequest, user: User, create: RoundCreateForm, invite: InvitationForm
) -> tuple[list[str], str | None]:
    """Run the POSTed action; the raw links issued (shown once) and an error, if any."""
    action = request.POST.get("action")
    try:
        if action == "create" and create.is_valid():
            data = create.cleaned_data
            services.rating_round_create(
                by=user,
                name=data["name"],
                period=data["period"],
                subject_kind=data["subject_kind"],
                min_raters=data["min_raters"],
                criteria=data["criteria"],
            )
            return [], None
        if action == "invite" and invite.is_valid():
            data = invite.cleaned_data
            tokens = services.rating_invitations_issue(
                by=user,
                round_id=data["round_id"],
                rater_kind=data["rater_kind"],
                rater_department_id=data["rater_department_id"] or None,
                rater_region_id=data["rater_region_id"] or None,
                count=data["count"],
            )
            return [
                request.build_absolute_uri(reverse("portal:rating_respond", args=[token]))
                for token in tokens
            ], None
        if action == "close":
            services.rating_round_close(by=user, round_id=request.POST.get("round_id", ""))
            return [], None
    except e.ScorecardError as error:
        return [], str(error)
    return [], _("表单有误，请按提示修改。")


@role_required(Page.RATING_ROUNDS)
def rating_rounds_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    may_manage = may_act(user, Action.RATING_ROUND_MANAGE)
    choices = _choices()
    create = RoundCreateForm(criteria=_criteria())
    invite = InvitationForm(**choices)
    links: list[str] = []
    error = None
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if request.POST.get("action") == "create":
            create = RoundCreateForm(request.POST, criteria=_criteria())
        if request.POST.get("action") == "invite":
            invite = InvitationForm(request.POST, **choices)
        links, error = _round_action(request, user, create, invite)
        if error is None and not links:
            messages.success(request, _("已记录。"))
            return redirect("portal:rating_rounds")
        status = 400 if error else 200
    context = {
        "page": Page.RATING_ROUNDS.value,
        "rounds": round_progress(),
        "may_manage": may_manage,
        "create": create,
        "invite": invite,
        "links": links,
        "error": error,
        **choices,
    }
    return render(request, "scorecards/rounds.html", context, status=status)


def _scores_from_post(request: HttpRequest, criteria: list[tuple[str, str]]) -> dict[str, str]:
    return {code: request.POST.get(f"c-{code}", "") for code, _name in criteria}


@public(PublicPage.RATING_RESPOND)
def rating_respond_page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_get(token)
    except e.ScorecardNotFound:
        raise Http404 from None
    rating_round = invitation.round
    criteria = criteria_of(rating_round)
    status = 200
    error = None
    notice = None
    if not round_is_open(rating_round):
        context = {"rating_round": rating_round, "closed": True}
        return render(request, "scorecards/respond.html", context, status=410)
    if request.method == "POST":
        subject_id = request.POST.get("subject_id", "")
        try:
            services.rating_submit(
                token=token,
                subject_id=subject_id,
                scores=_scores_from_post(request, criteria),
                comment=request.POST.get("comment"),
            )
            notice = _("已提交对 %(subject)s 的评价，谢谢。") % {"subject": subject_id}
        except e.RatingConflictOfInterest as refused:
            error, status = str(refused), 403
        except e.RatingAlreadySubmitted as refused:
            error, status = str(refused), 409
        except e.RatingRoundClosed as refused:
            error, status = str(refused), 410
        except e.ScorecardError as refused:
            error, status = str(refused), 400
    done = invitation_done(invitation)
    context = {
        "rating_round": rating_round,
        "closed": False,
        "token": token,
        "criteria": criteria,
        "scores": range(1, 6),
        "subjects": [
            {"id": i, "name": name, "done": i in done}
            for i, name in invitation_subjects(invitation)
        ],
        "kind": invitation.get_rater_kind_display(),
        "error": error,
        "notice": notice,
    }
    return render(request, "scorecards/respond.html", context, status=status)
