"""The meaning checks of policy files: attributes, operators, formulas, routes, phases, versions.

The schema (``model.py``) says what a file may contain; these checks say whether it makes sense
against the data contract, the departments and the other documents of the library.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from luodi.contract.registry_tables import EMPLOYERS, PERSONS
from luodi.contract.schema import ColumnType
from luodi.policy.errors import ProblemCode
from luodi.policy.formula import FormulaError, parse_formula
from luodi.policy.model import (
    DERIVED_ATTRIBUTES,
    AllOf,
    AnyOf,
    Benefit,
    Clause,
    Condition,
    Criterion,
    Formula,
    NotOf,
    Phase,
    PolicyDocument,
    TieredAmount,
)
from luodi.policy.problems import ProblemCollector
from luodi.policy.wording import wording_check
from luodi.policy.yamlpos import YamlPath, position

__all__ = [
    "LEVELS",
    "AttributeSpec",
    "Reporter",
    "Source",
    "attributes",
    "check_document",
    "closest",
    "describe",
]

LEVELS = ("central", "province", "city", "district")
_ORDERING = frozenset({"gt", "ge", "lt", "le"})


@dataclass(frozen=True, kw_only=True)
class AttributeSpec:
    """What a criterion may compare an attribute with: its type and, for a choice, the values."""

    type: ColumnType
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Source:
    """One policy file: its name as shown, node tree, raw data and what passed the schema.

    ``clauses`` holds each clause with its index in the file. A clause that failed the schema is
    there too, built from its valid parts, and its index is in ``partial``: its meaning is still
    checked, so one broken field does not hide the other problems of the clause.
    """

    file: str
    root: yaml.Node | None
    data: Any
    document: PolicyDocument | None
    clauses: tuple[tuple[int, Clause], ...]
    partial: frozenset[int] = frozenset()

    def raw(self, key: str) -> Any:
        return self.data.get(key) if isinstance(self.data, dict) else None

    def raw_clauses(self) -> list[tuple[int, dict[str, Any]]]:
        items = self.raw("clauses")
        if not isinstance(items, list):
            return []
        return [(i, c) for i, c in enumerate(items) if isinstance(c, dict)]


@cache
def attributes() -> dict[str, AttributeSpec]:
    """Every attribute a rule may use: contract columns of persons and employers, and derived."""
    found = {
        f"{prefix}.{column.name}": AttributeSpec(
            type=column.type, allowed=tuple(c.value for c in column.choices)
        )
        for prefix, table in (("person", PERSONS), ("employer", EMPLOYERS))
        for column in table.columns
    }
    # Derived attributes are whole years (ages and durations).
    found.update({name: AttributeSpec(type=ColumnType.INTEGER) for name in DERIVED_ATTRIBUTES})
    return found


def closest(name: str, known: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest known name, or nothing."""
    match = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def describe(data: Any, path: Sequence[str | int]) -> str:
    """A reader's name for ``path``: ``clause CL-C-06, phases[1].share``."""
    head, rest = "document", list(path)
    if isinstance(data, list) and path and isinstance(path[0], int):
        head, rest = f"entry [{path[0]}]", rest[1:]
    if len(path) >= 2 and path[0] == "clauses" and isinstance(path[1], int):
        clauses = data.get("clauses") if isinstance(data, dict) else None
        item = clauses[path[1]] if isinstance(clauses, list) and path[1] < len(clauses) else None
        clause_id = item.get("id") if isinstance(item, dict) else None
        head = f"clause {clause_id}" if isinstance(clause_id, str) else f"clauses[{path[1]}]"
        rest = rest[2:]
    text = ""
    for step in rest:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return f"{head}, {text}" if text else head


class Reporter:
    """Adds problems of one source at the position of a path into its data."""

    def __init__(self, sink: ProblemCollector, source: Source) -> None:
        self.sink, self.source = sink, source

    def add(self, code: ProblemCode, path: YamlPath, *, key: bool = False, **fields: Any) -> None:
        line, column = position(self.source.root, path, key=key)
        self.add_at(code, line, column, path=path, **fields)

    def add_at(
        self, code: ProblemCode, line: int, column: int, *, path: YamlPath, **fields: Any
    ) -> None:
        where = describe(self.source.data, path)
        self.sink.add(code, file=self.source.file, line=line, column=column, where=where, **fields)


