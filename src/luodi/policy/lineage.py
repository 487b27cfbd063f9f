"""Clause lineage: the chain of clauses a local clause refines, and what each level changed.

A lower level rarely copies the clause above it: it adds criteria, moves thresholds, narrows the
tiers it serves, sets amounts and routes. ``clause_diff`` names those changes one by one, so a
reader sees where a central direction became a district rule (the study's intent drift).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from luodi.policy.library import Library, ResolvedClause
from luodi.policy.model import (
    AllOf,
    AnyOf,
    Condition,
    Criterion,
    Formula,
    NotOf,
    Phase,
    RouteStep,
    TieredAmount,
)

__all__ = [
    "AmountChange",
    "ClauseDiff",
    "CriterionChange",
    "Lineage",
    "LineageStep",
    "clause_diff",
    "lineage",
]

CriterionChangeKind: TypeAlias = Literal[
    "added", "removed", "raised", "lowered", "narrowed", "widened", "changed"
]
AmountChangeKind: TypeAlias = Literal["added", "removed", "raised", "lowered", "changed"]
Value: TypeAlias = object

_LOWER_BOUNDS = frozenset({"ge", "gt"})
_UPPER_BOUNDS = frozenset({"le", "lt"})
_INCLUDES = frozenset({"eq", "in"})
_EXCLUDES = frozenset({"ne", "not_in"})
_FAMILIES = (_LOWER_BOUNDS, _UPPER_BOUNDS, _INCLUDES, _EXCLUDES, frozenset({"exists"}))


@dataclass(frozen=True, kw_only=True)
class CriterionChange:
    """One leaf condition the child added, removed or moved, relative to the parent.

    ``negated`` is true for a condition under a ``not``: its meaning is the opposite of its
    operator, so it is only compared with other negated conditions.
    """

    attribute: str
    change: CriterionChangeKind
    parent: Condition | None
    child: Condition | None
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "change": self.change,
            "parent": _condition_dict(self.parent),
            "child": _condition_dict(self.child),
            "negated": self.negated,
        }


@dataclass(frozen=True, kw_only=True)
class AmountChange:
    """A change of the benefit amount: the whole amount (``key`` None), one tier, or the cap."""

    key: str | None
    change: AmountChangeKind
    parent: float | str | None
    child: float | str | None

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "change": self.change, "parent": self.parent, "child": self.child}


@dataclass(frozen=True, kw_only=True)
class ClauseDiff:
    """What ``child`` changed relative to the clause it refines (``parent``)."""

    parent_id: str
    child_id: str
    criteria: tuple[CriterionChange, ...] = ()
    amounts: tuple[AmountChange, ...] = ()
    benefit_kind: tuple[str, str] | None = None
    route: tuple[tuple[RouteStep, ...], tuple[RouteStep, ...]] | None = None
    deadline_days: tuple[int | None, int | None] | None = None
    delivery: tuple[str, str] | None = None
    phases: tuple[tuple[Phase, ...], tuple[Phase, ...]] | None = None

    @property
    def unchanged(self) -> bool:
        return not (
            self.criteria
            or self.amounts
            or self.benefit_kind
            or self.route
            or self.deadline_days
            or self.delivery
            or self.phases
        )

    @property
    def veto_steps_added(self) -> int:
        """How many more veto ("button") departments the child's route has than the parent's."""
        if self.route is None:
            return 0
        before, after = self.route
        return sum(s.role == "veto" for s in after) - sum(s.role == "veto" for s in before)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: each changed field as ``{"parent": ..., "child": ...}`` or None."""

        def pair(value: tuple[Any, Any] | None, dump: Any = None) -> dict[str, Any] | None:
            if value is None:
                return None
            before, after = value
            if dump is not None:
                before, after = dump(before), dump(after)
            return {"parent": before, "child": after}

        def steps(items: tuple[Any, ...]) -> list[dict[str, Any]]:
            return [item.model_dump(mode="json", by_alias=True) for item in items]

        return {
            "parent_id": self.parent_id,
            "child_id": self.child_id,
            "unchanged": self.unchanged,
            "criteria": [change.to_dict() for change in self.criteria],
            "amounts": [change.to_dict() for change in self.amounts],
            "benefit_kind": pair(self.benefit_kind),
            "route": pair(self.route, steps),
            "veto_steps_added": self.veto_steps_added,
            "deadline_days": pair(self.deadline_days),
            "delivery": pair(self.delivery),
            "phases": pair(self.phases, steps),
        }


