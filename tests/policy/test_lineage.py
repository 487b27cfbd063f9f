"""clause_diff and lineage on small hand-built documents: central → province → city → district."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from luodi.policy import Library, PolicyDocument
from luodi.policy.lineage import clause_diff, lineage

ON = dt.date(2020, 1, 1)
ALL_TIERS = ["A", "B", "C", "D", "E", "F", "general"]


def _doc(doc_id: str, level: str, clauses: list[dict[str, Any]]) -> PolicyDocument:
    return PolicyDocument.model_validate(
        {
            "id": doc_id,
            "title": f"{doc_id} 人才政策",
            "issuer": f"{doc_id}-ISSUER",
            "level": level,
            "region": f"{doc_id}-R",
            "issued_on": "2016-01-01",
            "effective_from": "2016-01-01",
            "clauses": clauses,
        }
    )


def _library() -> Library:
    central = _doc(
        "CN",
        "central",
        [
            {
                "id": "CN-1",
                "number": "第一条",
                "text": "加大对人才创业的支持。",
                "benefit": {"kind": "funding"},
                "eligibility": {"attribute": "person.talent_tier", "op": "in", "value": ALL_TIERS},
            }
        ],
    )
    province = _doc(
        "ZJ",
        "province",
        [
            {
                "id": "ZJ-1",
                "number": "第五条",
                "text": "对创业人才给予资助。",
                "refines": "CN-1",
                "benefit": {"kind": "funding", "amount": 500000},
                "eligibility": {
                    "all": [
                        {"attribute": "person.talent_tier", "op": "in", "value": ALL_TIERS},
                        {"attribute": "employer.age_years", "op": "le", "value": 5},
                    ]
                },
                "route": [{"department": "ZJ-TO", "role": "lead"}],
                "deadline_days": 30,
            }
        ],
    )
    district = _doc(
        "C",
        "district",
        [
            {
                "id": "C-1",
                "number": "第六条",
                "text": "对A至C类创业人才按层次给予资助，分期兑现。",
                "refines": "ZJ-1",
                "benefit": {
                    "kind": "funding",
                    "amount": {"by": "person.talent_tier", "table": {"A": 1e6, "B": 8e5}},
                    "cap": 1e6,
                },
                "eligibility": {
                    "all": [
                        {"attribute": "person.talent_tier", "op": "in", "value": ["A", "B", "C"]},
                        {"attribute": "employer.age_years", "op": "le", "value": 3},
                        {"attribute": "employer.employees", "op": "ge", "value": 5},
                    ]
                },
                "route": [
                    {"department": "C-TO", "role": "lead"},
                    {"department": "C-FIN", "role": "co"},
                    {"department": "C-AUD", "role": "veto"},
                ],
                "deadline_days": 20,
                "phases": [
                    {"phase": 1, "share": 0.5, "condition": "落户注册"},
                    {"phase": 2, "share": 0.5, "condition": "营收达标"},
                ],
            },
            {
                "id": "C-2",
                "number": "第七条",
                "text": "对创业人才给予资助。",
                "refines": "ZJ-1",
                "benefit": {"kind": "subsidy", "amount": 300000},
                "delivery": "no_application",
                "eligibility": {
                    "all": [
                        {"attribute": "person.talent_tier", "op": "in", "value": ALL_TIERS},
                        {"attribute": "employer.age_years", "op": "le", "value": 5},
                    ]
                },
                "route": [{"department": "ZJ-TO", "role": "lead"}],
                "deadline_days": 30,
            },
        ],
    )
    return Library(documents=(central, province, district))


def _diff(parent: str, child: str) -> Any:
    library = _library()
    return clause_diff(parent=library.resolve(parent, ON), child=library.resolve(child, ON))


def test_added_narrowed_and_moved_thresholds() -> None:
    diff = _diff("ZJ-1", "C-1")
    changes = {(c.attribute, c.change) for c in diff.criteria}
    assert changes == {
        ("person.talent_tier", "narrowed"),
        ("employer.age_years", "lowered"),
        ("employer.employees", "added"),
    }
    added = next(c for c in diff.criteria if c.change == "added")
    assert added.parent is None
    assert added.child is not None
    assert added.child.value == 5


def test_criteria_the_central_level_did_not_have_are_added() -> None:
    diff = _diff("CN-1", "ZJ-1")
    assert [(c.attribute, c.change) for c in diff.criteria] == [("employer.age_years", "added")]
    assert [(a.key, a.change, a.child) for a in diff.amounts] == [(None, "added", 500000)]
    assert diff.route is not None
    assert diff.deadline_days == (None, 30)


def test_amount_from_number_to_tier_table_and_cap() -> None:
    diff = _diff("ZJ-1", "C-1")
    kinds = {(a.key, a.change) for a in diff.amounts}
    assert (None, "changed") in kinds
    assert ("cap", "added") in kinds


def test_route_deadline_phases_and_veto_count() -> None:
    diff = _diff("ZJ-1", "C-1")
    assert diff.deadline_days == (30, 20)
    assert diff.veto_steps_added == 1
    assert diff.phases is not None
    assert len(diff.phases[1]) == 2
    assert diff.benefit_kind is None
    assert not diff.unchanged


def test_kind_and_delivery_change_without_rule_change() -> None:
    diff = _diff("ZJ-1", "C-2")
    assert diff.criteria == ()
    assert diff.benefit_kind == ("funding", "subsidy")
    assert diff.delivery == ("application", "no_application")
    assert [(a.change, a.parent, a.child) for a in diff.amounts] == [("lowered", 500000, 300000)]


def test_identical_clauses_are_unchanged() -> None:
    assert _diff("ZJ-1", "ZJ-1").unchanged


@pytest.mark.parametrize(
    ("parent", "child", "expected"),
    [
        ({"op": "ge", "value": 3}, {"op": "ge", "value": 5}, "raised"),
        ({"op": "ge", "value": 5}, {"op": "gt", "value": 3}, "lowered"),
        ({"op": "ge", "value": 3}, {"op": "gt", "value": 3}, "raised"),
        ({"op": "le", "value": 3}, {"op": "lt", "value": 3}, "lowered"),
        ({"op": "in", "value": ["A", "B"]}, {"op": "eq", "value": "A"}, "narrowed"),
        ({"op": "eq", "value": "A"}, {"op": "in", "value": ["A", "B"]}, "widened"),
        ({"op": "in", "value": ["A", "B"]}, {"op": "in", "value": ["B", "C"]}, "changed"),
        ({"op": "not_in", "value": ["A"]}, {"op": "not_in", "value": ["A", "B"]}, "narrowed"),
        ({"op": "ge", "value": "2016-01-01"}, {"op": "ge", "value": 3}, "changed"),
    ],
)
def test_threshold_comparisons(
    parent: dict[str, Any], child: dict[str, Any], expected: str
) -> None:
    def clause(cid: str, rule: dict[str, Any], refines: str | None) -> dict[str, Any]:
        return {
            "id": cid,
            "number": "第一条",
            "text": "条款",
            "refines": refines,
            "benefit": {"kind": "none"},
            "eligibility": {"attribute": "person.x", **rule},
        }

    library = Library(
        documents=(
            _doc("P", "province", [clause("P-1", parent, None)]),
            _doc("D", "district", [clause("D-1", child, "P-1")]),
        )
    )
    diff = clause_diff(parent=library.resolve("P-1", ON), child=library.resolve("D-1", ON))
    assert [c.change for c in diff.criteria] == [expected]


def test_negated_conditions_compare_only_with_negated_ones() -> None:
    library = Library(
        documents=(
            _doc(
                "P",
                "province",
                [
                    {
                        "id": "P-1",
                        "number": "1",
                        "text": "t",
                        "benefit": {"kind": "none"},
                        "eligibility": {
                            "attribute": "person.degree",
                            "op": "eq",
                            "value": "master",
                        },
                    }
                ],
            ),
            _doc(
                "D",
                "district",
                [
                    {
                        "id": "D-1",
                        "number": "1",
                        "text": "t",
                        "refines": "P-1",
                        "benefit": {"kind": "none"},
                        "eligibility": {
                            "not": {"attribute": "person.degree", "op": "eq", "value": "master"}
                        },
                    }
                ],
            ),
        )
    )
    diff = clause_diff(parent=library.resolve("P-1", ON), child=library.resolve("D-1", ON))
    assert sorted((c.change, c.negated) for c in diff.criteria) == [
        ("added", True),
        ("removed", False),
    ]


def test_lineage_up_and_down() -> None:
    library = _library()
    found = lineage(library=library, clause_id="ZJ-1", on=ON)
    assert found.clause.id == "ZJ-1"
    assert [s.clause.id for s in found.up] == ["CN-1"]
    assert found.up[0].diff is None
    assert found.diff is not None
    assert found.diff.parent_id == "CN-1"
    assert [s.clause.id for s in found.down] == ["C-1", "C-2"]
    assert all(s.diff is not None and s.diff.parent_id == "ZJ-1" for s in found.down)
    assert [s.clause.id for s in found.top_down] == ["CN-1", "ZJ-1"]


def test_lineage_from_the_bottom_reaches_the_top() -> None:
    found = lineage(library=_library(), clause_id="C-1", on=ON)
    assert [s.clause.id for s in found.up] == ["ZJ-1", "CN-1"]
    assert [s.depth for s in found.up] == [1, 2]
    assert found.up[0].diff is not None
    assert found.up[0].diff.parent_id == "CN-1"
    assert found.down == ()
    top = lineage(library=_library(), clause_id="CN-1", on=ON)
    assert [s.clause.id for s in top.down] == ["ZJ-1"]
    assert [s.clause.id for s in top.down[0].children] == ["C-1", "C-2"]
    assert top.diff is None


def test_versions_in_force_are_compared() -> None:
    base = _library()
    district = base.document("C").model_dump(by_alias=True)
    district["clauses"][1]["versions"] = [{"effective_from": "2019-01-01", "deadline_days": 10}]
    library = Library(documents=(*base.documents[:2], PolicyDocument.model_validate(district)))
    before = clause_diff(
        parent=library.resolve("ZJ-1", dt.date(2018, 1, 1)),
        child=library.resolve("C-2", dt.date(2018, 1, 1)),
    )
    after = clause_diff(parent=library.resolve("ZJ-1", ON), child=library.resolve("C-2", ON))
    assert before.deadline_days is None
    assert after.deadline_days == (30, 10)


def test_to_dict_is_json() -> None:
    import json

    found = lineage(library=_library(), clause_id="ZJ-1", on=ON)
    data = json.loads(json.dumps(found.to_dict()))
    assert data["up"][0]["clause_id"] == "CN-1"
    assert data["down"][0]["diff"]["veto_steps_added"] == 1
    assert data["down"][0]["diff"]["deadline_days"] == {"parent": 30, "child": 20}
    criteria = {c["attribute"]: c for c in data["down"][0]["diff"]["criteria"]}
    assert criteria["employer.employees"]["child"] == {
        "attribute": "employer.employees",
        "op": "ge",
        "value": 5,
    }
