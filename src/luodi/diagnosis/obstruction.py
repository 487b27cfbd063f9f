"""D2 实施梗阻: which clauses do not land, where their cases stop, and which departments stall.

Per clause with cases: the landing rate (subjects who received / eligible subjects), where its
unfinished cases stop, the blocks for lack of a supporting rule per department, its open rule
conflicts and its exceptions (人情化执行, done outside procedure). Per department: waiting
times and deadline overruns (:mod:`luodi.diagnosis.waiting`). The survey's landing item gives
the respondents' view, and the event log the study's Figure 1 (:mod:`luodi.diagnosis.network`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import narwhals as nw

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.network import ExecutionNetwork, execution_network
from luodi.diagnosis.outcomes import case_outcomes
from luodi.diagnosis.quantities import share, to_int
from luodi.diagnosis.stops import Block, StopPoint, blocks, stop_points
from luodi.diagnosis.values import Evidence, Finding
from luodi.diagnosis.waiting import DepartmentWaiting, department_waiting, steps_source

__all__ = ["LANDING_ITEM", "LANDING_VALUES", "Obstruction", "landing", "obstruction"]

# The study template's item on how well policies land, and its option codes.
LANDING_ITEM = "landing"
LANDING_VALUES = ("good", "fair", "poor")


@dataclass(frozen=True, kw_only=True)
class Obstruction:
    """The ``d2_obstruction`` section of the diagnosis; values are JSON-ready."""

    landing: dict[str, Any] | None
    clauses: tuple[dict[str, Any], ...]
    departments: tuple[dict[str, Any], ...]
    blocks_by_veto_department: tuple[dict[str, Any], ...]
    network: ExecutionNetwork
    steps_source: str
    findings: tuple[Finding, ...]

    @property
    def landing_poor_share(self) -> float | None:
        if self.landing is None:
            return None
        return share(self.landing["counts"]["poor"], self.landing["valid_n"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "landing_poor_share": self.landing_poor_share,
            "landing": self.landing,
            "clauses": list(self.clauses),
            "departments": list(self.departments),
            "blocks_by_veto_department": list(self.blocks_by_veto_department),
            "network": self.network.to_dict(),
            "steps_source": self.steps_source,
            "findings": [f.to_dict() for f in self.findings],
        }


def _cases(**filters: str) -> dict[str, Any]:
    return Evidence(kind="cases", filters=filters).to_dict()


def landing(ctx: DiagnosisContext) -> dict[str, Any] | None:
    """Answers to the landing item of the latest survey that asks it; None if none does."""
    counts = ctx.rows(
        ctx.frame("survey_responses")
        .filter(nw.col("item_code") == LANDING_ITEM)
        .group_by("survey_id", "value")
        .agg(nw.len().alias("n"))
    )
    if not counts:
        return None
    opened = {str(r["survey_id"]): r["opened_on"] for r in ctx.rows(ctx.frame("surveys"))}
    survey_id = max({str(r["survey_id"]) for r in counts}, key=lambda s: (str(opened.get(s)), s))
    values = {str(r["value"]): to_int(r["n"]) for r in counts if r["survey_id"] == survey_id}
    tally = {v: values.get(v, 0) for v in LANDING_VALUES}
    return {
        "survey_id": survey_id,
        "item_code": LANDING_ITEM,
        "valid_n": sum(tally.values()),
        "counts": tally,
        "evidence": Evidence(
            kind="responses", filters={"survey_id": survey_id, "item_code": LANDING_ITEM}
        ).to_dict(),
    }


def _clause_counts(ctx: DiagnosisContext) -> dict[str, tuple[int, int, int, int]]:
    """Per clause with cases: cases, applicant subjects, subjects who received, exceptions."""
    per_subject = (
        case_outcomes(ctx)
        .group_by("clause_id", "subject_id")
        .agg(nw.len().alias("cases"), nw.col("received").cast(nw.Int64()).max().alias("received"))
    )
    rows = ctx.rows(
        per_subject.group_by("clause_id").agg(
            nw.col("cases").sum().alias("cases"),
            nw.len().alias("applied"),
            nw.col("received").sum().alias("received"),
        )
    )
    informal = ctx.rows(
        ctx.frame("exceptions")
        .filter(~nw.col("case_id").is_null())
        .join(ctx.frame("cases").select("case_id", "clause_id"), on="case_id")
        .group_by("clause_id")
        .agg(nw.col("case_id").n_unique().alias("n"))
    )
    exceptions = {str(r["clause_id"]): to_int(r["n"]) for r in informal}
    return {
        str(r["clause_id"]): (
            to_int(r["cases"]),
            to_int(r["applied"]),
            to_int(r["received"]),
            exceptions.get(str(r["clause_id"]), 0),
        )
        for r in rows
    }


def _eligible(ctx: DiagnosisContext, clause_id: str, applied: int) -> tuple[int, str]:
    if ctx.coverage is not None:
        for entry in ctx.coverage.not_received:
            if entry.clause_id == clause_id:
                return entry.eligible, "rules"
    return applied, "applications"


def _clauses(
    ctx: DiagnosisContext,
    departments: Mapping[str, Mapping[str, Any]],
    stops: Sequence[StopPoint],
    blocked: Sequence[Block],
) -> tuple[dict[str, Any], ...]:
    counts = _clause_counts(ctx)
    levels = {str(r["policy_id"]): r["level"] for r in ctx.rows(ctx.frame("policies"))}
    clauses = {str(r["clause_id"]): r for r in ctx.rows(ctx.frame("clauses"))}
    conflicts: dict[str, list[str]] = {}
    for row in ctx.rows(ctx.frame("conflicts")):
        if row["clause_id"] is not None and row["status"] != "resolved":
            conflicts.setdefault(str(row["clause_id"]), []).append(str(row["conflict_id"]))
    out = []
    for clause_id in sorted(counts):
        cases, applied, received, exceptions = counts[clause_id]
        eligible, source = _eligible(ctx, clause_id, applied)
        meta = clauses.get(clause_id, {})
        stopped = [
            {
                "department_id": s.department_id,
                "position": s.position,
                "count": s.count,
                "evidence": _cases(
                    clause_id=clause_id,
                    stopped_department_id=s.department_id,
                    **({} if s.position is None else {"stopped_position": str(s.position)}),
                ),
            }
            for s in stops
            if s.clause_id == clause_id
        ]
        no_rule = [
            {
                "department_id": b.department_id,
                "is_veto": bool(departments.get(b.department_id, {}).get("is_veto")),
                "count": b.count,
                "missing_rules": list(b.missing_rules),
                "evidence": _cases(
                    clause_id=clause_id, department_id=b.department_id, decision="blocked_no_rule"
                ),
            }
            for b in blocked
            if b.clause_id == clause_id
        ]
        out.append(
            {
                "clause_id": clause_id,
                "number": meta.get("number"),
                "level": levels.get(str(meta.get("policy_id"))),
                "eligible": eligible,
                "eligible_source": source,
                "applied": applied,
                "cases": cases,
                "received": received,
                "landing_rate": share(received, eligible),
                "stopped": stopped,
                "blocked_no_rule": no_rule,
                "open_conflicts": sorted(conflicts.get(clause_id, [])),
                "exceptions": exceptions,
                "informal_share": share(exceptions, cases),
                "evidence": _cases(clause_id=clause_id),
            }
        )
    return tuple(out)


def _departments(
    departments: Mapping[str, Mapping[str, Any]],
    waiting: Sequence[DepartmentWaiting],
    blocked: Sequence[Block],
) -> tuple[dict[str, Any], ...]:
    blocked_at: dict[str, int] = {}
    for b in blocked:
        blocked_at[b.department_id] = blocked_at.get(b.department_id, 0) + b.count
    waits = {w.department_id: w for w in waiting}
    out = []
    for department_id in sorted(waits.keys() | blocked_at.keys()):
        info = departments.get(department_id, {})
        w = waits.get(department_id)
        out.append(
            {
                "department_id": department_id,
                "name": info.get("name"),
                "kind": info.get("kind"),
                "is_veto": bool(info.get("is_veto")),
                "steps": w.steps if w else 0,
                "decided": w.decided if w else 0,
                "waiting_days_median": w.median_days if w else None,
                "waiting_days_p90": w.p90_days if w else None,
                "with_deadline": w.with_deadline if w else 0,
                "over_deadline": w.over_deadline if w else 0,
                "over_deadline_share": w.over_deadline_share if w else None,
                "blocked": blocked_at.get(department_id, 0),
                "evidence": _cases(department_id=department_id),
                "over_deadline_evidence": _cases(overdue_department_id=department_id),
            }
        )
    return tuple(out)


def _veto_blocks(
    departments: Mapping[str, Mapping[str, Any]], blocked: Sequence[Block]
) -> tuple[dict[str, Any], ...]:
    per: dict[str, tuple[int, set[str]]] = {}
    for b in blocked:
        if departments.get(b.department_id, {}).get("is_veto"):
            count, clauses = per.get(b.department_id, (0, set()))
            per[b.department_id] = (count + b.count, clauses | {b.clause_id})
    ranked = sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return tuple(
        {
            "department_id": department_id,
            "name": departments.get(department_id, {}).get("name"),
            "count": count,
            "clauses": sorted(clauses),
            "evidence": _cases(department_id=department_id, decision="blocked_no_rule"),
        }
        for department_id, (count, clauses) in ranked
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _findings(section: Obstruction) -> tuple[Finding, ...]:
    found = []
    if section.landing is not None:
        poor = section.landing_poor_share
        found.append(
            Finding(
                code="d2.landing_poor_share",
                text_zh=f"{_pct(poor)}的受访者认为政策落地实效不佳。",
                text_en=f"{_pct(poor)} of respondents rate the landing of policies as poor.",
                value=poor,
                evidence=Evidence(
                    kind="responses",
                    filters={
                        "survey_id": section.landing["survey_id"],
                        "item_code": LANDING_ITEM,
                        "value": "poor",
                    },
                ),
            )
        )
    rated = [c for c in section.clauses if c["landing_rate"] is not None]
    if rated:
        worst = min(rated, key=lambda c: (c["landing_rate"], c["clause_id"]))
        found.append(
            Finding(
                code="d2.lowest_landing_rate",
                text_zh=(
                    f"条款{worst['clause_id']}落地率最低：符合条件{worst['eligible']}个，"
                    f"实际享受{worst['received']}个（{_pct(worst['landing_rate'])}）。"
                ),
                text_en=(
                    f"Clause {worst['clause_id']} lands least: {worst['received']} of "
                    f"{worst['eligible']} eligible received it ({_pct(worst['landing_rate'])})."
                ),
                value=worst["landing_rate"],
                evidence=Evidence(kind="cases", filters={"clause_id": worst["clause_id"]}),
            )
        )
    for veto in section.blocks_by_veto_department:
        found.append(
            Finding(
                code="d2.veto_blocks",
                text_zh=(
                    f"按钮部门{veto['name'] or veto['department_id']}以缺少配套规定为由阻滞"
                    f"{veto['count']}件（条款{'、'.join(veto['clauses'])}）。"
                ),
                text_en=(
                    f"Veto department {veto['department_id']} blocked {veto['count']} case(s) "
                    f"for lack of a supporting rule (clauses {', '.join(veto['clauses'])})."
                ),
                value=veto["count"],
                evidence=Evidence(
                    kind="cases",
                    filters={"department_id": veto["department_id"], "decision": "blocked_no_rule"},
                ),
            )
        )
    waited = [d for d in section.departments if d["waiting_days_median"] is not None]
    if waited:
        slow = max(waited, key=lambda d: (d["waiting_days_median"], d["department_id"]))
        found.append(
            Finding(
                code="d2.slowest_department",
                text_zh=(
                    f"{slow['name'] or slow['department_id']}办理等待时间中位数最长："
                    f"{slow['waiting_days_median']:.1f}天（超期{_pct(slow['over_deadline_share'])}）。"
                ),
                text_en=(
                    f"{slow['department_id']} keeps cases longest: median "
                    f"{slow['waiting_days_median']:.1f} days "
                    f"({_pct(slow['over_deadline_share'])} over the deadline)."
                ),
                value=slow["waiting_days_median"],
                evidence=Evidence(
                    kind="department", filters={"department_id": slow["department_id"]}
                ),
            )
        )
    informal = sum(c["exceptions"] for c in section.clauses)
    if informal:
        found.append(
            Finding(
                code="d2.exceptions",
                text_zh=f"{informal}件办件通过非正式程序（例外办理）完成。",
                text_en=f"{informal} case(s) were done outside procedure (recorded exceptions).",
                value=informal,
                evidence=Evidence(kind="cases", filters={"exception": "yes"}),
            )
        )
    return tuple(found)


def obstruction(ctx: DiagnosisContext) -> Obstruction:
    """D2 of the study over ``ctx``'s dataset."""
    departments = {str(r["department_id"]): r for r in ctx.rows(ctx.frame("departments"))}
    stops = stop_points(ctx)
    blocked = blocks(ctx)
    section = Obstruction(
        landing=landing(ctx),
        clauses=_clauses(ctx, departments, stops, blocked),
        departments=_departments(departments, department_waiting(ctx), blocked),
        blocks_by_veto_department=_veto_blocks(departments, blocked),
        network=execution_network(ctx, departments=departments, stops=stops),
        steps_source=steps_source(ctx),
        findings=(),
    )
    return replace(section, findings=_findings(section))
