"""What one person or firm is entitled to on a date, and why (not): criterion by criterion.

Rules are three-valued: a criterion whose attribute the profile lacks is *unknown* (``None``),
and unknowns travel through ``all``/``any``/``not`` as in SQL (Kleene logic), so "we cannot
tell" is never reported as "not entitled". The population engine (:mod:`luodi.policy.compile`)
follows the same rules with nulls, and the tests check that both agree person by person.

The per-library work (resolving versions, converting values, parsing formulas) is done once
per library and date in an :class:`ExplainPlan`; one explanation is then a walk over plain
Python tuples.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from luodi.policy.formula import ParsedFormula, evaluate_formula, parse_formula
from luodi.policy.library import Library, ResolvedClause
from luodi.policy.model import AllOf, AnyOf, Condition, Criterion, Formula, NotOf, TieredAmount
from luodi.policy.profile import Profile, attribute_type, condition_expected, source_attribute

__all__ = [
    "AmountRule",
    "ClauseExplanation",
    "CriterionResult",
    "ExplainPlan",
    "Explanation",
    "PhaseResult",
    "RouteEntry",
    "amount_rule",
    "explain",
    "explain_plan",
]

Lookup: TypeAlias = Callable[[str], object]
# A criteria tree over leaf indices: ("leaf", i) | ("all"|"any", children) | ("not", child).
Node: TypeAlias = tuple[Any, ...]


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True, kw_only=True)
class CriterionResult:
    """One leaf criterion as applied to the profile; ``passed`` is ``None`` when unknown."""

    attribute: str
    operator: str
    expected: object
    seen: object
    passed: bool | None
    label: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "attribute": self.attribute,
            "operator": self.operator,
            "expected": _plain(self.expected),
            "seen": _plain(self.seen),
            "passed": self.passed,
        }


@dataclass(frozen=True, kw_only=True)
class PhaseResult:
    """One phase of a staged benefit: its own criteria on top of the clause's."""

    phase: int
    share: float
    condition: str
    eligible: bool | None
    amount: float | None
    criteria: tuple[CriterionResult, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "phase": self.phase,
            "share": self.share,
            "condition": self.condition,
            "eligible": self.eligible,
            "amount": self.amount,
            "criteria": [c.to_dict() for c in self.criteria],
        }


@dataclass(frozen=True, kw_only=True)
class RouteEntry:
    department: str
    role: str

    def to_dict(self) -> dict[str, str]:
        return {"department": self.department, "role": self.role}


@dataclass(frozen=True, kw_only=True)
class ClauseExplanation:
    """One clause in force: entitled or not (``None`` = unknown), why, how much, who handles it.

    ``missing`` names the profile attributes that were unknown to a criterion or the amount
    (for a derived attribute, the column it is computed from, e.g. ``person.birth_year``).
    ``amount`` is what the clause gives this profile if entitled (cap applied).
    """

    clause_id: str
    policy_id: str
    level: str
    number: str
    text: str
    subject: Literal["person", "employer"]
    benefit_kind: str
    eligible: bool | None
    missing: tuple[str, ...]
    criteria: tuple[CriterionResult, ...]
    amount: float | None
    unit: str
    phases: tuple[PhaseResult, ...]
    route: tuple[RouteEntry, ...]
    deadline_days: int | None
    delivery: str

    def to_dict(self) -> dict[str, object]:
        return {
            "clause_id": self.clause_id,
            "policy_id": self.policy_id,
            "level": self.level,
            "number": self.number,
            "subject": self.subject,
            "benefit_kind": self.benefit_kind,
            "eligible": self.eligible,
            "missing": list(self.missing),
            "criteria": [c.to_dict() for c in self.criteria],
            "amount": self.amount,
            "unit": self.unit,
            "phases": [p.to_dict() for p in self.phases],
            "route": [r.to_dict() for r in self.route],
            "deadline_days": self.deadline_days,
            "delivery": self.delivery,
        }


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """Every clause in force on ``on``, explained for one profile, in library order."""

    on: dt.date
    clauses: tuple[ClauseExplanation, ...]

    def clause(self, clause_id: str) -> ClauseExplanation:
        for clause in self.clauses:
            if clause.clause_id == clause_id:
                return clause
        raise KeyError(f"clause {clause_id!r} is not in force on {self.on.isoformat()}")

    def to_dict(self) -> dict[str, object]:
        return {"on": self.on.isoformat(), "clauses": [c.to_dict() for c in self.clauses]}


@dataclass(frozen=True, kw_only=True)
class _Leaf:
    attribute: str
    operator: str
    expected: object
    label: str | None


