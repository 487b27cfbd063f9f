"""A hand-built dataset for the indicator tests: two districts, four executing departments.

Every value the tests expect is worked out by hand from the rows below (see test_metrics*.py).

Regions: cluster CL with districts D1, D2.
Departments: LG (leadership group, issues the policy, never acts: not a subject), A, B, V
(veto), Q (answers inquiries only).
Employers: E1 in D1 (startup), E2 in D2 (mature).
Persons: P1 tier A at E1, P2 tier D at E2, P3 general at E1, P4 general at E2.
Clauses and routes: K1 cash award A(lead) > B(co); K2 funding A(lead) > V(veto); K3 subsidy
B(lead).

Cases (district from the applicant's employer):
    case clause applicant opened      status    paid                         district
    C1   K1     P1        2018-02-01  closed    1000 on 2018-02-20           D1
    C2   K1     P3        2018-03-01  rejected  -                            D1
    C3   K1     P2        2018-04-01  approved  - (received on opened day)   D2
    C4   K2     E1        2018-05-01  closed    5000 on 2018-06-01, 2000 on 2019-01-10  D1
    C5   K2     E2        2018-06-01  blocked   -                            D2
    C6   K3     P4        2017-11-01  closed    300 on 2018-01-05            D2
    C7   K3     E2        2018-07-01  open      -                            D2
    C8   K1     P1        2018-08-01  closed    500 on 2018-09-01            D1
    C9   K3     P3        2018-09-01  withdrawn -                            D1
    C10  K2     E2        2018-02-01  closed    - (closed 2018-03-15)        D2

Case steps (due = due_on, decided = decided_at):
    S1  C1 A approved  decided 2018-02-05 due 2018-02-10  on time
    S2  C1 B approved  decided 2018-02-15 due 2018-02-12  late
    S3  C5 A approved  decided 2018-06-05 due 2018-06-10  on time
    S4  C5 V blocked   decided 2018-06-20 due 2018-06-25  on time (a decision), blocked
    S5  C4 A approved  decided 2018-05-03 due 2018-05-02  late
    S6  C4 V approved  decided 2018-05-20 due 2018-05-30  on time; blocked on 05-10 first
    S7  C7 B pending   undecided          due 2018-07-10  overdue: late
    S8  C2 A rejected  decided 2018-03-05 no due date     not counted
    S9  C6 B approved  decided 2017-11-10 due 2017-11-15  outside the period
    S10 C9 B cancelled                                    not counted
Events with decision blocked_no_rule: (C4, V) 2018-05-10, (C5, V) 2018-06-20, (C6, B)
2017-11-08 (outside the period).
Exceptions: X1 by A on C2 2018-03-10; X2 by A on C5 2017-12-01 (outside); X3 by B on C7
2018-07-15.

Inquiries (judged on 2018-12-31):
    I1 A  P1 2018-03-01 answer due 03-10, answered 03-08, confirmed, satisfaction 5
    I2 A  P3 2018-04-01 answer due 04-10, answered 04-15, closed, satisfaction 2
    I3 A  E2 2018-05-01 answer due 05-10, not answered, accepted
    I4 Q  P4 2018-06-01 answer due 06-10, answered 06-09, unconfirmed, satisfaction 4 (contest
          upheld: not counted)
    I5 Q  P4 2017-12-01 outside the period
    I6 B  P2 2018-12-20 answer due 2019-01-05, not answered, routed (not yet due)
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from luodi.contract import Dataset
from luodi.scorecard.periods import ScorePeriod

__all__ = ["PERIOD", "dataset_of", "fixture_rows", "values_dataset"]

PERIOD = ScorePeriod(label="2018", start=dt.date(2018, 1, 1), end=dt.date(2018, 12, 31))

Row = dict[str, Any]


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _t(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{text} 10:00")


def _department(did: str, kind: str, *, veto: bool = False) -> Row:
    return {
        "department_id": did,
        "name": f"部门{did}",
        "kind": kind,
        "region_id": "CL",
        "is_veto": veto,
    }


def _employer(eid: str, region: str, stage: str) -> Row:
    return {
        "employer_id": eid,
        "name": f"单位{eid}",
        "kind": "high_tech_firm",
        "stage": stage,
        "region_id": region,
        "founded_on": _d("2015-01-01"),
        "employees": 20,
    }


def _person(pid: str, tier: str, employer: str) -> Row:
    return {
        "person_id": pid,
        "name": f"人才{pid}",
        "gender": "male",
        "birth_year": 1985,
        "nationality": "CN",
        "talent_tier": tier,
        "degree": "master",
        "title": "intermediate",
        "discipline": "science_engineering",
        "political_status": "masses",
        "origin": "in_province",
        "employer_id": employer,
    }


def _clause(cid: str, kind: str) -> Row:
    return {
        "clause_id": cid,
        "policy_id": "POL1",
        "number": cid,
        "text": f"条款{cid}",
        "benefit_kind": kind,
        "delivery_mode": "application",
    }


def _case(
    cid: str,
    clause: str,
    opened: str,
    status: str,
    *,
    person: str | None = None,
    employer: str | None = None,
    closed: str | None = None,
) -> Row:
    return {
        "case_id": cid,
        "clause_id": clause,
        "person_id": person,
        "employer_id": employer,
        "opened_at": _t(opened),
        "status": status,
        "closed_at": _t(closed) if closed else None,
    }


def _step(
    sid: str,
    case: str,
    position: int,
    department: str,
    status: str,
    *,
    decided: str | None = None,
    due: str | None = None,
) -> Row:
    return {
        "step_id": sid,
        "case_id": case,
        "position": position,
        "department_id": department,
        "route_role": "lead" if position == 1 else "co",
        "status": status,
        "decided_at": _t(decided) if decided else None,
        "due_on": _d(due) if due else None,
    }


def _event(eid: str, case: str, department: str, day: str, decision: str) -> Row:
    return {
        "event_id": eid,
        "case_id": case,
        "activity": "审核",
        "department_id": department,
        "role": "officer",
        "timestamp": _t(day),
        "lifecycle": "suspend",
        "decision": decision,
    }


def _exception(xid: str, department: str, case: str, day: str) -> Row:
    return {
        "exception_id": xid,
        "case_id": case,
        "department_id": department,
        "what": "电话协调",
        "why": "规定冲突",
        "requested_by": "人才办",
        "approved_by": "分管领导",
        "recorded_at": _t(day),
        "recorded_by": "ST1",
    }


def _inquiry(iid: str, department: str, submitted: str, status: str, **extra: Any) -> Row:
    row: Row = {
        "inquiry_id": iid,
        "kind": "inquiry",
        "channel": "web",
        "submitted_at": _t(submitted),
        "text": "咨询",
        "department_id": department,
        "status": status,
    }
    for key, value in extra.items():
        if key.endswith("_at"):
            value = _t(value)
        elif key.endswith("_on"):
            value = _d(value)
        row[key] = value
    return row


def fixture_rows() -> dict[str, list[Row]]:
    """The rows of the module docstring, table by table."""
    return {
        "regions": [
            {"region_id": "CL", "name": "集聚区", "level": "cluster"},
            {"region_id": "D1", "name": "甲区", "level": "district", "parent_id": "CL"},
            {"region_id": "D2", "name": "乙区", "level": "district", "parent_id": "CL"},
        ],
        "departments": [
            _department("LG", "leadership_group"),
            _department("A", "talent_office"),
            _department("B", "finance"),
            _department("V", "audit", veto=True),
            _department("Q", "tax"),
        ],
        "employers": [_employer("E1", "D1", "startup"), _employer("E2", "D2", "mature")],
        "persons": [
            _person("P1", "A", "E1"),
            _person("P2", "D", "E2"),
            _person("P3", "general", "E1"),
            _person("P4", "general", "E2"),
        ],
        "policies": [
            {
                "policy_id": "POL1",
                "title": "人才新政",
                "issuer_id": "LG",
                "level": "district",
                "region_id": "CL",
                "issued_on": _d("2016-01-01"),
                "effective_from": _d("2016-01-01"),
            }
        ],
        "clauses": [
            _clause("K1", "cash_award"),
            _clause("K2", "funding"),
            _clause("K3", "subsidy"),
        ],
        "clause_routes": [
            {"clause_id": "K1", "position": 1, "department_id": "A", "role": "lead"},
            {"clause_id": "K1", "position": 2, "department_id": "B", "role": "co"},
            {"clause_id": "K2", "position": 1, "department_id": "A", "role": "lead"},
            {"clause_id": "K2", "position": 2, "department_id": "V", "role": "veto"},
            {"clause_id": "K3", "position": 1, "department_id": "B", "role": "lead"},
        ],
        "cases": [
            _case("C1", "K1", "2018-02-01", "closed", person="P1", closed="2018-02-20"),
            _case("C2", "K1", "2018-03-01", "rejected", person="P3", closed="2018-03-05"),
            _case("C3", "K1", "2018-04-01", "approved", person="P2"),
            _case("C4", "K2", "2018-05-01", "closed", employer="E1", closed="2018-06-01"),
            _case("C5", "K2", "2018-06-01", "blocked", employer="E2"),
            _case("C6", "K3", "2017-11-01", "closed", person="P4", closed="2018-01-05"),
            _case("C7", "K3", "2018-07-01", "open", employer="E2"),
            _case("C8", "K1", "2018-08-01", "closed", person="P1", closed="2018-09-01"),
            _case("C9", "K3", "2018-09-01", "withdrawn", person="P3"),
            _case("C10", "K2", "2018-02-01", "closed", employer="E2", closed="2018-03-15"),
        ],
        "disbursements": [
            {
                "disbursement_id": "M1",
                "case_id": "C1",
                "phase": 1,
                "amount": 1000.0,
                "paid_on": _d("2018-02-20"),
            },
            {
                "disbursement_id": "M2",
                "case_id": "C4",
                "phase": 1,
                "amount": 5000.0,
                "paid_on": _d("2018-06-01"),
            },
            {
                "disbursement_id": "M3",
                "case_id": "C4",
                "phase": 2,
                "amount": 2000.0,
                "paid_on": _d("2019-01-10"),
            },
            {
                "disbursement_id": "M4",
                "case_id": "C6",
                "phase": 1,
                "amount": 300.0,
                "paid_on": _d("2018-01-05"),
            },
            {
                "disbursement_id": "M5",
                "case_id": "C8",
                "phase": 1,
                "amount": 500.0,
                "paid_on": _d("2018-09-01"),
            },
        ],
        "case_steps": [
            _step("S1", "C1", 1, "A", "approved", decided="2018-02-05", due="2018-02-10"),
            _step("S2", "C1", 2, "B", "approved", decided="2018-02-15", due="2018-02-12"),
            _step("S3", "C5", 1, "A", "approved", decided="2018-06-05", due="2018-06-10"),
            _step("S4", "C5", 2, "V", "blocked", decided="2018-06-20", due="2018-06-25"),
            _step("S5", "C4", 1, "A", "approved", decided="2018-05-03", due="2018-05-02"),
            _step("S6", "C4", 2, "V", "approved", decided="2018-05-20", due="2018-05-30"),
            _step("S7", "C7", 1, "B", "pending", due="2018-07-10"),
            _step("S8", "C2", 1, "A", "rejected", decided="2018-03-05"),
            _step("S9", "C6", 1, "B", "approved", decided="2017-11-10", due="2017-11-15"),
            _step("S10", "C9", 1, "B", "cancelled"),
        ],
        "events": [
            _event("EV1", "C4", "V", "2018-05-10", "blocked_no_rule"),
            _event("EV2", "C5", "V", "2018-06-20", "blocked_no_rule"),
            _event("EV3", "C6", "B", "2017-11-08", "blocked_no_rule"),
            _event("EV4", "C4", "V", "2018-05-20", "approved"),
        ],
        "exceptions": [
            _exception("X1", "A", "C2", "2018-03-10"),
            _exception("X2", "A", "C5", "2017-12-01"),
            _exception("X3", "B", "C7", "2018-07-15"),
        ],
        "inquiries": [
            _inquiry(
                "I1",
                "A",
                "2018-03-01",
                "confirmed",
                person_id="P1",
                answer_due_on="2018-03-10",
                answered_at="2018-03-08",
                satisfaction=5,
            ),
            _inquiry(
                "I2",
                "A",
                "2018-04-01",
                "closed",
                person_id="P3",
                answer_due_on="2018-04-10",
                answered_at="2018-04-15",
                satisfaction=2,
            ),
            _inquiry(
                "I3", "A", "2018-05-01", "accepted", employer_id="E2", answer_due_on="2018-05-10"
            ),
            _inquiry(
                "I4",
                "Q",
                "2018-06-01",
                "unconfirmed",
                person_id="P4",
                answer_due_on="2018-06-10",
                answered_at="2018-06-09",
                satisfaction=4,
                rating_contest="upheld",
            ),
            _inquiry(
                "I5",
                "Q",
                "2017-12-01",
                "confirmed",
                person_id="P4",
                answer_due_on="2017-12-10",
                answered_at="2017-12-05",
                satisfaction=5,
            ),
            _inquiry("I6", "B", "2018-12-20", "routed", person_id="P2", answer_due_on="2019-01-05"),
        ],
    }


def dataset_of(rows: dict[str, list[Row]]) -> Dataset:
    return Dataset.from_rows(rows)


@cache
def values_dataset() -> Dataset:
    return dataset_of(fixture_rows())