def _attribute(rep: Reporter, name: str, path: YamlPath) -> AttributeSpec | None:
    known = attributes()
    if name in known:
        return known[name]
    rep.add(
        ProblemCode.UNKNOWN_ATTRIBUTE,
        path,
        attribute=name,
        hint=closest(name, known),
        derived=", ".join(DERIVED_ATTRIBUTES),
    )
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _mismatch(c: Condition, spec: AttributeSpec | None) -> tuple[str, str] | None:
    """(reason, fix) when the operator and the value do not fit each other or the attribute."""
    value = c.value
    if c.op == "exists":
        return ("exists takes no value", "delete `value`") if value is not None else None
    if c.op in ("in", "not_in"):
        if not isinstance(value, list):
            return (f"{c.op} needs a list", "write the values as a list, e.g. [A, B]")
        return None
    if value is None or isinstance(value, list):
        return (f"{c.op} compares with one value", "give one value, or use in / not_in for a list")
    numeric = spec is not None and spec.type in (ColumnType.INTEGER, ColumnType.FLOAT)
    dated = spec is not None and spec.type in (ColumnType.DATE, ColumnType.DATETIME)
    if c.op in _ORDERING:
        if not (_is_number(value) or isinstance(value, dt.date)):
            return (f"{c.op} needs a number or a date", "write a number or a date (2017-03-01)")
        if spec is not None and not (numeric or dated):
            return (f"{c.op} orders values, {c.attribute} is {spec.type}", "use eq, ne or in")
    if numeric and not _is_number(value):
        return (f"{c.attribute} is a number", "write a number without quotes or units")
    if dated and not isinstance(value, dt.date):
        return (f"{c.attribute} is a date", "write a date as 2017-03-01")
    return None


def _criterion(rep: Reporter, criterion: Criterion, path: YamlPath) -> None:
    if isinstance(criterion, AllOf | AnyOf):
        key = "all" if isinstance(criterion, AllOf) else "any"
        items = criterion.all if isinstance(criterion, AllOf) else criterion.any
        for number, item in enumerate(items):
            _criterion(rep, item, (*path, key, number))
        return
    if isinstance(criterion, NotOf):
        _criterion(rep, criterion.not_, (*path, "not"))
        return
    spec = _attribute(rep, criterion.attribute, (*path, "attribute"))
    mismatch = _mismatch(criterion, spec)
    if mismatch is not None:
        reason, fix = mismatch
        at = (*path, "value") if criterion.value is not None else (*path, "op")
        rep.add(
            ProblemCode.OPERATOR_MISMATCH,
            at,
            attribute=criterion.attribute,
            op=criterion.op,
            value=criterion.value,
            reason=reason,
            fix=fix,
        )
        return
    if spec is None or not spec.allowed or criterion.op == "exists":
        return
    values = criterion.value if isinstance(criterion.value, list) else [criterion.value]
    for number, value in enumerate(values):
        if str(value) not in spec.allowed:
            where = (
                (*path, "value", number) if isinstance(criterion.value, list) else (*path, "value")
            )
            rep.add(
                ProblemCode.UNKNOWN_CHOICE,
                where,
                attribute=criterion.attribute,
                value=value,
                allowed=", ".join(spec.allowed),
            )


def _benefit(rep: Reporter, benefit: Benefit, path: YamlPath) -> None:
    amount, at = benefit.amount, (*path, "amount")
    if isinstance(amount, TieredAmount):
        spec = _attribute(rep, amount.by, (*at, "by"))
        if spec is not None and spec.allowed:
            for value in amount.table:
                if value not in spec.allowed:
                    rep.add(
                        ProblemCode.UNKNOWN_CHOICE,
                        (*at, "table", value),
                        key=True,
                        attribute=amount.by,
                        value=value,
                        allowed=", ".join(spec.allowed),
                    )
    elif isinstance(amount, Formula):
        try:
            used = parse_formula(amount.formula).attributes
        except FormulaError as error:
            rep.add(ProblemCode.BAD_FORMULA, (*at, "formula"), reason=error)
            return
        for name in used:
            _attribute(rep, name, (*at, "formula"))


def _phases(rep: Reporter, phases: Sequence[Phase], path: YamlPath) -> None:
    if not phases:
        return
    total = sum(p.share for p in phases)
    if abs(total - 1) > 1e-9:
        rep.add(ProblemCode.SHARES_NOT_ONE, path, key=True, total=total)
    numbers = [p.phase for p in phases]
    if numbers != list(range(1, len(phases) + 1)):
        rep.add(
            ProblemCode.PHASE_NUMBERS,
            path,
            key=True,
            numbers=", ".join(map(str, numbers)),
            count=len(phases),
        )
    for number, phase in enumerate(phases):
        if phase.criteria is not None:
            _criterion(rep, phase.criteria, (*path, number, "criteria"))


