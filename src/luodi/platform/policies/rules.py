"""Policy rules for people: criteria, amounts and lineage diffs in Chinese (or English).

Attribute names become the contract columns' own labels and choice values their labels, so a
page says "人才层次 属于 A类人才、B类人才" where the file says ``person.talent_tier in [A, B]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from luodi.contract import TABLES
from luodi.contract import choices as ch
from luodi.contract.schema import Column
from luodi.platform.common import choice_label
from luodi.policy.library import ResolvedClause
from luodi.policy.lineage import AmountChange, ClauseDiff, CriterionChange, Lineage, LineageStep
from luodi.policy.model import (
    AllOf,
    AnyOf,
    Condition,
    Criterion,
    Formula,
    NotOf,
    TieredAmount,
)

__all__ = [
    "AmountLine",
    "ClauseResult",
    "CriterionResult",
    "LineageRow",
    "RuleNode",
    "amount_lines",
    "attribute_label",
    "diff_lines",
    "explanation_results",
    "lineage_rows",
    "rule_tree",
    "value_label",
]


def _t(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") else zh


_TABLE_OF = {"person": "persons", "employer": "employers"}
_DERIVED = {
    "person.age": ("年龄", "age"),
    "person.years_in_region": ("来区年限", "years in the region"),
    "employer.age_years": ("成立年限", "years since founding"),
}
_OPERATORS = {
    "eq": ("为", "is"),
    "ne": ("不为", "is not"),
    "in": ("属于", "is one of"),
    "not_in": ("不属于", "is none of"),
    "gt": ("大于", "above"),
    "ge": ("不低于", "at least"),
    "lt": ("小于", "below"),
    "le": ("不超过", "at most"),
    "exists": ("已登记", "is recorded"),
}
# Bounds on dates read as earlier / later, not lower / higher.
_DATE_OPERATORS = {
    "gt": ("晚于", "after"),
    "ge": ("不早于", "on or after"),
    "lt": ("早于", "before"),
    "le": ("不晚于", "on or before"),
}
_AMOUNT_CHANGES = {
    "added": ("新增", "added"),
    "removed": ("取消", "removed"),
    "raised": ("提高", "raised"),
    "lowered": ("降低", "lowered"),
    "changed": ("改变", "changed"),
}
_CHANGES = {
    "added": ("新增条件", "added"),
    "removed": ("取消条件", "removed"),
    "raised": ("提高", "raised"),
    "lowered": ("降低", "lowered"),
    "narrowed": ("收窄", "narrowed"),
    "widened": ("放宽", "widened"),
    "changed": ("改变", "changed"),
}


def _column(attribute: str) -> Column | None:
    entity, _, name = attribute.partition(".")
    table = TABLES.get(_TABLE_OF.get(entity, ""))
    if table is None:
        return None
    try:
        return table.column(name)
    except KeyError:
        return None


def attribute_label(attribute: str) -> str:
    """The Chinese name of the contract column (English: the column name in words)."""
    if attribute in _DERIVED:
        return _t(*_DERIVED[attribute])
    column = _column(attribute)
    if column is None:
        return attribute
    entity = attribute.partition(".")[0]
    prefix = _t("单位", "employer ") if entity == "employer" else ""
    if entity == "employer" and column.zh.startswith(("单位", "用人")):
        prefix = ""
    return _t(prefix + column.zh, prefix + column.name.replace("_", " "))


def value_label(attribute: str, value: Any) -> str:
    """A criterion's value as a reader says it: choice labels, dates, thousands separators."""
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return _t("、", ", ").join(value_label(attribute, item) for item in value)
    if isinstance(value, bool):
        return _t("是", "yes") if value else _t("否", "no")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    column = _column(attribute)
    if column is not None and column.choices:
        return choice_label(column.choices, str(value))
    return str(value)


@dataclass(frozen=True, kw_only=True)
class RuleNode:
    """One node of a criteria tree: a group (all / any / not) or a leaf sentence."""

    kind: str
    text: str
    note: str | None = None
    children: tuple[RuleNode, ...] = ()


def _operator_text(condition: Condition) -> str:
    if isinstance(condition.value, dt.date) and condition.op in _DATE_OPERATORS:
        return _t(*_DATE_OPERATORS[condition.op])
    return _t(*_OPERATORS[condition.op])


def _bound_text(condition: Condition) -> str:
    """The condition without its subject: "不超过 5"."""
    if condition.op == "exists":
        return _operator_text(condition)
    return f"{_operator_text(condition)} {value_label(condition.attribute, condition.value)}"


def _condition_text(condition: Condition) -> str:
    return f"{attribute_label(condition.attribute)} {_bound_text(condition)}"


