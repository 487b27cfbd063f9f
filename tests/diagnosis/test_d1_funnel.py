"""D1 staged-funding funnel: counts per phase and attrition reasons, by hand and on the demo."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from luodi.contract import Dataset
from luodi.diagnosis.allocation import function_alienation
from luodi.diagnosis.funnel import IN_PROCESS, NO_APPLICATION, staged_funnel
from luodi.engines import get_engine
from tests.diagnosis.d1d2_rows import (
    at,
    case,
    clause,
    context,
    dataset,
    demo_context,
    employer,
    event,
    paid,
)


def _phases(clause_id: str, n: int) -> list[dict[str, Any]]:
    return [
        {"clause_id": clause_id, "phase": k, "share": 1 / n, "condition": f"第{k}期"}
        for k in range(1, n + 1)
    ]


@pytest.fixture(scope="module")
def d1() -> dict[str, Any]:
    """S1 has 3 phases and six applicant firms:

    E1 paid 1, 2, 3 (a passed phase check has no reason); E2 paid 1, 2, then fails the
    phase-3 check; E3 paid 1, fails the phase-2 check (an earlier return is no stop); E4 is
    rejected at D-FIN; E5's case is still open; E6 is blocked at D-AUD, then escalated to
    D-TO (an escalation is no stop). S0 (2 phases) has one firm, paid phase 1 only; K1 has
    a single phase and is not staged.
    """
    firms = [employer(f"E{i}", "startup") for i in range(1, 8)]
    cases = [
        case("C1", "S1", employer_id="E1"),
        case("C2", "S1", employer_id="E2"),
        case("C3", "S1", employer_id="E3"),
        case("C4", "S1", employer_id="E4", status="rejected"),
        case("C5", "S1", employer_id="E5", status="open"),
        case("C6", "S1", employer_id="E6", status="blocked"),
        case("C7", "S0", employer_id="E7", status="open"),
    ]
    events = [
        event("V01", "C1", "D-ST", at(2), "phase_checked"),
        event("V02", "C2", "D-ST", at(3), "phase_checked", "第3期营业收入未达标"),
        event("V03", "C3", "D-ST", at(2), "returned", "补正材料"),
        event("V04", "C3", "D-ST", at(4), "phase_checked", "第2期营业收入未达标"),
        event("V05", "C4", "D-FIN", at(2), "rejected", "资产负债率超过70%"),
        event("V06", "C5", "D-TO", at(2), "submitted"),
        event("V07", "C6", "D-AUD", at(2), "blocked_no_rule", "缺少审计办法"),
        event("V08", "C6", "D-TO", at(3), "escalated", "提请协调"),
    ]
    payments = [
        paid("M1", "C1", 10.0, 1),
        paid("M2", "C1", 10.0, 2),
        paid("M3", "C1", 10.0, 3),
        paid("M4", "C2", 10.0, 1),
        paid("M5", "C2", 10.0, 2),
        paid("M6", "C3", 10.0, 1),
        paid("M7", "C7", 10.0, 1),
    ]
    data = dataset(
        {
            "employers": firms,
            "departments": [],
            "clauses": [clause("S0"), clause("S1"), clause("K1")],
            "clause_phases": [*_phases("S0", 2), *_phases("S1", 3), *_phases("K1", 1)],
            "cases": cases,
            "events": events,
            "disbursements": payments,
        }
    )
    return function_alienation(context(data)).to_dict()


def _reasons(attrition: dict[str, Any]) -> list[tuple[str, str | None, int]]:
    return [(r["reason"], r["department_id"], r["count"]) for r in attrition["reasons"]]


def test_funnel_counts_by_hand(d1: dict[str, Any]) -> None:
    funnel = d1["funnel"]
    # The staged clause with the most eligible is the funnel; every staged clause is listed.
    assert funnel["clause_id"] == "S1"
    assert [f["clause_id"] for f in d1["funnels"]] == ["S0", "S1"]
    assert funnel["eligible_source"] == "applications"
    counts = [funnel[k] for k in ("eligible", "phase_1", "phase_2", "phase_3", "phase_4")]
    assert counts == [6, 3, 2, 1, 0]
    assert funnel["phases"] == 3
    assert funnel["stage_evidence"]["phase_2"] == {
        "kind": "cases",
        "filters": {"clause_id": "S1", "paid_phase": "2"},
    }
    s0 = d1["funnels"][0]
    assert (s0["eligible"], s0["phase_1"], s0["phase_2"], s0["phases"]) == (1, 1, 0, 2)
    assert _reasons(s0["attrition"][1]) == [(IN_PROCESS, None, 1)]


def test_attrition_reasons_by_hand(d1: dict[str, Any]) -> None:
    first, second, third = d1["funnel"]["attrition"]
    assert (first["from"], first["to"], first["lost"]) == ("eligible", "phase_1", 3)
    assert sorted(_reasons(first)) == sorted(
        [
            ("资产负债率超过70%", "D-FIN", 1),
            ("缺少审计办法", "D-AUD", 1),
            (IN_PROCESS, None, 1),
        ]
    )
    assert (second["from"], second["to"], second["lost"]) == ("phase_1", "phase_2", 1)
    assert _reasons(second) == [("第2期营业收入未达标", "D-ST", 1)]
    assert _reasons(third) == [("第3期营业收入未达标", "D-ST", 1)]
    assert third["reasons"][0]["evidence"] == {
        "kind": "cases",
        "filters": {
            "clause_id": "S1",
            "decision": "phase_checked",
            "department_id": "D-ST",
            "phases_paid": "2",
            "reason": "第3期营业收入未达标",
        },
    }


def test_demo_funnel_reproduces_the_study(demo_dataset: Dataset) -> None:
    ctx = demo_context(demo_dataset, get_engine("duckdb"))
    funnel = function_alienation(ctx).to_dict()["funnel"]
    assert funnel["clause_id"] == "CL-C-06"
    assert funnel["eligible_source"] == "rules"
    counts = [funnel[k] for k in ("eligible", "phase_1", "phase_2", "phase_3", "phase_4")]
    assert counts[:2] == [14, 11]
    assert counts[-1] == 0
    assert counts == sorted(counts, reverse=True)
    for attrition, before, after in zip(funnel["attrition"], counts, counts[1:], strict=False):
        assert attrition["lost"] == before - after
        assert sum(r["count"] for r in attrition["reasons"]) == attrition["lost"]
    # The two ineligible applicants (founded too early) are not among the eligible lost.
    first = {r["decision"] for r in funnel["attrition"][0]["reasons"]}
    assert first == {"blocked_no_rule", "rejected", "withdrawn"}
    assert {r["department_id"] for r in funnel["attrition"][0]["reasons"]} == {
        "C-AUD",
        "C-FIN",
        "C-MR",
    }


def _without_case(data: Dataset, case_id: str) -> Dataset:
    """The dataset minus one case and every row that points at it."""
    tables: dict[str, pa.Table] = {}
    for name, table in data.tables.items():
        if "case_id" in table.column_names:
            # Exceptions may have no case: those rows stay.
            keep = pc.fill_null(pc.not_equal(table.column("case_id"), case_id), True)
            table = table.filter(keep)
        tables[name] = table
    return Dataset(tables=tables)


def test_eligible_who_never_applied(demo_dataset: Dataset) -> None:
    # The staged firm paid phases 1 and 2 that never applied is counted as 未申请.
    cases = demo_dataset["cases"].to_pylist()
    paid_two = {r["case_id"] for r in demo_dataset["disbursements"].to_pylist() if r["phase"] == 2}
    dropped = next(c["case_id"] for c in cases if c["case_id"] in paid_two)
    data = _without_case(demo_dataset, dropped)
    ctx = demo_context(demo_dataset, get_engine("duckdb"))
    ctx = type(ctx)(
        dataset=data,
        engine=ctx.engine,
        period=ctx.period,
        rules_on=ctx.rules_on,
        library=ctx.library,
        coverage=ctx.coverage,
    )
    funnel = staged_funnel(ctx, clause_id="CL-C-06", phases=4).to_dict()
    assert (funnel["eligible"], funnel["phase_1"], funnel["phase_2"]) == (14, 10, 6)
    first = funnel["attrition"][0]
    assert first["lost"] == 4
    assert (NO_APPLICATION, None, 1) in _reasons(first)
    no_case = next(r for r in first["reasons"] if r["reason"] == NO_APPLICATION)
    assert no_case["evidence"] == {"kind": "clause", "filters": {"clause_id": "CL-C-06"}}
