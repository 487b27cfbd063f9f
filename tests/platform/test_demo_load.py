"""demo_load and dataset_export: load a dataset with accounts, export it back unchanged."""

from __future__ import annotations

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
from tests.platform.conftest import PASSWORD


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
