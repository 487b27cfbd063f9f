"""Policy endpoints: explain a profile (public), coverage by group (staff), a clause's rule."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import ConfigDict, field_validator

from luodi.contract import choices as ch
from luodi.contract.schema import Choice
from luodi.platform.accounts.roles import Api, may_call
from luodi.platform.policies.selectors import (
    clause_rule_get,
    entitlement_explain,
    policy_coverage,
)

__all__ = [
    "CLAUSE_NOT_FOUND",
    "COVERAGE_FORBIDDEN",
    "ClauseNotFound",
    "CoverageQuery",
    "EmployerIn",
    "ExplainIn",
    "PersonIn",
    "router",
]

COVERAGE_FORBIDDEN = (
    "coverage by group is for the talent office, the leadership group and evaluators; "
    "log in with one of those roles"
)
CLAUSE_NOT_FOUND = "no clause {clause_id!r} in the policy library; list them at /policies/"

router = Router()


def _one_of(choices: tuple[Choice, ...], value: str | None, field: str) -> str | None:
    allowed = [c.value for c in choices]
    if value is not None and value not in allowed:
        raise ValueError(f"{field} must be one of {', '.join(allowed)}; got {value!r}")
    return value


class _In(Schema):
    # A misspelt attribute must be an error, not a silently unknown criterion.
    model_config = ConfigDict(extra="forbid")


class PersonIn(_In):
    """The talent's contract columns (persons table); every one is optional."""

    gender: str | None = None
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    nationality: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    talent_tier: str | None = None
    degree: str | None = None
    title: str | None = None
    discipline: str | None = None
    political_status: str | None = None
    origin: str | None = None
    arrived_on: dt.date | None = None

    @field_validator("gender")
    @classmethod
    def _gender(cls, v: str | None) -> str | None:
        return _one_of(ch.GENDERS, v, "gender")

    @field_validator("talent_tier")
    @classmethod
    def _tier(cls, v: str | None) -> str | None:
        return _one_of(ch.TALENT_TIERS, v, "talent_tier")

    @field_validator("degree")
    @classmethod
    def _degree(cls, v: str | None) -> str | None:
        return _one_of(ch.DEGREES, v, "degree")

    @field_validator("title")
    @classmethod
    def _title(cls, v: str | None) -> str | None:
        return _one_of(ch.TITLES, v, "title")

    @field_validator("discipline")
    @classmethod
    def _discipline(cls, v: str | None) -> str | None:
        return _one_of(ch.DISCIPLINES, v, "discipline")

    @field_validator("political_status")
    @classmethod
    def _political(cls, v: str | None) -> str | None:
        return _one_of(ch.POLITICAL_STATUSES, v, "political_status")

    @field_validator("origin")
    @classmethod
    def _origin(cls, v: str | None) -> str | None:
        return _one_of(ch.ORIGINS, v, "origin")


class EmployerIn(_In):
    """The employer's contract columns (employers table); every one is optional."""

    kind: str | None = None
    stage: str | None = None
    founded_on: dt.date | None = None
    employees: int | None = Field(default=None, ge=0)
    revenue: float | None = Field(default=None, ge=0)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str | None) -> str | None:
        return _one_of(ch.EMPLOYER_KINDS, v, "kind")

    @field_validator("stage")
    @classmethod
    def _stage(cls, v: str | None) -> str | None:
        return _one_of(ch.EMPLOYER_STAGES, v, "stage")


class ExplainIn(_In):
    person: PersonIn | None = None
    employer: EmployerIn | None = None
    on: dt.date | None = None


class CoverageQuery(Schema):
    by: str = Field(default="tier_group", max_length=200, pattern=r"^[a-z_]+(,[a-z_]+)*$")
    on: dt.date | None = None
    engine: Literal["duckdb", "polars"] = "duckdb"


class ClauseNotFound(Schema):
    detail: str


def _given(item: _In | None) -> dict[str, Any] | None:
    return item.model_dump(exclude_none=True) if item is not None else None


@router.post("/explain", summary="Explain which clauses a profile is entitled to, and why")
def explain(request: HttpRequest, payload: ExplainIn) -> dict[str, Any]:
    return entitlement_explain(
        person=_given(payload.person),
        employer=_given(payload.employer),
        on=payload.on or timezone.now().date(),
    )


@router.get(
    "/coverage",
    auth=django_auth,
    summary="Coverage of the library over the population, by group (no personal data)",
)
def coverage(request: HttpRequest, query: Query[CoverageQuery]) -> dict[str, Any]:
    if not may_call(request.user, Api.POLICY_COVERAGE):
        raise HttpError(403, COVERAGE_FORBIDDEN)
    by = tuple(part for part in query.by.split(",") if part)
    try:
        return policy_coverage(by=by, on=query.on or timezone.now().date(), engine=query.engine)
    except (KeyError, ValueError) as error:
        # The engine names an unknown grouping or column; say which, as a client error.
        raise HttpError(422, str(error).strip("'\"")) from None


@router.get(
    "/clauses/{clause_id}",
    response={200: dict[str, Any], 404: ClauseNotFound},
    summary="A clause's structured rule and its lineage up and down",
)
def clause(request: HttpRequest, clause_id: str, on: dt.date | None = None) -> dict[str, Any]:
    found = clause_rule_get(clause_id=clause_id, on=on or timezone.now().date())
    if found is None:
        raise HttpError(404, CLAUSE_NOT_FOUND.format(clause_id=clause_id))
    return found