@dataclass(frozen=True, kw_only=True)
class LineageStep:
    """One clause in a lineage, its distance from the clause asked about and its own diff."""

    clause: ResolvedClause
    depth: int
    diff: ClauseDiff | None
    children: tuple[LineageStep, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        document = self.clause.document
        return {
            "clause_id": self.clause.id,
            "policy_id": document.id,
            "level": document.level,
            "number": self.clause.clause.number,
            "depth": self.depth,
            "diff": self.diff.to_dict() if self.diff is not None else None,
            "children": [child.to_dict() for child in self.children],
        }


@dataclass(frozen=True, kw_only=True)
class Lineage:
    """A clause with its superiors (``up``, nearest first) and the clauses refining it."""

    clause: ResolvedClause
    diff: ClauseDiff | None
    up: tuple[LineageStep, ...]
    down: tuple[LineageStep, ...]

    @property
    def top_down(self) -> tuple[LineageStep, ...]:
        """The chain from the top level down to the clause itself."""
        here = LineageStep(clause=self.clause, depth=0, diff=self.diff)
        return (*reversed(self.up), here)

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause_id": self.clause.id,
            "on": self.clause.on.isoformat(),
            "diff": self.diff.to_dict() if self.diff is not None else None,
            "up": [step.to_dict() for step in self.up],
            "down": [step.to_dict() for step in self.down],
        }


def _condition_dict(condition: Condition | None) -> dict[str, Any] | None:
    return None if condition is None else condition.model_dump(mode="json", exclude_none=True)


def _leaves(criterion: Criterion | None, negated: bool = False) -> Iterator[tuple[Condition, bool]]:
    if criterion is None:
        return
    if isinstance(criterion, Condition):
        yield criterion, negated
    elif isinstance(criterion, AllOf):
        for item in criterion.all:
            yield from _leaves(item, negated)
    elif isinstance(criterion, AnyOf):
        for item in criterion.any:
            yield from _leaves(item, negated)
    elif isinstance(criterion, NotOf):
        yield from _leaves(criterion.not_, not negated)


def _family(op: str) -> frozenset[str]:
    return next(family for family in _FAMILIES if op in family)


def _as_set(value: Value) -> frozenset[object]:
    if isinstance(value, list):
        return frozenset(value)
    return frozenset({value})


def _ordered(parent: Value, child: Value) -> int | None:
    """-1, 0 or 1 comparing child to parent; None when the values do not compare."""
    numbers = (int, float)
    if isinstance(parent, bool) or isinstance(child, bool):
        return None
    if isinstance(parent, numbers) and isinstance(child, numbers):
        return (child > parent) - (child < parent)
    if isinstance(parent, dt.date) and isinstance(child, dt.date):
        return (child > parent) - (child < parent)
    return None


def _compare(parent: Condition, child: Condition) -> CriterionChangeKind | None:
    """How the child condition moved the parent's; None when they mean the same."""
    if parent.op == child.op and parent.value == child.value:
        return None
    family = _family(parent.op)
    if family in (_INCLUDES, _EXCLUDES):
        before, after = _as_set(parent.value), _as_set(child.value)
        if before == after:
            return None
        stricter = after < before if family is _INCLUDES else after > before
        looser = after > before if family is _INCLUDES else after < before
        return "narrowed" if stricter else "widened" if looser else "changed"
    order = _ordered(parent.value, child.value)
    if order is None:
        return "changed"
    if order == 0:
        # Same bound, strict vs inclusive: gt 3 is a higher bar than ge 3, lt 3 a lower one.
        strict = child.op in ("gt", "lt") and parent.op in ("ge", "le")
        loose = child.op in ("ge", "le") and parent.op in ("gt", "lt")
        if not (strict or loose):
            return None
        upward = strict == (family is _LOWER_BOUNDS)
        return "raised" if upward else "lowered"
    return "raised" if order > 0 else "lowered"


def _criteria_diff(parent: Criterion | None, child: Criterion | None) -> list[CriterionChange]:
    before = list(_leaves(parent))
    after = list(_leaves(child))
    changes: list[CriterionChange] = []
    for condition, negated in after:
        match = next(
            (
                (i, old)
                for i, (old, old_negated) in enumerate(before)
                if old.attribute == condition.attribute
                and old_negated == negated
                and _family(old.op) == _family(condition.op)
            ),
            None,
        )
        if match is None:
            changes.append(
                CriterionChange(
                    attribute=condition.attribute,
                    change="added",
                    parent=None,
                    child=condition,
                    negated=negated,
                )
            )
            continue
        index, old = match
        del before[index]
        kind = _compare(old, condition)
        if kind is not None:
            changes.append(
                CriterionChange(
                    attribute=condition.attribute,
                    change=kind,
                    parent=old,
                    child=condition,
                    negated=negated,
                )
            )
    changes += [
        CriterionChange(
            attribute=old.attribute, change="removed", parent=old, child=None, negated=negated
        )
        for old, negated in before
    ]
    return changes


