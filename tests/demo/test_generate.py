"""The demo district: deterministic, complete, and showing the study's findings in its data."""

from __future__ import annotations

import io
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from luodi.contract import TABLE_ORDER, Dataset
from luodi.demo import generate
from luodi.demo.people import STAGED_ELIGIBLE_KINDS, STAGED_FOUNDED_FROM
from luodi.demo.policies import STAGED_CLAUSE

QUOTED_CLAUSES = (
    # P1: vague wording the district has to re-make.
    "支持高层次人才承担国家973计划、863计划、国家科技支撑计划、科技型中小企业创新基金等项目，"
    "对在我市实施的项目，按要求给予配套补助",
    "鼓励设立人才创新创业的引导基金子基金，拓展海外天使投资基金",
    "探索建立专家工作站制度，对认定的专家工作站给予一定资助",
    # D2: clauses that do not land.
    "科研启动经费等费用可据实在计算企业所得税前扣除",
    "事业单位科研人员承担企业科研项目，经费纳入单位统一管理，用途由企业与人才自行约定",
    "妥善解决高层次人才子女入学",
    # P3: the two rule conflicts.
    "高校、科研院所科研人员经所在单位同意，可以在职创业并按规定获得报酬",
    "现职和不担任现职但未办理退（离）休手续的党政领导干部不得在企业兼职（任职）",
)


def _ipc_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _rows(dataset: Dataset, name: str) -> list[dict[str, Any]]:
    # Arrow rows hold the contract's Python types; Any spares a cast at every comparison.
    rows: list[dict[str, Any]] = dataset[name].to_pylist()
    return rows


def test_same_seed_same_bytes(demo: Dataset) -> None:
    again = generate(seed=20171)
    for spec in TABLE_ORDER:
        assert _ipc_bytes(demo[spec.name]) == _ipc_bytes(again[spec.name]), spec.name


def test_other_seed_other_people(demo: Dataset) -> None:
    other = generate(seed=7)
    assert _rows(other, "persons") != _rows(demo, "persons")


def test_generation_is_fast() -> None:
    started = time.perf_counter()
    generate(seed=99)
    assert time.perf_counter() - started < 5


def test_every_reference_resolves(demo: Dataset) -> None:
    for spec in TABLE_ORDER:
        for column in spec.columns:
            if column.references is None:
                continue
            target = demo[column.references.table].column(column.references.column)
            known = set(target.to_pylist())
            values = [v for v in demo[spec.name].column(column.name).to_pylist() if v is not None]
            dangling = sorted({v for v in values if v not in known})
            assert not dangling, f"{spec.name}.{column.name} → {column.references}: {dangling}"


def test_round_trip_through_the_validator(demo: Dataset, tmp_path: Path) -> None:
    from luodi.contract.io import write_dataset
    from luodi.contract.validate import read_dataset

    write_dataset(demo, directory=tmp_path, formats=("parquet",))
    back = read_dataset(tmp_path)
    assert back.row_counts() == demo.row_counts()


def test_regions_and_departments(demo: Dataset) -> None:
    regions = {r["region_id"]: r for r in _rows(demo, "regions")}
    assert [r["level"] for r in regions.values()] == [
        "central",
        "province",
        "city",
        "cluster",
        "district",
        "district",
        "district",
    ]
    departments = _rows(demo, "departments")
    veto = {d["kind"] for d in departments if d["is_veto"]}
    assert veto == {"audit", "discipline_inspection"}
    kinds = {d["kind"] for d in departments if d["region_id"] == "ZJ-H-C"}
    assert {
        "talent_office",
        "leadership_group",
        "hr_social_security",
        "finance",
        "tax",
        "science_technology",
        "financial_affairs",
        "education",
        "public_security",
        "audit",
        "discipline_inspection",
        "market_regulation",
        "housing",
    } <= kinds


def test_three_talent_office_staff(demo: Dataset) -> None:
    office = [s for s in _rows(demo, "staff") if s["department_id"] == "C-TO"]
    assert sorted(str(s["role"]) for s in office) == ["leader", "officer", "officer"]
    others = [s for s in _rows(demo, "staff") if s["department_id"] != "C-TO"]
    assert others
    assert {s["role"] for s in others} == {"officer"}


