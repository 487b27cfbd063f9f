"""The demo policy library, read from its YAML files: documents, clauses, routes and phases.

The files under ``library/`` (one per policy document, by level) are the one source of truth:
the contract tables, the staged-funding constants and the case generator all read them.
Clauses the study quotes are verbatim; local document numbers are synthetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from luodi.demo.regions import department_rows, region_rows
from luodi.policy.library import Library
from luodi.policy.loader import load_library
from luodi.policy.model import (
    AllOf,
    Clause,
    Condition,
    Criterion,
    PolicyDocument,
    TieredAmount,
)

__all__ = [
    "CLAUSES",
    "LIBRARY_DIR",
    "POLICIES",
    "STAGED_CLAUSE",
    "STAGED_ELIGIBLE_KINDS",
    "STAGED_FOUNDED_FROM",
    "STAGED_PHASE_REVENUE",
    "ClauseSpec",
    "PolicySpec",
    "clause",
    "clause_phase_rows",
    "clause_route_rows",
    "clause_rows",
    "demo_library",
    "policy_rows",
    "tier_amounts",
]

Row = dict[str, Any]

LIBRARY_DIR = Path(__file__).parent / "library"
_LEVELS = ("central", "province", "city", "district")


@dataclass(frozen=True, kw_only=True)
class PolicySpec:
    policy_id: str
    title: str
    document_number: str | None
    issuer_id: str
    level: str
    region_id: str
    issued_on: dt.date
    effective_from: dt.date
    effective_to: dt.date | None = None
    supersedes: str | None = None


@dataclass(frozen=True, kw_only=True)
class ClauseSpec:
    """A clause as the case generator walks it: route ``(department_id, role)`` in step order,
    phases ``(phase, share, condition)``."""

    clause_id: str
    policy_id: str
    number: str
    text: str
    benefit_kind: str
    route: tuple[tuple[str, str], ...] = ()
    refines: str | None = None
    amount: float | None = None
    deadline_days: int | None = None
    delivery_mode: str = "application"
    phases: tuple[tuple[int, float, str], ...] = ()


@cache
def demo_library() -> Library:
    """The demo library, checked against the demo's own departments and regions."""
    library = load_library(
        [LIBRARY_DIR],
        departments={row["department_id"] for row in department_rows()},
        regions={row["region_id"] for row in region_rows()},
    )
    # Documents from the top down, as a reader meets them; files sort by folder name.
    ordered = sorted(library.documents, key=lambda d: _LEVELS.index(d.level))
    return Library(documents=tuple(ordered), files=library.files)


def _policy(document: PolicyDocument) -> PolicySpec:
    return PolicySpec(
        policy_id=document.id,
        title=document.title,
        document_number=document.document_number,
        issuer_id=document.issuer,
        level=document.level,
        region_id=document.region,
        issued_on=document.issued_on,
        effective_from=document.effective_from,
        effective_to=document.effective_to,
        # The contract keeps one superseded document per policy.
        supersedes=document.supersedes[0] if document.supersedes else None,
    )


def _clause(clause: Clause, document: PolicyDocument) -> ClauseSpec:
    amount = clause.benefit.amount
    return ClauseSpec(
        clause_id=clause.id,
        policy_id=document.id,
        number=clause.number,
        text=clause.text,
        benefit_kind=clause.benefit.kind,
        route=tuple((step.department, step.role) for step in clause.route),
        refines=clause.refines,
        # Tiered amounts and formulas have no single figure; the rule itself holds them.
        amount=float(amount) if isinstance(amount, int | float) else None,
        deadline_days=clause.deadline_days,
        delivery_mode=clause.delivery,
        phases=tuple((p.phase, p.share, p.condition) for p in clause.phases),
    )


POLICIES: tuple[PolicySpec, ...] = tuple(_policy(d) for d in demo_library().documents)
CLAUSES: tuple[ClauseSpec, ...] = tuple(
    _clause(c, d) for d in demo_library().documents for c in d.clauses
)

