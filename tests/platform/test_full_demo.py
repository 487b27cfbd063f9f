"""End to end: the full demo district loads, and every role logs in and sees its home."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.roles import PAGE_ROLES, ROLE_SPECS, Page, Role

pytestmark = pytest.mark.slow

PASSWORD = "demo-pass-phrase-1"


@pytest.fixture
def full_demo(db: None) -> Any:
    from luodi.demo import generate
    from luodi.platform.demo.services import demo_load

    dataset = generate()
    return dataset, demo_load(dataset=dataset, password=PASSWORD)


def test_full_demo_round_trips(full_demo: Any) -> None:
    from luodi.platform.datasets.selectors import dataset_export

    dataset, result = full_demo
    assert result.row_counts == dataset.row_counts()
    assert dataset_export().row_counts() == dataset.row_counts()


def test_every_role_logs_in_and_sees_only_its_pages(full_demo: Any) -> None:
    _, result = full_demo
    for account in result.accounts:
        client = Client()
        response = client.post(
            reverse("login"), {"username": account.username, "password": PASSWORD}
        )
        assert response.status_code == 302, account.username
        home = client.get(reverse("portal:home"), follow=True)
        assert home.status_code == 200, account.username
        assert home.redirect_chain[-1][0] == reverse(f"portal:{ROLE_SPECS[account.role].home}")
        for page in (Page.TALENT_OFFICE, Page.LEADERSHIP, Page.EVALUATOR):
            status = client.get(reverse(f"portal:{page.value}")).status_code
            assert status == (200 if account.role in PAGE_ROLES[page] else 403), (account, page)
        if account.role is Role.ADMIN:
            assert client.get(reverse("admin:cases_event_changelist")).status_code == 200


def test_officer_sees_pending_steps_of_a_veto_department(full_demo: Any) -> None:
    from luodi.platform.accounts.models import User

    officer = User.objects.get(username="demo-officer")
    assert officer.department is not None
    assert officer.department.is_veto
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("portal:officer")).content.decode()
    assert officer.department.name in page


def test_the_demo_export_validates_and_a_broken_copy_does_not(
    full_demo: Any, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from luodi.cli import main

    out = tmp_path / "export"
    runner = CliRunner()
    exported = runner.invoke(main, ["export", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    valid = runner.invoke(main, ["validate", str(out), "--json"])
    assert valid.exit_code == 0, valid.output
    report = json.loads(valid.output)
    assert report["ok"] is True
    assert report["row_counts"]["persons.parquet"] == 2000

    # One person pointing at an employer that does not exist: named by file, row and column.
    persons = out / "persons.csv"
    lines = persons.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[5].rstrip("\n").split(",")
    cells[header.index("employer_id")] = "E-NOWHERE"
    lines[5] = ",".join(cells) + "\n"
    persons.write_text("".join(lines), encoding="utf-8")
    broken = runner.invoke(main, ["validate", str(out), "--json"])
    assert broken.exit_code == 1
    problems = json.loads(broken.output)["problems"]
    assert [(p["file"], p["row"], p["column"], p["code"]) for p in problems] == [
        ("persons.csv", 6, "employer_id", "dangling_reference")
    ]
