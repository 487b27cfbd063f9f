"""The JSON API: explain (public), coverage (office, leadership, evaluators), clause rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from luodi.platform.accounts.roles import API_ROLES, Api, Role
from tests.platform.policy_support import stored

__all__ = ["stored"]

EXPLAIN = "/api/policy/explain"
COVERAGE = "/api/policy/coverage"


def _post(client: Client, body: Any) -> Any:
    return client.post(EXPLAIN, json.dumps(body), content_type="application/json")


def test_explain_is_public_and_explains_each_clause(stored: None) -> None:
    response = _post(
        Client(),
        {"person": {"talent_tier": "A"}, "employer": {"employees": 20}, "on": "2020-06-01"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["on"] == "2020-06-01"
    clauses = {c["clause_id"]: c for c in body["clauses"]}
    c2 = clauses["C2"]
    assert c2["eligible"] is True
    assert c2["amount"] == 1_000_000
    assert {c["attribute"] for c in c2["criteria"]} == {
        "person.talent_tier",
        "employer.employees",
    }
    assert [r["role"] for r in c2["route"]] == ["lead", "veto"]


def test_explain_with_unknown_facts_says_unknown(stored: None) -> None:
    body = _post(Client(), {"person": {"talent_tier": "A"}}).json()
    c2 = next(c for c in body["clauses"] if c["clause_id"] == "C2")
    assert c2["eligible"] is None
    assert "employer.employees" in c2["missing"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"person": {"talent_tier": "Z"}}, "talent_tier must be one of"),
        ({"person": {"tier": "A"}}, "tier"),
        ({"employer": {"employees": -3}}, "employees"),
        ({"on": "2020-13-01"}, "on"),
        ({"person": {"birth_year": "old"}}, "birth_year"),
    ],
)
def test_explain_rejects_bad_input_with_422(db: None, body: Any, needle: str) -> None:
    response = _post(Client(), body)
    assert response.status_code == 422
    assert needle in json.dumps(response.json(), ensure_ascii=False)


def test_coverage_needs_a_login(db: None) -> None:
    assert Client().get(COVERAGE).status_code == 401


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_coverage_roles(client_for: Any, stored: None, role: Role) -> None:
    response = client_for(role).get(COVERAGE, {"by": "tier_group", "on": "2020-06-01"})
    if role in API_ROLES[Api.POLICY_COVERAGE]:
        assert response.status_code == 200, response.content
        body = response.json()
        assert "C2" in json.dumps(body)
    else:
        assert response.status_code == 403
        assert "talent office" in response.json()["detail"]


def test_coverage_rejects_unknown_groups_and_engines(client_for: Any, stored: None) -> None:
    client = client_for(Role.EVALUATOR)
    unknown = client.get(COVERAGE, {"by": "shoe_size"})
    assert unknown.status_code == 422
    assert "shoe_size" in unknown.json()["detail"]
    assert client.get(COVERAGE, {"engine": "spark"}).status_code == 422


def test_clause_rule_and_lineage(stored: None) -> None:
    response = Client().get("/api/policy/clauses/C2", {"on": "2020-06-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["policy_id"] == "POL2"
    assert body["benefit"]["amount"]["table"]["A"] == 1_000_000
    assert body["eligibility"]["all"][1]["attribute"] == "employer.employees"
    assert body["lineage"]["up"][0]["clause_id"] == "C1"
    diff = body["lineage"]["diff"]
    assert {(c["attribute"], c["change"]) for c in diff["criteria"]} == {
        ("person.talent_tier", "narrowed"),
        ("employer.employees", "added"),
    }
    assert diff["veto_steps_added"] == 1


def test_unknown_clause_is_404(db: None) -> None:
    response = Client().get("/api/policy/clauses/NOPE")
    assert response.status_code == 404
    assert "NOPE" in response.json()["detail"]


def test_openapi_schema_lists_the_paths(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/policy/explain",
        "/api/policy/coverage",
        "/api/policy/clauses/{clause_id}",
    } <= set(paths)
    assert Client().get("/api/docs").status_code == 200
