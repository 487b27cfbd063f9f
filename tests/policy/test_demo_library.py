"""The demo library as files: valid, consistent with the demo's departments, read by the demo."""

from __future__ import annotations

import datetime as dt

import yaml

from luodi.demo.people import STAGED_REVENUE_PLAN
from luodi.demo.policies import (
    CLAUSES,
    LIBRARY_DIR,
    STAGED_CLAUSE,
    STAGED_ELIGIBLE_KINDS,
    STAGED_FOUNDED_FROM,
    STAGED_PHASE_REVENUE,
    demo_library,
)
from luodi.demo.regions import department_rows
from luodi.policy.lineage import lineage
from luodi.policy.loader import check_paths


def test_demo_library_has_no_errors() -> None:
    report = check_paths([LIBRARY_DIR])
    assert report.errors == (), [str(p) for p in report.errors]
    assert len(report.files) == 6
    # The study's vague words are flagged, not failed.
    terms = {p.message.split("“")[1].split("”")[0] for p in report.warnings if "“" in p.message}
    assert {"按要求", "探索", "一定", "妥善解决"} <= terms


def test_departments_yaml_equals_the_demo_departments() -> None:
    entries = yaml.safe_load((LIBRARY_DIR / "departments.yaml").read_text(encoding="utf-8"))
    as_rows = [
        {
            "department_id": e["id"],
            "name": e["name"],
            "kind": e["kind"],
            "region_id": e["region"],
            "is_veto": e["is_veto"],
        }
        for e in entries
    ]
    assert as_rows == department_rows()


def test_about_thirty_clauses_on_four_levels() -> None:
    library = demo_library()
    assert {d.level for d in library.documents} == {"central", "province", "city", "district"}
    assert 28 <= len(CLAUSES) <= 34
    benefits = [c for d in library.documents for c in d.clauses if c.benefit.kind != "none"]
    assert all(c.eligibility is not None for c in benefits)


def test_district_narrows_the_central_target() -> None:
    chain = lineage(library=demo_library(), clause_id=STAGED_CLAUSE, on=dt.date(2018, 1, 1))
    levels = [step.clause.document.level for step in chain.top_down]
    assert levels == ["central", "province", "city", "district"]
    # Each level below the centre adds or tightens criteria; none widens the target.
    for step in chain.top_down[1:]:
        assert step.diff is not None
        kinds = {change.change for change in step.diff.criteria}
        assert kinds & {"added", "narrowed", "raised", "lowered"}, step.clause.id
        assert "widened" not in kinds, step.clause.id


def test_staged_constants_come_from_the_library() -> None:
    assert STAGED_ELIGIBLE_KINDS == ("high_tech_firm", "maker_space")
    assert dt.date(2014, 3, 1) == STAGED_FOUNDED_FROM
    assert STAGED_PHASE_REVENUE == {2: 1_000_000, 3: 5_000_000, 4: 10_000_000}
    # No start-up of the demo reaches the phase-4 bar: 0 firms get all four phases.
    assert max(STAGED_REVENUE_PLAN) < STAGED_PHASE_REVENUE[4]
    staged = demo_library().clause(STAGED_CLAUSE)[0]
    assert [p.share for p in staged.phases] == [0.2, 0.2, 0.3, 0.3]
