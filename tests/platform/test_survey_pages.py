"""Survey pages: access per role, the office's actions, the form without script, 403/404."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.roles import PAGE_ROLES, Page, Role
from luodi.platform.surveys.models import SurveyDraft, SurveyPersonalAnswer, SurveyResponse
from luodi.platform.surveys.services import invitation_create, response_submit
from tests.platform.survey_support import office, survey_make


@pytest.fixture
def survey(demo: Any) -> str:
    return survey_make()


def test_the_office_and_evaluators_open_the_survey_pages() -> None:
    assert PAGE_ROLES[Page.SURVEYS] == {Role.TALENT_OFFICE, Role.EVALUATOR}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_survey_page_access(client_for: Any, survey: str, role: Role) -> None:
    client = client_for(role)
    for url in (reverse("portal:surveys"), reverse("portal:survey", args=[survey])):
        expected = 200 if role in PAGE_ROLES[Page.SURVEYS] else 403
        assert client.get(url).status_code == expected, (role, url)


def test_anonymous_is_sent_to_login(survey: str) -> None:
    response = Client().get(reverse("portal:survey", args=[survey]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_survey_and_token_are_404(client_for: Any, survey: str) -> None:
    client = client_for(Role.TALENT_OFFICE)
    assert client.get(reverse("portal:survey", args=["NOPE"])).status_code == 404
    assert Client().get(reverse("portal:survey_respond", args=["nope"])).status_code == 404
    assert Client().post(reverse("portal:survey_save", args=["nope"])).status_code == 404


def test_office_opens_closes_and_invites(client_for: Any, survey: str) -> None:
    client = client_for(Role.TALENT_OFFICE)
    url = reverse("portal:survey", args=[survey])
    client.post(url, {"action": "close"})
    assert "已关闭" in client.get(url).content.decode()
    client.post(url, {"action": "open"})
    page = client.post(url, {"action": "invite", "count": "2"}).content.decode()
    links = re.findall(r'<a href="(http://testserver/s/[^"]+/)">', page)
    assert len(links) == 2
    assert Client().get(links[0]).status_code == 200


def test_evaluator_reads_but_does_not_act(client_for: Any, survey: str) -> None:
    client = client_for(Role.EVALUATOR)
    url = reverse("portal:survey", args=[survey])
    assert "关闭问卷" not in client.get(url).content.decode()
    assert client.post(url, {"action": "close"}).status_code == 403
    assert client.post(reverse("portal:surveys"), {"survey_id": "x"}).status_code == 403


def test_office_creates_from_the_template(client_for: Any, demo: Any) -> None:
    client = client_for(Role.TALENT_OFFICE)
    response = client.post(
        reverse("portal:surveys"), {"survey_id": "SV-NEW", "region_id": "R2", "anonymous": "on"}
    )
    assert response.status_code == 302
    again = client.post(reverse("portal:surveys"), {"survey_id": "SV-NEW", "region_id": "R2"})
    assert again.status_code == 400
    assert "已存在" in again.content.decode()


def test_personal_answers_page_is_for_the_owner_only(client_for: Any, survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    respondent = response_submit(token=token, answers={"problem": "no", "contact": "13800001234"})
    url = reverse("portal:survey_personal", args=[survey])
    assert client_for(Role.EVALUATOR).get(url).status_code == 403
    owner = client_for(Role.TALENT_OFFICE)
    assert "13800001234" in owner.get(url).content.decode()
    assert (
        "13800001234"
        not in client_for(Role.EVALUATOR)
        .get(reverse("portal:survey", args=[survey]))
        .content.decode()
    )
    assert owner.post(url, {"respondent_id": respondent}).status_code == 302
    assert not SurveyPersonalAnswer.objects.exists()


def test_form_without_script_saves_resumes_and_submits(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    url = reverse("portal:survey_respond", args=[token])
    client = Client()
    first = client.get(url).content.decode()
    assert re.search(r'id="item-knew_department"[^>]*hidden', first)
    saved = client.post(url, {"q-problem": "yes", "action": "save"}).content.decode()
    assert not re.search(r'id="item-knew_department"[^>]*hidden', saved)
    assert "已保存" in saved
    resumed = Client().get(url).content.decode()
    assert re.search(r'value="yes" checked', resumed)
    # Required and shown: the error is linked to the field and listed above the form.
    failed = client.post(url, {"q-problem": "yes", "action": "submit"})
    assert failed.status_code == 400
    body = failed.content.decode()
    assert 'aria-describedby="q-knew_department-error"' in body
    assert 'href="#q-knew_department-1"' in body
    done = client.post(url, {"q-problem": "yes", "q-knew_department": "no", "action": "submit"})
    assert done.status_code == 200
    assert "感谢您的参与" in done.content.decode()
    assert SurveyResponse.objects.filter(survey_id=survey).count() == 2
    assert not SurveyDraft.objects.exists()
    # Reopening the link shows it was used; it takes no second response.
    assert "不能再次提交" in client.get(url).content.decode()
    client.post(url, {"q-problem": "no", "action": "submit"})
    assert SurveyResponse.objects.filter(survey_id=survey).count() == 2


def test_autosave_endpoint(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    client = Client()
    save = reverse("portal:survey_save", args=[token])
    response = client.post(save, {"q-problem": "yes", "q-years": "3"})
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert SurveyDraft.objects.get().answers == {"problem": "yes", "years": "3"}
    assert client.get(save).status_code == 405
    response_submit(token=token, answers={"problem": "no"})
    assert client.post(save, {"q-problem": "yes"}).status_code == 409
