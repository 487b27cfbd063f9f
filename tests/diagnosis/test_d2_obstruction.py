"""D2 obstruction: landing, where cases stop, blocks per veto department, on a hand fixture."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.diagnosis.obstruction import obstruction
from luodi.engines import get_engine
from tests.diagnosis.d1d2_rows import context, d2_dataset, demo_context


@pytest.fixture(scope="module")
def d2() -> dict[str, Any]:
    return obstruction(context(d2_dataset())).to_dict()


def _clause(d2: dict[str, Any], clause_id: str) -> dict[str, Any]:
    return next(c for c in d2["clauses"] if c["clause_id"] == clause_id)


def test_landing_item_of_the_latest_survey(d2: dict[str, Any]) -> None:
    landing = d2["landing"]
    assert landing["survey_id"] == "SV-NEW"
    # The answer that is no option of the item is not a valid answer.
    assert landing["valid_n"] == 10
    assert landing["counts"] == {"good": 2, "fair": 3, "poor": 5}
    assert d2["landing_poor_share"] == pytest.approx(0.5)


def test_landing_rates_and_informal_share(d2: dict[str, Any]) -> None:
    assert [c["clause_id"] for c in d2["clauses"]] == ["K1", "K2"]
    k1, k2 = _clause(d2, "K1"), _clause(d2, "K2")
    assert (k1["eligible"], k1["applied"], k1["cases"], k1["received"]) == (5, 5, 5, 1)
    assert k1["eligible_source"] == "applications"
    assert k1["landing_rate"] == pytest.approx(0.2)
    assert (k1["exceptions"], k1["informal_share"]) == (1, pytest.approx(0.2))
    assert (k2["applied"], k2["received"], k2["landing_rate"]) == (2, 0, 0.0)
    assert k2["informal_share"] == 0.0
    assert k1["open_conflicts"] == ["CF1"]
    assert k2["open_conflicts"] == ["CF3"]
    assert k1["level"] == "district"
    assert k1["number"] == "第K1条"


def test_stop_points(d2: dict[str, Any]) -> None:
    k1 = [(s["department_id"], s["position"], s["count"]) for s in _clause(d2, "K1")["stopped"]]
    # C3 rejected and C7 pending at HR; C2 blocked at AUD; C4's withdrawal cancelled its
    # steps, so it stops at its last event's department, with no position.
    assert k1 == [("D-HR", 2, 2), ("D-AUD", 3, 1), ("D-TO", None, 1)]
    k2 = [(s["department_id"], s["position"], s["count"]) for s in _clause(d2, "K2")["stopped"]]
    assert k2 == [("D-DIS", None, 1), ("D-EDU", None, 1)]
    hr = _clause(d2, "K1")["stopped"][0]["evidence"]
    assert hr == {
        "kind": "cases",
        "filters": {"clause_id": "K1", "stopped_department_id": "D-HR", "stopped_position": "2"},
    }


def test_blocks_for_lack_of_a_rule(d2: dict[str, Any]) -> None:
    k1 = _clause(d2, "K1")["blocked_no_rule"]
    # The step and the event of the same block count once.
    assert [(b["department_id"], b["is_veto"], b["count"], b["missing_rules"]) for b in k1] == [
        ("D-AUD", True, 1, ["审计办法"])
    ]
    k2 = _clause(d2, "K2")["blocked_no_rule"]
    assert [(b["department_id"], b["count"], b["missing_rules"]) for b in k2] == [("D-DIS", 1, [])]
    veto = [(v["department_id"], v["count"], v["clauses"]) for v in d2["blocks_by_veto_department"]]
    assert veto == [("D-AUD", 1, ["K1"]), ("D-DIS", 1, ["K2"])]
    assert d2["blocks_by_veto_department"][0]["evidence"] == {
        "kind": "cases",
        "filters": {"decision": "blocked_no_rule", "department_id": "D-AUD"},
    }


def test_findings_carry_values(d2: dict[str, Any]) -> None:
    codes = {f["code"]: f for f in d2["findings"]}
    assert codes["d2.landing_poor_share"]["value"] == pytest.approx(0.5)
    assert codes["d2.lowest_landing_rate"]["value"] == 0.0
    assert codes["d2.exceptions"]["value"] == 1
    assert all(f["text_zh"] and f["text_en"] for f in d2["findings"])


def test_demo_obstruction(demo_dataset: Dataset) -> None:
    d2 = obstruction(demo_context(demo_dataset, get_engine("duckdb"))).to_dict()
    assert round(d2["landing_poor_share"], 3) == 0.467
    assert d2["steps_source"] == "case_steps"
    clauses = {c["clause_id"]: c for c in d2["clauses"]}
    # The clauses the study names as not landing: research funds (audit), in-post
    # entrepreneurship (discipline inspection), tax deduction (tax), school places (education).
    for clause_id in ("CL-ZJ-01", "CL-ZJ-02", "CL-ZJ-03"):
        assert clauses[clause_id]["landing_rate"] == 0.0
    assert clauses["CL-C-08"]["exceptions"] == 3
    assert clauses["CL-C-08"]["open_conflicts"] == ["CF-01"]
    veto = {v["department_id"]: v for v in d2["blocks_by_veto_department"]}
    assert set(veto) == {"C-AUD", "C-DIS"}
    assert veto["C-DIS"]["clauses"] == ["CL-ZJ-01"]
    assert "CL-ZJ-02" in veto["C-AUD"]["clauses"]
    nodes = {n["department_id"]: n for n in d2["network"]["nodes"]}
    assert nodes["C-AUD"]["is_veto"]
    assert nodes["C-DIS"]["is_veto"]
    assert nodes["C-DIS"]["stopped"] == nodes["C-DIS"]["cases"] == 6
