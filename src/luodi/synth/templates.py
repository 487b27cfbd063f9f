"""Case templates: every way a case of a demo clause can run, as rows of events and steps.

A template is one clause with one outcome (paid, approved, rejected, blocked … at a given step,
or open after its first ``p`` events). Templates are few (a few hundred), built in Python once;
millions of cases then pick a template each and are expanded with numpy (luodi.synth.cases).
A case's steps are read off its events, so steps, events, payments and the case status agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa

from luodi.demo.policies import STAGED_PHASE_REVENUE, ClauseSpec, clause
from luodi.demo.workflow import short_name
from luodi.synth.plan import PLANS, ClausePlan, Outcome

__all__ = ["FINANCE", "TALENT_OFFICE", "TemplateSet", "build_templates"]

TALENT_OFFICE = "C-TO"
FINANCE = "C-FIN"
_ACTIONS = {"lead": "受理审核", "co": "会签", "veto": "把关审核"}
# Gaps before an event, in days: ("u", low, high) uniform, ("l", median, 0) log-normal.
_SIGMA = 0.8
_SUBMIT = ("u", 0.0, 0.0)
_ARRIVE = ("u", 0.05, 2.5)
_NOW = ("u", 0.0, 0.01)
_PAY = ("u", 3.0, 15.0)
_PHASE = ("u", 150.0, 200.0)
_EXCEPTION_REASON = "非正式协调：人才办分管领导致电教育局长，为高层次人才子女开辟绿色通道"
_EXCEPTION_APPROVAL = "经协调个案同意，安排就读区内公办小学"

Event = dict[str, Any]


def _decide_gap(role: str) -> tuple[str, float, float]:
    # Veto departments sit on a case longest: the study's "button" departments.
    return ("l", 10.0 if role == "veto" else 4.0, 0.0)


def _mean_days(gap: tuple[str, float, float]) -> float:
    kind, a, b = gap
    return (a + b) / 2 if kind == "u" else a * float(np.exp(_SIGMA**2 / 2))


@dataclass(kw_only=True)
class _Draft:
    plan: int
    weight: float
    status: str
    closes: bool
    events: list[Event] = field(default_factory=list)
    payments: list[tuple[int, int, float]] = field(default_factory=list)
    exception_event: int = -1
    escalation_event: int = -1
    block: Outcome | None = None
    progress: int = 0


@dataclass(frozen=True, kw_only=True)
class TemplateSet:
    """Templates as flat arrays; ``ev_*``, ``st_*`` and ``pay_*`` rows belong to templates by
    ``ev_start``/``ev_count`` etc."""

    plan: np.ndarray
    weight: np.ndarray
    status: pa.Array
    closes: np.ndarray
    span_days: np.ndarray
    is_open: np.ndarray
    progress: np.ndarray
    ev_start: np.ndarray
    ev_count: np.ndarray
    st_start: np.ndarray
    st_count: np.ndarray
    pay_start: np.ndarray
    pay_count: np.ndarray
    exception_event: np.ndarray
    escalation_event: np.ndarray
    escalation_step: np.ndarray
    escalation_cause: pa.Array
    events: dict[str, Any]
    steps: dict[str, Any]
    payments: dict[str, np.ndarray]


def _event(
    dept: str, activity: str, role: str, lifecycle: str, decision: str, **extra: Any
) -> Event:
    return {
        "department_id": dept,
        "activity": activity,
        "role": role,
        "lifecycle": lifecycle,
        "decision": decision,
        "reason": extra.get("reason"),
        "resource": extra.get("resource", 1 if role in ("officer", "talent_office") else 0),
        "gap": extra.get("gap", _ARRIVE),
        "step": extra.get("step", 0),
    }


def _walk(spec: ClauseSpec, *, upto: int) -> list[Event]:
    """Submission, then each step up to ``upto`` received and approved."""
    first = spec.route[0][0]
    events = [_event(first, "提交申请", "applicant", "complete", "submitted", gap=_SUBMIT)]
    for position, (dept, role) in enumerate(spec.route[:upto], start=1):
        activity = f"{short_name(_names()[dept])}{_ACTIONS[role]}"
        events.append(_event(dept, activity, "officer", "start", "received", step=position))
        events.append(
            _event(
                dept,
                activity,
                "officer",
                "complete",
                "approved",
                step=position,
                gap=_decide_gap(role),
            )
        )
    return events


@cache
def _names() -> dict[str, str]:
    from luodi.demo.regions import department_rows

    return {row["department_id"]: row["name"] for row in department_rows()}


def _stop(spec: ClauseSpec, draft: _Draft, outcome: Outcome) -> None:
    """Walk to ``outcome.step`` and end there: rejected, blocked, withdrawn or by exception."""
    events = _walk(spec, upto=outcome.step - 1)
    dept, role = spec.route[outcome.step - 1]
    activity = f"{short_name(_names()[dept])}{_ACTIONS[role]}"
    events.append(_event(dept, activity, "officer", "start", "received", step=outcome.step))
    if outcome.kind == "rejected":
        gap = _decide_gap(role)
        events.append(
            _event(
                dept,
                activity,
                "officer",
                "ate_abort",
                "rejected",
                reason=outcome.reason,
                step=outcome.step,
                gap=gap,
            )
        )
    elif outcome.kind == "withdrawn":
        events.append(
            _event(
                dept,
                "申请人撤回申请",
                "applicant",
                "ate_abort",
                "withdrawn",
                reason=outcome.reason,
                step=outcome.step,
                gap=("u", 1.0, 10.0),
            )
        )
    else:
        events.append(
            _event(
                dept,
                activity,
                "officer",
                "suspend",
                "blocked_no_rule",
                reason=outcome.reason,
                step=outcome.step,
                gap=_decide_gap(role),
            )
        )
        if outcome.kind == "blocked":
            draft.block = outcome
            draft.escalation_event = len(events)
            events.append(
                _event(
                    TALENT_OFFICE,
                    "提请人才办协调",
                    "system",
                    "assign",
                    "escalated",
                    reason=f"{activity}受阻：缺少{outcome.missing_rule}",
                    gap=_NOW,
                )
            )
        else:
            draft.exception_event = len(events)
            events.append(
                _event(
                    TALENT_OFFICE,
                    "人才办分管领导电话协调教育局",
                    "talent_office",
                    "resume",
                    "exception",
                    reason=_EXCEPTION_REASON,
                    resource=2,
                    gap=("u", 2.0, 8.0),
                )
            )
            events.append(
                _event(
                    dept,
                    activity,
                    "officer",
                    "complete",
                    "approved",
                    reason=_EXCEPTION_APPROVAL,
                    step=outcome.step,
                    gap=("u", 1.0, 4.0),
                )
            )
    draft.events = events


def _paid(spec: ClauseSpec, plan: ClausePlan, draft: _Draft, phases: int) -> None:
    events = _walk(spec, upto=len(spec.route))
    staged = plan.money is not None and plan.money.kind == "staged"
    shares = {p: share for p, share, _ in spec.phases}
    lead = spec.route[0][0]
    for phase in range(1, phases + 1):
        if phase > 1:
            events.append(
                _event(
                    lead, f"第{phase}期兑现审核", "officer", "complete", "phase_checked", gap=_PHASE
                )
            )
        draft.payments.append((phase, len(events), shares.get(phase, 1.0) if staged else 1.0))
        label = f"第{phase}期资金拨付" if staged else "资金拨付"
        events.append(_event(FINANCE, label, "officer", "complete", "disbursed", gap=_PAY))
    if staged and phases < len(spec.phases):
        bar = STAGED_PHASE_REVENUE.get(phases + 1, 0) // 10_000
        events.append(
            _event(
                lead,
                f"第{phases + 1}期兑现审核",
                "officer",
                "ate_abort",
                "phase_checked",
                reason=f"第{phases + 1}期兑现条件未达到：上年度营业收入低于{bar}万元的财务指标",
                gap=_PHASE,
            )
        )
    draft.events = events


def _drafts() -> list[_Draft]:
    drafts: list[_Draft] = []
    for index, plan in enumerate(PLANS):
        spec = clause(plan.clause_id)
        total = sum(o.weight for o in plan.outcomes)
        for outcome in plan.outcomes:
            weight = plan.weight * outcome.weight / total
            if outcome.kind == "open":
                full = _walk(spec, upto=len(spec.route))
                steps = 2 * len(spec.route)
                for progress in range(1, steps + 1):
                    draft = _Draft(plan=index, weight=weight / steps, status="open", closes=False)
                    draft.events, draft.progress = full[:progress], progress
                    drafts.append(draft)
                continue
            if outcome.kind == "done" and plan.money is not None:
                draft = _Draft(plan=index, weight=weight, status="closed", closes=True)
                _paid(spec, plan, draft, outcome.phases)
            elif outcome.kind in ("done", "approved"):
                draft = _Draft(plan=index, weight=weight, status="approved", closes=False)
                draft.events = _walk(spec, upto=len(spec.route))
            else:
                status = {"exception": "approved"}.get(outcome.kind, outcome.kind)
                closes = outcome.kind in ("rejected", "withdrawn")
                draft = _Draft(plan=index, weight=weight, status=status, closes=closes)
                _stop(spec, draft, outcome)
            drafts.append(draft)
    return drafts


def _steps(spec: ClauseSpec, draft: _Draft) -> list[dict[str, Any]]:
    """One step per route position, its state read off the template's events."""
    terminal = draft.status in ("rejected", "withdrawn")
    rows = []
    for position, (dept, role) in enumerate(spec.route, start=1):
        arrived = decided = -1
        status = "waiting"
        for number, event in enumerate(draft.events):
            if event["step"] != position:
                continue
            if event["decision"] == "received" and arrived < 0:
                arrived, status = number, "pending"
            elif event["decision"] == "withdrawn":
                status = "cancelled"
            elif event["decision"] != "received":
                decided = number
                status = "blocked" if event["decision"] == "blocked_no_rule" else event["decision"]
        if terminal and status == "waiting":
            status = "cancelled"
        blocked = status == "blocked" and draft.block is not None
        rows.append(
            {
                "position": position,
                "department_id": dept,
                "route_role": role,
                "status": status,
                "arrived": arrived,
                "decided": decided,
                "reason": draft.events[decided]["reason"] if decided >= 0 else None,
                "missing_rule": draft.block.missing_rule if blocked and draft.block else None,
                "conflict_id": draft.block.conflict_id if blocked and draft.block else None,
            }
        )
    return rows