def test_44_employers_of_four_kinds(demo: Dataset) -> None:
    employers = _rows(demo, "employers")
    assert len(employers) == 44
    assert {e["kind"] for e in employers} == {
        "research_university",
        "traditional_firm",
        "maker_space",
        "high_tech_firm",
    }
    assert {e["stage"] for e in employers} == {"startup", "growth", "mature"}
    assert {e["region_id"] for e in employers} == {"ZJ-H-C1", "ZJ-H-C2", "ZJ-H-C3"}


def test_about_2000_persons_few_high_end(demo: Dataset) -> None:
    persons = _rows(demo, "persons")
    assert 1900 <= len(persons) <= 2100
    tiers = Counter(str(p["talent_tier"]) for p in persons)
    high = sum(tiers[t] for t in "ABC") / len(persons)
    assert 0.01 < high < 0.05
    assert tiers["general"] / len(persons) > 0.6
    employed = {p["employer_id"] for p in persons}
    assert all(e["employer_id"] in employed for e in _rows(demo, "employers"))


def test_quoted_clauses_are_verbatim(demo: Dataset) -> None:
    texts = [str(c["text"]) for c in _rows(demo, "clauses")]
    for quoted in QUOTED_CLAUSES:
        assert quoted in texts, quoted


def test_four_levels_and_lineage(demo: Dataset) -> None:
    policies = {p["policy_id"]: p for p in _rows(demo, "policies")}
    assert {p["level"] for p in policies.values()} == {"central", "province", "city", "district"}
    clauses = {c["clause_id"]: c for c in _rows(demo, "clauses")}
    level = {cid: policies[c["policy_id"]]["level"] for cid, c in clauses.items()}
    order = ["central", "province", "city", "district"]
    for cid, c in clauses.items():
        if c["refines"] is not None:
            assert order.index(str(level[str(c["refines"])])) < order.index(str(level[cid]))
    # The staged clause traces back to the central document.
    chain, current = [], STAGED_CLAUSE
    while current is not None:
        chain.append(level[current])
        current = clauses[current]["refines"]
    assert chain == ["district", "city", "province", "central"]


def test_rule_conflicts_are_in_the_library(demo: Dataset) -> None:
    texts = " ".join(str(c["text"]) for c in _rows(demo, "clauses"))
    assert "绿色通道" in texts
    assert "公办中小学不收择校生" in texts
    numbers = {p["document_number"] for p in _rows(demo, "policies")}
    assert "中组发〔2013〕18号" in numbers


def _staged_funnel(demo: Dataset) -> tuple[int, dict[int, int]]:
    employers = {e["employer_id"]: e for e in _rows(demo, "employers")}
    cases = {c["case_id"]: c for c in _rows(demo, "cases") if c["clause_id"] == STAGED_CLAUSE}
    eligible = {
        c["employer_id"]
        for c in cases.values()
        if employers[c["employer_id"]]["kind"] in STAGED_ELIGIBLE_KINDS
        and employers[c["employer_id"]]["founded_on"] >= STAGED_FOUNDED_FROM
    }
    reached: dict[int, set[object]] = {}
    for payment in _rows(demo, "disbursements"):
        case = cases.get(payment["case_id"])
        if case is not None:
            reached.setdefault(int(payment["phase"]), set()).add(case["employer_id"])
    return len(eligible), {phase: len(firms) for phase, firms in sorted(reached.items())}


def test_staged_funding_14_11_0(demo: Dataset) -> None:
    eligible, reached = _staged_funnel(demo)
    assert eligible == 14
    assert reached.get(1) == 11
    assert reached.get(4, 0) == 0
    assert reached.get(2, 0) > 0
    assert reached.get(3, 0) > 0
    phases = [p for p in _rows(demo, "clause_phases") if p["clause_id"] == STAGED_CLAUSE]
    assert len(phases) == 4
    assert sum(float(p["share"]) for p in phases) == pytest.approx(1.0)


