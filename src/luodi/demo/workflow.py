"""A small case recorder: walks a clause's route of departments and writes the workflow tables.

Every case gets one step per route position, and every event says who acted (``role``) and
what it decided (``decision``), as the platform's workflow services would record them: a block
names the supporting rule the department lacks and raises an escalation to the talent office.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from luodi.calendar import add_working_days
from luodi.demo.policies import ClauseSpec

__all__ = [
    "DEFAULT_DEADLINE_DAYS",
    "END",
    "START",
    "Blocked",
    "CaseLog",
    "Outcome",
    "Rejected",
    "Withdrawn",
]

Row = dict[str, Any]

# Two years of case work under the district rules.
START = dt.datetime(2017, 3, 1, 9, 0)
END = dt.datetime(2018, 12, 31, 17, 30)
# A step's deadline when the clause sets none, as the platform's step_due_on counts it.
DEFAULT_DEADLINE_DAYS = 5

_ACTIONS = {"lead": "受理审核", "co": "会签", "veto": "把关审核"}
_TALENT_OFFICE = "C-TO"
_LEADERSHIP_GROUP = "C-LG"
_TALENT_OFFICE_LEADER = "ST-C-TO-1"


@dataclass(frozen=True, kw_only=True)
class Rejected:
    """The case is turned down at route step ``step`` (1-based) for ``reason``."""

    step: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class Blocked:
    """The case stalls at ``step``: the department will not sign without a supporting rule.

    ``missing_rule`` names that rule; ``conflict_id`` is the registered conflict behind the
    block, if any. The block raises an escalation to the talent office unless ``escalate`` is
    False (the talent office works the case by phone instead); ``refer`` passes the escalation
    on to the leadership group, which in the study never met.
    """

    step: int
    reason: str
    missing_rule: str
    conflict_id: str | None = None
    escalate: bool = True
    refer: bool = False


@dataclass(frozen=True, kw_only=True)
class Withdrawn:
    step: int
    reason: str


Outcome = Rejected | Blocked | Withdrawn | None


def short_name(name: str) -> str:
    """Drop the cluster prefix so activities read like a clerk's log, e.g. 审计局把关审核."""
    return name.removeprefix("C产业集聚区")


