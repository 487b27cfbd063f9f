"""Factors P1–P4: ambiguity, incentives, veto departments, organisation; by hand, on the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.diagnosis import DiagnosisContext, Period
from luodi.diagnosis.factors import factors
from luodi.engines import get_engine
from luodi.policy.library import Library
from luodi.policy.model import PolicyDocument

PERIOD = Period(start=dt.date(2018, 1, 1), end=dt.date(2018, 6, 30))


def _clause(cid: str, policy: str, text: str, kind: str, **more: Any) -> dict[str, Any]:
    return {
        "clause_id": cid,
        "policy_id": policy,
        "text": text,
        "benefit_kind": kind,
        "delivery_mode": "application",
        **more,
    }


CLAUSES = [
    # Vague and bare: every mark of ambiguity.
    _clause("K1", "PC", "按要求给予一定资助", "subsidy"),
    _clause("K2", "PD", "给予10万元资助", "subsidy", refines="K1", amount=100000.0,
            deadline_days=20),
    # Clear, but no lead department on its route.
    _clause("K3", "PC", "给予5000元住房补贴", "housing", amount=5000.0, deadline_days=10),
    _clause("K4", "PD", "给予5000元住房补贴", "housing", refines="K3", amount=5000.0,
            deadline_days=10),
    _clause("S1", "PP", "给予人才奖励", "cash_award", amount=100.0, deadline_days=10),
]  # fmt: skip
ROUTES = [
    {"clause_id": "K2", "position": 1, "department_id": "D-TO", "role": "lead"},
    {"clause_id": "K2", "position": 2, "department_id": "D-HR", "role": "co"},
    {"clause_id": "K3", "position": 1, "department_id": "D-HR", "role": "co"},
    {"clause_id": "K4", "position": 1, "department_id": "D-HR", "role": "co"},
    {"clause_id": "S1", "position": 1, "department_id": "D-TO", "role": "lead"},
]


def _library() -> Library:
    def doc(pid: str, level: str, clauses: list[dict[str, Any]]) -> PolicyDocument:
        return PolicyDocument.model_validate(
            {
                "id": pid,
                "title": pid,
                "issuer": "D-TO",
                "level": level,
                "region": "R",
                "issued_on": dt.date(2017, 1, 1),
                "effective_from": dt.date(2017, 1, 1),
                "clauses": clauses,
            }
        )

    route = [{"department": "D-HR", "role": "co"}]
    housing = {"kind": "housing", "amount": 5000}
    return Library(
        documents=(
            doc("PC", "city", [
                {"id": "K1", "number": "1", "text": "按要求给予一定资助",
                 "benefit": {"kind": "subsidy"}},
                {"id": "K3", "number": "3", "text": "给予5000元住房补贴", "benefit": housing,
                 "route": route, "deadline_days": 10},
            ]),
            doc("PD", "district", [
                {"id": "K2", "number": "2", "text": "给予10万元资助", "refines": "K1",
                 "benefit": {"kind": "subsidy", "amount": 100000}, "deadline_days": 20,
                 "route": [{"department": "D-TO", "role": "lead"},
                           {"department": "D-HR", "role": "co"}]},
                # The same rule as its superior: not modified.
                {"id": "K4", "number": "4", "text": "给予5000元住房补贴", "refines": "K3",
                 "benefit": housing, "route": route, "deadline_days": 10},
            ]),
        )
    )  # fmt: skip


def _case(
    cid: str, clause: str, person: str | None = None, employer: str | None = None
) -> dict[str, Any]:
    return {
        "case_id": cid,
        "clause_id": clause,
        "person_id": person,
        "employer_id": employer,
        "opened_at": dt.datetime(2018, 2, 1, 9),
        "status": "closed",
    }


def _paid(case_id: str, amount: float) -> dict[str, Any]:
    return {
        "disbursement_id": f"M-{case_id}",
        "case_id": case_id,
        "phase": 1,
        "amount": amount,
        "paid_on": dt.date(2018, 3, 1),
    }


def _event(eid: str, case: str, department: str, decision: str) -> dict[str, Any]:
    return {
        "event_id": eid,
        "case_id": case,
        "department_id": department,
        "decision": decision,
        "timestamp": dt.datetime(2018, 2, 1, 9),
    }


def _step(
    sid: str,
    case: str,
    position: int,
    department: str,
    status: str,
    *,
    arrived: bool = True,
    **more: Any,
) -> dict[str, Any]:
    return {
        "step_id": sid,
        "case_id": case,
        "position": position,
        "department_id": department,
        "status": status,
        "arrived_at": dt.datetime(2018, 2, 1, 10) if arrived else None,
        **more,
    }


def _rows() -> dict[str, list[dict[str, Any]]]:
    return {
        "policies": [
            {"policy_id": "PC", "level": "city"},
            {"policy_id": "PD", "level": "district"},
            {"policy_id": "PP", "level": "province"},
        ],
        "clauses": CLAUSES,
        "clause_routes": ROUTES,
        "departments": [
            {"department_id": "D-TO", "kind": "talent_office", "is_veto": False},
            {"department_id": "D-AUD", "kind": "audit", "is_veto": True},
            {"department_id": "D-EDU", "kind": "education", "is_veto": False},
            {"department_id": "D-HR", "kind": "hr_social_security", "is_veto": False},
        ],
        "staff": [
            {"staff_id": f"S{i}", "department_id": d}
            for i, d in enumerate(["D-TO", "D-TO", "D-HR", "D-HR", "D-HR"])
        ],
        "persons": [
            {"person_id": "P1", "talent_tier": "A", "arrived_on": dt.date(2018, 2, 1)},
            {"person_id": "P2", "talent_tier": "D", "arrived_on": dt.date(2018, 3, 1)},
            {"person_id": "P3", "talent_tier": "general", "arrived_on": dt.date(2015, 1, 1)},
        ],
        "employers": [
            {"employer_id": "E1", "stage": "mature"},
            {"employer_id": "E2", "stage": "startup"},
        ],
        "cases": [
            _case("X1", "K2", person="P1"),
            _case("X2", "K2", person="P2"),
            _case("X3", "S1", person="P3"),
            _case("X4", "S1", person="P1"),
            _case("X5", "K2", employer="E1"),
            _case("X6", "K2", employer="E2"),
        ],
        "disbursements": [
            _paid("X1", 800.0),
            _paid("X2", 200.0),
            _paid("X3", 100.0),
            _paid("X4", 100.0),
            _paid("X5", 300.0),
            _paid("X6", 100.0),
        ],
        "events": [
            _event("V1", "X1", "D-TO", "submitted"),
            _event("V2", "X1", "D-TO", "approved"),
            _event("V3", "X1", "D-AUD", "received"),
            _event("V4", "X1", "D-AUD", "blocked_no_rule"),
            _event("V5", "X2", "D-TO", "approved"),
            _event("V6", "X2", "D-AUD", "approved"),
            _event("V7", "X3", "D-TO", "approved"),
            _event("V8", "X3", "D-EDU", "received"),
            _event("V9", "X4", "D-TO", "approved"),
            _event("V10", "X4", "D-AUD", "blocked_no_rule"),
            _event("V11", "X4", "D-AUD", "blocked_no_rule"),
        ],
        "case_steps": [
            _step("T1", "X1", 1, "D-TO", "approved"),
            # The same case as the event at D-AUD: one block.
            _step("T2", "X1", 2, "D-AUD", "blocked", missing_rule="Q"),
            _step("T3", "X2", 1, "D-TO", "approved"),
            _step("T4", "X2", 2, "D-AUD", "approved"),
            # A block naming no missing rule is not a lack of supporting rule.
            _step("T5", "X2", 3, "D-HR", "blocked"),
            _step("T6", "X3", 1, "D-TO", "approved"),
            _step("T7", "X3", 2, "D-EDU", "blocked", missing_rule="R", conflict_id="CF1"),
            _step("T8", "X4", 1, "D-TO", "approved"),
            _step("T9", "X4", 2, "D-AUD", "pending"),
            # Not reached yet: no arrival.
            _step("T10", "X4", 3, "D-HR", "waiting", arrived=False),
        ],
        "conflicts": [
            {
                "conflict_id": "CF1",
                "department_a": "D-TO",
                "department_b": "D-HR",
                "status": "open",
            },
            {
                "conflict_id": "CF2",
                "department_a": "D-TO",
                "department_b": "D-EDU",
                "status": "resolved",
            },
        ],
        "exceptions": [
            {"exception_id": "EX1", "case_id": "X3", "department_id": "D-TO"},
            {"exception_id": "EX2", "case_id": None, "department_id": "D-TO"},
        ],
        "inquiries": [
            {"inquiry_id": f"I{i}", "submitted_at": dt.datetime(2018, 2, 1), "status": "routed"}
            for i in range(4)
        ],
        "surveys": [{"survey_id": "SV", "opened_on": dt.date(2018, 1, 1)}],
        "survey_responses": [
            {"survey_id": "SV", "respondent_id": f"R{i}", "item_code": "channel", "value": v}
            for i, v in enumerate(["outreach", "none", "active", "active"])
        ],
    }


def _context(*, rules: bool = True, engine: str = "duckdb") -> DiagnosisContext:
    return DiagnosisContext(
        dataset=Dataset.from_rows(_rows()),
        engine=get_engine(engine),
        period=PERIOD,
        rules_on=PERIOD.end,
        library=_library() if rules else None,
    )


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return factors(_context()).to_dict()


def test_p1_vague_terms_and_missing_elements(small: dict[str, Any]) -> None:
    clauses = {c["clause_id"]: c for c in small["p1_ambiguity"]["clauses"]}
    assert [(t["term"], t["start"], t["end"]) for t in clauses["K1"]["vague_terms"]] == [
        ("按要求", 0, 3),
        ("一定", 5, 7),
    ]
    assert clauses["K1"]["missing_elements"] == ["who", "how_much", "when", "how"]
    assert clauses["K1"]["ambiguity"] == 1.0
    assert clauses["K2"]["missing_elements"] == []
    assert clauses["K2"]["ambiguity"] == 0.0
    assert clauses["K3"]["missing_elements"] == ["who"]
    assert clauses["K3"]["ambiguity"] == pytest.approx(0.2)
    assert clauses["K1"]["level"] == "city"


def test_p1_vague_superiors_are_modified_more(small: dict[str, Any]) -> None:
    p1 = small["p1_ambiguity"]
    assert [(link["superior_clause_id"], link["clause_id"], link["modified"])
            for link in p1["links"]] == [("K1", "K2", True), ("K3", "K4", False)]  # fmt: skip
    assert p1["vague_superior_modified_share"] == 1.0
    assert p1["clear_superior_modified_share"] == 0.0
    assert p1["clear_superior_changes_mean"] == 0.0
    assert p1["vague_clauses"] == 1


def test_p1_without_rules_reads_the_tables() -> None:
    p1 = factors(_context(rules=False)).to_dict()["p1_ambiguity"]
    assert p1["vague_superior_modified_share"] is None
    assert p1["reason"]
    clauses = {c["clause_id"]: c for c in p1["clauses"]}
    assert clauses["K1"]["missing_elements"] == ["who", "how_much", "when", "how"]


def test_p2_money_against_the_high_end_share(small: dict[str, Any]) -> None:
    p2 = small["p2_incentives"]
    # Talents got 1,200: high-end 900, middle 200, general 100.
    assert p2["person_money"] == 1200.0
    assert p2["high_end_money_share"] == pytest.approx(0.75)
    assert p2["high_end_population_share"] == pytest.approx(1 / 3)
    co, sup = p2["co_funded"], p2["superior_funded"]
    assert (co["money"], co["person_money"], co["employer_money"]) == (1400.0, 1000.0, 400.0)
    assert co["high_end_share"] == pytest.approx(0.8)
    assert co["mature_share"] == 0.75
    assert co["clauses"] == ["K2"]
    assert sup["clauses"] == ["S1"]
    assert sup["high_end_share"] == 0.5
    assert sup["mature_share"] is None
    assert p2["money_per_recipient_by_tier_group"] == {
        "general": 100.0,
        "middle": 200.0,
        "high_end": 900.0,
    }
    # Arrived in the period: P1 (high-end) and P2.
    assert (p2["high_end_introduced"], p2["introduced"]) == (1, 2)


def test_p3_blocks_conflicts_exceptions_per_department(small: dict[str, Any]) -> None:
    p3 = small["p3_veto"]
    rows = {d["department_id"]: d for d in p3["departments"]}
    assert sorted(rows) == ["D-AUD", "D-EDU", "D-HR", "D-TO"]
    audit, edu, office, hr = rows["D-AUD"], rows["D-EDU"], rows["D-TO"], rows["D-HR"]
    assert (audit["is_veto"], audit["cases"], audit["blocks"], audit["decisions"]) == (
        True,
        3,
        2,
        4,
    )
    assert audit["block_share"] == pytest.approx(2 / 3)
    assert (edu["blocks"], edu["block_share"], edu["conflicts_cited"]) == (1, 1.0, ["CF1"])
    assert (edu["conflicts"], edu["conflicts_open"]) == (1, 0)
    assert (office["conflicts"], office["conflicts_open"], office["exceptions"]) == (2, 1, 2)
    assert (office["decisions"], office["blocks"]) == (4, 0)
    assert (hr["blocks"], hr["cases"], hr["block_share"]) == (0, 1, 0.0)
    assert office["cases"] == 4
    assert p3["reached_source"] == "case_steps"
    assert (p3["blocks"], p3["veto_blocks"]) == (3, 2)
    assert p3["veto_block_share"] == pytest.approx(2 / 3)
    assert audit["blocks_evidence"] == {
        "kind": "cases",
        "filters": {"decision": "blocked_no_rule", "department_id": "D-AUD"},
    }


def test_p3_without_steps_counts_cases_from_events() -> None:
    rows = _rows()
    rows["case_steps"] = []
    ctx = DiagnosisContext(
        dataset=Dataset.from_rows(rows),
        engine=get_engine(),
        period=PERIOD,
        rules_on=PERIOD.end,
    )
    p3 = factors(ctx).to_dict()["p3_veto"]
    departments = {d["department_id"]: d for d in p3["departments"]}
    assert p3["reached_source"] == "events"
    assert (departments["D-AUD"]["cases"], departments["D-AUD"]["blocks"]) == (3, 2)
    # Without the step, D-EDU's only block is gone; it still reached one case.
    assert (departments["D-EDU"]["cases"], departments["D-EDU"]["blocks"]) == (1, 0)
    assert "D-HR" in departments  # a party to an open conflict
    assert departments["D-HR"]["cases"] == 0


def test_p4_staffing_and_outreach(small: dict[str, Any]) -> None:
    p4 = small["p4_organisation"]
    assert (p4["talent_office_staff"], p4["staff"], p4["talents"]) == (2, 5, 3)
    assert p4["staff_per_1000_talents"] == pytest.approx(2000 / 3)
    assert p4["inquiries"] == 4
    assert p4["inquiries_per_staff"] == pytest.approx(0.8)
    assert p4["inquiries_per_talent_office_staff"] == 2.0
    assert p4["outreach_share"] == 0.25
    assert p4["evidence"] == {"kind": "department", "filters": {"department_id": "D-TO"}}


def test_findings_are_split_by_factor(small: dict[str, Any]) -> None:
    codes = [f["code"] for f in small["findings"]]
    assert {"p1.vague_clauses", "p2.high_end_money", "p3.veto_blocks", "p4.staffing"} <= set(codes)
    assert all(f["code"].startswith("p3.") for f in small["p3_veto"]["findings"])


def test_demo_factors(duckdb_report: dict[str, Any]) -> None:
    section = duckdb_report["factors"]
    clauses = {c["clause_id"]: c for c in section["p1_ambiguity"]["clauses"]}
    # The study's vague words: 按要求, 探索, 一定 in the city's clauses.
    assert {t["term"] for t in clauses["CL-H-01"]["vague_terms"]} == {"按要求"}
    assert {t["term"] for t in clauses["CL-H-03"]["vague_terms"]} == {"探索", "一定"}
    # Three talent-office staff for the district's talents.
    p4 = section["p4_organisation"]
    assert p4["talent_office_staff"] == 3
    assert p4["staff_per_1000_talents"] == pytest.approx(3000 / p4["talents"])
    assert p4["outreach_share"] == pytest.approx(0.49, abs=0.005)
    # Audit and discipline inspection block cases; conflicts stay open.
    veto = {d["department_id"]: d for d in section["p3_veto"]["departments"] if d["is_veto"]}
    assert veto["C-AUD"]["blocks"] > 0
    assert veto["C-DIS"]["blocks"] > 0
    assert veto["C-DIS"]["conflicts_open"] == 1
    p2 = section["p2_incentives"]
    assert p2["high_end_money_share"] > 5 * p2["high_end_population_share"]