def test_staged_attrition_has_financial_reasons(demo: Dataset) -> None:
    staged = {c["case_id"] for c in _rows(demo, "cases") if c["clause_id"] == STAGED_CLAUSE}
    reasons = [
        str(e["reason"])
        for e in _rows(demo, "events")
        if e["case_id"] in staged and e["lifecycle"] == "ate_abort" and e["reason"]
    ]
    financial = [r for r in reasons if "财务指标" in r]
    assert len(financial) == 11  # every firm that got phase 1 stops at a financial bar


def test_veto_departments_block_clauses_without_supporting_rules(demo: Dataset) -> None:
    cases = {c["case_id"]: c for c in _rows(demo, "cases")}
    veto = {d["department_id"] for d in _rows(demo, "departments") if d["is_veto"]}
    blocked = Counter(
        cases[str(e["case_id"])]["clause_id"]
        for e in _rows(demo, "events")
        if e["lifecycle"] == "suspend" and e["department_id"] in veto
    )
    assert blocked["CL-ZJ-01"] > 0  # in-post entrepreneurship: discipline inspection
    assert blocked["CL-ZJ-02"] > 0  # research funds: audit
    statuses = Counter(c["status"] for c in cases.values() if c["clause_id"] == "CL-ZJ-03")
    assert set(statuses) == {"blocked"}  # tax deduction never lands


def test_informal_school_places_are_recorded(demo: Dataset) -> None:
    informal = [e for e in _rows(demo, "events") if str(e["reason"] or "").startswith("非正式协调")]
    assert informal
    assert {e["resource"] for e in informal} == {"ST-C-TO-1"}


def test_events_follow_routes_in_time(demo: Dataset) -> None:
    by_case: dict[str, list[dict[str, Any]]] = {}
    for event in _rows(demo, "events"):
        by_case.setdefault(event["case_id"], []).append(event)
    opened = {c["case_id"]: c["opened_at"] for c in _rows(demo, "cases")}
    for case_id, events in by_case.items():
        times = [e["timestamp"] for e in events]
        assert times == sorted(times), case_id
        assert times[0] == opened[case_id]
        assert events[0]["activity"] == "提交申请"


def test_money_goes_to_high_end_talents(demo: Dataset) -> None:
    """D1 锦上添花: the high-end share of money is far above their share of people."""
    persons = {p["person_id"]: p for p in _rows(demo, "persons")}
    cases = {c["case_id"]: c for c in _rows(demo, "cases")}
    money: defaultdict[str, float] = defaultdict(float)
    for payment in _rows(demo, "disbursements"):
        person = cases[payment["case_id"]]["person_id"]
        if person is not None:
            high = persons[person]["talent_tier"] in ("A", "B", "C")
            money["high" if high else "rest"] += float(payment["amount"])
    high_people = sum(1 for p in persons.values() if p["talent_tier"] in ("A", "B", "C"))
    money_share = money["high"] / (money["high"] + money["rest"])
    assert money_share > 3 * high_people / len(persons)


def test_mature_firms_get_more_than_start_ups(demo: Dataset) -> None:
    employers = {e["employer_id"]: e for e in _rows(demo, "employers")}
    cases = {c["case_id"]: c for c in _rows(demo, "cases")}
    money: defaultdict[str, float] = defaultdict(float)
    for payment in _rows(demo, "disbursements"):
        employer = cases[payment["case_id"]]["employer_id"]
        if employer is not None:
            money[str(employers[employer]["stage"])] += float(payment["amount"])
    firms = Counter(str(e["stage"]) for e in employers.values())
    assert money["mature"] / firms["mature"] > money["startup"] / firms["startup"]


def test_inquiries(demo: Dataset) -> None:
    inquiries = _rows(demo, "inquiries")
    assert 250 <= len(inquiries) <= 350
    assert len({i["text"] for i in inquiries}) > 40
    # Those the router cannot place wait at the talent office's triage desk.
    triaged = [i for i in inquiries if i["routed_by"] == "triage"]
    assert 0.05 < len(triaged) / len(inquiries) < 0.4
    assert all(i["department_id"] is not None for i in inquiries)
    for inquiry in inquiries:
        if inquiry["answered_at"] is not None:
            assert inquiry["answered_at"] > inquiry["submitted_at"]
        if inquiry["satisfaction"] is not None:
            assert inquiry["answered_at"] is not None
