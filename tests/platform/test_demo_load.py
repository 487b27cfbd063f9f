"""demo_load and dataset_export: load a dataset with accounts, export it back unchanged."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from luodi.contract import TABLE_ORDER, Dataset
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.datasets.selectors import dataset_export
from luodi.platform.demo.services import DEMO_PASSWORD_ENV, DEMO_USERNAMES, demo_load
from luodi.platform.exceptions import DemoLoadError
from tests.platform.conftest import PASSWORD, small_rows


def _counts() -> dict[str, int]:
    return dataset_export().row_counts()


def test_demo_load_creates_rows_and_one_account_per_role(
    db: None, small_dataset: Dataset, settings: Any
) -> None:
    result = demo_load(dataset=small_dataset, password=PASSWORD)
    assert result.row_counts == small_dataset.row_counts()
    assert _counts() == small_dataset.row_counts()
    assert {a.role for a in result.accounts} == set(Role)
    users = {u.role: u for u in User.objects.filter(username__in=DEMO_USERNAMES.values())}
    assert set(users) == set(Role)
    assert users[Role.TALENT].person_id == "P1"
    assert users[Role.EMPLOYER].employer_id == "E1"
    assert users[Role.OFFICER].department_id == "D-AUD"
    assert users[Role.TALENT_OFFICE].department_id == "D-TO"
    assert users[Role.LEADERSHIP].department_id == "D-LG"
    assert users[Role.ADMIN].is_superuser
    assert users[Role.ADMIN].is_staff
    assert all(u.check_password(PASSWORD) for u in users.values())
    path = Path(settings.LUODI_DATA_DIR) / "demo-accounts.txt"
    assert result.accounts_file == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "demo-officer" in path.read_text(encoding="utf-8")


def test_demo_load_is_idempotent(db: None, small_dataset: Dataset) -> None:
    demo_load(dataset=small_dataset, password=PASSWORD)
    first = (_counts(), User.objects.count())
    demo_load(dataset=small_dataset, password=PASSWORD)
    assert (_counts(), User.objects.count()) == first


def test_passwords_default_to_env_then_random(
    db: None, small_dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEMO_PASSWORD_ENV, "from-the-environment")
    assert {a.password for a in demo_load(dataset=small_dataset).accounts} == {
        "from-the-environment"
    }
    monkeypatch.delenv(DEMO_PASSWORD_ENV)
    passwords = [a.password for a in demo_load(dataset=small_dataset).accounts]
    assert len(set(passwords)) == len(passwords)
    assert all(len(p) >= 16 for p in passwords)


def test_demo_load_refuses_to_orphan_other_accounts(db: None, small_dataset: Dataset) -> None:
    demo_load(dataset=small_dataset, password=PASSWORD)
    User.objects.create(username="real-officer", role=Role.OFFICER, department_id="D-HR")
    with pytest.raises(DemoLoadError, match="real-officer"):
        demo_load(dataset=small_dataset, password=PASSWORD)
    assert User.objects.filter(username="demo-talent").exists()


def test_demo_load_needs_a_person(db: None) -> None:
    with pytest.raises(DemoLoadError, match="persons"):
        demo_load(dataset=Dataset.empty(), password=PASSWORD)


def _sorted(table: pa.Table, key: tuple[str, ...]) -> pa.Table:
    return table.sort_by([(name, "ascending") for name in key])


def test_export_round_trip(db: None, small_dataset: Dataset) -> None:
    demo_load(dataset=small_dataset, password=PASSWORD)
    exported = dataset_export()
    for table in TABLE_ORDER:
        expected = _sorted(small_dataset[table.name], table.primary_key)
        actual = _sorted(exported[table.name], table.primary_key)
        assert actual.schema == expected.schema, table.name
        assert actual.to_pylist() == expected.to_pylist(), table.name


def test_export_without_personal_columns(db: None, small_dataset: Dataset) -> None:
    demo_load(dataset=small_dataset, password=PASSWORD)
    persons = dataset_export(personal=False)["persons"]
    assert set(persons.column("name").to_pylist()) == {None}


def _with_workflow() -> Dataset:
    """The small dataset plus one row or so in each optional workflow table."""
    rows = small_rows()
    rows["conflicts"] = [
        {
            "conflict_id": "CF1",
            "title": "资金使用规定冲突",
            "rule_a": "C区人才新政第五条",
            "department_a": "D-HR",
            "rule_b": "预算管理规定第十条",
            "department_b": "D-AUD",
            "clause_id": "C2",
            "status": "open",
            "raised_on": dt.date(2018, 4, 9),
            "resolved_on": None,
            "resolution": None,
        }
    ]
    rows["case_steps"] = [
        {
            "step_id": "K2-1",
            "case_id": "K2",
            "position": 1,
            "department_id": "D-HR",
            "route_role": "lead",
            "status": "approved",
            "arrived_at": dt.datetime(2018, 4, 2, 10, 0),
            "due_on": dt.date(2018, 4, 11),
            "decided_at": dt.datetime(2018, 4, 3, 10, 0),
            "decided_by": "S1",
            "reason": None,
            "missing_rule": None,
            "conflict_id": None,
        },
        {
            "step_id": "K2-2",
            "case_id": "K2",
            "position": 2,
            "department_id": "D-AUD",
            "route_role": "veto",
            "status": "blocked",
            "arrived_at": dt.datetime(2018, 4, 4, 9, 0),
            "due_on": dt.date(2018, 4, 13),
            "decided_at": dt.datetime(2018, 4, 9, 11, 0),
            "decided_by": "S2",
            "reason": "资金使用规定相互冲突",
            "missing_rule": "配套审计办法",
            "conflict_id": "CF1",
        },
    ]
    rows["escalations"] = [
        {
            "escalation_id": "ES1",
            "case_id": "K2",
            "step_id": "K2-2",
            "level": "leadership",
            "cause": "conflict",
            "raised_at": dt.datetime(2018, 4, 9, 11, 0),
            "status": "referred",
            "resolution": None,
            "decided_at": None,
            "decided_by": None,
            "note": None,
        }
    ]
    rows["exceptions"] = [
        {
            "exception_id": "EX1",
            "case_id": "K2",
            "department_id": "D-TO",
            "what": "电话协调审计局",
            "why": "规定冲突，领导小组未协调",
            "requested_by": "人才办分管领导",
            "approved_by": "审计局局长",
            "recorded_at": dt.datetime(2018, 4, 20, 9, 0),
            "recorded_by": "S1",
        }
    ]
    return Dataset.from_rows(rows)


def test_workflow_tables_load_in_order_and_round_trip(db: None) -> None:
    # case_steps cite a conflict and escalations cite a step: the load order must hold.
    dataset = _with_workflow()
    result = demo_load(dataset=dataset, password=PASSWORD)
    counts = result.row_counts
    assert (counts["conflicts"], counts["case_steps"]) == (1, 2)
    assert (counts["escalations"], counts["exceptions"]) == (1, 1)
    exported = dataset_export()
    for name in ("conflicts", "case_steps", "escalations", "exceptions", "events"):
        spec = next(t for t in TABLE_ORDER if t.name == name)
        expected = _sorted(dataset[name], spec.primary_key).to_pylist()
        assert _sorted(exported[name], spec.primary_key).to_pylist() == expected, name
    # Loading again replaces the workflow rows rather than tripping over their references.
    demo_load(dataset=dataset, password=PASSWORD)
    assert dataset_export().row_counts() == dataset.row_counts()


def test_a_step_citing_an_unknown_conflict_is_refused(db: None) -> None:
    from django.db import IntegrityError

    rows = _with_workflow().tables
    broken = {name: table.to_pylist() for name, table in rows.items()}
    broken["conflicts"] = []
    with pytest.raises(IntegrityError):
        demo_load(dataset=Dataset.from_rows(broken), password=PASSWORD)
