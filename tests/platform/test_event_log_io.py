"""Importing an event log into the platform's append-only log, and exporting it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pm4py
import pyarrow as pa
import pytest
from click.testing import CliRunner

from luodi.cli import main
from luodi.contract import Dataset, arrow_schema
from luodi.contract.activity_tables import EVENTS
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.cases.log_io import (
    EVENT_CHANGED,
    UNKNOWN_CASE,
    UNKNOWN_DEPARTMENT,
    EventLogImportDenied,
    EventLogImportError,
    event_log_export,
    event_log_import,
)
from luodi.platform.cases.models import Event
from luodi.platform.datasets.selectors import dataset_export
from luodi.platform.demo.services import DEMO_USERNAMES
from luodi.process import events_export

NEW_EVENTS: list[dict[str, Any]] = [
    {
        "event_id": "EV10",
        "case_id": "K2",
        "activity": "提请人才办协调",
        "department_id": "D-TO",
        "resource": None,
        "role": "system",
        "timestamp": dt.datetime(2018, 4, 12, 9, 0, 0, 5),
        "lifecycle": "complete",
        "decision": "escalated",
        "reason": None,
    },
    {
        "event_id": "EV11",
        "case_id": "K2",
        "activity": "领导小组决定",
        "department_id": "D-LG",
        "resource": "S1",
        "role": "leadership",
        "timestamp": dt.datetime(2018, 4, 20, 15, 30),
        "lifecycle": "complete",
        "decision": "rule_issued",
        "reason": "出台资金审计配套办法",
    },
]


def _user(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


def _log_file(tmp_path: Path, extra: list[dict[str, Any]], name: str = "log.xes") -> Path:
    """The platform's own events plus ``extra``, written as a log file."""
    dataset = dataset_export(personal=False)
    events = pa.concat_tables(
        [dataset["events"], pa.Table.from_pylist(extra, schema=arrow_schema(EVENTS))]
    )
    tables = {**dataset.tables, "events": events}
    path = tmp_path / name
    events_export(
        dataset=Dataset(tables=tables), fmt="csv" if name.endswith(".csv") else "xes", path=path
    )
    return path


def _rows() -> list[dict[str, Any]]:
    return list(Event.objects.order_by("event_id").values(*EVENTS.column_names))


def test_import_appends_new_events_once(demo: Any, tmp_path: Path) -> None:
    before = _rows()
    path = _log_file(tmp_path, NEW_EVENTS)
    result = event_log_import(path=path, by=_user(Role.ADMIN))
    assert (result.events, result.added, result.present) == (len(before) + 2, 2, len(before))
    stored = Event.objects.filter(event_id__in=["EV10", "EV11"]).order_by("event_id")
    assert list(stored.values(*EVENTS.column_names)) == NEW_EVENTS
    # Idempotent: the same file again adds nothing and changes nothing.
    again = event_log_import(path=path, by=_user(Role.ADMIN))
    assert (again.added, again.present) == (0, len(before) + 2)
    assert _rows() == sorted([*before, *NEW_EVENTS], key=lambda row: row["event_id"])


def test_csv_import_works_the_same(demo: Any, tmp_path: Path) -> None:
    path = _log_file(tmp_path, NEW_EVENTS[:1], name="log.csv")
    assert event_log_import(path=path, by=_user(Role.ADMIN)).added == 1
    assert Event.objects.get(event_id="EV10").timestamp == NEW_EVENTS[0]["timestamp"]


def test_unknown_case_and_department_refuse_the_whole_file(demo: Any, tmp_path: Path) -> None:
    before = _rows()
    bad = [
        NEW_EVENTS[0],
        {**NEW_EVENTS[1], "case_id": "K99"},
        {**NEW_EVENTS[1], "event_id": "EV12", "department_id": "D-NONE"},
    ]
    # K99 is not a case of the dataset, so it has no case attributes; the log still says so.
    path = _log_file(tmp_path, bad)
    with pytest.raises(EventLogImportError) as caught:
        event_log_import(path=path, by=_user(Role.ADMIN))
    # The log groups events by case: K99's event comes last, after K2's EV10 and EV12.
    count = len(before)
    assert caught.value.problems == (
        UNKNOWN_DEPARTMENT.format(
            where=f"event {count + 2} (EV12, case 'K2')", department_id="D-NONE"
        ),
        UNKNOWN_CASE.format(where=f"event {count + 3} (EV11, case 'K99')", case_id="K99"),
    )
    # Atomic: the good event EV10 was not added either.
    assert _rows() == before


def test_changed_existing_event_is_refused(demo: Any, tmp_path: Path) -> None:
    before = _rows()
    dataset = dataset_export(personal=False)
    events = dataset["events"].to_pylist()
    events[0]["reason"] = "事后补写的理由"
    tables = {
        **dataset.tables,
        "events": pa.Table.from_pylist(events, schema=arrow_schema(EVENTS)),
    }
    path = tmp_path / "changed.xes"
    events_export(dataset=Dataset(tables=tables), fmt="xes", path=path)
    with pytest.raises(EventLogImportError) as caught:
        event_log_import(path=path, by=_user(Role.ADMIN))
    # EV1 is K1's first event, and K1 the log's first case.
    assert events[0]["event_id"] == "EV1"
    assert caught.value.problems == (
        EVENT_CHANGED.format(where="event 1 (EV1, case 'K1')", fields="reason"),
    )
    assert _rows() == before


def test_only_an_administrator_may_import(demo: Any, tmp_path: Path) -> None:
    path = _log_file(tmp_path, NEW_EVENTS)
    for role in (Role.TALENT_OFFICE, Role.OFFICER, Role.LEADERSHIP):
        with pytest.raises(EventLogImportDenied, match="only an administrator"):
            event_log_import(path=path, by=_user(role))
    assert not Event.objects.filter(event_id="EV10").exists()


def test_export_formats_read_by_pm4py(demo: Any, tmp_path: Path) -> None:
    count = Event.objects.count()
    xes = event_log_export(fmt="xes", out=tmp_path / "log.xes")
    assert xes.events == count
    frame = pm4py.read_xes(str(xes.path), show_progress_bar=False)
    assert len(frame) == count
    assert frame["case:concept:name"].nunique() == Event.objects.values("case").distinct().count()
    ocel = event_log_export(fmt="ocel2", out=tmp_path / "log.jsonocel")
    read = pm4py.read_ocel2_json(str(ocel.path))
    assert len(read.events) == count
    types = Counter(read.objects["ocel:type"])
    assert types["case"] == Event.objects.values("case").distinct().count()
    assert types["department"] == Event.objects.values("department").distinct().count()
    with pytest.raises(ValueError, match="unknown event log format"):
        event_log_export(fmt="pdf", out=tmp_path / "log.pdf")


def test_cli_import_into_the_database(demo: Any, tmp_path: Path) -> None:
    path = _log_file(tmp_path, NEW_EVENTS)
    runner = CliRunner()
    args = ["process", "import", str(path), "--database", "--by", DEMO_USERNAMES[Role.ADMIN]]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output
    result = runner.invoke(main, args)
    assert "0 added" in result.output
    result = runner.invoke(main, ["process", "import", str(path), "--database", "--by", "nobody"])
    assert result.exit_code == 2
    assert "no account named 'nobody'" in result.output


def test_cli_export_from_the_database(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    result = CliRunner().invoke(
        main, ["process", "export", "--source", "database", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"Exported {Event.objects.count()} events (csv)" in result.output
