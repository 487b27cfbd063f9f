"""The demo library drifts the way the study describes: the district reaches fewer ordinary talents
and start-ups than the central clause it implements (锦上添花易、雪中送炭难)."""

from __future__ import annotations

from statistics import mean

from luodi.demo import generate
from luodi.demo.people import REFERENCE_DATE
from luodi.demo.policies import LIBRARY_DIR
from luodi.engines import get_engine
from luodi.policy.coverage import coverage
from luodi.policy.loader import load_library


def test_district_versions_cover_fewer_general_talents_and_startups() -> None:
    report = coverage(
        library=load_library([LIBRARY_DIR]),
        dataset=generate(),
        engine=get_engine("duckdb"),
        by=("tier_group", "employer_stage"),
        on=REFERENCE_DATE,
    ).to_dict()
    to_district = [c for c in report["chains"] if c["levels"][-1]["level"] == "district"]
    assert len(to_district) >= 6
    person_chains = [c for c in to_district if c["levels"][0]["general_share"] is not None]
    assert person_chains, "no chain of person clauses reaches the district"
    # Every chain of person clauses loses general-tier talents on the way down.
    assert all(c["narrows_general"] for c in person_chains)
    top_general = mean(c["levels"][0]["general_share"] for c in person_chains)
    bottom_general = mean(c["levels"][-1]["general_share"] for c in person_chains)
    assert bottom_general < top_general / 2
    # Start-ups: no chain reaching the district widens coverage, and most narrow it.
    for chain in to_district:
        top, bottom = chain["levels"][0]["startup_share"], chain["levels"][-1]["startup_share"]
        assert bottom <= top, chain["clauses"]
    assert sum(c["narrows_startups"] for c in to_district) > len(to_district) / 2
