"""The talent office opens the diagnosis of the demo district, clicks the staged-funding
funnel's phase-1 count and arrives at exactly the cases paid that phase."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from luodi.demo import generate
from luodi.platform.accounts.roles import Role
from luodi.platform.cases.models import Disbursement
from luodi.platform.demo.services import DEMO_USERNAMES, demo_load
from tests.platform.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.django_db(transaction=True)
def test_follow_a_funnel_figure_to_its_cases(
    browser: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    cache.clear()
    demo_load(dataset=generate(), password=PASSWORD)
    # Counted here from the payments, not from the diagnosis: whoever was paid phase 1.
    expected = set(
        Disbursement.objects.filter(case__clause_id="CL-C-06", phase=1).values_list(
            "case_id", flat=True
        )
    )
    assert len(expected) == 11
    base = live_server.url

    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", DEMO_USERNAMES[Role.TALENT_OFFICE])
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="偏差诊断").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="偏差诊断", exact=True).is_visible()

    figure = page.locator("#funnel-CL-C-06-phase_1 a.fig")
    assert figure.inner_text() == "11"
    figure.scroll_into_view_if_needed()
    figure.click()
    page.wait_for_load_state()

    assert page.url.startswith(f"{base}/diagnosis/cases/?")
    assert page.get_by_role("heading", name="诊断依据：办件").is_visible()
    assert page.locator("#hit-count").inner_text() == "11"
    filters = page.locator("#filters")
    assert "C产业集聚区人才创业创新扶持政策实施细则（试行） 第七条" in filters.inner_text()
    assert "兑现了第几期" in filters.inner_text()
    listed = {
        row.inner_text().strip() for row in page.locator("tr.case-row td:first-child a").all()
    }
    assert listed == expected

    # Each row opens the existing case page.
    page.locator("tr.case-row td:first-child a").first.click()
    page.wait_for_load_state()
    assert "/cases/CASE-" in page.url
