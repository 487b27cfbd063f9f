"""On a phone: a visitor submits an inquiry, it is routed, the department answers, the visitor
confirms it solved and rates it, and the talent office sees it in the rates."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from luodi.contract import Dataset
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.demo.services import DEMO_USERNAMES, demo_load
from tests.browser.conftest import VIEWPORT
from tests.platform.conftest import PASSWORD, small_rows

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "第二期创业资助什么时候兑现？已经通过中期考核两个月了。"
ANSWER = "第二期资助已于本月拨付到单位账户，请查收。"


def _phone(browser: Any) -> Any:
    return browser.new_context(viewport=VIEWPORT, locale="zh-CN").new_page()


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_submit_route_answer_confirm_rate(browser: Any, live_server: Any) -> None:
    cache.clear()
    demo_load(dataset=Dataset.from_rows(small_rows()), password=PASSWORD)
    officer = User(username="hr-officer", role=Role.OFFICER, department_id="D-HR")
    officer.set_password(PASSWORD)
    officer.save()
    base = live_server.url

    # An anonymous visitor asks about the clause's second payment.
    citizen = _phone(browser)
    citizen.goto(f"{base}/dialogue/submit/?clause=C2")
    assert citizen.get_by_text("C区人才新政 第五条").is_visible()
    citizen.select_option("#id_category", label="奖励资助")
    citizen.fill("#id_text", QUESTION)
    citizen.select_option("#id_named_department_id", label="不清楚")
    citizen.fill("#id_name", "王先生")
    citizen.fill("#id_phone", "13800001234")
    citizen.get_by_role("button", name="提交").click()
    citizen.wait_for_load_state()
    assert citizen.get_by_role("heading", name="已提交").is_visible()
    # Routed at once by the clause's lead department.
    assert citizen.locator("dd.department").inner_text().strip() == "C区人社局"
    track_url = citizen.locator("a.track-link").get_attribute("href")
    assert track_url is not None
    code = citizen.locator("strong.code").inner_text().strip()

    # The department's officer accepts and answers it.
    desk = _phone(browser)
    _login(desk, base, "hr-officer")
    desk.goto(f"{base}/dialogue/inquiries/")
    desk.get_by_role("link", name=code).click()
    desk.wait_for_load_state()
    assert desk.get_by_text("13800001234").is_visible()  # to call the visitor back
    desk.get_by_role("button", name="受理").click()
    desk.wait_for_load_state()
    assert desk.get_by_text("已记录。").is_visible()
    desk.fill("#answer-answer", ANSWER)
    desk.get_by_role("button", name="提交答复").click()
    desk.wait_for_load_state()
    assert desk.locator("h1 .status").inner_text().strip() == "已答复"

    # The visitor reads the answer, confirms it solved the problem and rates it 5.
    citizen.goto(f"{base}{track_url}")
    assert citizen.get_by_text(ANSWER).is_visible()
    assert citizen.get_by_role("heading", name="问题解决了吗？").is_visible()
    confirm = citizen.locator("#act-confirm")
    confirm.get_by_label("问题已解决").check()
    confirm.get_by_label("5 很满意").check()
    confirm.get_by_role("button", name="提交").click()
    citizen.wait_for_load_state()
    assert citizen.get_by_text("已确认解决").first.is_visible()
    assert citizen.locator("dd.satisfaction").inner_text().startswith("5 / 5")

    # The talent office sees it in the department's rates.
    office = _phone(browser)
    _login(office, base, DEMO_USERNAMES[Role.TALENT_OFFICE])
    office.goto(f"{base}/dialogue/rates/")
    row = office.locator("table.rates tr", has_text="C区人社局")
    assert row.count() == 1
    cells = row.inner_text()
    assert "100.0%" in cells
    assert "1/1" in cells
    assert office.get_by_text("全区合计").is_visible()