STAGED_CLAUSE = "CL-C-06"


def _conditions(criterion: Criterion | None) -> list[Condition]:
    if criterion is None:
        return []
    if isinstance(criterion, Condition):
        return [criterion]
    if isinstance(criterion, AllOf):
        return [c for item in criterion.all for c in _conditions(item)]
    return []  # any / not do not state a bar every firm must pass


def _staged() -> tuple[tuple[str, ...], dt.date, dict[int, int]]:
    staged, _ = demo_library().clause(STAGED_CLAUSE)
    kinds: tuple[str, ...] = ()
    founded: dt.date | None = None
    for condition in _conditions(staged.eligibility):
        if condition.attribute == "employer.kind" and isinstance(condition.value, list):
            kinds = tuple(str(v) for v in condition.value)
        if condition.attribute == "employer.founded_on" and isinstance(condition.value, dt.date):
            founded = condition.value
    revenue = {
        phase.phase: int(c.value)
        for phase in staged.phases
        for c in _conditions(phase.criteria)
        if c.attribute == "employer.revenue" and c.op == "ge" and isinstance(c.value, int | float)
    }
    if not kinds or founded is None or sorted(revenue) != [2, 3, 4]:
        raise ValueError(
            f"演示政策库的 {STAGED_CLAUSE} 缺少条件 — clause {STAGED_CLAUSE} must state "
            "employer.kind in […], employer.founded_on ge <date> and an employer.revenue ge bar "
            "for phases 2–4; the demo's start-ups are drawn to fit them."
        )
    return kinds, founded, revenue


# Eligibility for the staged start-up funding, checkable from the employers table: the kinds
# of firm and the earliest registration date (under three years old when the rules took effect).
# Revenue (yuan, last year) for phases 2–4; the strict bars are why no firm gets all four.
STAGED_ELIGIBLE_KINDS, STAGED_FOUNDED_FROM, STAGED_PHASE_REVENUE = _staged()


def tier_amounts(clause_id: str) -> dict[str, float]:
    """The amount by talent tier of a clause whose benefit is tiered, e.g. CL-C-01."""
    amount = demo_library().clause(clause_id)[0].benefit.amount
    if not isinstance(amount, TieredAmount) or amount.by != "person.talent_tier":
        raise ValueError(f"clause {clause_id!r} has no amount by person.talent_tier")
    return dict(amount.table)


def policy_rows() -> list[Row]:
    return [
        {
            "policy_id": p.policy_id,
            "title": p.title,
            "document_number": p.document_number,
            "issuer_id": p.issuer_id,
            "level": p.level,
            "region_id": p.region_id,
            "issued_on": p.issued_on,
            "effective_from": p.effective_from,
            "effective_to": p.effective_to,
            "supersedes": p.supersedes,
        }
        for p in POLICIES
    ]


def clause_rows() -> list[Row]:
    return [
        {
            "clause_id": c.clause_id,
            "policy_id": c.policy_id,
            "number": c.number,
            "text": c.text,
            "refines": c.refines,
            "benefit_kind": c.benefit_kind,
            "amount": c.amount,
            "deadline_days": c.deadline_days,
            "delivery_mode": c.delivery_mode,
        }
        for c in CLAUSES
    ]


def clause_route_rows() -> list[Row]:
    return [
        {"clause_id": c.clause_id, "position": position, "department_id": dept, "role": role}
        for c in CLAUSES
        for position, (dept, role) in enumerate(c.route, start=1)
    ]


def clause_phase_rows() -> list[Row]:
    return [
        {"clause_id": c.clause_id, "phase": phase, "share": share, "condition": condition}
        for c in CLAUSES
        for phase, share, condition in c.phases
    ]


def clause(clause_id: str) -> ClauseSpec:
    for spec in CLAUSES:
        if spec.clause_id == clause_id:
            return spec
    raise KeyError(f"the demo library has no clause {clause_id!r}")
