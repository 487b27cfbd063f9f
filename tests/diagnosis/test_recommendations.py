"""Recommendations: each rule fires past its threshold only, with evidence that resolves."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from luodi.diagnosis.recommendations import (
    EvidenceRef,
    Recommendation,
    pointer,
    recommendations,
    resolve,
)
from luodi.diagnosis.values import REMEDIES

SAMPLE = Path(__file__).parent / "fixtures" / "diagnosis_sample.json"


def _tier(group: str, ratio: float, money: float, population: float) -> dict[str, Any]:
    return {
        "group": group,
        "money_to_population_ratio": ratio,
        "money_share": money,
        "population_share": population,
    }


def _sections() -> dict[str, dict[str, Any]]:
    """A report whose every figure sits just past its rule's threshold, in the spec's shapes."""
    return {
        "d1_function_alienation": {
            "allocation": {
                "by_tier_group": [
                    _tier("general", 0.2, 0.1, 0.5),
                    _tier("middle", 1.0, 0.3, 0.3),
                    _tier("high_end", 3.0, 0.6, 0.2),
                ],
                "by_employer_stage": [
                    _tier("startup", 0.5, 0.2, 0.4),
                    _tier("growth", 1.0, 0.3, 0.3),
                    _tier("mature", 1.5, 0.5, 0.3),
                ],
            },
            "funnels": [
                {
                    "clause_id": "CL-F",
                    "eligible": 14,
                    "phase_1": 10,
                    "phase_2": 6,
                    "phase_3": 2,
                    "phase_4": 0,
                    "phases": 4,
                    "attrition": [
                        {"from": "eligible", "to": "phase_1", "lost": 4,
                         "reasons": [{"reason": "未申请", "department_id": None, "count": 4}]},
                        {"from": "phase_1", "to": "phase_2", "lost": 4,
                         "reasons": [{"reason": "营业收入不足", "department_id": "D-ST",
                                      "count": 3},
                                     {"reason": "撤回", "department_id": "D-TO", "count": 1}]},
                    ],
                }
            ],
        },
        "d2_obstruction": {
            "landing_poor_share": 0.4,
            "clauses": [
                {"clause_id": "CL-OK", "eligible": 20, "received": 15, "landing_rate": 0.75,
                 "stopped": [], "blocked_no_rule": [], "open_conflicts": [], "exceptions": 0,
                 "informal_share": 0.0},
                {"clause_id": "CL-LOW", "eligible": 10, "received": 3, "landing_rate": 0.3,
                 "stopped": [{"department_id": "D-HR", "position": 2, "count": 2},
                             {"department_id": "D-AUD", "position": 3, "count": 5}],
                 "blocked_no_rule": [{"department_id": "D-AUD", "is_veto": True, "count": 5,
                                      "missing_rules": ["审计办法"]}],
                 "open_conflicts": ["CF-1"], "exceptions": 1, "informal_share": 0.1},
                # Too few eligible for a landing rate to mean anything.
                {"clause_id": "CL-FEW", "eligible": 2, "received": 0, "landing_rate": 0.0,
                 "stopped": [], "blocked_no_rule": [], "open_conflicts": [], "exceptions": 0,
                 "informal_share": 0.0},
            ],
            "departments": [
                {"department_id": "D-AUD", "name": "审计局", "steps": 20,
                 "over_deadline_share": 0.25, "waiting_days_median": 12.0},
                {"department_id": "D-HR", "name": "人社局", "steps": 30,
                 "over_deadline_share": 0.1, "waiting_days_median": 3.0},
            ],
            "blocks_by_veto_department": [
                {"department_id": "D-AUD", "count": 5, "clauses": ["CL-LOW"]}
            ],
        },
        "d3_dialogue": {
            "awareness_mean": 2.5,
            "channels": {"none": 0.2, "active": 0.3, "outreach": 0.5},
            "problem_funnel": {
                "had_problem": 0.5,
                "knew_department": 0.4,
                "solved_among_knew": 0.7,
                "derived": {"solved_among_had_problem": 0.28, "knew_among_all": 0.2},
            },
            "inquiries": {
                "groups": [
                    {"group": {"department_id": "D-EDU"},
                     "resolution_rate": {"value": 0.3, "numerator": 3, "denominator": 10},
                     "on_time_rate": {"value": 0.9, "numerator": 9, "denominator": 10}},
                    {"group": {"department_id": "D-HR"},
                     "resolution_rate": {"value": 0.5, "numerator": 2, "denominator": 4},
                     "on_time_rate": {"value": 0.5, "numerator": 2, "denominator": 4}},
                ]
            },
        },
        "goggin": {
            "clauses": [
                {"clause_id": "CL-G", "refines": "CL-SUP",
                 "intent": {"verdict": "drifted", "direction": "higher_status", "distance": 0.5,
                            "superior_clause_id": "CL-SUP",
                            "groups": [{"group": "general", "superior_eligible_share": 0.6,
                                        "recipient_share": 0.1},
                                       {"group": "high_end", "superior_eligible_share": 0.4,
                                        "recipient_share": 0.9}]},
                 "delay": {"verdict": "delayed", "late_share": 0.6, "deadline_days": 20,
                           "median_working_days": 25.0},
                 "modification": {"verdict": "narrowed", "coverage_cost_share": 0.5,
                                  "coverage_cost": 10, "superior_eligible": 20,
                                  "local_eligible": 10}},
                {"clause_id": "CL-H", "refines": "CL-SUP",
                 "intent": {"verdict": "carried_out", "direction": "none", "distance": 0.1},
                 "delay": {"verdict": "on_time", "late_share": 0.1},
                 "modification": {"verdict": "widened", "coverage_cost_share": 0.0}},
            ]
        },
        "factors": {
            "p1_ambiguity": {
                "clauses": [
                    {"clause_id": "CL-SUP", "vague_terms": [{"term": "探索", "start": 0,
                                                              "end": 2}],
                     "missing_elements": ["how_much"], "ambiguity": 0.4},
                    {"clause_id": "CL-G", "vague_terms": [], "missing_elements": [],
                     "ambiguity": 0.0},
                ],
                "links": [{"superior_clause_id": "CL-SUP", "clause_id": "CL-G",
                           "superior_vague": True, "modified": True, "changes": 2}],
            },
            "p2_incentives": {
                "co_funded": {"high_end_share": 0.8},
                "superior_funded": {"high_end_share": 0.5},
            },
            "p3_veto": {"veto_block_share": 0.6},
            "p4_organisation": {"staff_per_1000_talents": 1.5, "talent_office_staff": 3,
                                "talents": 2000, "talent_office_ids": ["D-TO"]},
        },
    }  # fmt: skip


EXPECTED = {
    "hier.high_end_money",
    "hier.staged_funding",
    "hier.intent_drift",
    "hier.narrowed",
    "hier.co_funding",
    "hier.vague_superior",
    "hier.delay",
    "multi.veto_rule",
    "multi.landing",
    "multi.conflict",
    "multi.informal",
    "multi.overdue",
    "multi.coordination",
    "dialogue.awareness",
    "dialogue.channels",
    "dialogue.routing",
    "dialogue.solving",
    "dialogue.desk_resolution",
    "dialogue.staffing",
}


def _by_code(sections: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for rec in recommendations(sections):
        out.setdefault(rec.code, []).append(rec.to_dict())
    return out


def test_every_rule_fires_past_its_threshold() -> None:
    found = _by_code(_sections())
    assert set(found) == EXPECTED
    # One per clause or department that crossed: CL-LOW lands badly, CL-FEW is too small.
    assert [r["evidence"][0]["clause_id"] for r in found["multi.landing"]] == ["CL-LOW"]
    assert [r["evidence"][0]["department_id"] for r in found["multi.overdue"]] == ["D-AUD"]
    # D-HR's four inquiries are too few to judge; its on-time rate does not fire.
    (desk,) = found["dialogue.desk_resolution"]
    assert [e["department_id"] for e in desk["evidence"]] == ["D-EDU"]


def test_every_evidence_resolves_to_its_value() -> None:
    sections = _sections()
    for rec in recommendations(sections):
        assert rec.evidence
        for evidence in rec.evidence:
            assert resolve(sections, evidence.path) == evidence.value, (rec.code, evidence)


def test_evidence_names_the_clause_or_department() -> None:
    found = _by_code(_sections())
    (veto,) = found["multi.veto_rule"]
    assert veto["evidence"][0] == {
        "path": "/d2_obstruction/blocks_by_veto_department/0/count",
        "value": 5,
        "department_id": "D-AUD",
    }
    assert "审计局（D-AUD）" in veto["text_zh"]
    assert "审计办法" in veto["text_zh"]
    (landing,) = found["multi.landing"]
    # The department where most of the clause's unlanded cases stop.
    assert landing["evidence"][1]["department_id"] == "D-AUD"
    (staged,) = found["hier.staged_funding"]
    assert staged["evidence"][0] == {
        "path": "/d1_function_alienation/funnels/0/phase_4",
        "value": 0,
        "clause_id": "CL-F",
    }
    assert staged["evidence"][-1]["department_id"] == "D-ST"
    (drift,) = found["hier.intent_drift"]
    assert (
        drift["evidence"][1]["path"] == "/goggin/clauses/0/intent/groups/0/superior_eligible_share"
    )


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        ("/d1_function_alienation/allocation/by_tier_group/2/money_to_population_ratio", 1.99,
         "hier.high_end_money"),
        ("/d1_function_alienation/funnels/0/phase_4", 5, "hier.staged_funding"),
        ("/goggin/clauses/0/intent/distance", 0.19, "hier.intent_drift"),
        ("/goggin/clauses/0/modification/coverage_cost_share", 0.29, "hier.narrowed"),
        ("/factors/p2_incentives/co_funded/high_end_share", 0.59, "hier.co_funding"),
        ("/goggin/clauses/0/delay/late_share", 0.24, "hier.delay"),
        ("/d2_obstruction/clauses/1/landing_rate", 0.5, "multi.landing"),
        ("/d2_obstruction/clauses/1/informal_share", 0.04, "multi.informal"),
        ("/d2_obstruction/departments/0/over_deadline_share", 0.19, "multi.overdue"),
        ("/d2_obstruction/landing_poor_share", 0.29, "multi.coordination"),
        ("/d2_obstruction/blocks_by_veto_department/0/count", 0, "multi.veto_rule"),
        ("/d3_dialogue/awareness_mean", 3.0, "dialogue.awareness"),
        ("/d3_dialogue/channels/none", 0.09, "dialogue.channels"),
        ("/d3_dialogue/problem_funnel/knew_department", 0.5, "dialogue.routing"),
        ("/d3_dialogue/problem_funnel/solved_among_knew", 0.8, "dialogue.solving"),
        ("/d3_dialogue/inquiries/groups/0/resolution_rate/value", 0.6,
         "dialogue.desk_resolution"),
        ("/factors/p4_organisation/staff_per_1000_talents", 2.0, "dialogue.staffing"),
    ],
)  # fmt: skip
def test_a_figure_on_the_right_side_of_its_threshold_fires_nothing(
    path: str, value: float, code: str
) -> None:
    sections = _sections()
    *parents, last = path.split("/")[1:]
    holder = resolve(sections, "/" + "/".join(parents))
    holder[int(last) if isinstance(holder, list) else last] = value
    assert code not in _by_code(sections)


def test_missing_sections_call_for_nothing() -> None:
    assert recommendations({}) == []
    partial = {"d3_dialogue": _sections()["d3_dialogue"]}
    assert {r.remedy for r in recommendations(partial)} == {"public_dialogue"}
    broken = copy.deepcopy(_sections())
    broken["d2_obstruction"]["clauses"] = "not a list"
    broken["d3_dialogue"]["awareness_mean"] = None
    codes = {r.code for r in recommendations(broken)}
    assert "multi.landing" not in codes
    assert "dialogue.awareness" not in codes


def test_ordered_by_remedy_then_strength() -> None:
    recs = recommendations(_sections())
    order = list(REMEDIES)
    keys = [(order.index(r.remedy), -r.strength) for r in recs]
    assert keys == sorted(keys)
    assert all(0.0 <= r.strength <= 1.0 for r in recs)
    first = recs[0].to_dict()
    assert first["remedy_zh"] == REMEDIES[first["remedy"]][0]
    assert set(first) >= {"remedy", "remedy_zh", "code", "text_zh", "text_en", "evidence"}


def test_a_recommendation_without_evidence_is_refused() -> None:
    with pytest.raises(ValueError, match="no evidence"):
        Recommendation(
            remedy="hierarchical",
            code="x",
            text_zh="x",
            text_en="x",
            evidence=(),
            threshold=0,
            strength=0,
        )
    with pytest.raises(ValueError, match="unknown remedy"):
        Recommendation(
            remedy="other",
            code="x",
            text_zh="x",
            text_en="x",
            evidence=(EvidenceRef(path="/a", value=1),),
            threshold=0,
            strength=0,
        )


def test_pointer_escapes_and_resolves() -> None:
    assert pointer("a/b", "c~d", 0) == "/a~1b/c~0d/0"
    assert resolve({"a/b": {"c~d": [7]}}, "/a~1b/c~0d/0") == 7


def test_the_lead_sample_report() -> None:
    report = json.loads(SAMPLE.read_text(encoding="utf-8"))
    sections = {k: v for k, v in report.items() if k not in ("recommendations", "meta")}
    recs = recommendations(sections)
    assert recs
    for rec in recs:
        for evidence in rec.evidence:
            assert resolve(sections, evidence.path) == evidence.value


def test_demo_end_to_end(duckdb_report: dict[str, Any]) -> None:
    recs = duckdb_report["recommendations"]
    assert {r["remedy"] for r in recs} == set(REMEDIES)
    codes = {r["code"] for r in recs}
    # The study's findings each call for their remedy.
    assert {"hier.high_end_money", "hier.staged_funding", "multi.veto_rule", "multi.conflict",
            "dialogue.awareness", "dialogue.routing", "dialogue.staffing"} <= codes  # fmt: skip
    for rec in recs:
        assert rec["evidence"], rec["code"]
        for evidence in rec["evidence"]:
            assert resolve(duckdb_report, evidence["path"]) == evidence["value"], rec["code"]
    staged = next(r for r in recs if r["code"] == "hier.staged_funding")
    assert staged["evidence"][0]["clause_id"] == "CL-C-06"
    assert staged["evidence"][0]["value"] == 0
    veto = {r["evidence"][0]["department_id"] for r in recs if r["code"] == "multi.veto_rule"}
    assert {"C-AUD", "C-DIS"} <= veto
