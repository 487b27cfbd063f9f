"""Read the policy library: contract rows for browsing, stored files for rules and lineage."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from luodi.platform.policies.models import Clause, Policy, PolicySource
from luodi.platform.registry.models import Department, Employer, Person
from luodi.policy.library import Library
from luodi.policy.lineage import lineage
from luodi.policy.model import PolicyDocument

__all__ = [
    "PAGE_SIZE",
    "PolicySearch",
    "clause_get",
    "clause_rule_get",
    "department_names",
    "entitlement_explain",
    "issuer_list",
    "library_get",
    "policy_coverage",
    "policy_get",
    "policy_search",
    "policy_titles",
    "profile_of_employer",
    "profile_of_person",
]

PAGE_SIZE = 20
_PERSON_COLUMNS = (
    "person_id",
    "gender",
    "birth_year",
    "nationality",
    "talent_tier",
    "degree",
    "title",
    "discipline",
    "political_status",
    "origin",
    "employer_id",
    "arrived_on",
)
_EMPLOYER_COLUMNS = (
    "employer_id",
    "kind",
    "stage",
    "region_id",
    "founded_on",
    "employees",
    "revenue",
)

_cache_lock = threading.Lock()
_cache: dict[tuple[tuple[str, str], ...], Library] = {}


def library_get() -> Library:
    """The library of stored policy files.

    Parsed once per set of file hashes and kept while it is current: a page asks for it many
    times and the files change only on import.
    """
    key = tuple(PolicySource.objects.order_by("policy_id").values_list("policy_id", "sha256"))
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    documents = tuple(
        PolicyDocument.model_validate(yaml.safe_load(content))
        for content in PolicySource.objects.order_by("policy_id").values_list("content", flat=True)
    )
    library = Library(documents=documents, files=dict.fromkeys((d.id for d in documents), None))
    with _cache_lock:
        _cache.clear()
        _cache[key] = library
    return library


@dataclass(frozen=True, kw_only=True)
class PolicySearch:
    """Filters of the library page; empty strings mean "any"."""

    q: str = ""
    level: str = ""
    issuer: str = ""
    benefit_kind: str = ""


def policy_search(*, search: PolicySearch, page: int | str | None = 1) -> Page[Any]:
    """Policies matching the filters, newest first, one page of ``PAGE_SIZE``."""
    policies: QuerySet[Policy] = Policy.objects.select_related("issuer", "region")
    if search.level:
        policies = policies.filter(level=search.level)
    if search.issuer:
        policies = policies.filter(issuer_id=search.issuer)
    if search.benefit_kind:
        policies = policies.filter(clauses__benefit_kind=search.benefit_kind)
    if search.q:
        # icontains is a plain substring match, which is what Chinese text needs (no spaces
        # between words for a tokenizer to split on).
        policies = policies.filter(
            Q(title__icontains=search.q)
            | Q(document_number__icontains=search.q)
            | Q(clauses__text__icontains=search.q)
        )
    ids = policies.values("policy_id").distinct()
    result = (
        Policy.objects.filter(policy_id__in=ids)
        .select_related("issuer", "region")
        .annotate(n_clauses=Count("clauses"))
        .order_by("-issued_on", "policy_id")
    )
    return Paginator(result, PAGE_SIZE).get_page(page)


def issuer_list() -> list[Department]:
    """Departments that issued at least one policy, for the issuer filter."""
    return list(Department.objects.filter(policies__isnull=False).distinct().order_by("name"))


def policy_get(*, policy_id: str) -> Policy | None:
    return (
        Policy.objects.select_related("issuer", "region", "supersedes")
        .prefetch_related("clauses")
        .filter(policy_id=policy_id)
        .first()
    )


def clause_get(*, clause_id: str) -> Clause | None:
    return (
        Clause.objects.select_related("policy", "policy__issuer", "refines", "refines__policy")
        .prefetch_related("routes__department", "phases", "refined_by__policy")
        .filter(clause_id=clause_id)
        .first()
    )


def clause_rule_get(*, clause_id: str, on: dt.date) -> dict[str, Any] | None:
    """A clause's rule as it reads on ``on`` and its lineage, as JSON; None if not stored."""
    library = library_get()
    if clause_id not in library.clauses():
        return None
    resolved = library.resolve(clause_id, on)
    clause, document = resolved.clause, resolved.document

    def dump(value: Any) -> Any:
        return None if value is None else value.model_dump(mode="json", by_alias=True)

    return {
        "clause_id": clause.id,
        "policy_id": document.id,
        "policy_title": document.title,
        "level": document.level,
        "number": clause.number,
        "text": clause.text,
        "on": on.isoformat(),
        "in_force": library.in_force(document, on),
        "subject": clause.subject,
        "refines": clause.refines,
        "benefit": dump(resolved.benefit),
        "eligibility": dump(resolved.eligibility),
        "phases": [dump(phase) for phase in resolved.phases],
        "route": [dump(step) for step in clause.route],
        "deadline_days": resolved.deadline_days,
        "documents": list(clause.documents),
        "delivery": clause.delivery,
        "lineage": lineage(library=library, clause_id=clause_id, on=on).to_dict(),
    }


def policy_titles() -> dict[str, str]:
    return dict(Policy.objects.values_list("policy_id", "title"))


def department_names() -> dict[str, str]:
    return dict(Department.objects.values_list("department_id", "name"))


def _row(instance: Any, columns: tuple[str, ...]) -> dict[str, Any]:
    return {column: getattr(instance, column) for column in columns}


def profile_of_person(*, person: Person) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The contract columns the engine reads for a talent and their employer (no names)."""
    employer = _row(person.employer, _EMPLOYER_COLUMNS) if person.employer is not None else None
    return _row(person, _PERSON_COLUMNS), employer


def profile_of_employer(*, employer: Employer) -> dict[str, Any]:
    return _row(employer, _EMPLOYER_COLUMNS)


def _profile(person: Mapping[str, Any] | None, employer: Mapping[str, Any] | None) -> Any:
    from luodi.policy.profile import Profile

    return Profile(person=dict(person or {}), employer=dict(employer or {}))


def entitlement_explain(
    *,
    person: Mapping[str, Any] | None,
    employer: Mapping[str, Any] | None,
    on: dt.date,
    library: Library | None = None,
) -> dict[str, Any]:
    """Every clause in force on ``on`` for this profile: eligible or not, and why, as JSON."""
    library = library or library_get()
    if not library.documents:
        return {"on": on.isoformat(), "clauses": []}
    from luodi.policy.explain import explain

    result: dict[str, Any] = explain(
        library=library, profile=_profile(person, employer), on=on
    ).to_dict()
    return result


def policy_coverage(*, by: tuple[str, ...], on: dt.date, engine: str) -> dict[str, Any]:
    """Coverage of the stored library over the platform's population, without personal data."""
    from luodi.engines import get_engine
    from luodi.platform.datasets.selectors import dataset_export
    from luodi.policy.coverage import coverage

    report = coverage(
        library=library_get(),
        dataset=dataset_export(personal=False),
        engine=get_engine(engine),
        by=by,
        on=on,
    )
    result: dict[str, Any] = report.to_dict()
    return result