def rule_tree(criterion: Criterion | None) -> RuleNode | None:
    if criterion is None:
        return None
    if isinstance(criterion, Condition):
        return RuleNode(kind="leaf", text=_condition_text(criterion), note=criterion.label)
    if isinstance(criterion, AllOf):
        items, kind, text = criterion.all, "all", _t("同时满足以下全部条件", "all of")
    elif isinstance(criterion, AnyOf):
        items, kind, text = criterion.any, "any", _t("满足以下任一条件", "any of")
    else:
        assert isinstance(criterion, NotOf)
        items, kind, text = [criterion.not_], "not", _t("不满足以下条件", "none of")
    children = tuple(node for item in items if (node := rule_tree(item)) is not None)
    return RuleNode(kind=kind, text=text, children=children)


@dataclass(frozen=True, kw_only=True)
class AmountLine:
    label: str
    amount: str


def _money(amount: float | None, unit: str) -> str:
    return "—" if amount is None else f"{value_label('', amount)} {unit}"


def amount_lines(clause: ResolvedClause) -> list[AmountLine]:
    """The benefit amount: one line, one per tier, or the formula; then the cap."""
    benefit = clause.benefit
    amount, unit = benefit.amount, benefit.unit
    lines: list[AmountLine] = []
    if isinstance(amount, TieredAmount):
        lines += [
            AmountLine(label=value_label(amount.by, key), amount=_money(value, unit))
            for key, value in amount.table.items()
        ]
        if amount.default is not None:
            lines.append(
                AmountLine(label=_t("其他", "others"), amount=_money(amount.default, unit))
            )
    elif isinstance(amount, Formula):
        lines.append(AmountLine(label=_t("计算公式", "formula"), amount=amount.formula))
    elif amount is not None:
        lines.append(AmountLine(label=_t("金额", "amount"), amount=_money(amount, unit)))
    if benefit.cap is not None:
        lines.append(AmountLine(label=_t("上限", "cap"), amount=_money(benefit.cap, unit)))
    return lines


def _criterion_line(change: CriterionChange) -> str:
    verb = _t(*_CHANGES[change.change])
    negated = _t("（排除）", " (excluded)") if change.negated else ""
    if change.parent is None and change.child is not None:
        return f"{verb}：{_condition_text(change.child)}{negated}"
    if change.child is None and change.parent is not None:
        return f"{verb}：{_condition_text(change.parent)}{negated}"
    assert change.parent is not None
    assert change.child is not None
    return (
        f"{verb}：{attribute_label(change.attribute)}{negated} "
        f"{_bound_text(change.parent)} → {_bound_text(change.child)}"
    )


def _amount_line(change: AmountChange) -> str:
    what = _t("金额", "amount")
    if change.key == "cap":
        what = _t("上限", "cap")
    elif change.key is not None:
        what = f"{what}（{change.key}）"
    before = value_label("", change.parent)
    after = value_label("", change.child)
    return f"{_t(*_AMOUNT_CHANGES[change.change])}{what}：{before} → {after}"


def _route_text(steps: Any, departments: Mapping[str, str]) -> str:
    roles = {c.value: _t(c.zh, c.en) for c in ch.ROUTE_ROLES}
    return (
        "、".join(
            f"{departments.get(s.department, s.department)}（{roles.get(s.role, s.role)}）"
            for s in steps
        )
        or "—"
    )


def diff_lines(diff: ClauseDiff | None, departments: Mapping[str, str] | None = None) -> list[str]:
    """What a clause changed relative to its parent, one sentence per change.

    ``departments`` names departments by id (ids are shown when it is not given).
    """
    departments = departments or {}
    if diff is None:
        return []
    lines = [_criterion_line(change) for change in diff.criteria]
    lines += [_amount_line(change) for change in diff.amounts]
    if diff.benefit_kind is not None:
        before, after = (choice_label(ch.BENEFIT_KINDS, k) for k in diff.benefit_kind)
        lines.append(f"{_t('待遇类型', 'benefit kind')}：{before} → {after}")
    if diff.route is not None:
        before_route, after_route = diff.route
        lines.append(
            f"{_t('办理路径', 'route')}："
            f"{_route_text(before_route, departments)} → {_route_text(after_route, departments)}"
        )
        if diff.veto_steps_added > 0:
            lines.append(
                _t(
                    f"新增把关（按钮）部门 {diff.veto_steps_added} 个",
                    f"{diff.veto_steps_added} more veto (button) department(s)",
                )
            )
    if diff.deadline_days is not None:
        before_days, after_days = (value_label("", d) for d in diff.deadline_days)
        lines.append(
            f"{_t('办理时限（工作日）', 'deadline (working days)')}：{before_days} → {after_days}"
        )
    if diff.delivery is not None:
        before, after = (choice_label(ch.DELIVERY_MODES, d) for d in diff.delivery)
        lines.append(f"{_t('兑现方式', 'delivery')}：{before} → {after}")
    if diff.phases is not None:
        before_n, after_n = (len(p) for p in diff.phases)
        lines.append(f"{_t('分期兑现', 'phases')}：{before_n} → {after_n}")
    return lines


