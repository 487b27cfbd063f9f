"""D1 allocation: shares, ratios and the concentration index, by hand and on the demo."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.diagnosis.allocation import concentration_index, function_alienation
from luodi.engines import get_engine
from tests.diagnosis.d1d2_rows import (
    case,
    clause,
    context,
    dataset,
    demo_context,
    employer,
    paid,
    person,
)


@pytest.fixture(scope="module")
def section() -> dict[str, Any]:
    """Talents: 3 general, 1 middle, 1 high-end; employers: 2 start-ups, 1 mature.

    P1 paid 100; P2 rejected; P5 (high-end) paid 900 + 1000; P4 approved without money (so
    not a recipient); E1 paid 50, E3 paid 450, E2 rejected.
    """
    data = dataset(
        {
            "persons": [
                person("P1", "general"),
                person("P2", "general"),
                person("P3", "general"),
                person("P4", "D"),
                person("P5", "A"),
            ],
            "employers": [
                employer("E1", "startup"),
                employer("E2", "startup"),
                employer("E3", "mature"),
            ],
            "clauses": [clause("K1"), clause("K2"), clause("K3")],
            "cases": [
                case("C1", "K1", person_id="P1"),
                case("C2", "K1", person_id="P2", status="rejected"),
                case("C3", "K1", person_id="P5"),
                case("C4", "K2", person_id="P5"),
                case("C5", "K2", person_id="P4", status="approved"),
                case("C6", "K3", employer_id="E1"),
                case("C7", "K3", employer_id="E3"),
                case("C8", "K3", employer_id="E2", status="rejected"),
            ],
            "disbursements": [
                paid("M1", "C1", 100.0),
                paid("M3", "C3", 900.0),
                paid("M4", "C4", 1000.0),
                paid("M6", "C6", 50.0),
                paid("M7", "C7", 450.0),
            ],
        }
    )
    return function_alienation(context(data)).to_dict()


def _by_group(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["group"]: r for r in rows}


def test_tier_groups_by_hand(section: dict[str, Any]) -> None:
    allocation = section["allocation"]
    assert allocation["eligible_source"] == "applications"
    rows = allocation["by_tier_group"]
    assert [r["group"] for r in rows] == ["general", "middle", "high_end"]
    tiers = _by_group(rows)
    general, middle, high = tiers["general"], tiers["middle"], tiers["high_end"]
    assert (general["population"], general["eligible"], general["recipients"]) == (3, 2, 1)
    assert (middle["population"], middle["eligible"], middle["recipients"]) == (1, 1, 0)
    assert (high["population"], high["eligible"], high["recipients"]) == (1, 1, 1)
    assert (general["money"], middle["money"], high["money"]) == (100.0, 0.0, 1900.0)
    assert general["population_share"] == pytest.approx(0.6)
    assert general["eligible_share"] == pytest.approx(0.5)
    assert general["recipient_share"] == pytest.approx(0.5)
    assert general["money_share"] == pytest.approx(0.05)
    assert general["money_to_population_ratio"] == pytest.approx(0.05 / 0.6)
    assert general["recipients_to_population_ratio"] == pytest.approx(0.5 / 0.6)
    assert general["money_to_eligible_ratio"] == pytest.approx(0.1)
    assert general["recipients_to_eligible_ratio"] == pytest.approx(1.0)
    assert high["money_to_population_ratio"] == pytest.approx(4.75)
    assert high["money_to_eligible_ratio"] == pytest.approx(3.8)
    assert high["recipients_to_eligible_ratio"] == pytest.approx(2.0)
    assert middle["recipient_share"] == 0.0
    assert high["evidence"] == {
        "kind": "cases",
        "filters": {"paid": "yes", "tier_group": "high_end"},
    }


def test_employer_stages_by_hand(section: dict[str, Any]) -> None:
    stages = _by_group(section["allocation"]["by_employer_stage"])
    startup, growth, mature = stages["startup"], stages["growth"], stages["mature"]
    assert (startup["population"], startup["eligible"], startup["recipients"]) == (2, 2, 1)
    assert (growth["population"], growth["eligible"], growth["money"]) == (0, 0, 0.0)
    assert startup["money_share"] == pytest.approx(0.1)
    assert mature["money_share"] == pytest.approx(0.9)
    # A group with nobody in it has a share of 0, so its ratios are undefined, not 0.
    assert growth["population_share"] == 0.0
    assert growth["money_to_population_ratio"] is None
    assert mature["money_to_population_ratio"] == pytest.approx(0.9 / (1 / 3))


def test_concentration_index_by_hand(section: dict[str, Any]) -> None:
    index = section["allocation"]["concentration_index"]
    # Tiers: f = .6/.2/.2, money per head 100/3, 0, 1900, mean 400, R = .3/.7/.9:
    # C = 2/400 · (.6·100/3·.3 + .2·1900·.9) − 1 = 0.74.
    assert index["tier_group"] == pytest.approx(0.74)
    # Stages: f = 2/3, 0, 1/3, money per head 25, –, 450, mean 500/3 → C = 17/30.
    assert index["employer_stage"] == pytest.approx(17 / 30)
    assert "C = (2/μ)" in index["definition_en"]
    assert "集中指数" in index["definition_zh"]


def test_concentration_index_properties() -> None:
    assert concentration_index([1, 1, 1], [5, 5, 5]) == pytest.approx(0.0)
    # Everything to the lowest group is as negative as three groups allow.
    assert concentration_index([1, 1, 1], [9, 0, 0]) == pytest.approx(-2 / 3)
    assert concentration_index([1, 1, 1], [0, 0, 9]) == pytest.approx(2 / 3)
    assert concentration_index([1, 1], [0, 0]) is None


def test_no_staged_clause_means_no_funnel(section: dict[str, Any]) -> None:
    assert section["funnel"] is None
    assert section["funnels"] == []


def test_demo_money_flows_to_the_high_end(demo_dataset: Dataset) -> None:
    ctx = demo_context(demo_dataset, get_engine("duckdb"))
    d1 = function_alienation(ctx).to_dict()
    allocation = d1["allocation"]
    assert allocation["eligible_source"] == "rules"
    tiers = _by_group(allocation["by_tier_group"])
    assert tiers["high_end"]["money_share"] > 0.5 > tiers["high_end"]["population_share"]
    assert (
        tiers["general"]["money_to_population_ratio"]
        < 1
        < tiers["high_end"]["money_to_population_ratio"]
    )
    stages = _by_group(allocation["by_employer_stage"])
    assert (
        stages["mature"]["money_to_population_ratio"]
        > 1
        > stages["startup"]["money_to_population_ratio"]
    )
    assert allocation["concentration_index"]["tier_group"] > 0.5
    assert allocation["concentration_index"]["employer_stage"] > 0
    # With rules, eligible are the entitlements of the clauses applied for, summed.
    assert ctx.coverage is not None
    cased = {str(c) for c in demo_dataset["cases"].column("clause_id").to_pylist()}
    expected = sum(
        g.eligible
        for c in ctx.coverage.clauses
        if c.subject == "person" and c.clause_id in cased
        for g in c.groups
        if g.group.get("tier_group") == "general"
    )
    assert tiers["general"]["eligible"] == expected > 0
    codes = {f["code"] for f in d1["findings"]}
    assert {"d1.high_end_money_share", "d1.startup_money_share", "d1.staged_funnel"} <= codes
