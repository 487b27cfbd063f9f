"""A small case recorder: walks a clause's route of departments and writes the event log."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from luodi.demo.policies import ClauseSpec

__all__ = ["END", "START", "Blocked", "CaseLog", "Outcome", "Rejected", "Withdrawn"]

Row = dict[str, Any]

# Two years of case work under the district rules.
START = dt.datetime(2017, 3, 1, 9, 0)
END = dt.datetime(2018, 12, 31, 17, 30)

_ACTIONS = {"lead": "受理审核", "co": "会签", "veto": "把关审核"}


@dataclass(frozen=True, kw_only=True)
class Rejected:
    """The case is turned down at route step ``step`` (1-based) for ``reason``."""

    step: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class Blocked:
    """The case stalls at ``step``: the department will not sign without a supporting rule."""

    step: int
    reason: str
    escalate: bool = False


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
    """Accumulates cases, events and disbursements with stable sequential ids."""

    rng: random.Random
    staff: dict[str, list[str]]
    department_names: dict[str, str]
    cases: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    disbursements: list[Row] = field(default_factory=list)

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
        lifecycle: str = "complete",
        reason: str | None = None,
        resource: str | None = None,
        by_staff: bool = True,
    ) -> None:
        if resource is None and by_staff:
            candidates = self.staff.get(department_id) or self.staff["C-TO"]
            resource = self.rng.choice(candidates)
        self.events.append(
            {
                "event_id": f"EV{len(self.events) + 1:06d}",
                "case_id": case["case_id"],
                "activity": activity,
                "department_id": department_id,
                "resource": resource,
                "timestamp": at,
                "lifecycle": lifecycle,
                "reason": reason,
            }
        )

    def pay(
        self, case: Row, *, phase: int, amount: float, at: dt.datetime, staged: bool = False
    ) -> None:
        self.event(
            case,
            activity=f"第{phase}期资金拨付" if staged else "资金拨付",
            department_id="C-FIN",
            at=at,
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

    def walk(self, case: Row, spec: ClauseSpec, *, outcome: Outcome = None) -> dt.datetime | None:
        """Submit the case and pass it along the route; None if it did not get through.

        Returns the time the last department signed when every step passed. Rejections and
        withdrawals close the case; a block leaves it stalled (P3: the button department, not
        the lead, decides whether the clause lands); past the end of the log it stays open.
        """
        at: dt.datetime = case["opened_at"]
        lead = spec.route[0][0]
        self.event(case, activity="提交申请", department_id=lead, at=at, by_staff=False)
        for step, (department_id, role) in enumerate(spec.route, start=1):
            name = short_name(self.department_names[department_id])
            at = self.later(at, 0, 3)
            if at > END:
                return None
            activity = name + _ACTIONS[role]
            self.event(
                case, activity=activity, department_id=department_id, at=at, lifecycle="start"
            )
            at = self.later(at, 1, 8)
            if outcome is not None and outcome.step == step:
                self._stop(case, outcome, activity, department_id, min(at, END))
                return None
            if at > END:
                return None
            self.event(case, activity=activity, department_id=department_id, at=at)
        return at

    def _stop(
        self,
        case: Row,
        outcome: Rejected | Blocked | Withdrawn,
        activity: str,
        department_id: str,
        at: dt.datetime,
    ) -> None:
        if isinstance(outcome, Rejected):
            self.event(
                case,
                activity=activity,
                department_id=department_id,
                at=at,
                lifecycle="ate_abort",
                reason=outcome.reason,
            )
            self.close(case, status="rejected", at=at)
        elif isinstance(outcome, Withdrawn):
            self.event(
                case,
                activity="申请人撤回申请",
                department_id=department_id,
                at=at,
                lifecycle="ate_abort",
                reason=outcome.reason,
                by_staff=False,
            )
            self.close(case, status="withdrawn", at=at)
        else:
            self.event(
                case,
                activity=activity,
                department_id=department_id,
                at=at,
                lifecycle="suspend",
                reason=outcome.reason,
            )
            self.close(case, status="blocked", at=None)
            if outcome.escalate:
                later = self.later(at, 5, 20)
                if later <= END:
                    self.event(
                        case,
                        activity="提请人才工作领导小组协调",
                        department_id="C-LG",
                        at=later,
                        lifecycle="assign",
                        resource="ST-C-TO-1",
                        reason="多部门规定冲突，缺少高位协调机制，领导小组未召开专题会议",
                    )
