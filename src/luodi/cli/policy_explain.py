"""`luodi policy explain`: what one person or firm is entitled to, and why (not)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from luodi.policy.explain import ClauseExplanation, Explanation

__all__ = ["command"]

_VERDICT = {True: "符合", False: "不符合", None: "待定"}
_PASSED = {True: "✓", False: "✗", None: "?"}
_OPERATORS = {
    "eq": "=",
    "ne": "≠",
    "in": "属于",
    "not_in": "不属于",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
    "exists": "已填写",
}
_ROLES = {"lead": "牵头", "co": "协同", "veto": "把关"}
_LEVELS = {"central": "中央", "province": "省级", "city": "市级", "district": "区级"}


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[list[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    )


def _value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return "、".join(_value(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _amount(clause: ClauseExplanation) -> str:
    if clause.amount is None:
        return "—"
    return f"{clause.amount:,.0f} {clause.unit}"


def _readable(explanation: Explanation) -> str:
    rows = [["条款", "层级", "结果", "金额", "缺少信息"]]
    for clause in explanation.clauses:
        rows.append(
            [
                clause.clause_id,
                _LEVELS.get(clause.level, clause.level),
                _VERDICT[clause.eligible],
                _amount(clause),
                "、".join(clause.missing) or "",
            ]
        )
    lines = [f"认定日期 {explanation.on.isoformat()}", "", _aligned(rows), ""]
    for clause in explanation.clauses:
        lines.append(f"{clause.clause_id}（{clause.number}）：{_VERDICT[clause.eligible]}")
        for criterion in clause.criteria:
            expected = "" if criterion.operator == "exists" else f" {_value(criterion.expected)}"
            lines.append(
                f"  {_PASSED[criterion.passed]} {criterion.attribute} "
                f"{_OPERATORS[criterion.operator]}{expected}（实际：{_value(criterion.seen)}）"
            )
        for phase in clause.phases:
            verdict = _VERDICT[phase.eligible]
            lines.append(f"  第{phase.phase}期 {phase.share:.0%}：{verdict}（{phase.condition}）")
        if clause.route:
            route = " → ".join(f"{r.department}（{_ROLES[r.role]}）" for r in clause.route)
            deadline = f"，时限 {clause.deadline_days} 个工作日" if clause.deadline_days else ""
            lines.append(f"  办理：{route}{deadline}")
    return "\n".join(lines)


@click.command(name="explain")
@click.option(
    "--policies",
    "policies",
    required=True,
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Folder (or file) of policy YAML files; repeat for several.",
)
@click.option(
    "--person",
    "person_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON profile: {"person": {contract columns}, "employer": {contract columns}}.',
)
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date the rules are read on (YYYY-MM-DD); default today.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(
    policies: tuple[Path, ...], person_file: Path, on: dt.datetime | None, as_json: bool
) -> None:
    """Explain every clause in force for one profile (待遇测算): criterion by criterion."""
    from luodi.policy.errors import PolicyError
    from luodi.policy.explain import explain
    from luodi.policy.loader import load_library
    from luodi.policy.profile import Profile

    day = on.date() if on is not None else dt.date.today()
    try:
        library = load_library(list(policies))
        profile = Profile.from_file(person_file)
        explanation = explain(library=library, profile=profile, on=day)
    except (PolicyError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_readable(explanation))
