"""Goggin's three questions per clause: hand-computed on a small district, then on the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.diagnosis import DiagnosisContext, Period
from luodi.diagnosis.goggin import goggin
from luodi.diagnosis.goggin_delay import deadline_segments
from luodi.engines import get_engine
from luodi.policy.coverage import coverage
from luodi.policy.library import Library
from luodi.policy.model import Clause, PolicyDocument

ON = dt.date(2018, 4, 27)
PERIOD = Period(start=dt.date(2018, 3, 1), end=ON)


def _library() -> Library:
    superior = PolicyDocument.model_validate(
        {
            "id": "POL-SUP",
            "title": "上级政策",
            "issuer": "D-CITY",
            "level": "city",
            "region": "R",
            "issued_on": dt.date(2017, 1, 1),
            "effective_from": dt.date(2017, 1, 1),
            "clauses": [
                # Everyone: the superior clause means all talents.
                {
                    "id": "SUP-1",
                    "number": "第一条",
                    "text": "给予人才奖励",
                    "benefit": {"kind": "cash_award"},
                }
            ],
        }
    )
    local = PolicyDocument.model_validate(
        {
            "id": "POL-LOC",
            "title": "实施细则",
            "issuer": "D-TO",
            "level": "district",
            "region": "R",
            "issued_on": dt.date(2017, 6, 1),
            "effective_from": dt.date(2017, 6, 1),
            "clauses": [
                {
                    "id": "LOC-1",
                    "number": "第二条",
                    "text": "对A类、B类、C类人才给予1000元奖励",
                    "refines": "SUP-1",
                    "benefit": {"kind": "cash_award", "amount": 1000},
                    "eligibility": {
                        "attribute": "person.talent_tier",
                        "op": "in",
                        "value": ["A", "B", "C"],
                    },
                    "route": [
                        {"department": "D-TO", "role": "lead"},
                        {"department": "D-AUD", "role": "veto"},
                    ],
                    "deadline_days": 5,
                    # From April the deadline is cut to three working days.
                    "versions": [{"effective_from": dt.date(2018, 4, 1), "deadline_days": 3}],
                }
            ],
        }
    )
    assert isinstance(local.clauses[0], Clause)
    return Library(documents=(superior, local))


def _person(pid: str, tier: str) -> dict[str, Any]:
    return {"person_id": pid, "talent_tier": tier, "birth_year": 1985, "nationality": "CN"}


def _case(
    cid: str, clause: str, pid: str, opened: dt.datetime, status: str, closed: Any = None
) -> dict[str, Any]:
    return {
        "case_id": cid,
        "clause_id": clause,
        "person_id": pid,
        "opened_at": opened,
        "status": status,
        "closed_at": closed,
    }


def _dataset() -> Dataset:
    persons = [_person("P1", "A"), _person("P2", "B")]
    persons += [_person(f"P{i}", "D") for i in (3, 4, 5)]
    persons += [_person(f"P{i}", "general") for i in (6, 7, 8, 9, 10)]
    at = dt.datetime
    return Dataset.from_rows(
        {
            "policies": [
                {"policy_id": "POL-SUP", "level": "city"},
                {"policy_id": "POL-LOC", "level": "district"},
            ],
            "clauses": [
                {"clause_id": "SUP-1", "policy_id": "POL-SUP", "refines": None},
                {"clause_id": "LOC-1", "policy_id": "POL-LOC", "refines": "SUP-1",
                 "deadline_days": 5},
            ],
            "persons": persons,
            "cases": [
                # Paid in 3 working days, opened under the 5-day deadline: on time.
                _case("C1", "LOC-1", "P1", at(2018, 3, 1, 9), "closed", at(2018, 3, 6, 16)),
                # Qingming (5–7 April) and the make-up Sunday 8 April: 5 working days, over 3.
                _case("C2", "LOC-1", "P2", at(2018, 4, 2, 10), "closed", at(2018, 4, 10, 16)),
                _case("C3", "LOC-1", "P6", at(2018, 3, 5, 9), "rejected", at(2018, 3, 8, 9)),
                # Still open on 27 April: 9 working days, over 3.
                _case("C4", "LOC-1", "P7", at(2018, 4, 16, 9), "open"),
                _case("C5", "LOC-1", "P8", at(2018, 3, 10, 9), "blocked"),
                # A case of the superior clause itself: not a refining clause, not asked about.
                _case("C6", "SUP-1", "P9", at(2018, 3, 12, 9), "closed", at(2018, 3, 20, 9)),
            ],
            "disbursements": [
                {"disbursement_id": "M1", "case_id": "C1", "phase": 1, "amount": 1000.0,
                 "paid_on": dt.date(2018, 3, 6)},
                {"disbursement_id": "M2", "case_id": "C2", "phase": 1, "amount": 1000.0,
                 "paid_on": dt.date(2018, 4, 10)},
            ],
        }
    )  # fmt: skip


def _context(engine: str = "duckdb", *, rules: bool = True) -> DiagnosisContext:
    dataset, eng = _dataset(), get_engine(engine)
    library = _library() if rules else None
    report = coverage(library=library, dataset=dataset, engine=eng, on=ON) if library else None
    return DiagnosisContext(
        dataset=dataset, engine=eng, period=PERIOD, rules_on=ON, library=library, coverage=report
    )


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return goggin(_context()).to_dict()


def test_only_refining_clauses_with_cases_are_asked_about(small: dict[str, Any]) -> None:
    assert [c["clause_id"] for c in small["clauses"]] == ["LOC-1"]
    clause = small["clauses"][0]
    assert clause["level"] == "district"
    assert clause["refines"] == "SUP-1"
    assert clause["chain"] == ["SUP-1", "LOC-1"]


def test_intent_compares_recipients_with_the_superiors_eligible(small: dict[str, Any]) -> None:
    intent = small["clauses"][0]["intent"]
    # Superior: everyone (2 high-end, 3 middle, 5 general); recipients: P1 and P2, high-end.
    assert [(g["group"], g["superior_eligible"], g["recipients"]) for g in intent["groups"]] == [
        ("general", 5, 0),
        ("middle", 3, 0),
        ("high_end", 2, 2),
    ]
    assert [g["superior_eligible_share"] for g in intent["groups"]] == [0.5, 0.3, 0.2]
    assert [g["recipient_share"] for g in intent["groups"]] == [0.0, 0.0, 1.0]
    # Total variation distance: (0.5 + 0.3 + 0.8) / 2.
    assert intent["distance"] == pytest.approx(0.8)
    assert intent["verdict"] == "drifted"
    assert intent["direction"] == "higher_status"
    assert intent["general_share_superior"] == 0.5
    assert intent["general_share_recipients"] == 0.0
    assert intent["startup_share_superior"] is None
    assert intent["evidence"] == {
        "kind": "cases",
        "filters": {"clause_id": "LOC-1", "received": "yes"},
    }


def test_delay_counts_working_days_against_the_deadline_of_the_day_opened(
    small: dict[str, Any],
) -> None:
    delay = small["clauses"][0]["delay"]
    assert delay["deadline_days"] == 3  # on the rules date
    # Delivered: C1 in 3 working days (deadline 5), C2 in 5 (deadline 3, late).
    assert delay["decided"] == 2
    assert delay["median_working_days"] == 4.0
    assert delay["p90_working_days"] == pytest.approx(4.8)
    # Late: C2, and C4 still open after 9 working days; C3 rejected is not timed.
    assert (delay["late"], delay["waiting"], delay["waiting_over_deadline"]) == (2, 1, 1)
    assert delay["blocked"] == 1
    assert delay["late_share"] == pytest.approx(2 / 3)
    assert delay["verdict"] == "delayed"


def test_modification_names_the_changes_and_their_coverage_cost(small: dict[str, Any]) -> None:
    change = small["clauses"][0]["modification"]
    assert (change["superior_eligible"], change["local_eligible"]) == (10, 2)
    assert change["coverage_cost"] == 8
    assert change["coverage_cost_share"] == pytest.approx(0.8)
    assert change["verdict"] == "narrowed"
    assert change["veto_steps_added"] == 1
    (diff,) = change["changes"]
    assert diff["parent_id"] == "SUP-1"
    assert diff["child_id"] == "LOC-1"
    assert [c["change"] for c in diff["criteria"]] == ["added"]


def test_summary_counts_verdicts(small: dict[str, Any]) -> None:
    summary = small["summary"]
    assert summary["intent"]["drifted"] == 1
    assert sum(summary["intent"].values()) == 1
    assert summary["delay"] == {"on_time": 0, "delayed": 1, "unknown": 0}
    assert summary["modification"]["narrowed"] == 1
    codes = [f["code"] for f in small["findings"]]
    assert "goggin.intent_drift_up" in codes
    assert "goggin.narrowed" in codes


def test_without_rules_only_the_delay_is_answered() -> None:
    clause = goggin(_context(rules=False)).to_dict()["clauses"][0]
    assert clause["intent"]["verdict"] == "unknown"
    assert clause["intent"]["reason"]
    assert clause["modification"]["verdict"] == "unknown"
    delay = clause["delay"]
    # The clauses table's single deadline (5 days): C2 is on time, open C4 is late.
    assert delay["deadline_days"] == 5
    assert (delay["late"], delay["decided"]) == (1, 2)
    assert delay["late_share"] == pytest.approx(1 / 3)
    assert delay["verdict"] == "on_time"


def test_deadline_segments_follow_clause_versions() -> None:
    segments = deadline_segments(_context(), ["LOC-1"])
    assert [(s.start, s.deadline_days) for s in segments] == [
        (dt.date(1900, 1, 1), 5),
        (dt.date(2018, 4, 1), 3),
    ]


def test_an_out_of_calendar_date_makes_the_delay_unknown() -> None:
    ctx = _context()
    late = DiagnosisContext(
        dataset=ctx.dataset,
        engine=ctx.engine,
        period=Period(start=PERIOD.start, end=dt.date(2099, 1, 1)),
        rules_on=ON,
        library=ctx.library,
        coverage=ctx.coverage,
    )
    delay = goggin(late).to_dict()["clauses"][0]["delay"]
    assert delay["verdict"] == "unknown"
    assert "工作日历未覆盖" in delay["reason"]


def test_demo_goggin(duckdb_report: dict[str, Any]) -> None:
    section = duckdb_report["goggin"]
    clauses = {c["clause_id"]: c for c in section["clauses"]}
    # Every local clause of the district refines a superior one and has cases.
    assert {f"CL-C-{i:02d}" for i in range(1, 11)} <= set(clauses)
    # Staged start-up funding reaches the start-ups the city clause meant.
    assert clauses["CL-C-06"]["intent"]["verdict"] == "carried_out"
    assert clauses["CL-C-06"]["intent"]["startup_share_recipients"] == 1.0
    # Awards drifted to high-end talents (锦上添花易).
    assert clauses["CL-C-01"]["intent"]["verdict"] == "drifted"
    assert clauses["CL-C-01"]["intent"]["direction"] == "higher_status"
    # Blocked by a missing audit rule, nobody received it.
    assert clauses["CL-ZJ-02"]["intent"]["verdict"] == "not_carried_out"
    # The district narrowed the city's award to A–C tiers.
    assert clauses["CL-C-01"]["modification"]["verdict"] == "narrowed"
    assert clauses["CL-C-05"]["modification"]["veto_steps_added"] == 1
    assert sum(section["summary"]["delay"].values()) == len(clauses)
    assert clauses["CL-C-06"]["delay"]["verdict"] == "on_time"
