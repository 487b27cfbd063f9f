"""coverage on a small dataset: hand-computed counts, identical on every engine, and the same
eligibility as explain person by person.

Persons of the fixture (tier group / employer stage), on 2024-07-01:
P1 high_end/mature, P2 high_end/startup, P3 middle/startup, P4 general/growth,
P5 high_end/growth, P6 general/no employer, P7 middle/mature, P8 general/mature.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, cast

import narwhals as nw
import pytest
from click.testing import CliRunner

from luodi.cli import main
from luodi.contract import Dataset
from luodi.engines import Engine, get_engine
from luodi.policy import Library
from luodi.policy.compile import SUBJECT_ID, Subject, compile_clauses, subject_frame
from luodi.policy.coverage import CoverageReport, coverage
from luodi.policy.explain import explain
from luodi.policy.profile import Profile
from tests.engines.conftest import engine  # noqa: F401  (the shared engine fixture)
from tests.policy.test_explain import EMPLOYERS, ON, PERSONS, build_library, profile_of

_PERSON_DEFAULTS = {
    "gender": "male",
    "title": "none",
    "discipline": "science_engineering",
    "political_status": "masses",
    "origin": "in_province",
}


def build_dataset() -> Dataset:
    persons = [
        {"person_id": pid, "name": f"人才{pid}", **_PERSON_DEFAULTS, **row}
        for pid, row in PERSONS.items()
    ]
    employers = [{**row, "name": f"单位{eid}", "region_id": "R"} for eid, row in EMPLOYERS.items()]
    opened = dt.datetime(2024, 3, 1, 9, 0)

    def case(
        case_id: str, clause: str, *, person: str | None = None, employer: str | None = None
    ) -> dict[str, Any]:
        return {
            "case_id": case_id,
            "clause_id": clause,
            "person_id": person,
            "employer_id": employer,
            "opened_at": opened,
            "status": "open",
        }

    cases = [
        case("K1", "C-1", person="P1"),
        case("K2", "ZJ-1", person="P3"),
        case("K3", "ZJ-1", person="P2"),  # P2 is not eligible for ZJ-1: not counted
        case("K4", "C-2", employer="E2"),
        case("K5", "C-2", employer="E3"),
        case("K6", "ZJ-1", person="P3"),  # a second case of the same person and clause
    ]
    paid = dt.date(2024, 5, 1)
    disbursements = [
        {"disbursement_id": "D1", "case_id": "K1", "phase": 1, "amount": 200000.0, "paid_on": paid},
        {"disbursement_id": "D2", "case_id": "K4", "phase": 1, "amount": 60000.0, "paid_on": paid},
        {"disbursement_id": "D3", "case_id": "K4", "phase": 2, "amount": 60000.0, "paid_on": paid},
    ]
    return Dataset.from_rows(
        {"persons": persons, "employers": employers, "cases": cases, "disbursements": disbursements}
    )


@pytest.fixture(scope="module")
def library() -> Library:
    return build_library()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return build_dataset()


def _groups(report: CoverageReport, clause_id: str) -> dict[str | None, tuple[Any, ...]]:
    return {
        g.group["tier_group"]: (g.population, g.eligible, g.unknown, g.share, g.amount)
        for g in report.clause(clause_id).groups
    }


def test_hand_computed_counts(library: Library, dataset: Dataset, engine: Engine) -> None:  # noqa: F811
    report = coverage(library=library, dataset=dataset, engine=engine, by=["tier_group"], on=ON)
    assert [c.clause_id for c in report.clauses] == ["CN-1", "ZJ-1", "C-1", "C-2", "C-3"]
    assert _groups(report, "CN-1") == {
        "general": (3, 3, 0, 1.0, 3000.0),
        "high_end": (3, 3, 0, 1.0, 3000.0),
        "middle": (2, 2, 0, 1.0, 2000.0),
    }
    assert _groups(report, "ZJ-1") == {
        "general": (3, 0, 0, 0.0, 0.0),
        "high_end": (3, 2, 0, pytest.approx(2 / 3), 410000.0),  # P1 400000 (capped) + P5 10000
        "middle": (2, 2, 0, 1.0, 60000.0),  # P3 50000 + P7 10000
    }
    assert _groups(report, "C-1") == {
        "general": (3, 0, 0, 0.0, 0.0),
        "high_end": (3, 1, 1, pytest.approx(1 / 3), 200000.0),  # P5 unknown
        "middle": (2, 0, 0, 0.0, 0.0),
    }
    assert _groups(report, "C-3")["high_end"][:2] == (3, 3)
    # Employer clauses have no talent tier: one group with a null tier group.
    assert _groups(report, "C-2") == {None: (3, 2, 0, pytest.approx(2 / 3), 120000.0)}


def test_chain_drift_and_flags(library: Library, dataset: Dataset, engine: Engine) -> None:  # noqa: F811
    report = coverage(library=library, dataset=dataset, engine=engine, by=["tier_group"], on=ON)
    assert len(report.chains) == 1
    chain = report.chains[0]
    assert chain.clauses == ("CN-1", "ZJ-1", "C-1")
    assert [level.general_share for level in chain.levels] == [1.0, 0.0, 0.0]
    assert [level.startup_share for level in chain.levels] == [1.0, 0.5, 0.0]
    first = {g["tier_group"]: d for g, d in chain.drift[0].drifts}
    assert first == {"general": -1.0, "high_end": pytest.approx(-1 / 3), "middle": 0.0}
    assert chain.narrows_general
    assert chain.narrows_startups


def test_not_received(library: Library, dataset: Dataset, engine: Engine) -> None:  # noqa: F811
    report = coverage(library=library, dataset=dataset, engine=engine, on=ON)
    got = {n.clause_id: (n.eligible, n.no_case, n.case_no_payment) for n in report.not_received}
    assert got == {
        "CN-1": (8, 8, 0),
        "ZJ-1": (4, 3, 1),  # P3 has two cases, none paid; P2's case does not count
        "C-1": (1, 0, 0),
        "C-2": (2, 0, 1),  # E2 paid, E3 not
        "C-3": (6, 6, 0),
    }


ALL_KEYS = ["tier_group", "employer_stage", "talent_tier", "employer_kind"]


def _reference() -> dict[str, Any]:
    """The report on DuckDB, the default engine, that every other engine must reproduce."""
    report = coverage(
        library=build_library(),
        dataset=build_dataset(),
        engine=get_engine("duckdb"),
        by=["tier_group", "employer_stage", "talent_tier", "employer_kind"],
        on=ON,
    )
    data = report.to_dict()
    data.pop("engine")
    return data


def test_identical_on_every_engine(library: Library, dataset: Dataset, engine: Engine) -> None:  # noqa: F811
    report = coverage(
        library=library,
        dataset=dataset,
        engine=engine,
        by=["tier_group", "employer_stage", "talent_tier", "employer_kind"],
        on=ON,
    )
    data = json.loads(json.dumps(report.to_dict()))
    assert data.pop("engine") == engine.name
    assert data == json.loads(json.dumps(_reference()))


def _engine_eligibility(
    library: Library, dataset: Dataset, runner: Engine, subject: Subject
) -> dict[tuple[str, str], bool | None]:
    compiled = compile_clauses(library.clauses_in_force(ON), on=ON, subject=subject)
    frame = compiled.prepare(
        subject_frame(dataset=dataset, engine=runner, subject=subject),
        keep=[nw.col(SUBJECT_ID[subject]).alias("id")],
    ).select(nw.col("id"), *[c.eligible.alias(f"c{i}") for i, c in enumerate(compiled.clauses)])
    return {
        (str(row["id"]), c.resolved.id): cast("bool | None", row[f"c{i}"])
        for row in runner.rows(frame)
        for i, c in enumerate(compiled.clauses)
    }


def test_explain_agrees_with_the_engine(library: Library, dataset: Dataset, engine: Engine) -> None:  # noqa: F811
    from_engine = _engine_eligibility(library, dataset, engine, "person")
    from_engine.update(_engine_eligibility(library, dataset, engine, "employer"))
    from_explain: dict[tuple[str, str], bool | None] = {}
    for person_id in PERSONS:
        for clause in explain(library=library, profile=profile_of(person_id), on=ON).clauses:
            if clause.subject == "person":
                from_explain[(person_id, clause.clause_id)] = clause.eligible
    for employer_id, row in EMPLOYERS.items():
        profile = Profile(employer=row)
        for clause in explain(library=library, profile=profile, on=ON).clauses:
            if clause.subject == "employer":
                from_explain[(employer_id, clause.clause_id)] = clause.eligible
    assert from_engine == from_explain
    assert from_explain[("P5", "C-1")] is None


def test_unknown_group_key(library: Library, dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="unknown group key\\(s\\) region; choose from tier_group"):
        coverage(
            library=library, dataset=dataset, engine=get_engine("polars"), by=["region"], on=ON
        )


def test_cli_coverage_json(library: Library, tmp_path: Path) -> None:
    from tests.policy.test_explain import write_library

    policies = write_library(library, tmp_path / "policies")
    result = CliRunner().invoke(
        main,
        [
            "policy",
            "coverage",
            "--policies",
            str(policies),
            "--data",
            "demo",
            "--by",
            "tier_group",
            "--engine",
            "polars",
            "--on",
            "2024-07-01",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["on", "engine", "by", "clauses", "chains", "not_received"]
    assert data["by"] == ["tier_group"]
    assert data["engine"] == "polars"
    assert data["chains"][0]["clauses"] == ["CN-1", "ZJ-1", "C-1"]
    assert data["chains"][0]["narrows_general"] is True
    for clause in data["clauses"]:
        for group in clause["groups"]:
            assert set(group) >= {"group", "population", "eligible", "share", "amount"}
            assert 0.0 <= group["share"] <= 1.0


def test_demo_library_explain_agrees_with_coverage() -> None:
    """On the demo district (2,000 persons, the demo policy library), coverage's counts per
    clause equal the sum of explain's verdicts person by person (employer by employer)."""
    from luodi.demo import generate
    from luodi.policy.loader import load_library

    library = load_library([Path(__file__).parents[2] / "src/luodi/demo/library"])
    demo = generate()
    on = dt.date(2021, 6, 1)
    report = coverage(library=library, dataset=demo, engine=get_engine("duckdb"), by=[], on=on)
    employers = {row["employer_id"]: row for row in demo["employers"].to_pylist()}
    counted: dict[str, list[int]] = {c.clause_id: [0, 0] for c in report.clauses}

    def tally(profile: Profile, subject: str) -> None:
        for clause in explain(library=library, profile=profile, on=on).clauses:
            if clause.subject == subject:
                counted[clause.clause_id][0] += clause.eligible is True
                counted[clause.clause_id][1] += clause.eligible is None

    for person in demo["persons"].to_pylist():
        tally(Profile(person=person, employer=employers.get(person["employer_id"]) or {}), "person")
    for employer in employers.values():
        tally(Profile(employer=employer), "employer")
    from_engine = {c.clause_id: [c.groups[0].eligible, c.groups[0].unknown] for c in report.clauses}
    assert from_engine == counted
    assert any(eligible for eligible, _ in counted.values())
