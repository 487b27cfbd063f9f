"""A clause in plain words for the public page: who, what, how much, how to apply, and where.

Built from the structured rule where the clause's file was imported, from the contract row
otherwise (then "who" is left to the clause text).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from luodi.contract import choices as ch
from luodi.platform.common import choice_label
from luodi.platform.policies.models import Clause
from luodi.platform.policies.rules import RuleNode, amount_lines, rule_tree
from luodi.policy.library import ResolvedClause

__all__ = ["PlainSummary", "clause_summary"]


def _t(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") else zh


@dataclass(frozen=True, kw_only=True)
class PlainSummary:
    who: str
    what: str
    how_much: str
    how_to_apply: str
    department: str


def _sentence(node: RuleNode) -> str:
    """A criteria tree as one sentence: all → "a，b"; any → "a 或 b"; not → "不属于（…）"."""
    if node.kind == "leaf":
        return node.text
    parts = [_sentence(child) for child in node.children]
    if node.kind == "all":
        return _t("，", "; ").join(parts)
    if node.kind == "any":
        joined = _t(" 或 ", " or ").join(parts)
        return f"（{joined}）" if len(parts) > 1 else joined
    return _t(f"不属于（{'，'.join(parts)}）", f"not ({'; '.join(parts)})")


def _who(clause: Clause, resolved: ResolvedClause | None) -> str:
    subject = resolved.clause.subject if resolved is not None else "person"
    whom = _t("用人单位", "Employers") if subject == "employer" else _t("人才", "Talents")
    if resolved is None:
        return _t(f"{whom}（条件见条款原文）", f"{whom} (conditions as in the clause text)")
    tree = rule_tree(resolved.eligibility)
    if tree is None:
        return _t(f"所有{whom}，无附加条件", f"All {whom.lower()}, no further conditions")
    return _t(f"{whom}，须满足：{_sentence(tree)}", f"{whom} where {_sentence(tree)}")


def _how_to_apply(clause: Clause, resolved: ResolvedClause | None) -> str:
    if clause.delivery_mode == "no_application":
        return _t(
            "免申即享：无需申请。政策生效后平台按登记信息自动核对，符合条件的自动立案办理，"
            "结果推送到本人的消息中心。",
            "No application needed: the platform checks the records when the clause takes "
            "effect, opens the case for everyone who qualifies and tells them in their inbox.",
        )
    documents = "、".join(resolved.clause.documents) if resolved is not None else ""
    text = _t(
        "依申请：登录后在“我能享受哪些政策”核对条件，向牵头部门提交申请",
        "On application: log in, check the conditions under “my entitlements” and apply to "
        "the lead department",
    )
    if documents:
        text += _t(f"，准备材料：{documents}", f", with: {documents}")
    days = (resolved.deadline_days if resolved is not None else None) or clause.deadline_days
    if days:
        text += _t(f"；办理时限 {days} 个工作日", f"; handled within {days} working days")
    return text + _t("。", ".")


def _department(clause: Clause) -> str:
    routes = list(clause.routes.all())
    lead = next((r for r in routes if r.role == "lead"), routes[0] if routes else None)
    if lead is None:
        return _t("未规定办理部门，可咨询人才办", "No department named; ask the talent office")
    return lead.department.name


def clause_summary(*, clause: Clause, resolved: ResolvedClause | None) -> PlainSummary:
    """The plain-language summary of ``clause`` (``resolved``: its rule today, if imported)."""
    if resolved is not None:
        lines = amount_lines(resolved)
        how_much = _t("；", "; ").join(f"{line.label} {line.amount}" for line in lines)
    else:
        how_much = "" if clause.amount is None else f"{clause.amount:,.0f} {_t('元', 'yuan')}"
    return PlainSummary(
        who=_who(clause, resolved),
        what=choice_label(ch.BENEFIT_KINDS, clause.benefit_kind),
        how_much=how_much or _t("见条款原文", "as in the clause text"),
        how_to_apply=_how_to_apply(clause, resolved),
        department=_department(clause),
    )
