"""Row builders for the hand-computed D1/D2 fixtures, and the demo context with its rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from luodi.contract import Dataset
from luodi.diagnosis import DiagnosisContext, period_of
from luodi.engines import Engine, get_engine

Row = dict[str, Any]

REGION = {"region_id": "R", "name": "C区", "level": "district", "parent_id": None}


def at(day: int, hour: int = 9, minute: int = 0, month: int = 1) -> dt.datetime:
    """A time in 2018 (January unless ``month`` says otherwise)."""
    return dt.datetime(2018, month, day, hour, minute)


def department(department_id: str, kind: str = "other", *, veto: bool = False) -> Row:
    return {
        "department_id": department_id,
        "name": f"{department_id}局",
        "kind": kind,
        "region_id": "R",
        "is_veto": veto,
    }


def person(person_id: str, tier: str) -> Row:
    return {
        "person_id": person_id,
        "name": person_id,
        "gender": "male",
        "birth_year": 1980,
        "nationality": "CN",
        "talent_tier": tier,
        "degree": "master",
        "title": "none",
        "discipline": "science_engineering",
        "political_status": "masses",
        "origin": "in_province",
    }


def employer(employer_id: str, stage: str) -> Row:
    return {
        "employer_id": employer_id,
        "name": employer_id,
        "kind": "high_tech_firm",
        "stage": stage,
        "region_id": "R",
        "founded_on": dt.date(2016, 1, 1),
        "employees": 10,
    }


def policy(policy_id: str, level: str = "district") -> Row:
    return {
        "policy_id": policy_id,
        "title": policy_id,
        "issuer_id": "D-TO",
        "level": level,
        "region_id": "R",
        "issued_on": dt.date(2017, 1, 1),
        "effective_from": dt.date(2017, 1, 1),
    }


def clause(clause_id: str, policy_id: str = "POL", *, deadline_days: int | None = None) -> Row:
    return {
        "clause_id": clause_id,
        "policy_id": policy_id,
        "number": f"第{clause_id}条",
        "text": "……",
        "benefit_kind": "subsidy",
        "deadline_days": deadline_days,
        "delivery_mode": "on_application",
    }


def case(
    case_id: str,
    clause_id: str,
    *,
    person_id: str | None = None,
    employer_id: str | None = None,
    status: str = "closed",
) -> Row:
    return {
        "case_id": case_id,
        "clause_id": clause_id,
        "person_id": person_id,
        "employer_id": employer_id,
        "opened_at": at(1, 8),
        "status": status,
        "closed_at": None,
    }


def event(
    event_id: str,
    case_id: str,
    department_id: str,
    when: dt.datetime,
    decision: str | None = None,
    reason: str | None = None,
) -> Row:
    return {
        "event_id": event_id,
        "case_id": case_id,
        "activity": f"{department_id} {decision or 'work'}",
        "department_id": department_id,
        "role": "officer",
        "timestamp": when,
        "lifecycle": "complete",
        "decision": decision,
        "reason": reason,
    }


def paid(disbursement_id: str, case_id: str, amount: float, phase: int = 1) -> Row:
    return {
        "disbursement_id": disbursement_id,
        "case_id": case_id,
        "phase": phase,
        "amount": amount,
        "paid_on": dt.date(2018, 1, 10),
    }


def step(
    case_id: str,
    position: int,
    department_id: str,
    status: str,
    *,
    arrived: dt.datetime | None = None,
    decided: dt.datetime | None = None,
    due: dt.date | None = None,
    missing_rule: str | None = None,
) -> Row:
    return {
        "step_id": f"{case_id}-{position}",
        "case_id": case_id,
        "position": position,
        "department_id": department_id,
        "route_role": "lead",
        "status": status,
        "arrived_at": arrived,
        "due_on": due,
        "decided_at": decided,
        "missing_rule": missing_rule,
    }


def dataset(tables: Mapping[str, Sequence[Row]]) -> Dataset:
    """A dataset with one region and one policy besides ``tables``."""
    rows: dict[str, Sequence[Row]] = {"regions": [REGION], "policies": [policy("POL")]}
    rows |= tables
    return Dataset.from_rows(rows)


def context(data: Dataset, engine: str = "duckdb") -> DiagnosisContext:
    """A context without rules: eligibility falls back to applications."""
    return DiagnosisContext(
        dataset=data,
        engine=get_engine(engine),
        period=period_of(data),
        rules_on=dt.date(2018, 6, 30),
    )


_DEMO: dict[str, DiagnosisContext] = {}


def demo_context(data: Dataset, engine: Engine) -> DiagnosisContext:
    """The demo district with its rules on ``engine``, built once per engine."""
    if engine.name not in _DEMO:
        from luodi.demo.people import REFERENCE_DATE
        from luodi.demo.policies import demo_library
        from luodi.policy.coverage import coverage

        library = demo_library()
        _DEMO[engine.name] = DiagnosisContext(
            dataset=data,
            engine=engine,
            period=period_of(data),
            rules_on=REFERENCE_DATE,
            library=library,
            coverage=coverage(library=library, dataset=data, engine=engine, on=REFERENCE_DATE),
        )
    return _DEMO[engine.name]


def d2_dataset() -> Dataset:
    """The D2 fixture: clause K1 (route D-TO → D-HR → D-AUD) and K2 (no recorded steps).

    K1, five applicants:
      C1 (P1) closed and paid; steps TO 1.0 d, HR 3.5 d (decided after due: over), AUD 12 h 29
         min (rounds to 0.5 d).
      C2 (P2) blocked at AUD (step 3 blocked with missing rule "审计办法", and the event);
         an exception was recorded on it. Steps TO 2.0 d, HR 30 min (rounds up to 1 h), AUD 1.0 d.
      C3 (P3) rejected at HR (step 2, 7.0 d, over); step 3 cancelled. TO 1.0 d.
      C4 (P4) withdrawn at TO: its only arrived step is cancelled (left out of waiting);
         the last event is the withdrawal at D-TO.
      C7 (P6) open, pending at HR since 20 Jan 09:00, due 25 Jan; the data ends 31 Jan, so
         it has waited until 1 Feb 00:00 = 11 d 15 h (over). TO 1.0 d.
    K2, two applicants, no steps: C5 (P1) open, last event received at D-EDU; C6 (P5)
      blocked by D-DIS (veto) in the event log only.
    Conflicts: CF1 open and CF2 resolved on K1, CF3 being coordinated on K2.
    Survey: an older survey says poor 10 times; the latest says good 2, fair 3, poor 5 and
      one answer that is no option.
    """
    day = dt.date
    steps = [
        step("C1", 1, "D-TO", "approved", arrived=at(1), decided=at(2), due=day(2018, 1, 5)),
        step("C1", 2, "D-HR", "approved", arrived=at(2), decided=at(5, 21), due=day(2018, 1, 4)),
        step(
            "C1",
            3,
            "D-AUD",
            "approved",
            arrived=at(5, 21),
            decided=at(6, 9, 29),
            due=day(2018, 1, 10),
        ),
        step("C2", 1, "D-TO", "approved", arrived=at(1), decided=at(3), due=day(2018, 1, 5)),
        step("C2", 2, "D-HR", "approved", arrived=at(3), decided=at(3, 9, 30), due=day(2018, 1, 8)),
        step(
            "C2",
            3,
            "D-AUD",
            "blocked",
            arrived=at(3, 10),
            decided=at(4, 10),
            due=day(2018, 1, 8),
            missing_rule="审计办法",
        ),
        step("C3", 1, "D-TO", "approved", arrived=at(1), decided=at(2), due=day(2018, 1, 5)),
        step("C3", 2, "D-HR", "rejected", arrived=at(2), decided=at(9), due=day(2018, 1, 8)),
        step("C3", 3, "D-AUD", "cancelled"),
        step("C4", 1, "D-TO", "cancelled", arrived=at(1), due=day(2018, 1, 5)),
        step("C4", 2, "D-HR", "cancelled"),
        step("C4", 3, "D-AUD", "cancelled"),
        step("C7", 1, "D-TO", "approved", arrived=at(19), decided=at(20), due=day(2018, 1, 24)),
        step("C7", 2, "D-HR", "pending", arrived=at(20), due=day(2018, 1, 25)),
        step("C7", 3, "D-AUD", "waiting"),
    ]
    events = [
        event("E01", "C1", "D-TO", at(1), "received"),
        event("E02", "C1", "D-TO", at(2), "approved"),
        event("E03", "C1", "D-HR", at(2), "received"),
        event("E04", "C1", "D-HR", at(5, 21), "approved"),
        event("E05", "C1", "D-AUD", at(5, 21), "received"),
        event("E06", "C1", "D-AUD", at(6, 9, 29), "approved"),
        event("E07", "C1", "D-FIN", at(8), "disbursed"),
        event("E08", "C2", "D-TO", at(1), "received"),
        event("E09", "C2", "D-HR", at(3), "received"),
        event("E10", "C2", "D-AUD", at(3, 10), "received"),
        event("E11", "C2", "D-AUD", at(4, 10), "blocked_no_rule", "缺少审计办法"),
        event("E12", "C2", "D-TO", at(4, 10), "escalated"),
        event("E13", "C3", "D-TO", at(1), "received"),
        event("E14", "C3", "D-HR", at(2), "received"),
        event("E15", "C3", "D-HR", at(9), "rejected", "不符合条件"),
        event("E16", "C4", "D-TO", at(1), "received"),
        event("E17", "C4", "D-TO", at(2), "withdrawn", "撤回"),
        event("E18", "C5", "D-TO", at(1), "submitted"),
        event("E19", "C5", "D-EDU", at(2), "received"),
        event("E20", "C6", "D-TO", at(1), "submitted"),
        event("E21", "C6", "D-DIS", at(2), "received"),
        event("E22", "C6", "D-DIS", at(3), "blocked_no_rule", "缺少配套规定"),
        event("E23", "C7", "D-TO", at(19), "received"),
        event("E24", "C7", "D-HR", at(20), "received"),
        event("E25", "C7", "D-HR", at(31, 12), "overdue"),
    ]
    conflict = {
        "title": "冲突",
        "rule_a": "甲",
        "department_a": "D-TO",
        "rule_b": "乙",
        "department_b": "D-EDU",
        "raised_on": dt.date(2018, 1, 1),
    }
    surveys = [
        {"survey_id": "SV-OLD", "title": "旧", "region_id": "R", "opened_on": day(2017, 4, 1)},
        {"survey_id": "SV-NEW", "title": "新", "region_id": "R", "opened_on": day(2018, 4, 1)},
    ]
    answers = [("SV-OLD", "poor")] * 10 + [("SV-NEW", "good")] * 2 + [("SV-NEW", "fair")] * 3
    answers += [("SV-NEW", "poor")] * 5 + [("SV-NEW", "n/a")]
    return dataset(
        {
            "departments": [
                department("D-TO", "talent_office"),
                department("D-HR", "hr_social_security"),
                department("D-AUD", "audit", veto=True),
                department("D-DIS", "discipline_inspection", veto=True),
                department("D-EDU", "education"),
                department("D-FIN", "finance"),
            ],
            "persons": [person(f"P{i}", "general") for i in range(1, 7)],
            "clauses": [clause("K1"), clause("K2")],
            "cases": [
                case("C1", "K1", person_id="P1"),
                case("C2", "K1", person_id="P2", status="blocked"),
                case("C3", "K1", person_id="P3", status="rejected"),
                case("C4", "K1", person_id="P4", status="withdrawn"),
                case("C5", "K2", person_id="P1", status="open"),
                case("C6", "K2", person_id="P5", status="blocked"),
                case("C7", "K1", person_id="P6", status="open"),
            ],
            "events": events,
            "disbursements": [paid("M1", "C1", 500.0)],
            "case_steps": steps,
            "exceptions": [
                {
                    "exception_id": "X1",
                    "case_id": "C2",
                    "department_id": "D-TO",
                    "what": "电话协调",
                    "why": "规定冲突",
                    "requested_by": "人才办",
                    "approved_by": "审计局",
                    "recorded_at": at(5),
                    "recorded_by": "S1",
                }
            ],
            "conflicts": [
                {**conflict, "conflict_id": "CF1", "clause_id": "K1", "status": "open"},
                {**conflict, "conflict_id": "CF2", "clause_id": "K1", "status": "resolved"},
                {**conflict, "conflict_id": "CF3", "clause_id": "K2", "status": "coordinating"},
            ],
            "surveys": surveys,
            "survey_responses": [
                {"survey_id": s, "respondent_id": f"R{i}", "item_code": "landing", "value": v}
                for i, (s, v) in enumerate(answers)
            ],
        }
    )
