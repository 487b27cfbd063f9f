"""Outreach pages: the talent's or employer's inbox, the FAQ (public and curation), search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luodi.contract import choices as ch
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Page, PublicPage, public, role_required
from luodi.platform.common import field_choices
from luodi.platform.dialogue.faq import (
    ANSWER_MAX,
    QUESTION_MAX,
    FaqError,
    faq_candidates,
    faq_entries_all,
    faq_entry_create_from_inquiry,
    faq_entry_update,
    faq_published_by_category,
)
from luodi.platform.dialogue.models import FaqEntry, InquiryEvent, Notice
from luodi.platform.dialogue.outreach import NoticeNotFound, notice_list_for, notice_read
from luodi.platform.dialogue.search import (
    MAX_QUERY_LENGTH,
    SEARCH_TOO_LONG,
    QueryTooLong,
    site_search,
)
from luodi.platform.policies.rules import ClauseResult, explanation_results
from luodi.platform.policies.selectors import department_names, policy_titles

__all__ = [
    "FaqCreateForm",
    "FaqEntryForm",
    "faq_curate",
    "faq_entry_edit",
    "faq_page",
    "inbox",
    "notice_read_view",
    "search_page",
]

_INBOX_LIMIT = 200
_CANDIDATE_LIMIT = 50


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # role_required let only logged-in users through
    return user


@dataclass(frozen=True, kw_only=True)
class InboxItem:
    notice: Notice
    result: ClauseResult


@role_required(Page.INBOX)
def inbox(request: HttpRequest) -> HttpResponse:
    notices = list(notice_list_for(_user(request))[:_INBOX_LIMIT])
    titles, departments = policy_titles(), department_names()
    items = [
        InboxItem(
            notice=notice,
            result=explanation_results(
                {"clauses": [notice.explanation]}, titles=titles, departments=departments
            )[0],
        )
        for notice in notices
        if notice.explanation
    ]
    unread = sum(1 for notice in notices if notice.read_at is None)
    return render(
        request, "dialogue/inbox.html", {"page": Page.INBOX, "items": items, "unread": unread}
    )


@require_POST
@role_required(Page.INBOX)
def notice_read_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    try:
        notice_read(notice_id=notice_id, by=_user(request))
    except NoticeNotFound as error:
        raise Http404(str(error)) from None
    return redirect("portal:inbox")


@public(PublicPage.FAQ)
def faq_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dialogue/faq.html",
        {"page": PublicPage.FAQ, "categories": faq_published_by_category()},
    )


class FaqEntryForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("问题（改写为一般性问题）"), max_length=QUESTION_MAX
    )
    answer = forms.CharField(
        label=gettext_lazy("答复"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    category = forms.ChoiceField(
        label=gettext_lazy("分类"), choices=field_choices(ch.INQUIRY_CATEGORIES)
    )
    published = forms.BooleanField(label=gettext_lazy("公开"), required=False)


class FaqCreateForm(FaqEntryForm):
    inquiry_id = forms.CharField(widget=forms.HiddenInput, max_length=64)


def _answers(inquiry_ids: list[str]) -> dict[str, str]:
    """The department's last answer per inquiry, to start the curator's draft from."""
    answers: dict[str, str] = {}
    events = InquiryEvent.objects.filter(inquiry_id__in=inquiry_ids, action="answered")
    for inquiry_id, note in events.order_by("at", "id").values_list("inquiry_id", "note"):
        answers[inquiry_id] = note
    return answers


def _curate_context(bound: FaqCreateForm | None = None) -> dict[str, Any]:
    candidates = list(faq_candidates()[:_CANDIDATE_LIMIT])
    answers = _answers([c.inquiry_id for c in candidates])
    rows = []
    for inquiry in candidates:
        if bound is not None and bound["inquiry_id"].value() == inquiry.inquiry_id:
            form = bound
        else:
            form = FaqCreateForm(
                initial={
                    "inquiry_id": inquiry.inquiry_id,
                    "answer": answers.get(inquiry.inquiry_id, ""),
                    "category": inquiry.category or "general",
                },
                prefix=f"q-{inquiry.inquiry_id}",
            )
        rows.append((inquiry, form))
    entries: list[tuple[FaqEntry, FaqEntryForm]] = [
        (
            entry,
            FaqEntryForm(
                initial={
                    "question": entry.question,
                    "answer": entry.answer,
                    "category": entry.category,
                    "published": entry.published,
                },
                prefix=f"e-{entry.pk}",
            ),
        )
        for entry in faq_entries_all()
    ]
    return {"page": Page.FAQ_CURATE, "candidates": rows, "entries": entries}


@role_required(Page.FAQ_CURATE)
def faq_curate(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "dialogue/faq_curate.html", _curate_context())
    prefix = f"q-{request.POST.get('inquiry', '')}"
    form = FaqCreateForm(request.POST, prefix=prefix)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = faq_entry_create_from_inquiry(
                inquiry_id=data["inquiry_id"],
                by=_user(request),
                question=data["question"],
                answer=data["answer"],
                category=data["category"],
                publish=data["published"],
            )
        except FaqError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("已收入常见问题第 %(entry_id)s 条。") % {"entry_id": entry.pk}
            )
            return redirect("portal:faq_curate")
    context = _curate_context(bound=form)
    context["form_error"] = True
    return render(request, "dialogue/faq_curate.html", context, status=400)


@require_POST
@role_required(Page.FAQ_CURATE)
def faq_entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    form = FaqEntryForm(request.POST, prefix=f"e-{entry_id}")
    if not form.is_valid():
        messages.error(request, _("常见问题未保存：请填写问题、答复和分类。"))
        return redirect("portal:faq_curate")
    data = form.cleaned_data
    try:
        faq_entry_update(
            entry_id=entry_id,
            by=_user(request),
            question=data["question"],
            answer=data["answer"],
            category=data["category"],
            published=data["published"],
        )
    except FaqError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("常见问题第 %(entry_id)s 条已保存。") % {"entry_id": entry_id})
    return redirect("portal:faq_curate")


@public(PublicPage.SEARCH)
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    context: dict[str, Any] = {
        "page": PublicPage.SEARCH,
        "query": query,
        "max_length": MAX_QUERY_LENGTH,
        "hits": [],
    }
    status = 200
    if query:
        try:
            context["hits"] = site_search(query=query)
        except QueryTooLong as error:
            context["error"] = str(SEARCH_TOO_LONG) % {
                "length": error.length,
                "limit": MAX_QUERY_LENGTH,
            }
            status = 400
    return render(request, "dialogue/search.html", context, status=status)