@dataclass(kw_only=True)
class CaseLog:
    """Accumulates the workflow tables with stable sequential ids."""

    rng: random.Random
    staff: dict[str, list[str]]
    department_names: dict[str, str]
    cases: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    disbursements: list[Row] = field(default_factory=list)
    steps: list[Row] = field(default_factory=list)
    escalations: list[Row] = field(default_factory=list)
    exceptions: list[Row] = field(default_factory=list)
    # First day each registered conflict blocked a case: the day it entered the register.
    conflicts_raised: dict[str, dt.date] = field(default_factory=dict)
    _steps_of: dict[str, list[Row]] = field(default_factory=dict)

    def later(self, at: dt.datetime, low: int, high: int) -> dt.datetime:
        """A time ``low``–``high`` working days after ``at``, within office hours."""
        days = self.rng.randint(low, high)
        day = at.date()
        while days > 0:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                days -= 1
        if day == at.date():
            return at + dt.timedelta(minutes=self.rng.randint(5, 90))
        minute = self.rng.randint(0, 8 * 60)
        return dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(minutes=minute)

    def open(
        self,
        *,
        clause_id: str,
        at: dt.datetime,
        person_id: str | None = None,
        employer_id: str | None = None,
    ) -> Row:
        while at.weekday() >= 5:
            at += dt.timedelta(days=1)
        case = {
            "case_id": f"CASE-{len(self.cases) + 1:05d}",
            "clause_id": clause_id,
            "person_id": person_id,
            "employer_id": employer_id,
            "opened_at": at,
            "status": "open",
            "closed_at": None,
        }
        self.cases.append(case)
        return case

    def event(
        self,
        case: Row,
        *,
        activity: str,
        department_id: str,
        at: dt.datetime,
        role: str,
        decision: str | None = None,
        lifecycle: str = "complete",
        reason: str | None = None,
        resource: str | None = None,
    ) -> Row:
        """Append one event; an officer's event without a resource gets one of its staff."""
        if resource is None and role == "officer":
            candidates = self.staff.get(department_id) or self.staff[_TALENT_OFFICE]
            resource = self.rng.choice(candidates)
        row = {
            "event_id": f"EV{len(self.events) + 1:06d}",
            "case_id": case["case_id"],
            "activity": activity,
            "department_id": department_id,
            "resource": resource,
            "role": role,
            "timestamp": at,
            "lifecycle": lifecycle,
            "decision": decision,
            "reason": reason,
        }
        self.events.append(row)
        return row

    def pay(
        self, case: Row, *, phase: int, amount: float, at: dt.datetime, staged: bool = False
    ) -> None:
        self.event(
            case,
            activity=f"第{phase}期资金拨付" if staged else "资金拨付",
            department_id="C-FIN",
            at=at,
            role="officer",
            decision="disbursed",
        )
        self.disbursements.append(
            {
                "disbursement_id": f"PAY-{len(self.disbursements) + 1:05d}",
                "case_id": case["case_id"],
                "phase": phase,
                "amount": float(amount),
                "paid_on": at.date(),
            }
        )

    def close(self, case: Row, *, status: str, at: dt.datetime | None) -> None:
        case["status"] = status
        case["closed_at"] = at

    def step(self, case: Row, position: int) -> Row:
        """The case's step at route ``position`` (1-based)."""
        return self._steps_of[case["case_id"]][position - 1]

    def decide(
        self,
        step: Row,
        *,
        status: str,
        event: Row,
        reason: str | None = None,
        missing_rule: str | None = None,
        conflict_id: str | None = None,
    ) -> None:
        """Record the decision of ``event`` on ``step``; a later decision replaces a block."""
        step.update(
            status=status,
            decided_at=event["timestamp"],
            decided_by=event["resource"],
            reason=reason,
            missing_rule=missing_rule,
            conflict_id=conflict_id,
        )

    def exception_record(
        self,
        case: Row,
        *,
        what: str,
        why: str,
        requested_by: str,
        approved_by: str,
        event: Row,
    ) -> None:
        """Register what the talent office did outside procedure, as Luodi makes it visible."""
        self.exceptions.append(
            {
                "exception_id": f"EXC-{len(self.exceptions) + 1:05d}",
                "case_id": case["case_id"],
                "department_id": event["department_id"],
                "what": what,
                "why": why,
                "requested_by": requested_by,
                "approved_by": approved_by,
                "recorded_at": event["timestamp"],
                "recorded_by": event["resource"],
            }
        )

    def _steps_open(self, case: Row, spec: ClauseSpec) -> list[Row]:
        number = case["case_id"].removeprefix("CASE-")
        rows = [
            {
                "step_id": f"STEP-{number}-{position}",
                "case_id": case["case_id"],
                "position": position,
                "department_id": department_id,
                "route_role": role,
                "status": "waiting",
                "arrived_at": None,
                "due_on": None,
                "decided_at": None,
                "decided_by": None,
                "reason": None,
                "missing_rule": None,
                "conflict_id": None,
            }
            for position, (department_id, role) in enumerate(spec.route, start=1)
        ]
        self.steps.extend(rows)
        self._steps_of[case["case_id"]] = rows
        return rows

    def walk(self, case: Row, spec: ClauseSpec, *, outcome: Outcome = None) -> dt.datetime | None:
        """Submit the case and pass it along the route; None if it did not get through.

        Returns the time the last department signed when every step passed. Rejections and
        withdrawals close the case; a block leaves it stalled (P3: the button department, not
        the lead, decides whether the clause lands); past the end of the log it stays open.
        """
        at: dt.datetime = case["opened_at"]
        steps = self._steps_open(case, spec)
        # A 免申即享 clause needs no application: the system opens the case from the records.
        submitter = "system" if spec.delivery_mode == "no_application" else "applicant"
        self.event(
            case,
            activity="提交申请",
            department_id=steps[0]["department_id"],
            at=at,
            role=submitter,
            decision="submitted",
        )
        days = spec.deadline_days or DEFAULT_DEADLINE_DAYS
        for step in steps:
            department_id = step["department_id"]
            name = short_name(self.department_names[department_id])
            at = self.later(at, 0, 3)
            if at > END:
                return None
            activity = name + _ACTIONS[step["route_role"]]
            self.event(
                case,
                activity=activity,
                department_id=department_id,
                at=at,
                lifecycle="start",
                role="officer",
                decision="received",
            )
            step.update(
                status="pending", arrived_at=at, due_on=add_working_days(start=at, days=days)
            )
            at = self.later(at, 1, 8)
            if outcome is not None and outcome.step == step["position"]:
                self._stop(case, steps, outcome, activity, min(at, END))
                return None
            if at > END:
                return None
            signed = self.event(
                case,
                activity=activity,
                department_id=department_id,
                at=at,
                role="officer",
                decision="approved",
            )
            self.decide(step, status="approved", event=signed)
        return at

    def _stop(
        self,
        case: Row,
        steps: list[Row],
        outcome: Rejected | Blocked | Withdrawn,
        activity: str,
        at: dt.datetime,
    ) -> None:
        step = steps[outcome.step - 1]
        department_id = step["department_id"]
        if isinstance(outcome, Blocked):
            self._block(case, step, outcome, activity, at)
            return
        if isinstance(outcome, Rejected):
            event = self.event(
                case,
                activity=activity,
                department_id=department_id,
                at=at,
                lifecycle="ate_abort",
                role="officer",
                decision="rejected",
                reason=outcome.reason,
            )
            self.decide(step, status="rejected", event=event, reason=outcome.reason)
            self.close(case, status="rejected", at=at)
        else:
            self.event(
                case,
                activity="申请人撤回申请",
                department_id=department_id,
                at=at,
                lifecycle="ate_abort",
                role="applicant",
                decision="withdrawn",
                reason=outcome.reason,
            )
            step.update(status="cancelled", reason=outcome.reason)
            self.close(case, status="withdrawn", at=at)
        # A closed case leaves the steps it never reached with nothing to wait for.
        for later_step in steps[outcome.step :]:
            later_step["status"] = "cancelled"

    def _block(
        self, case: Row, step: Row, outcome: Blocked, activity: str, at: dt.datetime
    ) -> None:
        event = self.event(
            case,
            activity=activity,
            department_id=step["department_id"],
            at=at,
            lifecycle="suspend",
            role="officer",
            decision="blocked_no_rule",
            reason=outcome.reason,
        )
        self.decide(
            step,
            status="blocked",
            event=event,
            reason=outcome.reason,
            missing_rule=outcome.missing_rule,
            conflict_id=outcome.conflict_id,
        )
        if outcome.conflict_id is not None:
            # Cases are generated clause by clause, not in time order: keep the earliest day.
            first = self.conflicts_raised.get(outcome.conflict_id, at.date())
            self.conflicts_raised[outcome.conflict_id] = min(first, at.date())
        self.close(case, status="blocked", at=None)
        if not outcome.escalate:
            return
        # The block itself raises the escalation, in the same instant, as the platform does.
        self.event(
            case,
            activity="提请人才办协调",
            department_id=_TALENT_OFFICE,
            at=at,
            lifecycle="assign",
            role="system",
            decision="escalated",
            reason=f"{activity}受阻：缺少{outcome.missing_rule}",
        )
        escalation = {
            "escalation_id": f"ESC-{len(self.escalations) + 1:05d}",
            "case_id": case["case_id"],
            "step_id": step["step_id"],
            "level": "talent_office",
            "cause": "conflict" if outcome.conflict_id is not None else "blocked",
            "raised_at": at,
            "status": "open",
            "resolution": None,
            "decided_at": None,
            "decided_by": None,
            "note": None,
        }
        self.escalations.append(escalation)
        if not outcome.refer:
            return
        referred = self.later(at, 5, 20)
        if referred <= END:
            self.event(
                case,
                activity="提请人才工作领导小组协调",
                department_id=_LEADERSHIP_GROUP,
                at=referred,
                lifecycle="assign",
                role="talent_office",
                decision="escalated",
                resource=_TALENT_OFFICE_LEADER,
                reason="多部门规定冲突，缺少高位协调机制，领导小组未召开专题会议",
            )
            escalation.update(level="leadership", status="referred")
