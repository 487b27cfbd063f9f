"""Conformance to a prescribed route: hand-made variants, each deviation kind, departments."""

from __future__ import annotations

import pytest

from luodi.engines import get_engine
from luodi.process import EventLog, RouteError
from luodi.process.conformance import (
    Deviation,
    DeviationKind,
    Route,
    classify,
    conformance,
)
from tests.process.conftest import table_of

ROUTE = Route(
    steps=("受理", "审计局审核", "财政局审核", "办结"), veto_steps=frozenset({"审计局审核"})
)


def _kinds(sequence: list[str]) -> set[tuple[str, str]]:
    return {(d.kind.value, d.step) for d in classify(sequence=sequence, route=ROUTE)}


def test_perfect_fit() -> None:
    assert _kinds(["受理", "审计局审核", "财政局审核", "办结"]) == set()


def test_skipped_veto_step() -> None:
    assert _kinds(["受理", "财政局审核", "办结"]) == {("skipped_veto", "审计局审核")}


def test_skipped_ordinary_step() -> None:
    assert _kinds(["受理", "审计局审核", "办结"]) == {("skipped", "财政局审核")}


def test_repeated_step() -> None:
    assert _kinds(["受理", "审计局审核", "审计局审核", "财政局审核", "办结"]) == {
        ("repeated", "审计局审核")
    }


def test_out_of_order_and_extra() -> None:
    kinds = _kinds(["受理", "财政局审核", "审计局审核", "补正", "办结"])
    assert ("extra", "补正") in kinds
    assert len([k for k in kinds if k[0] == "out_of_order"]) == 1


def test_report_on_variants() -> None:
    table = table_of(
        {
            "c1": ["受理", "审计局审核", "财政局审核", "办结"],
            "c2": ["受理", "审计局审核", "财政局审核", "办结"],
            "c3": ["受理", "财政局审核", "办结"],
            "c4": ["受理", "审计局审核", "审计局审核", "财政局审核", "办结"],
        }
    )
    report = conformance(log=EventLog(table=table), engine=get_engine("duckdb"), route=ROUTE)
    assert len(report.variants) == 3
    first = report.variants[0]
    assert (first.cases, first.fitness, first.fits) == (2, 1.0, True)
    assert report.fitting_cases == 2
    skipped = next(v for v in report.variants if v.sequence == ("受理", "财政局审核", "办结"))
    assert skipped.deviations == (Deviation(kind=DeviationKind.SKIPPED_VETO, step="审计局审核"),)
    assert 0 < skipped.fitness < 1
    assert report.cases_by_deviation() == {"repeated": 1, "skipped_veto": 1}
    assert 0 < (report.mean_fitness or 0) < 1
    assert report.to_dict()["cases"] == 4


def test_route_over_departments_merges_consecutive_events() -> None:
    groups = {"受理": "政务中心", "初审": "人才办", "复审": "人才办", "审计": "审计局"}
    table = table_of({"c1": ["受理", "初审", "复审", "审计"]}, groups=groups)
    route = Route(steps=("政务中心", "人才办", "审计局"), on="group")
    report = conformance(log=EventLog(table=table), engine=get_engine("polars"), route=route)
    assert report.variants[0].sequence == ("政务中心", "人才办", "审计局")
    assert report.variants[0].fits
    assert report.variants[0].fitness == 1.0


def test_bad_routes() -> None:
    with pytest.raises(RouteError, match="at least one step"):
        Route(steps=())
    with pytest.raises(RouteError, match="more than once"):
        Route(steps=("A", "B", "A"))
    with pytest.raises(RouteError, match="not steps of the route"):
        Route(steps=("A",), veto_steps=frozenset({"B"}))
