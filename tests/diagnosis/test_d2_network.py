"""D2 Figure 1: the execution network of departments from the event log."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.diagnosis.network import execution_network
from luodi.diagnosis.obstruction import obstruction
from luodi.diagnosis.stops import StopPoint
from tests.diagnosis.d1d2_rows import (
    at,
    case,
    clause,
    context,
    d2_dataset,
    dataset,
    department,
    event,
    person,
)


@pytest.fixture(scope="module")
def network() -> dict[str, Any]:
    result: dict[str, Any] = obstruction(context(d2_dataset())).to_dict()["network"]
    return result


def test_network_of_the_d2_fixture(network: dict[str, Any]) -> None:
    edges = [(e["source"], e["target"], e["cases"]) for e in network["edges"]]
    # C2's escalation shares its block's timestamp and comes after it by event id.
    assert edges == [
        ("D-AUD", "D-FIN", 1),
        ("D-AUD", "D-TO", 1),
        ("D-HR", "D-AUD", 2),
        ("D-TO", "D-DIS", 1),
        ("D-TO", "D-EDU", 1),
        ("D-TO", "D-HR", 4),
    ]
    assert network["entry"] == [{"department_id": "D-TO", "cases": 7}]
    nodes = {n["department_id"]: n for n in network["nodes"]}
    assert list(nodes) == ["D-AUD", "D-DIS", "D-EDU", "D-FIN", "D-HR", "D-TO"]
    reach = {d: (n["cases"], n["stopped"]) for d, n in nodes.items()}
    assert reach == {
        "D-AUD": (2, 1),
        "D-DIS": (1, 1),
        "D-EDU": (1, 1),
        "D-FIN": (1, 0),
        "D-HR": (4, 2),
        "D-TO": (7, 1),
    }
    assert nodes["D-DIS"]["is_veto"]
    assert not nodes["D-HR"]["is_veto"]
    assert nodes["D-AUD"]["name"] == "D-AUD局"
    assert nodes["D-AUD"]["kind"] == "audit"


def test_repeated_visits_and_ties() -> None:
    """A: TO, TO, HR, AUD, HR — B: TO then HR at the same instant (ordered by event id) —
    C: HR only — D: TO, HR, TO, HR (one case, counted once per edge)."""
    events = [
        event("A1", "A", "D-TO", at(1)),
        event("A2", "A", "D-TO", at(2)),
        event("A3", "A", "D-HR", at(3)),
        event("A4", "A", "D-AUD", at(4)),
        event("A5", "A", "D-HR", at(5)),
        event("B2", "B", "D-HR", at(1)),
        event("B1", "B", "D-TO", at(1)),
        event("C1", "C", "D-HR", at(1)),
        event("D1", "D", "D-TO", at(1)),
        event("D2", "D", "D-HR", at(2)),
        event("D3", "D", "D-TO", at(3)),
        event("D4", "D", "D-HR", at(4)),
    ]
    data = dataset(
        {
            "departments": [department("D-TO"), department("D-HR"), department("D-AUD")],
            "persons": [person("P", "general")],
            "clauses": [clause("K")],
            "cases": [case(c, "K", person_id="P", status="open") for c in "ABCD"],
            "events": events,
        }
    )
    ctx = context(data)
    stops = [StopPoint(clause_id="K", department_id="D-HR", position=None, count=3)]
    result = execution_network(ctx, departments={}, stops=stops).to_dict()
    edges = [(e["source"], e["target"], e["cases"]) for e in result["edges"]]
    assert edges == [
        ("D-AUD", "D-HR", 1),
        ("D-HR", "D-AUD", 1),
        ("D-HR", "D-TO", 1),
        ("D-TO", "D-HR", 3),
    ]
    assert result["entry"] == [
        {"department_id": "D-HR", "cases": 1},
        {"department_id": "D-TO", "cases": 3},
    ]
    nodes = {n["department_id"]: (n["cases"], n["stopped"]) for n in result["nodes"]}
    assert nodes == {"D-AUD": (1, 0), "D-HR": (4, 3), "D-TO": (3, 0)}
