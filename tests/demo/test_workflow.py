"""The demo's workflow tables tell the study's story and agree with its event log.

P3: clauses needing a veto department's sign-off stall because it lacks a supporting rule;
two registered rule conflicts block cases; school places found by phone are exceptions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest

from luodi.calendar import add_working_days
from luodi.contract import Dataset
from luodi.demo.workflow import DEFAULT_DEADLINE_DAYS

Row = dict[str, Any]
DECISIVE = {"approved": "approved", "rejected": "rejected", "blocked_no_rule": "blocked"}
RULE_WORDS = ("办法", "规定", "口径", "细则")


def _rows(dataset: Dataset, name: str) -> list[Row]:
    rows: list[Row] = dataset[name].to_pylist()
    return rows


@pytest.fixture(scope="module")
def tables(demo: Dataset) -> dict[str, list[Row]]:
    names = ("cases", "events", "case_steps", "conflicts", "escalations", "exceptions")
    return {name: _rows(demo, name) for name in (*names, "clauses", "clause_routes", "staff")}


@pytest.fixture(scope="module")
def departments(demo: Dataset) -> dict[str, Row]:
    return {d["department_id"]: d for d in _rows(demo, "departments")}


def _clause_of(tables: dict[str, list[Row]]) -> dict[str, str]:
    return {c["case_id"]: c["clause_id"] for c in tables["cases"]}


def test_every_case_has_one_step_per_route_position(tables: dict[str, list[Row]]) -> None:
    route: dict[str, list[tuple[str, str]]] = {}
    for r in sorted(tables["clause_routes"], key=lambda r: r["position"]):
        route.setdefault(r["clause_id"], []).append((r["department_id"], r["role"]))
    steps: dict[str, list[Row]] = {}
    for step in tables["case_steps"]:
        steps.setdefault(step["case_id"], []).append(step)
    clause_of = _clause_of(tables)
    assert set(steps) == set(clause_of)
    for case_id, rows in steps.items():
        rows.sort(key=lambda s: s["position"])
        assert [s["position"] for s in rows] == list(range(1, len(rows) + 1)), case_id
        assert [(s["department_id"], s["route_role"]) for s in rows] == route[clause_of[case_id]]


def test_every_event_says_who_acted(tables: dict[str, list[Row]]) -> None:
    roles: dict[str, set[str]] = {}
    for event in tables["events"]:
        roles.setdefault(str(event["activity"]), set()).add(str(event["role"]))
    assert roles["提交申请"] == {"applicant"}  # the demo has no 免申即享 clause on a route
    assert roles["申请人撤回申请"] == {"applicant"}
    assert roles["提请人才办协调"] == {"system"}
    assert roles["提请人才工作领导小组协调"] == {"talent_office"}
    assert roles["人才办分管领导电话协调教育局"] == {"talent_office"}
    assert roles["审计局把关审核"] == {"officer"}
    decisions = Counter(e["decision"] for e in tables["events"])
    assert decisions["submitted"] == len(tables["cases"])
    assert decisions["disbursed"] > 0
    assert decisions["blocked_no_rule"] > 0


def test_steps_agree_with_the_events(tables: dict[str, list[Row]]) -> None:
    """A step's status is its department's last decision in the case; blocked ⇔ blocked_no_rule."""
    last: dict[tuple[str, str], Row] = {}
    received: set[tuple[str, str]] = set()
    # The route ends before the first payment; staged phase reviews after it are no steps.
    paid: set[str] = set()
    for event in sorted(tables["events"], key=lambda e: (e["timestamp"], e["event_id"])):
        if event["decision"] == "disbursed":
            paid.add(event["case_id"])
        if event["case_id"] in paid:
            continue
        key = (event["case_id"], event["department_id"])
        if event["decision"] in DECISIVE:
            last[key] = event
        if event["decision"] == "received":
            received.add(key)
    for step in tables["case_steps"]:
        key = (step["case_id"], step["department_id"])
        decided = last.get(key)
        if decided is not None:
            assert step["status"] == DECISIVE[decided["decision"]], step
            assert step["decided_at"] == decided["timestamp"], step
            assert step["decided_by"] == decided["resource"], step
        elif key in received:
            assert step["status"] in {"pending", "cancelled"}, step
        else:
            assert step["status"] in {"waiting", "cancelled"}, step
            assert step["arrived_at"] is None, step
    blocked_steps = {
        (s["case_id"], s["department_id"]) for s in tables["case_steps"] if s["status"] == "blocked"
    }
    still_blocked = {k for k, e in last.items() if e["decision"] == "blocked_no_rule"}
    assert blocked_steps == still_blocked
    statuses = {c["case_id"]: c["status"] for c in tables["cases"]}
    assert {statuses[case_id] for case_id, _ in blocked_steps} == {"blocked"}
    assert sum(1 for s in statuses.values() if s == "blocked") == len(blocked_steps)


def test_due_dates_count_working_days(tables: dict[str, list[Row]]) -> None:
    deadline = {c["clause_id"]: c["deadline_days"] for c in tables["clauses"]}
    clause_of = _clause_of(tables)
    for step in tables["case_steps"]:
        arrived: dt.datetime | None = step["arrived_at"]
        if arrived is None:
            assert step["due_on"] is None
            continue
        days = deadline[clause_of[step["case_id"]]] or DEFAULT_DEADLINE_DAYS
        assert step["due_on"] == add_working_days(start=arrived, days=days), step["step_id"]


def test_every_block_names_the_missing_rule(
    tables: dict[str, list[Row]], departments: dict[str, Row]
) -> None:
    blocked = [s for s in tables["case_steps"] if s["status"] == "blocked"]
    assert blocked
    for step in blocked:
        rule = str(step["missing_rule"] or "")
        assert rule.endswith(RULE_WORDS), step
        assert step["reason"], step
    veto = [s for s in blocked if departments[s["department_id"]]["is_veto"]]
    audit = [s for s in veto if departments[s["department_id"]]["kind"] == "audit"]
    # The study's pattern: clauses needing audit sign-off stall for want of an audit rule.
    assert {_clause_of(tables)[s["case_id"]] for s in audit} >= {"CL-ZJ-02", "CL-C-05"}
    assert all("审计" in str(s["missing_rule"]) for s in audit)
    assert {departments[s["department_id"]]["kind"] for s in veto} == {
        "audit",
        "discipline_inspection",
    }
    decided = [s for s in tables["case_steps"] if s["status"] != "blocked"]
    assert all(s["missing_rule"] is None for s in decided)


def test_the_two_conflicts_block_their_cases(
    tables: dict[str, list[Row]], departments: dict[str, Row]
) -> None:
    conflicts = {c["clause_id"]: c for c in tables["conflicts"]}
    assert set(conflicts) == {"CL-C-08", "CL-ZJ-01"}
    school, posts = conflicts["CL-C-08"], conflicts["CL-ZJ-01"]
    assert "公办中小学不收择校生" in school["rule_b"]
    assert school["department_b"] == "H-EDU"
    assert "绿色通道" in school["rule_a"]
    assert "不得在企业兼职" in posts["rule_b"]
    assert departments[posts["department_b"]]["kind"] == "discipline_inspection"
    assert "在职创业" in posts["rule_a"]
    assert {c["status"] for c in conflicts.values()} == {"open"}
    clause_of = _clause_of(tables)
    citing: dict[str, list[Row]] = {}
    for step in tables["case_steps"]:
        if step["conflict_id"] is not None:
            citing.setdefault(step["conflict_id"], []).append(step)
    for conflict in conflicts.values():
        steps = citing[conflict["conflict_id"]]
        assert steps, conflict["conflict_id"]
        assert {s["status"] for s in steps} == {"blocked"}
        assert {clause_of[s["case_id"]] for s in steps} == {conflict["clause_id"]}
        first = min(s["decided_at"] for s in steps).date()
        assert conflict["raised_on"] <= first
    # Every school case still blocked is blocked by the school conflict.
    school_blocked = [
        s
        for s in tables["case_steps"]
        if s["status"] == "blocked" and clause_of[s["case_id"]] == "CL-C-08"
    ]
    assert school_blocked
    assert {s["conflict_id"] for s in school_blocked} == {school["conflict_id"]}


def test_exceptions_are_the_school_places_found_by_phone(tables: dict[str, list[Row]]) -> None:
    informal = {
        e["case_id"]
        for e in tables["events"]
        if str(e["reason"] or "").startswith("非正式协调") and e["decision"] == "exception"
    }
    exceptions = tables["exceptions"]
    assert len(informal) == 3
    assert {x["case_id"] for x in exceptions} == informal
    assert len(exceptions) == len(informal)
    clause_of = _clause_of(tables)
    statuses = {c["case_id"]: c["status"] for c in tables["cases"]}
    for exception in exceptions:
        assert clause_of[exception["case_id"]] == "CL-C-08"
        assert statuses[exception["case_id"]] == "approved"
        assert exception["department_id"] == "C-TO"
        assert exception["what"]
        assert exception["why"]
        assert "人才办" in exception["requested_by"]
        assert "教育局" in exception["approved_by"]
    # The school step of those cases was signed after the call, not left blocked.
    steps = [s for s in tables["case_steps"] if s["case_id"] in informal]
    assert {s["status"] for s in steps} == {"approved"}


def test_escalations_are_raised_and_never_decided(tables: dict[str, list[Row]]) -> None:
    escalations = tables["escalations"]
    steps = {s["step_id"]: s for s in tables["case_steps"]}
    blocked = {s["step_id"] for s in steps.values() if s["status"] == "blocked"}
    assert {e["step_id"] for e in escalations} == blocked
    assert len(escalations) == len(blocked)
    raised = {
        (e["case_id"], e["timestamp"])
        for e in tables["events"]
        if e["decision"] == "escalated" and e["role"] == "system"
    }
    referred = {
        e["case_id"]
        for e in tables["events"]
        if e["decision"] == "escalated" and e["role"] == "talent_office"
    }
    for escalation in escalations:
        step = steps[escalation["step_id"]]
        assert escalation["case_id"] == step["case_id"]
        assert escalation["raised_at"] == step["decided_at"]
        assert (escalation["case_id"], escalation["raised_at"]) in raised
        expected_cause = "conflict" if step["conflict_id"] is not None else "blocked"
        assert escalation["cause"] == expected_cause
        at_leadership = escalation["case_id"] in referred
        assert (escalation["level"], escalation["status"]) == (
            ("leadership", "referred") if at_leadership else ("talent_office", "open")
        )
        # The leadership group never met: nothing was decided.
        assert escalation["resolution"] is None
        assert escalation["decided_at"] is None
    levels = Counter(e["level"] for e in escalations)
    assert levels["leadership"] > 0
    assert levels["talent_office"] > 0