def _test(operator: str, seen: object, expected: Any) -> bool | None:
    if operator == "exists":
        return seen is not None
    if seen is None:
        return None
    s: Any = seen
    if operator == "eq":
        return bool(s == expected)
    if operator == "ne":
        return bool(s != expected)
    if operator == "in":
        return s in expected
    if operator == "not_in":
        return s not in expected
    if operator == "gt":
        return bool(s > expected)
    if operator == "ge":
        return bool(s >= expected)
    if operator == "lt":
        return bool(s < expected)
    return bool(s <= expected)


def _combine(node: Node, results: list[bool | None]) -> bool | None:
    kind = node[0]
    if kind == "leaf":
        return results[node[1]]
    if kind == "not":
        inner = _combine(node[1], results)
        return None if inner is None else not inner
    values = [_combine(child, results) for child in node[1]]
    if kind == "all":
        return False if False in values else (None if None in values else True)
    return True if True in values else (None if None in values else False)


def _tree(criterion: Criterion, leaves: list[_Leaf], where: str) -> Node:
    if isinstance(criterion, Condition):
        expected = condition_expected(criterion, where=where)
        leaves.append(
            _Leaf(
                attribute=criterion.attribute,
                operator=criterion.op,
                expected=expected,
                label=criterion.label,
            )
        )
        return ("leaf", len(leaves) - 1)
    if isinstance(criterion, AllOf):
        return ("all", tuple(_tree(c, leaves, where) for c in criterion.all))
    if isinstance(criterion, AnyOf):
        return ("any", tuple(_tree(c, leaves, where) for c in criterion.any))
    assert isinstance(criterion, NotOf)
    return ("not", _tree(criterion.not_, leaves, where))


@dataclass(frozen=True, kw_only=True)
class _Rule:
    """A criteria tree ready to run: leaves in document order and the tree over them."""

    leaves: tuple[_Leaf, ...]
    tree: Node | None

    @classmethod
    def of(cls, criterion: Criterion | None, where: str) -> _Rule:
        if criterion is None:
            return cls(leaves=(), tree=None)
        leaves: list[_Leaf] = []
        tree = _tree(criterion, leaves, where)
        return cls(leaves=tuple(leaves), tree=tree)

    def run(self, lookup: Lookup) -> tuple[bool | None, list[object], list[bool | None]]:
        seen = [lookup(leaf.attribute) for leaf in self.leaves]
        results = [
            _test(leaf.operator, value, leaf.expected)
            for leaf, value in zip(self.leaves, seen, strict=True)
        ]
        verdict = True if self.tree is None else _combine(self.tree, results)
        return verdict, seen, results


@dataclass(frozen=True, kw_only=True)
class AmountRule:
    """How a clause's amount is found: fixed, by tier table, or by formula; cap applied."""

    fixed: float | None = None
    tier_by: str | None = None
    tier_table: tuple[tuple[str, float], ...] = ()
    tier_default: float | None = None
    formula: ParsedFormula | None = None
    cap: float | None = None

    @property
    def attributes(self) -> tuple[str, ...]:
        if self.tier_by is not None:
            return (self.tier_by,)
        return self.formula.attributes if self.formula is not None else ()

    def value(self, lookup: Lookup) -> float | None:
        amount: float | None
        if self.tier_by is not None:
            key = lookup(self.tier_by)
            if key is None:
                return None
            amount = dict(self.tier_table).get(str(key), self.tier_default)
        elif self.formula is not None:
            amount = evaluate_formula(self.formula, {a: lookup(a) for a in self.attributes})
        else:
            amount = self.fixed
        if amount is not None and self.cap is not None:
            amount = min(amount, self.cap)
        return amount


def amount_rule(resolved: ResolvedClause) -> AmountRule:
    """The clause's amount rule, with attributes checked and the formula parsed."""
    benefit = resolved.benefit
    amount, cap, where = benefit.amount, benefit.cap, f"clause {resolved.id} amount"
    if isinstance(amount, TieredAmount):
        try:
            attribute_type(amount.by)
        except ValueError as error:
            raise type(error)(f"{where}: {error}") from None
        return AmountRule(
            tier_by=amount.by,
            tier_table=tuple(amount.table.items()),
            tier_default=amount.default,
            cap=cap,
        )
    if isinstance(amount, Formula):
        parsed = parse_formula(amount.formula)
        for name in parsed.attributes:
            try:
                attribute_type(name)
            except ValueError as error:
                raise type(error)(f"{where}: {error}") from None
        return AmountRule(formula=parsed, cap=cap)
    return AmountRule(fixed=None if amount is None else float(amount), cap=cap)


@dataclass(frozen=True, kw_only=True)
class _ClausePlan:
    resolved: ResolvedClause
    rule: _Rule
    amount: AmountRule
    phases: tuple[tuple[int, float, str, _Rule], ...]
    route: tuple[RouteEntry, ...]


