"""Policy rules as Narwhals expressions over a whole population, on any engine.

The subject frame of person clauses is ``persons`` left-joined to ``employers``, with every
column prefixed ``person__`` or ``employer__`` so the two ``name`` columns cannot clash; the
subject frame of employer clauses is ``employers`` alone. Derived attributes (age, years in
the region, years since founding) are expressions of the evaluation date.

Eligibility is a nullable boolean: null where a needed attribute is null, with the same
three-valued ``all``/``any``/``not`` as :mod:`luodi.policy.explain`. Counting maps null to
"not eligible" and reports it separately as unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias, cast

import narwhals as nw

from luodi.contract import Dataset
from luodi.contract.tables import table
from luodi.engines import Engine, Frame
from luodi.policy.explain import AmountRule, amount_rule
from luodi.policy.formula import formula_expr
from luodi.policy.library import ResolvedClause
from luodi.policy.model import AllOf, AnyOf, Condition, Criterion, NotOf
from luodi.policy.profile import attribute_type, condition_expected

__all__ = [
    "GROUP_KEYS",
    "SUBJECT_ID",
    "CompiledClause",
    "CompiledClauses",
    "Subject",
    "attribute_expr",
    "column_name",
    "compile_clauses",
    "derived_columns",
    "group_key_expr",
    "leaf_expr",
    "subject_frame",
]

Subject: TypeAlias = Literal["person", "employer"]
# The Python values a condition compares with (see ``condition_expected``).
LiteralValue: TypeAlias = str | int | float | bool | dt.date

# Grouping keys coverage accepts, and the subject level each one describes.
GROUP_KEYS: dict[str, Subject] = {
    "tier_group": "person",
    "talent_tier": "person",
    "employer_stage": "employer",
    "employer_kind": "employer",
}
# The column holding the id of the subject (person or employer) in a subject frame.
SUBJECT_ID: dict[Subject, str] = {
    "person": "person__person_id",
    "employer": "employer__employer_id",
}

_HIGH_END = ["A", "B", "C"]
_MIDDLE = ["D", "E", "F"]


def column_name(attribute: str) -> str:
    """``person.talent_tier`` → ``person__talent_tier``."""
    return attribute.replace(".", "__", 1)


def _prefixed(frame: Frame, section: str, columns: Sequence[str]) -> Frame:
    return frame.select([nw.col(c).alias(f"{section}__{c}") for c in columns])


def subject_frame(*, dataset: Dataset, engine: Engine, subject: Subject) -> Frame:
    """The frame rules of ``subject`` clauses run on (see the module docstring)."""
    employer_columns = [c.name for c in table("employers").columns]
    employers = _prefixed(engine.frame(dataset["employers"]), "employer", employer_columns)
    if subject == "employer":
        return employers
    person_columns = [c.name for c in table("persons").columns]
    persons = _prefixed(engine.frame(dataset["persons"]), "person", person_columns)
    return persons.join(
        employers,
        how="left",
        left_on="person__employer_id",
        right_on="employer__employer_id",
    )


def _years_since(column: nw.Expr, on: dt.date) -> nw.Expr:
    # Completed years: one fewer while the anniversary has not come yet this year.
    before = (column.dt.month() > on.month) | (
        (column.dt.month() == on.month) & (column.dt.day() > on.day)
    )
    return nw.lit(on.year) - column.dt.year() - nw.when(before).then(1).otherwise(0)


def derived_columns(*, on: dt.date, subject: Subject) -> list[nw.Expr]:
    """The derived attributes of ``subject`` as columns named like the others
    (``person__age`` …), to add to the subject frame before rules read them."""
    # Age counts from 1 July of the birth year (the contract keeps only the year).
    offset = 1 if (on.month, on.day) < (7, 1) else 0
    columns = [
        _years_since(nw.col("employer__founded_on"), on).alias("employer__age_years"),
    ]
    if subject == "person":
        columns += [
            (nw.lit(on.year - offset) - nw.col("person__birth_year")).alias("person__age"),
            _years_since(nw.col("person__arrived_on"), on).alias("person__years_in_region"),
        ]
    return columns


def attribute_expr(attribute: str, *, subject: Subject) -> nw.Expr:
    """The column of ``attribute`` in a subject frame with the derived columns added; a null
    literal for a person attribute of an employer subject (an employer has no talent tier)."""
    kind = attribute_type(attribute)
    if subject == "employer" and attribute.startswith("person."):
        return nw.lit(None, dtype=nw.Int64() if kind == "integer" else nw.String())
    return nw.col(column_name(attribute))


def _one_of(value: nw.Expr, options: Sequence[object]) -> nw.Expr:
    # An OR of equalities, not `is_in`: DuckDB runs `is_in` as a list lookup per row, several
    # times slower, and engines differ on `null IN (...)`; equalities are null on null.
    tests = [value == nw.lit(cast("LiteralValue", option)) for option in options]
    if not tests:
        return nw.when(value.is_null()).then(nw.lit(False))
    return tests[0] if len(tests) == 1 else nw.any_horizontal(*tests, ignore_nulls=False)


def leaf_expr(condition: Condition, *, subject: Subject, where: str) -> nw.Expr:
    """One condition as a nullable boolean over the subject frame (derived columns added)."""
    expected = condition_expected(condition, where=where)
    value = attribute_expr(condition.attribute, subject=subject)
    op = condition.op
    if op == "exists":
        return ~value.is_null()
    if op in ("in", "not_in"):
        assert isinstance(expected, tuple)
        test = _one_of(value, expected)
        return test if op == "in" else ~test
    literal = nw.lit(cast("LiteralValue", expected))
    if op == "eq":
        return value == literal
    if op == "ne":
        return value != literal
    if op == "gt":
        return value > literal
    if op == "ge":
        return value >= literal
    if op == "lt":
        return value < literal
    return value <= literal


def _amount(rule: AmountRule, *, subject: Subject) -> nw.Expr | None:
    amount: nw.Expr
    if rule.tier_by is not None:
        key = attribute_expr(rule.tier_by, subject=subject)
        if attribute_type(rule.tier_by) not in ("string", "choice"):
            key = key.cast(nw.String())
        lookup = nw.lit(rule.tier_default, dtype=nw.Float64())
        for name, value in reversed(rule.tier_table):
            lookup = (
                nw.when(key == nw.lit(name))
                .then(nw.lit(float(value), dtype=nw.Float64()))
                .otherwise(lookup)
            )
        amount = nw.when(~key.is_null()).then(lookup)
    elif rule.formula is not None:

        def column(name: str) -> nw.Expr:
            return attribute_expr(name, subject=subject)

        amount = formula_expr(rule.formula, column)
    elif rule.fixed is not None:
        amount = nw.lit(rule.fixed, dtype=nw.Float64())
    else:
        return None
    if rule.cap is not None:
        cap = nw.lit(rule.cap, dtype=nw.Float64())
        amount = nw.when(amount > cap).then(cap).otherwise(amount)
    return amount


def group_key_expr(key: str, *, subject: Subject) -> nw.Expr:
    """A grouping key (one of ``GROUP_KEYS``) of the subject frame, aliased to ``key``."""
    if key not in GROUP_KEYS:
        raise ValueError(f"unknown group key {key!r}; choose from {', '.join(GROUP_KEYS)}")
    if GROUP_KEYS[key] == "person" and subject == "employer":
        return nw.lit(None, dtype=nw.String()).alias(key)
    if key == "tier_group":
        tier = nw.col("person__talent_tier")
        middle_or_general = (
            nw.when(tier.is_in(_MIDDLE)).then(nw.lit("middle")).otherwise(nw.lit("general"))
        )
        grouped = (
            nw.when(tier.is_in(_HIGH_END)).then(nw.lit("high_end")).otherwise(middle_or_general)
        )
        return nw.when(~tier.is_null()).then(grouped).alias(key)
    column = {"talent_tier": "person__talent_tier", "employer_stage": "employer__stage"}.get(
        key, "employer__kind"
    )
    return nw.col(column).alias(key)


@dataclass(frozen=True, kw_only=True)
class CompiledClause:
    """One clause as expressions over a prepared frame (see :class:`CompiledClauses`):
    eligibility as a nullable boolean, amount as a float column or ``None``."""

    resolved: ResolvedClause
    subject: Subject
    eligible: nw.Expr
    amount: nw.Expr | None


@dataclass(frozen=True, kw_only=True)
class CompiledClauses:
    """Clauses of one subject kind compiled together.

    Clauses of a library share most of their conditions (tier lists, age limits) and amount
    rules, so each distinct condition and amount is computed once, as a column ``l<j>`` or
    ``v<k>``, and each clause combines those columns. Engines do not reliably spot the
    repetition themselves.
    """

    subject: Subject
    on: dt.date
    clauses: tuple[CompiledClause, ...]
    leaves: tuple[nw.Expr, ...]
    amounts: tuple[nw.Expr, ...]

    def prepare(self, frame: Frame, keep: Sequence[nw.Expr]) -> Frame:
        """``frame`` (a subject frame) reduced to ``keep`` plus the leaf and amount columns
        the clause expressions read."""
        widened = frame.with_columns(derived_columns(on=self.on, subject=self.subject))
        return widened.select(
            *keep,
            *[leaf.alias(f"l{j}") for j, leaf in enumerate(self.leaves)],
            *[amount.alias(f"v{k}") for k, amount in enumerate(self.amounts)],
        )


class _Compiler:
    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.leaves: dict[tuple[str, str, object], tuple[str, nw.Expr]] = {}
        self.amounts: dict[AmountRule, tuple[str, nw.Expr]] = {}

    def leaf(self, condition: Condition, where: str) -> nw.Expr:
        expected = condition_expected(condition, where=where)
        key = (condition.attribute, condition.op, (type(expected).__name__, expected))
        if key not in self.leaves:
            expr = leaf_expr(condition, subject=self.subject, where=where)
            self.leaves[key] = (f"l{len(self.leaves)}", expr)
        return nw.col(self.leaves[key][0])

    def criterion(self, criterion: Criterion | None, where: str) -> nw.Expr:
        if criterion is None:
            return nw.lit(True)
        if isinstance(criterion, Condition):
            return self.leaf(criterion, where)
        if isinstance(criterion, NotOf):
            return ~self.criterion(criterion.not_, where)
        assert isinstance(criterion, AllOf | AnyOf)
        parts = criterion.all if isinstance(criterion, AllOf) else criterion.any
        children = [self.criterion(c, where) for c in parts]
        if len(children) == 1:
            return children[0]
        # With ignore_nulls=False these are Kleene logic, like SQL AND/OR: false AND null is
        # false, true OR null is true, otherwise null.
        if isinstance(criterion, AllOf):
            return nw.all_horizontal(*children, ignore_nulls=False)
        return nw.any_horizontal(*children, ignore_nulls=False)

    def amount(self, rule: AmountRule) -> nw.Expr | None:
        if rule not in self.amounts:
            expr = _amount(rule, subject=self.subject)
            if expr is None:
                return None
            self.amounts[rule] = (f"v{len(self.amounts)}", expr)
        return nw.col(self.amounts[rule][0])


def compile_clauses(
    clauses: Sequence[ResolvedClause], *, on: dt.date, subject: Subject
) -> CompiledClauses:
    """Compile the clauses of ``subject`` among ``clauses`` (others are left out).

    Raises :class:`~luodi.policy.profile.ProfileError` naming the clause for an unknown
    attribute or a value of the wrong type, and ``FormulaError`` for a bad formula.
    """
    compiler = _Compiler(subject)
    compiled = []
    for resolved in clauses:
        if resolved.clause.subject != subject:
            continue
        where = f"clause {resolved.id}"
        compiled.append(
            CompiledClause(
                resolved=resolved,
                subject=subject,
                eligible=compiler.criterion(resolved.eligibility, where),
                amount=compiler.amount(amount_rule(resolved)),
            )
        )
    return CompiledClauses(
        subject=subject,
        on=on,
        clauses=tuple(compiled),
        leaves=tuple(expr for _, expr in compiler.leaves.values()),
        amounts=tuple(expr for _, expr in compiler.amounts.values()),
    )
