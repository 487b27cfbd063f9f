"""End to end: the full demo district loads, and every role logs in and sees its home."""

from __future__ import annotations

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
