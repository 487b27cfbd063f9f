"""explain on a small library, checked against hand-computed expectations.

The library (also used by the coverage tests) is a central → province → district chain plus
an employer clause with a formula and phases, a clause with a version, and a superseded
document. ON is 2024-07-01, so ages are 2024 minus the birth year.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from luodi.cli import main
from luodi.policy import Library, PolicyDocument
from luodi.policy.explain import explain, explain_plan
from luodi.policy.profile import Profile, ProfileError

ON = dt.date(2024, 7, 1)
ALL_TIERS = ["A", "B", "C", "D", "E", "F", "general"]


def _document(
    doc_id: str, level: str, clauses: list[dict[str, Any]], **extra: Any
) -> PolicyDocument:
    return PolicyDocument.model_validate(
        {
            "id": doc_id,
            "title": f"{doc_id} 人才政策",
            "issuer": "ISSUER",
            "level": level,
            "region": "R",
            "issued_on": "2015-01-01",
            "effective_from": "2016-01-01",
            "clauses": clauses,
            **extra,
        }
    )


def build_library() -> Library:
    """The fixture library shared by the explain and coverage tests."""
    central = _document(
        "CN",
        "central",
        [
            {
                "id": "CN-1",
                "number": "第一条",
                "text": "对各类人才给予支持。",
                "benefit": {"kind": "cash_award", "amount": 1000},
                "eligibility": {"attribute": "person.talent_tier", "op": "in", "value": ALL_TIERS},
                "route": [
                    {"department": "CN-TO", "role": "lead"},
                    {"department": "CN-FIN", "role": "co"},
                    {"department": "CN-AUD", "role": "veto"},
                ],
                "deadline_days": 30,
                "delivery": "no_application",
            }
        ],
    )
    province = _document(
        "ZJ",
        "province",
        [
            {
                "id": "ZJ-1",
                "number": "第二条",
                "text": "对45周岁以下A至F类人才按层次给予补贴。",
                "refines": "CN-1",
                "benefit": {
                    "kind": "subsidy",
                    "amount": {
                        "by": "person.talent_tier",
                        "table": {"A": 500000, "B": 300000, "D": 50000},
                        "default": 10000,
                    },
                    "cap": 400000,
                },
                "eligibility": {
                    "all": [
                        {
                            "attribute": "person.talent_tier",
                            "op": "in",
                            "value": ["A", "B", "C", "D", "E", "F"],
                        },
                        {"attribute": "person.age", "op": "le", "value": 45},
                    ]
                },
            }
        ],
    )
    district = _document(
        "C",
        "district",
        [
            {
                "id": "C-1",
                "number": "第三条",
                "text": "对A至C类人才，在成熟企业或来区满三年的，给予奖励。",
                "refines": "ZJ-1",
                "benefit": {"kind": "cash_award", "amount": 200000},
                "eligibility": {
                    "all": [
                        {"attribute": "person.talent_tier", "op": "in", "value": ["A", "B", "C"]},
                        {
                            "any": [
                                {"attribute": "employer.stage", "op": "eq", "value": "mature"},
                                {"attribute": "person.years_in_region", "op": "ge", "value": 3},
                            ]
                        },
                    ]
                },
            },
            {
                "id": "C-2",
                "number": "第四条",
                "text": "对成立五年内的非传统企业给予创业资助，分两期兑现。",
                "subject": "employer",
                "benefit": {
                    "kind": "funding",
                    "amount": {
                        "formula": "min(employer.revenue * 0.1, employer.employees * 10000)"
                    },
                    "cap": 300000,
                },
                "eligibility": {
                    "all": [
                        {"attribute": "employer.age_years", "op": "le", "value": 5},
                        {
                            "not": {
                                "attribute": "employer.kind",
                                "op": "eq",
                                "value": "traditional_firm",
                            }
                        },
                    ]
                },
                "phases": [
                    {"phase": 1, "share": 0.5, "condition": "立项"},
                    {
                        "phase": 2,
                        "share": 0.5,
                        "condition": "验收",
                        "criteria": {"attribute": "employer.employees", "op": "ge", "value": 20},
                    },
                ],
                "route": [
                    {"department": "C-TO", "role": "lead"},
                    {"department": "C-FIN", "role": "co"},
                    {"department": "C-AUD", "role": "veto"},
                ],
                "deadline_days": 20,
            },
            {
                "id": "C-3",
                "number": "第五条",
                "text": "对博士给予生活补贴；自2023年起扩大到硕士。",
                "benefit": {"kind": "subsidy", "amount": 5000},
                "eligibility": {"attribute": "person.degree", "op": "eq", "value": "doctorate"},
                "versions": [
                    {
                        "effective_from": "2023-01-01",
                        "benefit": {"kind": "subsidy", "amount": 8000},
                        "eligibility": {
                            "attribute": "person.degree",
                            "op": "in",
                            "value": ["doctorate", "master"],
                        },
                    }
                ],
            },
        ],
        supersedes=["C-OLD"],
    )
    old = PolicyDocument.model_validate(
        {
            "id": "C-OLD",
            "title": "旧政策",
            "issuer": "ISSUER",
            "level": "district",
            "region": "R",
            "issued_on": "2014-01-01",
            "effective_from": "2014-01-01",
            "clauses": [
                {
                    "id": "C-OLD-1",
                    "number": "第一条",
                    "text": "旧条款。",
                    "benefit": {"kind": "cash_award", "amount": 100},
                }
            ],
        }
    )
    return Library(documents=(central, province, district, old))


# The persons and employers of the coverage fixture, as profiles.
EMPLOYERS: dict[str, dict[str, Any]] = {
    "E1": {
        "employer_id": "E1",
        "kind": "traditional_firm",
        "stage": "mature",
        "founded_on": dt.date(2000, 1, 1),
        "employees": 500,
        "revenue": 5e7,
    },
    "E2": {
        "employer_id": "E2",
        "kind": "high_tech_firm",
        "stage": "startup",
        "founded_on": dt.date(2021, 3, 1),
        "employees": 12,
        "revenue": 2e6,
    },
    "E3": {
        "employer_id": "E3",
        "kind": "maker_space",
        "stage": "growth",
        "founded_on": dt.date(2020, 8, 1),
        "employees": 30,
        "revenue": None,
    },
}
PERSONS: dict[str, dict[str, Any]] = {
    "P1": {
        "talent_tier": "A",
        "birth_year": 1985,
        "employer_id": "E1",
        "arrived_on": dt.date(2020, 1, 1),
        "degree": "doctorate",
        "nationality": "CN",
    },
    "P2": {
        "talent_tier": "B",
        "birth_year": 1975,
        "employer_id": "E2",
        "arrived_on": dt.date(2023, 1, 1),
        "degree": "master",
        "nationality": "CN",
    },
    "P3": {
        "talent_tier": "D",
        "birth_year": 1990,
        "employer_id": "E2",
        "arrived_on": dt.date(2015, 6, 1),
        "degree": "bachelor",
        "nationality": "CN",
    },
    "P4": {
        "talent_tier": "general",
        "birth_year": 1995,
        "employer_id": "E3",
        "arrived_on": None,
        "degree": "master",
        "nationality": "CN",
    },
    "P5": {
        "talent_tier": "C",
        "birth_year": 1988,
        "employer_id": "E3",
        "arrived_on": None,
        "degree": "doctorate",
        "nationality": "US",
    },
    "P6": {
        "talent_tier": "general",
        "birth_year": 2000,
        "employer_id": None,
        "arrived_on": dt.date(2022, 1, 1),
        "degree": "bachelor",
        "nationality": "CN",
    },
    "P7": {
        "talent_tier": "E",
        "birth_year": 1980,
        "employer_id": "E1",
        "arrived_on": dt.date(2010, 1, 1),
        "degree": "master",
        "nationality": "CN",
    },
    "P8": {
        "talent_tier": "general",
        "birth_year": 1970,
        "employer_id": "E1",
        "arrived_on": dt.date(2019, 9, 1),
        "degree": "doctorate",
        "nationality": "CN",
    },
}


def profile_of(person_id: str) -> Profile:
    person = PERSONS[person_id]
    employer = EMPLOYERS.get(person["employer_id"] or "", {})
    return Profile(person=person, employer=employer, source=person_id)


@pytest.fixture(scope="module")
def library() -> Library:
    return build_library()


def test_eligible_with_tier_amount_capped(library: Library) -> None:
    result = explain(library=library, profile=profile_of("P1"), on=ON)
    zj = result.clause("ZJ-1")
    assert zj.eligible is True
    assert zj.amount == 400000  # tier A 500000, capped at 400000
    assert zj.missing == ()
    assert [(c.attribute, c.operator, c.seen, c.passed) for c in zj.criteria] == [
        ("person.talent_tier", "in", "A", True),
        ("person.age", "le", 39, True),
    ]
    assert result.clause("C-1").eligible is True


def test_ineligible_names_the_failing_criterion(library: Library) -> None:
    zj = explain(library=library, profile=profile_of("P2"), on=ON).clause("ZJ-1")
    assert zj.eligible is False
    assert zj.criteria[1].to_dict() == {
        "attribute": "person.age",
        "operator": "le",
        "expected": 45,
        "seen": 49,
        "passed": False,
    }
    assert zj.amount == 300000  # what tier B would get, shown even when not entitled


def test_unknown_names_the_missing_attribute(library: Library) -> None:
    c1 = explain(library=library, profile=profile_of("P5"), on=ON).clause("C-1")
    assert c1.eligible is None
    assert c1.missing == ("person.arrived_on",)
    assert [(c.attribute, c.seen, c.passed) for c in c1.criteria] == [
        ("person.talent_tier", "C", True),
        ("employer.stage", "growth", False),
        ("person.years_in_region", None, None),
    ]


def test_default_tier_amount(library: Library) -> None:
    assert explain(library=library, profile=profile_of("P5"), on=ON).clause("ZJ-1").amount == 10000


def test_false_and_unknown_is_false(library: Library) -> None:
    # P4 is general tier (false) and has no arrival date (unknown): all() is false.
    c1 = explain(library=library, profile=profile_of("P4"), on=ON).clause("C-1")
    assert c1.eligible is False
    assert c1.missing == ("person.arrived_on",)


def _one_clause(eligibility: dict[str, Any]) -> Library:
    clause = {
        "id": "X-1",
        "number": "第一条",
        "text": "测试。",
        "benefit": {"kind": "none"},
        "eligibility": eligibility,
    }
    return Library(documents=(_document("X", "district", [clause]),))


NOT_ANY = {
    "not": {
        "any": [
            {"attribute": "person.talent_tier", "op": "eq", "value": "A"},
            {"attribute": "person.years_in_region", "op": "ge", "value": 3},
        ]
    }
}


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ({"talent_tier": "B"}, None),  # any(false, unknown) = unknown; not unknown = unknown
        ({"talent_tier": "A"}, False),  # any(true, unknown) = true
        ({"talent_tier": "B", "arrived_on": "2020-01-01"}, False),
        ({"talent_tier": "B", "arrived_on": "2023-01-01"}, True),
        ({}, None),
    ],
)
def test_three_valued_not_any(person: dict[str, Any], expected: bool | None) -> None:
    result = explain(library=_one_clause(NOT_ANY), profile=Profile(person=person), on=ON)
    assert result.clause("X-1").eligible is expected


def test_exists_is_never_unknown() -> None:
    library = _one_clause({"attribute": "person.arrived_on", "op": "exists"})
    c = explain(library=library, profile=Profile(), on=ON).clause("X-1")
    assert (c.eligible, c.missing, c.criteria[0].passed) == (False, (), False)


def test_formula_phases_route(library: Library) -> None:
    c2 = explain(library=library, profile=profile_of("P2"), on=ON).clause("C-2")
    assert c2.eligible is True
    assert c2.amount == 120000  # min(2e6 * 0.1, 12 * 10000)
    assert [(p.phase, p.eligible, p.amount) for p in c2.phases] == [
        (1, True, 60000),
        (2, False, 60000),
    ]
    assert [r.to_dict() for r in c2.route] == [
        {"department": "C-TO", "role": "lead"},
        {"department": "C-FIN", "role": "co"},
        {"department": "C-AUD", "role": "veto"},
    ]
    assert c2.deadline_days == 20
    assert c2.subject == "employer"


def test_formula_cap_and_unknown_amount(library: Library) -> None:
    big = Profile(
        employer={
            "kind": "high_tech_firm",
            "founded_on": "2022-01-01",
            "employees": 100,
            "revenue": 1e7,
        }
    )
    assert explain(library=library, profile=big, on=ON).clause("C-2").amount == 300000
    c2 = explain(library=library, profile=profile_of("P4"), on=ON).clause("C-2")
    assert (c2.eligible, c2.amount, c2.missing) == (True, None, ("employer.revenue",))


def test_version_in_force_by_date(library: Library) -> None:
    before = explain(library=library, profile=profile_of("P2"), on=dt.date(2022, 7, 1)).clause(
        "C-3"
    )
    after = explain(library=library, profile=profile_of("P2"), on=ON).clause("C-3")
    assert (before.eligible, before.amount) == (False, 5000)
    assert (after.eligible, after.amount) == (True, 8000)


def test_superseded_document_not_in_force(library: Library) -> None:
    now = [c.clause_id for c in explain(library=library, profile=Profile(), on=ON).clauses]
    assert now == ["CN-1", "ZJ-1", "C-1", "C-2", "C-3"]
    early = explain(library=library, profile=Profile(), on=dt.date(2015, 6, 1))
    assert [c.clause_id for c in early.clauses] == ["C-OLD-1"]


def test_json_contract(library: Library) -> None:
    data = json.loads(
        json.dumps(explain(library=library, profile=profile_of("P1"), on=ON).to_dict())
    )
    assert data["on"] == "2024-07-01"
    first = data["clauses"][0]
    for key in (
        "clause_id",
        "policy_id",
        "level",
        "number",
        "eligible",
        "missing",
        "criteria",
        "amount",
        "route",
        "deadline_days",
        "delivery",
        "phases",
    ):
        assert key in first
    assert first["delivery"] == "no_application"
    assert first["route"][2] == {"department": "CN-AUD", "role": "veto"}


def test_plan_is_cached_per_library_and_date(library: Library) -> None:
    assert explain_plan(library=library, on=ON) is explain_plan(library=library, on=ON)
    assert explain_plan(library=Library(documents=library.documents), on=ON) is not (
        explain_plan(library=library, on=ON)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"person": {"age": 30}}, "unknown person attribute(s) age"),
        ({"person": {"birth_year": "1990"}}, "person.birth_year = '1990' is not a valid integer"),
        ({"person": {"talent_tier": "Z"}}, "person.talent_tier = 'Z' is not one of the allowed"),
        ({"employer": {"founded_on": "2020-13-01"}}, "employer.founded_on = '2020-13-01'"),
        ({"employer": {"revenue": True}}, "employer.revenue = True is not a valid float"),
        ({"people": {}}, "unknown key(s) 'people'"),
    ],
)
def test_profile_errors_name_the_attribute(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)):
        Profile.from_dict(data, source="p.json")


def test_profile_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"p\.json:1:2: not valid JSON"):
        Profile.from_file(path)


def test_unknown_attribute_in_a_clause_names_the_clause() -> None:
    library = _one_clause({"attribute": "person.salary", "op": "ge", "value": 1})
    with pytest.raises(
        ProfileError, match=re.escape("clause X-1: unknown attribute 'person.salary'")
    ):
        explain(library=library, profile=Profile(), on=ON)


def write_library(library: Library, folder: Path) -> Path:
    """The library as policy YAML files in ``folder``, for the CLI."""
    folder.mkdir(parents=True, exist_ok=True)
    for document in library.documents:
        data = document.model_dump(mode="json", by_alias=True, exclude_none=True)
        (folder / f"{document.id}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return folder


def test_cli_explain(library: Library, tmp_path: Path) -> None:
    policies = write_library(library, tmp_path / "policies")
    person = tmp_path / "p.json"
    person.write_text(json.dumps(profile_of("P5").to_dict()), encoding="utf-8")
    args = [
        "policy",
        "explain",
        "--policies",
        str(policies),
        "--person",
        str(person),
        "--on",
        "2024-07-01",
    ]
    as_json = CliRunner().invoke(main, [*args, "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    c1 = next(c for c in data["clauses"] if c["clause_id"] == "C-1")
    assert (c1["eligible"], c1["missing"]) == (None, ["person.arrived_on"])
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.output
    assert "待定" in table.output
    assert "person.arrived_on" in table.output


def test_cli_explain_bad_profile(library: Library, tmp_path: Path) -> None:
    policies = write_library(library, tmp_path / "policies")
    person = tmp_path / "p.json"
    person.write_text('{"person": {"tier": "A"}}', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["policy", "explain", "--policies", str(policies), "--person", str(person)]
    )
    assert result.exit_code == 1
    assert "unknown person attribute(s) tier" in result.output