def _route(
    rep: Reporter, clause: Clause, path: YamlPath, departments: Collection[str] | None
) -> None:
    if not clause.route:
        return
    leads = sum(step.role == "lead" for step in clause.route)
    if leads != 1:
        rep.add(ProblemCode.ROUTE_LEAD, path, key=True, count=leads)
    first: dict[str, int] = {}
    for number, step in enumerate(clause.route):
        at = (*path, number, "department")
        if departments is not None and step.department not in departments:
            rep.add(
                ProblemCode.UNKNOWN_DEPARTMENT,
                at,
                department=step.department,
                hint=closest(step.department, departments),
            )
        if step.department in first:
            steps = f"{first[step.department] + 1} and {number + 1}"
            rep.add(ProblemCode.ROUTE_DUPLICATE, at, department=step.department, steps=steps)
        else:
            first.setdefault(step.department, number)


def _versions(rep: Reporter, clause: Clause, path: YamlPath, start: dt.date | None) -> None:
    ordered = sorted(enumerate(clause.versions), key=lambda item: item[1].effective_from)
    for place, (number, version) in enumerate(ordered):
        at = (*path, number)
        if version.effective_to is not None and version.effective_to < version.effective_from:
            rep.add(
                ProblemCode.BAD_PERIOD,
                (*at, "effective_to"),
                start=version.effective_from,
                end=version.effective_to,
            )
        if start is not None and version.effective_from < start:
            rep.add(
                ProblemCode.VERSION_BEFORE_DOCUMENT,
                (*at, "effective_from"),
                start=version.effective_from,
                document_start=start,
            )
        for _, earlier in ordered[:place]:
            if earlier.effective_from == version.effective_from or (
                earlier.effective_to is not None and earlier.effective_to >= version.effective_from
            ):
                rep.add(
                    ProblemCode.VERSION_OVERLAP,
                    (*at, "effective_from"),
                    start=version.effective_from,
                    other=earlier.effective_from,
                    other_end=earlier.effective_to or "the next version",
                )
                break
        if version.benefit is not None:
            _benefit(rep, version.benefit, (*at, "benefit"))
        if version.eligibility is not None:
            _criterion(rep, version.eligibility, (*at, "eligibility"))
        if version.phases is not None:
            _phases(rep, version.phases, (*at, "phases"))


def _clause(
    rep: Reporter,
    clause: Clause,
    path: YamlPath,
    *,
    departments: Collection[str] | None,
    start: dt.date | None,
    partial: bool,
) -> None:
    if clause.eligibility is not None:
        _criterion(rep, clause.eligibility, (*path, "eligibility"))
    _benefit(rep, clause.benefit, (*path, "benefit"))
    _phases(rep, clause.phases, (*path, "phases"))
    _route(rep, clause, (*path, "route"), departments)
    _versions(rep, clause, (*path, "versions"), start)
    wording_check(rep, clause, (*path, "text"))
    if partial:
        return  # a part that failed the schema is missing here, not in the file
    deadline = clause.deadline_days or any(v.deadline_days for v in clause.versions)
    if clause.route and not deadline:
        rep.add(ProblemCode.NO_DEADLINE, (*path, "route"), key=True, clause_id=clause.id)
    eligible = clause.eligibility is not None or any(v.eligibility for v in clause.versions)
    if clause.benefit.kind != "none" and not eligible:
        rep.add(
            ProblemCode.NO_ELIGIBILITY,
            (*path, "benefit"),
            key=True,
            clause_id=clause.id,
            kind=clause.benefit.kind,
        )


def check_document(
    sink: ProblemCollector,
    source: Source,
    *,
    departments: Collection[str] | None,
    regions: Collection[str] | None,
) -> None:
    """Check one file's meaning: what it names must exist, its rules must be computable."""
    rep = Reporter(sink, source)
    issuer, region = source.raw("issuer"), source.raw("region")
    if departments is not None and isinstance(issuer, str) and issuer not in departments:
        rep.add(
            ProblemCode.UNKNOWN_DEPARTMENT,
            ("issuer",),
            department=issuer,
            hint=closest(issuer, departments),
        )
    if regions is not None and isinstance(region, str) and region not in regions:
        rep.add(
            ProblemCode.UNKNOWN_REGION,
            ("region",),
            region=region,
            hint=closest(region, regions),
            known=", ".join(sorted(regions)),
        )
    start, end = source.raw("effective_from"), source.raw("effective_to")
    start = start if isinstance(start, dt.date) else None
    if start is not None and isinstance(end, dt.date) and end < start:
        rep.add(ProblemCode.BAD_PERIOD, ("effective_to",), start=start, end=end)
    for number, clause in source.clauses:
        _clause(
            rep,
            clause,
            ("clauses", number),
            departments=departments,
            start=start,
            partial=number in source.partial,
        )