def _number_change(key: str | None, parent: float | None, child: float | None) -> AmountChange:
    kind: AmountChangeKind
    if parent is None:
        kind = "added"
    elif child is None:
        kind = "removed"
    else:
        kind = "raised" if child > parent else "lowered"
    return AmountChange(key=key, change=kind, parent=parent, child=child)


Amount: TypeAlias = float | TieredAmount | Formula | None


def _describe(amount: Amount) -> float | str | None:
    if isinstance(amount, TieredAmount):
        return f"by {amount.by}"
    if isinstance(amount, Formula):
        return amount.formula
    return amount


def _amounts_diff(
    parent: Amount, child: Amount, parent_cap: float | None, child_cap: float | None
) -> list[AmountChange]:
    changes: list[AmountChange] = []
    if isinstance(parent, TieredAmount) and isinstance(child, TieredAmount):
        if parent.by != child.by:
            changes.append(
                AmountChange(key=None, change="changed", parent=parent.by, child=child.by)
            )
        for key in [*parent.table, *(k for k in child.table if k not in parent.table)]:
            old, new = parent.table.get(key), child.table.get(key)
            if old != new:
                changes.append(_number_change(key, old, new))
        if parent.default != child.default:
            changes.append(_number_change("default", parent.default, child.default))
    elif isinstance(parent, Formula) and isinstance(child, Formula):
        if parent.formula != child.formula:
            changes.append(
                AmountChange(key=None, change="changed", parent=parent.formula, child=child.formula)
            )
    elif (parent is None or isinstance(parent, float | int)) and (
        child is None or isinstance(child, float | int)
    ):
        if parent != child:
            changes.append(_number_change(None, parent, child))
    else:
        changes.append(
            AmountChange(
                key=None, change="changed", parent=_describe(parent), child=_describe(child)
            )
        )
    if parent_cap != child_cap:
        changes.append(_number_change("cap", parent_cap, child_cap))
    return changes


def clause_diff(*, parent: ResolvedClause, child: ResolvedClause) -> ClauseDiff:
    """What ``child`` changed relative to ``parent``, the clause it refines."""
    pb, cb = parent.benefit, child.benefit
    p_route, c_route = tuple(parent.clause.route), tuple(child.clause.route)
    return ClauseDiff(
        parent_id=parent.id,
        child_id=child.id,
        criteria=tuple(_criteria_diff(parent.eligibility, child.eligibility)),
        amounts=tuple(_amounts_diff(pb.amount, cb.amount, pb.cap, cb.cap)),
        benefit_kind=(pb.kind, cb.kind) if pb.kind != cb.kind else None,
        route=(p_route, c_route) if p_route != c_route else None,
        deadline_days=(
            (parent.deadline_days, child.deadline_days)
            if parent.deadline_days != child.deadline_days
            else None
        ),
        delivery=(
            (parent.clause.delivery, child.clause.delivery)
            if parent.clause.delivery != child.clause.delivery
            else None
        ),
        phases=(parent.phases, child.phases) if parent.phases != child.phases else None,
    )


def _tree_down(
    library: Library, clause: ResolvedClause, on: dt.date, depth: int, seen: frozenset[str]
) -> tuple[LineageStep, ...]:
    steps: list[LineageStep] = []
    for child_id in library.children(clause.id):
        if child_id in seen:  # a cycle in ``refines``: the checker reports it, we stop
            continue
        child = library.resolve(child_id, on)
        steps.append(
            LineageStep(
                clause=child,
                depth=depth,
                diff=clause_diff(parent=clause, child=child),
                children=_tree_down(library, child, on, depth + 1, seen | {child_id}),
            )
        )
    return tuple(steps)


def lineage(*, library: Library, clause_id: str, on: dt.date) -> Lineage:
    """The clause on ``on``, the chain of clauses above it and the tree of clauses below it.

    Every step carries its diff from its own parent; the top of the chain has none.
    """
    chain = [library.resolve(cid, on) for cid in library.chain_up(clause_id)]
    diffs: list[ClauseDiff | None] = [
        clause_diff(parent=chain[i + 1], child=chain[i]) for i in range(len(chain) - 1)
    ]
    diffs.append(None)
    up = tuple(LineageStep(clause=chain[i], depth=i, diff=diffs[i]) for i in range(1, len(chain)))
    here = chain[0]
    return Lineage(
        clause=here,
        diff=diffs[0],
        up=up,
        down=_tree_down(library, here, on, 1, frozenset(c.id for c in chain)),
    )
