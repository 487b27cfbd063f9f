"""The policy file format: one YAML document per policy, its clauses, rules and versions.

Attributes in criteria and formulas name contract columns as ``person.<column>`` or
``employer.<column>``, plus the derived attributes in ``DERIVED_ATTRIBUTES`` that depend on the
date a rule is evaluated on.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

__all__ = [
    "DERIVED_ATTRIBUTES",
    "OPERATORS",
    "AllOf",
    "AnyOf",
    "Benefit",
    "Clause",
    "ClauseVersion",
    "Condition",
    "Criterion",
    "DepartmentEntry",
    "Formula",
    "NotOf",
    "Phase",
    "PolicyDocument",
    "RouteStep",
    "TieredAmount",
]

# Operators of a leaf criterion. ``exists`` takes no value; ``in``/``not_in`` take a list.
OPERATORS = ("eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "exists")

# Attributes computed from contract columns and the evaluation date ``on``.
DERIVED_ATTRIBUTES: dict[str, str] = {
    "person.age": "whole years between 1 July of birth_year and the date (出生年份推算的年龄)",
    "person.years_in_region": "whole years since arrived_on (来区年限)",
    "employer.age_years": "whole years since founded_on (成立年限)",
}


class _Strict(BaseModel):
    # Unknown fields are errors: a misspelt key must not silently drop a rule.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Condition(_Strict):
    """A leaf criterion: ``attribute operator value``."""

    attribute: str
    op: Literal["eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "exists"]
    value: str | int | float | bool | dt.date | list[str | int | float | bool] | None = None
    # Why the criterion exists, as the policy text says it (optional, shown in explanations).
    label: str | None = None


class AllOf(_Strict):
    all: list[Criterion] = Field(min_length=1)


class AnyOf(_Strict):
    any: list[Criterion] = Field(min_length=1)


class NotOf(_Strict):
    not_: Criterion = Field(alias="not")


def _criterion_kind(value: Any) -> str | None:
    # Dispatch on the key that names the form, so a broken criterion reports the errors of the
    # form it was meant to be, not of all four forms at once.
    if isinstance(value, BaseModel):
        return type(value).__name__.lower()
    if not isinstance(value, dict):
        return None
    for key, kind in (("all", "allof"), ("any", "anyof"), ("not", "notof")):
        if key in value:
            return kind
    return "condition"


Criterion: TypeAlias = Annotated[
    Annotated[Condition, Tag("condition")]
    | Annotated[AllOf, Tag("allof")]
    | Annotated[AnyOf, Tag("anyof")]
    | Annotated[NotOf, Tag("notof")],
    Discriminator(_criterion_kind),
]


class TieredAmount(_Strict):
    """An amount looked up in a table by an attribute's value, e.g. by talent tier."""

    by: str
    table: dict[str, float]
    default: float | None = None


class Formula(_Strict):
    """A simple arithmetic formula over attributes: + - * /, parentheses, min(), max()."""

    formula: str


def _amount_kind(value: Any) -> str:
    # A mapping is a tiered table or a formula; anything else must be a number, so "五十万"
    # reports one error (not a number), not one per form of amount.
    if isinstance(value, Formula) or (isinstance(value, dict) and "formula" in value):
        return "formula"
    if isinstance(value, TieredAmount | dict):
        return "tiered"
    return "number"


Amount: TypeAlias = Annotated[
    Annotated[float, Tag("number")]
    | Annotated[TieredAmount, Tag("tiered")]
    | Annotated[Formula, Tag("formula")],
    Discriminator(_amount_kind),
]


class Benefit(_Strict):
    kind: Literal[
        "cash_award",
        "subsidy",
        "housing",
        "school_place",
        "tax_deduction",
        "residence_visa",
        "funding",
        "service",
        "none",
    ]
    amount: Amount | None = None
    cap: float | None = Field(default=None, ge=0)
    unit: str = "元"


class Phase(_Strict):
    """One stage of a staged benefit: its share of the amount and its own criteria."""

    phase: int = Field(ge=1)
    share: float = Field(ge=0, le=1)
    condition: str
    criteria: Criterion | None = None


class RouteStep(_Strict):
    department: str
    role: Literal["lead", "co", "veto"]


class ClauseVersion(_Strict):
    """What changes from a date on (OpenFisca-style): any of the rule fields of a clause."""

    effective_from: dt.date
    effective_to: dt.date | None = None
    benefit: Benefit | None = None
    eligibility: Criterion | None = None
    phases: list[Phase] | None = None
    deadline_days: int | None = Field(default=None, ge=1)


class Clause(_Strict):
    id: str
    number: str
    text: str
    refines: str | None = None
    benefit: Benefit
    eligibility: Criterion | None = None
    subject: Literal["person", "employer"] = "person"
    phases: list[Phase] = []
    route: list[RouteStep] = []
    deadline_days: int | None = Field(default=None, ge=1)
    documents: list[str] = []
    delivery: Literal["application", "no_application"] = "application"
    versions: list[ClauseVersion] = []


class DepartmentEntry(_Strict):
    """One department of a library's ``departments.yaml``: who may issue and work a clause."""

    id: str
    name: str
    kind: str
    region: str
    is_veto: bool = False


class PolicyDocument(_Strict):
    id: str
    title: str
    document_number: str | None = None
    issuer: str
    level: Literal["central", "province", "city", "district"]
    region: str
    issued_on: dt.date
    effective_from: dt.date
    effective_to: dt.date | None = None
    supersedes: list[str] = []
    clauses: list[Clause] = Field(min_length=1)


AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
Phase.model_rebuild()
ClauseVersion.model_rebuild()
Clause.model_rebuild()
PolicyDocument.model_rebuild()