def build_templates() -> TemplateSet:
    """Every template of every planned clause."""
    drafts = _drafts()
    events: list[Event] = [e for d in drafts for e in d.events]
    steps = [s for d in drafts for s in _steps(clause(PLANS[d.plan].clause_id), d)]
    step_counts = [len(clause(PLANS[d.plan].clause_id).route) for d in drafts]
    ev_count = np.array([len(d.events) for d in drafts], dtype=np.int64)
    st_count = np.array(step_counts, dtype=np.int64)
    pay_count = np.array([len(d.payments) for d in drafts], dtype=np.int64)
    escalation_step = [d.block.step if d.block is not None else 0 for d in drafts]
    cause = ["conflict" if d.block and d.block.conflict_id else "blocked" for d in drafts]
    gaps = [e["gap"] for e in events]
    return TemplateSet(
        plan=np.array([d.plan for d in drafts], dtype=np.int64),
        weight=np.array([d.weight for d in drafts]),
        status=pa.array([d.status for d in drafts]),
        closes=np.array([d.closes for d in drafts]),
        span_days=np.array([sum(_mean_days(e["gap"]) for e in d.events) for d in drafts]),
        is_open=np.array([d.status == "open" for d in drafts]),
        progress=np.array([d.progress for d in drafts], dtype=np.int64),
        ev_start=np.cumsum(ev_count) - ev_count,
        ev_count=ev_count,
        st_start=np.cumsum(st_count) - st_count,
        st_count=st_count,
        pay_start=np.cumsum(pay_count) - pay_count,
        pay_count=pay_count,
        exception_event=np.array([d.exception_event for d in drafts], dtype=np.int64),
        escalation_event=np.array([d.escalation_event for d in drafts], dtype=np.int64),
        escalation_step=np.array(escalation_step, dtype=np.int64),
        escalation_cause=pa.array(cause),
        events={
            **{
                key: pa.array([e[key] for e in events], pa.string())
                for key in ("department_id", "activity", "role", "lifecycle", "decision", "reason")
            },
            "resource": np.array([e["resource"] for e in events], dtype=np.int64),
            "gap_log": np.array([g[0] == "l" for g in gaps]),
            "gap_a": np.array([g[1] for g in gaps]),
            "gap_b": np.array([g[2] for g in gaps]),
        },
        steps={
            **{
                key: pa.array([s[key] for s in steps], pa.string())
                for key in (
                    "department_id",
                    "route_role",
                    "status",
                    "reason",
                    "missing_rule",
                    "conflict_id",
                )
            },
            **{
                key: np.array([s[key] for s in steps], dtype=np.int64)
                for key in ("position", "arrived", "decided")
            },
        },
        payments={
            "phase": np.array([p[0] for d in drafts for p in d.payments], dtype=np.int64),
            "event": np.array([p[1] for d in drafts for p in d.payments], dtype=np.int64),
            "share": np.array([p[2] for d in drafts for p in d.payments]),
        },
    )
