"""Policy pages: the public library and calculator, import for the office, own entitlements."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Page, PublicPage, public, role_required
from luodi.platform.dialogue.faq import faq_for_clause
from luodi.platform.policies import rules
from luodi.platform.policies.forms import CalculatorForm, PolicyFilterForm, PolicyImportForm
from luodi.platform.policies.plain import clause_summary
from luodi.platform.policies.selectors import (
    PolicySearch,
    clause_get,
    department_names,
    entitlement_explain,
    issuer_list,
    library_get,
    policy_get,
    policy_search,
    policy_titles,
    profile_of_employer,
    profile_of_person,
)
from luodi.platform.policies.services import PolicyImportFailed, policy_import
from luodi.platform.policies.wording import clause_wording
from luodi.platform.registry.selectors import employer_get, person_get
from luodi.policy.library import ResolvedClause
from luodi.policy.lineage import lineage

__all__ = [
    "calculator",
    "clause_detail",
    "entitlements",
    "policy_detail",
    "policy_import_page",
    "policy_list",
]


def _render(request: HttpRequest, template: str, page: str, **context: Any) -> HttpResponse:
    return render(request, f"policies/{template}", {"page": page, **context})


@public(PublicPage.POLICIES)
def policy_list(request: HttpRequest) -> HttpResponse:
    form = PolicyFilterForm(request.GET or None)
    search = PolicySearch()
    if form.is_valid():
        search = PolicySearch(**{k: v or "" for k, v in form.cleaned_data.items()})
    results = policy_search(search=search, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return _render(
        request,
        "list.html",
        PublicPage.POLICIES,
        form=form,
        results=results,
        issuers=issuer_list(),
        issuer=search.issuer,
        query=query.urlencode(),
    )


@public(PublicPage.POLICY)
def policy_detail(request: HttpRequest, policy_id: str) -> HttpResponse:
    policy = policy_get(policy_id=policy_id)
    if policy is None:
        raise Http404(policy_id)
    return _render(request, "detail.html", PublicPage.POLICY, policy=policy)


@public(PublicPage.CLAUSE)
def clause_detail(request: HttpRequest, clause_id: str) -> HttpResponse:
    clause = clause_get(clause_id=clause_id)
    if clause is None:
        raise Http404(clause_id)
    wording = clause_wording(clause.text)
    context: dict[str, Any] = {
        "clause": clause,
        "text": wording.text,
        "vague": wording.vague,
        "wording": wording,
        "faq": faq_for_clause(clause_id=clause_id),
    }
    library = library_get()
    resolved: ResolvedClause | None = None
    if clause_id in library.clauses():
        found = lineage(library=library, clause_id=clause_id, on=timezone.now().date())
        chain, below = rules.lineage_rows(found, department_names())
        resolved = found.clause
        context |= {
            "rule": rules.rule_tree(resolved.eligibility),
            "amounts": rules.amount_lines(resolved),
            "resolved": resolved,
            "chain": chain,
            "below": below,
        }
    context["summary"] = clause_summary(clause=clause, resolved=resolved)
    return _render(request, "clause.html", PublicPage.CLAUSE, **context)


@role_required(Page.POLICY_IMPORT)
def policy_import_page(request: HttpRequest) -> HttpResponse:
    form = PolicyImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        user = request.user if isinstance(request.user, User) else None
        try:
            context["result"] = policy_import(files=form.cleaned_data["policy_files"], user=user)
        except PolicyImportFailed as failed:
            context["problems"] = failed.problems
    return _render(request, "import.html", Page.POLICY_IMPORT, **context)


def _explained(
    person: dict[str, Any] | None, employer: dict[str, Any] | None, on: Any
) -> list[rules.ClauseResult]:
    explanation = entitlement_explain(person=person, employer=employer, on=on)
    return rules.explanation_results(
        explanation, titles=policy_titles(), departments=department_names()
    )


@role_required(Page.ENTITLEMENTS)
def entitlements(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    on = timezone.now().date()
    person_row = person_get(person_id=user.person_id) if user.person_id else None
    employer_row = employer_get(employer_id=user.employer_id) if user.employer_id else None
    person: dict[str, Any] | None = None
    employer: dict[str, Any] | None = None
    if person_row is not None:
        person, employer = profile_of_person(person=person_row)
    elif employer_row is not None:
        employer = profile_of_employer(employer=employer_row)
    results = _explained(person, employer, on) if person or employer else None
    return _render(
        request,
        "entitlements.html",
        Page.ENTITLEMENTS,
        results=results,
        on=on,
        person=person_row,
        employer=employer_row,
    )


@public(PublicPage.CALCULATOR)
def calculator(request: HttpRequest) -> HttpResponse:
    form = CalculatorForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        person, employer, on = form.profile()
        context |= {"results": _explained(person, employer, on), "on": on}
    status = 400 if request.method == "POST" and form.errors else 200
    response = _render(request, "calculator.html", PublicPage.CALCULATOR, **context)
    response.status_code = status
    return response