@dataclass(frozen=True, kw_only=True)
class LineageRow:
    """One clause of a lineage as the clause page lists it (indent = depth below the top)."""

    clause_id: str
    number: str
    policy_title: str
    level: str
    indent: int
    current: bool
    changes: tuple[str, ...]
    unchanged: bool


def _row(
    step: LineageStep, indent: int, current: bool, departments: Mapping[str, str]
) -> LineageRow:
    document = step.clause.document
    return LineageRow(
        clause_id=step.clause.id,
        number=step.clause.clause.number,
        policy_title=document.title,
        level=choice_label(ch.POLICY_LEVELS, document.level),
        indent=indent,
        current=current,
        changes=tuple(diff_lines(step.diff, departments)),
        unchanged=step.diff is not None and step.diff.unchanged,
    )


def lineage_rows(
    found: Lineage, departments: Mapping[str, str] | None = None
) -> tuple[list[LineageRow], list[LineageRow]]:
    """The chain from the top down to the clause, and the tree below it, flattened."""
    names = departments or {}
    chain = [_row(step, i, step.depth == 0, names) for i, step in enumerate(found.top_down)]
    below: list[LineageRow] = []

    def walk(steps: tuple[LineageStep, ...]) -> None:
        for step in steps:
            below.append(_row(step, step.depth, False, names))
            walk(step.children)

    walk(found.down)
    return chain, below


@dataclass(frozen=True, kw_only=True)
class CriterionResult:
    attribute: str
    operator: str
    expected: str
    seen: str
    passed: bool | None


@dataclass(frozen=True, kw_only=True)
class ClauseResult:
    """One clause of an explanation, labelled for a page."""

    clause_id: str
    number: str
    policy_id: str
    policy_title: str
    level: str
    status: str  # "eligible", "not_eligible" or "unknown"
    missing: tuple[str, ...]
    criteria: tuple[CriterionResult, ...]
    amount: str
    route: tuple[tuple[str, str, str], ...]  # department name, role value, role label
    deadline_days: int | None
    delivery: str


def _status(eligible: object, missing: object) -> str:
    if eligible is True or eligible == "eligible" or eligible == "yes":
        return "eligible"
    if eligible is None or eligible == "unknown" or (missing and eligible is not False):
        return "unknown"
    return "not_eligible"


def _passed(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def explanation_results(
    explanation: dict[str, Any], *, titles: dict[str, str], departments: dict[str, str]
) -> list[ClauseResult]:
    """The engine's explanation (``Explanation.to_dict()``) with labels, eligible first."""
    roles = {c.value: _t(c.zh, c.en) for c in ch.ROUTE_ROLES}
    results: list[ClauseResult] = []
    for item in explanation.get("clauses", []):
        amount = item.get("amount")
        results.append(
            ClauseResult(
                clause_id=str(item.get("clause_id")),
                number=str(item.get("number") or ""),
                policy_id=str(item.get("policy_id")),
                policy_title=titles.get(str(item.get("policy_id")), str(item.get("policy_id"))),
                level=choice_label(ch.POLICY_LEVELS, item.get("level")),
                status=_status(item.get("eligible"), item.get("missing")),
                missing=tuple(attribute_label(str(a)) for a in item.get("missing") or ()),
                criteria=tuple(
                    CriterionResult(
                        attribute=attribute_label(str(c.get("attribute"))),
                        operator=_t(*_OPERATORS.get(str(c.get("operator")), ("", ""))),
                        expected=value_label(str(c.get("attribute")), c.get("expected")),
                        seen=value_label(str(c.get("attribute")), c.get("seen")),
                        passed=_passed(c.get("passed")),
                    )
                    for c in item.get("criteria") or ()
                ),
                amount=_money(amount, str(item.get("unit") or "元")) if amount is not None else "—",
                route=tuple(
                    (
                        departments.get(str(step.get("department")), str(step.get("department"))),
                        str(step.get("role")),
                        roles.get(str(step.get("role")), str(step.get("role"))),
                    )
                    for step in item.get("route") or ()
                ),
                deadline_days=item.get("deadline_days"),
                delivery=choice_label(ch.DELIVERY_MODES, item.get("delivery")),
            )
        )
    order = {"eligible": 0, "unknown": 1, "not_eligible": 2}
    return sorted(results, key=lambda r: order[r.status])
