"""Contract events ↔ the normalised event log: lossless XES and CSV round trips, PM4Py's counts,
precise errors for logs that cannot become contract events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pm4py
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from luodi.contract import Dataset
from luodi.process import (
    EventLogContractError,
    events_export,
    events_import,
    events_to_log,
    log_to_events,
    read_csv,
    read_xes,
    write_xes,
)
from luodi.process.eventlog import (
    DUPLICATE_ID,
    MISSING_VALUE,
    generated_event_id,
)

AT = dt.datetime


def _event(
    event_id: str,
    case_id: str,
    activity: str,
    at: dt.datetime,
    *,
    department: str = "D-HR",
    role: str = "officer",
    lifecycle: str = "complete",
    resource: str | None = None,
    decision: str | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "case_id": case_id,
        "activity": activity,
        "department_id": department,
        "resource": resource,
        "role": role,
        "timestamp": at,
        "lifecycle": lifecycle,
        "decision": decision,
        "reason": reason,
    }


def log_rows() -> dict[str, list[dict[str, Any]]]:
    """Three cases (person and employer, employer only, neither) with interleaved events."""
    case = {"opened_at": AT(2018, 3, 2, 9, 30), "closed_at": None}
    return {
        "departments": [
            {"department_id": d, "name": n, "kind": k, "region_id": "R2", "is_veto": v}
            for d, n, k, v in (
                ("D-HR", "C区人社局", "hr_social_security", False),
                ("D-AUD", "C区审计局", "audit", True),
                ("D-TO", "C区人才办", "talent_office", False),
            )
        ],
        "persons": [
            {"person_id": "P1", "name": "张三", "talent_tier": "A"},
            {"person_id": "P2", "name": "李四", "talent_tier": "general"},
        ],
        "employers": [
            {"employer_id": "E1", "name": "甲科技有限公司", "kind": "high_tech_firm"},
            {"employer_id": "E2", "name": "乙众创空间", "kind": "maker_space"},
        ],
        "clauses": [
            {"clause_id": "C1", "policy_id": "POL1", "number": "第三条", "text": "支持创业。"},
            {"clause_id": "C2", "policy_id": "POL2", "number": "第五条", "text": "资助。"},
        ],
        "cases": [
            {
                **case,
                "case_id": "K1",
                "clause_id": "C2",
                "person_id": "P1",
                "employer_id": "E1",
                "status": "blocked",
            },
            {
                **case,
                "case_id": "K2",
                "clause_id": "C2",
                "person_id": None,
                "employer_id": "E1",
                "status": "open",
            },
            {
                **case,
                "case_id": "K3",
                "clause_id": "C1",
                "person_id": None,
                "employer_id": None,
                "status": "approved",
                "closed_at": AT(2018, 6, 1, 16, 45, 12),
            },
        ],
        "events": [
            _event(
                "EV1",
                "K1",
                "提交申请",
                AT(2018, 3, 2, 9, 30),
                role="applicant",
                decision="submitted",
            ),
            _event(
                "EV2",
                "K2",
                "提交申请",
                AT(2018, 3, 3, 1, 15, 0, 250),
                role="applicant",
                decision="submitted",
            ),
            _event(
                "EV3",
                "K1",
                "人社局受理",
                AT(2018, 3, 2, 10, 0),
                lifecycle="schedule",
                decision="received",
                role="system",
            ),
            _event(
                "EV4",
                "K1",
                "审计局审核",
                AT(2018, 3, 9, 14, 0),
                department="D-AUD",
                resource="S2",
                decision="blocked_no_rule",
                reason='缺少配套规定："资金审计办法", 第4条\n另见审计意见',
            ),
            _event(
                "EV5",
                "K3",
                "自动兑现",
                AT(2018, 5, 2, 10, 0),
                role="system",
                department="D-TO",
                decision="approved",
            ),
            _event(
                "EV6",
                "K1",
                "提请人才办协调",
                AT(2018, 3, 9, 14, 0),
                department="D-TO",
                role="system",
                decision="escalated",
            ),
            _event(
                "EV7", "K2", "人社局审核", AT(2018, 3, 5, 8, 0), resource="S1", lifecycle="start"
            ),
        ],
    }


@pytest.fixture
def dataset() -> Dataset:
    return Dataset.from_rows(log_rows())


def _by_id(table: pa.Table) -> pa.Table:
    return table.sort_by("event_id")


def test_log_columns_and_case_attributes(dataset: Dataset) -> None:
    log = events_to_log(dataset)
    assert log.column_names[:6] == [
        "case_id",
        "activity",
        "timestamp",
        "lifecycle",
        "resource",
        "group",
    ]
    # Grouped by case in order of first appearance, in time order inside a case.
    assert log["identity:id"].to_pylist() == ["EV1", "EV3", "EV4", "EV6", "EV2", "EV7", "EV5"]
    first = log.slice(0, 1).to_pylist()[0]
    assert first["org:role"] == "applicant"
    assert first["luodi:decision"] == "submitted"
    assert (first["case:clause_id"], first["case:person_id"], first["case:status"]) == (
        "C2",
        "P1",
        "blocked",
    )
    # China Standard Time 09:30 is 01:30 UTC.
    assert first["timestamp"] == AT(2018, 3, 2, 1, 30)
    assert log["group"].to_pylist()[2] == "D-AUD"
    # Names of persons and employers never enter the log.
    text = str(log.to_pylist())
    assert "张三" not in text
    assert "甲科技" not in text


def test_xes_round_trip_is_lossless(dataset: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "events.xes.gz"
    assert events_export(dataset=dataset, fmt="xes", path=target) == 7
    back = events_import(path=target)
    assert _by_id(back).equals(_by_id(dataset["events"]))
    assert back.schema.equals(dataset["events"].schema)


def test_csv_round_trip_is_lossless(dataset: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    events_export(dataset=dataset, fmt="csv", path=target)
    back = events_import(path=target)
    assert _by_id(back).equals(_by_id(dataset["events"]))
    assert read_csv(path=target)["case:status"].to_pylist()[0] == "blocked"


def test_pm4py_reads_our_xes(dataset: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "events.xes"
    events_export(dataset=dataset, fmt="xes", path=target)
    frame = pm4py.read_xes(str(target), show_progress_bar=False)
    assert len(frame) == 7
    assert frame["case:concept:name"].nunique() == 3
    assert len(pm4py.get_variants(frame)) == 3
    assert set(frame["org:role"]) == {"applicant", "officer", "system"}
    assert (
        frame.loc[frame["concept:name"] == "审计局审核", "luodi:reason"]
        .iloc[0]
        .startswith("缺少配套规定")
    )
    assert set(frame["case:clause_id"]) == {"C1", "C2"}


def test_events_without_ids_get_deterministic_ids(dataset: Dataset) -> None:
    log = events_to_log(dataset).drop_columns(["identity:id"])
    first = log_to_events(log)
    assert first["event_id"].to_pylist()[:4] == [generated_event_id("K1", n) for n in (1, 2, 3, 4)]
    assert log_to_events(log).equals(first)


def test_contract_csv_columns_are_accepted(dataset: Dataset) -> None:
    # A CSV of the contract's own events table names columns as the contract does.
    events = dataset["events"]
    stamps = pc.subtract(events["timestamp"], pa.scalar(dt.timedelta(hours=8), pa.duration("us")))
    log = events.set_column(events.schema.get_field_index("timestamp"), "timestamp", stamps)
    assert log_to_events(log).equals(events)


def test_missing_role_column_says_how_to_fix(dataset: Dataset) -> None:
    log = events_to_log(dataset).drop_columns(["org:role"])
    with pytest.raises(EventLogContractError, match="no role column") as caught:
        log_to_events(log, source="log.xes")
    assert 'in XES as <string key="org:role"' in str(caught.value)
    assert "applicant" in str(caught.value)


def test_empty_and_wrong_values_name_the_event_and_line(dataset: Dataset) -> None:
    log = events_to_log(dataset)
    roles = log["org:role"].to_pylist()
    roles[1] = None
    roles[2] = "clerk"
    log = log.set_column(log.schema.get_field_index("org:role"), "org:role", pa.array(roles))
    with pytest.raises(EventLogContractError) as caught:
        log_to_events(log, source="log.csv", first_line=2)
    problems = caught.value.problems
    assert problems[0] == MISSING_VALUE.format(
        where="event 2 (case 'K1', line 3)",
        column="role",
        meaning="Role of who acted (XES org:role): one of applicant, leadership, officer, "
        "system, talent_office",
    )
    assert problems[1].startswith("event 3 (case 'K1', line 4): role 'clerk' is not one of")
    assert len(problems) == 2


def test_duplicate_event_ids_are_refused(dataset: Dataset) -> None:
    log = events_to_log(dataset)
    ids = log["identity:id"].to_pylist()
    ids[3] = ids[0]
    log = log.set_column(log.schema.get_field_index("identity:id"), "identity:id", pa.array(ids))
    with pytest.raises(EventLogContractError) as caught:
        log_to_events(log)
    assert caught.value.problems == (
        DUPLICATE_ID.format(
            where="event 4 (case 'K1')", event_id="EV1", first="event 1 (case 'K1')"
        ),
    )


def test_foreign_xes_without_luodi_columns(tmp_path: Path) -> None:
    # A log from another system: no role, no department: both are reported, nothing guessed.
    table = pa.table(
        {
            "case_id": ["a"],
            "activity": ["x"],
            "timestamp": pa.array([AT(2024, 1, 1)], pa.timestamp("us")),
        }
    )
    target = tmp_path / "foreign.xes"
    write_xes(table=table, path=target)
    with pytest.raises(EventLogContractError) as caught:
        events_import(path=target)
    assert [p.split(" (")[0] for p in caught.value.problems] == [
        "no department_id column",
        "no role column",
        "no lifecycle column",
    ]
    assert str(target) in str(caught.value)
    assert read_xes(path=target).num_rows == 1


def test_demo_round_trips(tmp_path: Path) -> None:
    from luodi.demo import generate

    demo = generate()
    if demo["events"]["role"].null_count:
        pytest.skip("the demo does not emit event roles yet (engineer A's change)")
    for fmt, name in (("xes", "demo.xes.gz"), ("csv", "demo.csv")):
        events_export(dataset=demo, fmt=fmt, path=tmp_path / name)
        back = events_import(path=tmp_path / name)
        assert _by_id(back).equals(_by_id(demo["events"])), fmt
    frame = pm4py.read_xes(str(tmp_path / "demo.xes.gz"), show_progress_bar=False)
    log = events_to_log(demo)
    assert len(frame) == demo["events"].num_rows
    assert frame["case:concept:name"].nunique() == len(set(log["case_id"].to_pylist()))
    ours = {tuple(t) for t in _traces(log)}
    assert len(pm4py.get_variants(frame)) == len(ours)


def _traces(log: pa.Table) -> list[list[str]]:
    traces: dict[str, list[str]] = {}
    for case, activity in zip(log["case_id"].to_pylist(), log["activity"].to_pylist(), strict=True):
        traces.setdefault(case, []).append(activity)
    return list(traces.values())


def test_empty_log_round_trips(tmp_path: Path) -> None:
    # An XES file without events declares no attributes; it is an empty log, not an error.
    empty = Dataset.empty()
    for name in ("empty.xes", "empty.csv"):
        assert events_export(dataset=empty, fmt=name.split(".")[1], path=tmp_path / name) == 0
        assert events_import(path=tmp_path / name).equals(empty["events"])