def _clause_plan(resolved: ResolvedClause) -> _ClausePlan:
    where = f"clause {resolved.id}"
    return _ClausePlan(
        resolved=resolved,
        rule=_Rule.of(resolved.eligibility, where),
        amount=amount_rule(resolved),
        phases=tuple(
            (p.phase, p.share, p.condition, _Rule.of(p.criteria, f"{where} phase {p.phase}"))
            for p in resolved.phases
        ),
        route=tuple(
            RouteEntry(department=s.department, role=s.role) for s in resolved.clause.route
        ),
    )


def _and(left: bool | None, right: bool | None) -> bool | None:
    if left is False or right is False:
        return False
    return None if left is None or right is None else True


def _results(
    rule: _Rule, seen: list[object], passed: list[bool | None]
) -> tuple[CriterionResult, ...]:
    return tuple(
        CriterionResult(
            attribute=leaf.attribute,
            operator=leaf.operator,
            expected=leaf.expected,
            seen=value,
            passed=result,
            label=leaf.label,
        )
        for leaf, value, result in zip(rule.leaves, seen, passed, strict=True)
    )


@dataclass(frozen=True, kw_only=True)
class ExplainPlan:
    """The clauses in force on ``on``, prepared once; explain many profiles with it."""

    on: dt.date
    clauses: tuple[_ClausePlan, ...]

    @property
    def resolved(self) -> tuple[ResolvedClause, ...]:
        return tuple(c.resolved for c in self.clauses)

    def evaluate(self, lookup: Lookup) -> list[tuple[bool | None, float | None]]:
        """Eligibility and amount of every clause for one subject, without explanations."""
        return [(c.rule.run(lookup)[0], c.amount.value(lookup)) for c in self.clauses]

    def explain(self, profile: Profile) -> Explanation:
        on = self.on
        cache: dict[str, object] = {}

        def lookup(attribute: str) -> object:
            if attribute not in cache:
                cache[attribute] = profile.value(attribute, on)
            return cache[attribute]

        return Explanation(on=on, clauses=tuple(self._one(c, lookup) for c in self.clauses))

    def _one(self, plan: _ClausePlan, lookup: Lookup) -> ClauseExplanation:
        resolved, document = plan.resolved, plan.resolved.document
        eligible, seen, passed = plan.rule.run(lookup)
        missing = {
            source_attribute(leaf.attribute)
            for leaf, value in zip(plan.rule.leaves, seen, strict=True)
            if value is None and leaf.operator != "exists"
        }
        missing.update(source_attribute(a) for a in plan.amount.attributes if lookup(a) is None)
        amount = plan.amount.value(lookup)
        phases = []
        for number, share, condition, rule in plan.phases:
            phase_ok, phase_seen, phase_passed = rule.run(lookup)
            phases.append(
                PhaseResult(
                    phase=number,
                    share=share,
                    condition=condition,
                    eligible=_and(eligible, phase_ok),
                    amount=None if amount is None else amount * share,
                    criteria=_results(rule, phase_seen, phase_passed),
                )
            )
        return ClauseExplanation(
            clause_id=resolved.id,
            policy_id=document.id,
            level=document.level,
            number=resolved.clause.number,
            text=resolved.clause.text,
            subject=resolved.clause.subject,
            benefit_kind=resolved.benefit.kind,
            eligible=eligible,
            missing=tuple(sorted(missing)),
            criteria=_results(plan.rule, seen, passed),
            amount=amount,
            unit=resolved.benefit.unit,
            phases=tuple(phases),
            route=plan.route,
            deadline_days=resolved.deadline_days,
            delivery=resolved.clause.delivery,
        )


# Plans by (library identity, date). Libraries hold dicts and are not hashable, so the key is
# the object's id, guarded by a weak reference against a recycled id.
_PLANS: dict[tuple[int, dt.date], tuple[weakref.ref[Library], ExplainPlan]] = {}
_MAX_PLANS = 64


def explain_plan(*, library: Library, on: dt.date) -> ExplainPlan:
    """The prepared clauses of ``library`` in force on ``on`` (cached per library and date)."""
    key = (id(library), on)
    hit = _PLANS.get(key)
    if hit is not None and hit[0]() is library:
        return hit[1]
    plan = ExplainPlan(on=on, clauses=tuple(_clause_plan(r) for r in library.clauses_in_force(on)))
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[key] = (weakref.ref(library), plan)
    return plan


def explain(*, library: Library, profile: Profile, on: dt.date) -> Explanation:
    """Explain every clause of ``library`` in force on ``on`` for ``profile``.

    Raises :class:`~luodi.policy.profile.ProfileError` (a ``ValueError``) when a clause names
    an attribute the contract does not know, and
    :class:`~luodi.policy.formula.FormulaError` for a formula outside the whitelist.
    """
    return explain_plan(library=library, on=on).explain(profile)
