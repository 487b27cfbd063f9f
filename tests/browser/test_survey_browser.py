"""On a phone: a respondent opens an invitation link, skip logic shows and hides the follow-up
question, the answers survive a reload, the response is submitted and the talent office sees it
counted."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from luodi.contract import Dataset
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.demo.services import DEMO_USERNAMES, demo_load
from luodi.platform.surveys.services import invitation_create, survey_create_from_template
from tests.browser.conftest import VIEWPORT
from tests.platform.conftest import PASSWORD, small_rows

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COMMENT = "希望简化申报材料"


def _phone(browser: Any) -> Any:
    return browser.new_context(viewport=VIEWPORT, locale="zh-CN").new_page()


@pytest.mark.django_db(transaction=True)
def test_fill_the_study_questionnaire_with_skip_logic(browser: Any, live_server: Any) -> None:
    cache.clear()
    demo_load(dataset=Dataset.from_rows(small_rows()), password=PASSWORD)
    office = User.objects.get(username=DEMO_USERNAMES[Role.TALENT_OFFICE])
    survey_create_from_template(survey_id="SV-WEB", region_id="R2", by=office)
    (token,) = invitation_create(survey_id="SV-WEB", by=office)
    base = live_server.url

    page = _phone(browser)
    page.goto(f"{base}/s/{token}/")
    follow_up = page.locator("#item-knew_department")
    assert page.get_by_role("heading", name="四、政府服务").is_visible()
    assert follow_up.is_hidden()
    page.locator("#item-awareness").get_by_label("2 · 不太了解").check()
    problem = page.get_by_role("group", name="您在创业创新过程中是否遇到过问题？")
    problem.get_by_label("是").check()
    follow_up.wait_for(state="visible")
    problem.get_by_label("否").check()
    follow_up.wait_for(state="hidden")
    problem.get_by_label("是").check()
    follow_up.get_by_label("是").check()
    page.locator("#item-solved").wait_for(state="visible")
    comments = page.get_by_label("您对本地区人才政策及其执行还有哪些意见和建议？")
    with page.expect_response(
        lambda response: (
            response.url.endswith("/save/") and COMMENT in (response.request.post_data or "")
        )
    ) as saved:
        comments.fill(COMMENT)  # saved while typing, after a pause
    assert saved.value.ok
    page.get_by_text("已自动保存").wait_for()

    # A dropped connection: the page is reloaded and the answers are still there.
    page.reload()
    assert page.locator("#item-awareness").get_by_label("2 · 不太了解").is_checked()
    assert problem.get_by_label("是").is_checked()
    assert follow_up.is_visible()
    assert follow_up.get_by_label("是").is_checked()
    assert page.locator("#q-comments").input_value() == COMMENT
    page.get_by_role("button", name="提交问卷").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="感谢您的参与").is_visible()

    desk = _phone(browser)
    desk.goto(f"{base}/accounts/login/")
    desk.fill("#id_username", DEMO_USERNAMES[Role.TALENT_OFFICE])
    desk.fill("#id_password", PASSWORD)
    desk.get_by_role("button", name="登录").click()
    desk.wait_for_load_state()
    desk.goto(f"{base}/surveys/SV-WEB/")
    assert desk.locator("dd.response-count").inner_text().strip() == "1"
