"""Own questionnaires uploaded on the list, the report page, free-text coding by theme and the
anonymised export: each for the roles and owners it is meant for."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from luodi.platform.accounts.roles import Role
from luodi.platform.surveys.models import (
    SurveyAnswerCoding,
    SurveyItem,
    SurveyPersonalAnswer,
    SurveyResponse,
)
from luodi.platform.surveys.services import invitation_create, personal_delete, response_submit
from tests.platform.survey_support import office

YAML = """\
survey_id: ignored
title: 人才服务小调查
sections:
  - title: 一、服务
    items:
      - code: problem
        text: 是否遇到问题？
        kind: single
        required: true
        options:
          - {code: 'yes', label: 是}
          - {code: 'no', label: 否}
      - code: comments
        text: 您的意见和建议
        kind: text
        personal: true
"""


def _upload(client: Any, name: str, content: bytes, survey_id: str = "SV-OWN") -> Any:
    return client.post(
        reverse("portal:surveys"),
        {
            "survey_id": survey_id,
            "region_id": "R2",
            "anonymous": "on",
            "instrument_file": SimpleUploadedFile(name, content),
        },
    )


@pytest.fixture
def own_survey(client_for: Any) -> str:
    response = _upload(client_for(Role.TALENT_OFFICE), "mine.yaml", YAML.encode())
    assert response.status_code == 302, response.content.decode()
    answers = [
        ("yes", "窗口让我跑了三个部门盖章"),
        ("no", "希望政策说明更清楚"),
        ("yes", ""),
    ]
    for problem, comment in answers:
        (token,) = invitation_create(survey_id="SV-OWN", by=office())
        given = {"problem": problem} | ({"comments": comment} if comment else {})
        response_submit(token=token, answers=given)
    return "SV-OWN"


def test_office_uploads_its_own_yaml_questionnaire(own_survey: str) -> None:
    codes = list(
        SurveyItem.objects.filter(survey_id=own_survey)
        .order_by("position")
        .values_list("item_code", flat=True)
    )
    assert codes == ["problem", "comments"]


def test_office_uploads_an_xlsform(client_for: Any) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(["type", "name", "label::中文"])
    sheet.append(["select_one yn", "problem", "是否遇到问题？"])
    sheet.append(["integer", "years", "工作年限"])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::中文"])
    choices.append(["yn", "yes", "是"])
    choices.append(["yn", "no", "否"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = _upload(client_for(Role.TALENT_OFFICE), "form.xlsx", buffer.getvalue(), "SV-X")
    assert response.status_code == 302, response.content.decode()
    kinds = dict(SurveyItem.objects.filter(survey_id="SV-X").values_list("item_code", "kind"))
    assert kinds == {"problem": "single", "years": "numeric"}


def test_a_bad_questionnaire_is_refused_with_its_line(client_for: Any) -> None:
    client = client_for(Role.TALENT_OFFICE)
    broken = YAML.replace("kind: single", "kind: singel")
    response = _upload(client, "mine.yaml", broken.encode())
    assert response.status_code == 400
    page = response.content.decode()
    assert "mine.yaml" in page
    assert "line 8, column 15" in page
    assert "singel" in page
    wrong = _upload(client, "mine.docx", b"PK")
    assert wrong.status_code == 400
    assert "XLSForm" in wrong.content.decode()
    assert not SurveyItem.objects.filter(survey_id="SV-OWN").exists()


def test_the_report_page_shows_free_text_to_the_owner_only(
    client_for: Any, own_survey: str
) -> None:
    url = reverse("portal:survey_report", args=[own_survey])
    owner = client_for(Role.TALENT_OFFICE).get(url).content.decode()
    assert "窗口让我跑了三个部门盖章" in owner
    evaluator = client_for(Role.EVALUATOR).get(url).content.decode()
    assert "窗口让我跑了三个部门盖章" not in evaluator
    assert "仅问卷负责人可见" in evaluator
    data = json.loads(client_for(Role.EVALUATOR).get(url, {"format": "json"}).content)
    assert data["respondents"] == 3
    assert data["free_text"] == []
    (problem,) = data["profile"]
    assert [(c["code"], c["count"]) for c in problem["categories"]] == [("yes", 2), ("no", 1)]
    assert client_for(Role.OFFICER).get(url).status_code == 403


def test_the_owner_codes_free_text_and_the_report_groups_it(
    client_for: Any, own_survey: str
) -> None:
    client = client_for(Role.TALENT_OFFICE)
    url = reverse("portal:survey_coding", args=[own_survey])
    page = client.get(url).content.decode()
    assert page.count('name="respondent_id"') == 2
    # The respondent who wrote about the three departments: personal answers name them.
    coded = SurveyPersonalAnswer.objects.get(value="窗口让我跑了三个部门盖章").respondent_id
    posted = {"respondent_id": coded, "item_code": "comments", "tags": ["实施梗阻/政策架空"]}
    response = client.post(url, posted)
    assert response.status_code == 302
    report = json.loads(
        client.get(reverse("portal:survey_report", args=[own_survey]), {"format": "json"}).content
    )
    (comments,) = report["free_text"]
    groups = {g["tag"]: g["answers"] for g in comments["by_tag"]}
    assert groups["实施梗阻/政策架空"] == ["窗口让我跑了三个部门盖章"]
    assert groups[""] == ["希望政策说明更清楚"]
    personal_delete(survey_id=own_survey, respondent_id=coded, by=office())
    assert not SurveyAnswerCoding.objects.filter(respondent_id=coded).exists()


def test_coding_is_checked(client_for: Any, own_survey: str) -> None:
    url = reverse("portal:survey_coding", args=[own_survey])
    assert client_for(Role.EVALUATOR).get(url).status_code == 403
    client = client_for(Role.TALENT_OFFICE)
    respondent = SurveyResponse.objects.filter(survey_id=own_survey).first()
    assert respondent is not None
    bad_tag = client.post(
        url, {"respondent_id": respondent.respondent_id, "item_code": "comments", "tags": ["x"]}
    )
    assert bad_tag.status_code == 400
    assert "表2" in bad_tag.content.decode()
    unknown = client.post(url, {"respondent_id": "W-nobody", "item_code": "comments"})
    assert unknown.status_code == 404
    not_text = client.post(
        url,
        {"respondent_id": respondent.respondent_id, "item_code": "problem", "tags": ["对话缺失"]},
    )
    assert not_text.status_code == 404
    assert not SurveyAnswerCoding.objects.exists()


def _zip_tables(content: bytes) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                text = archive.read(name).decode("utf-8-sig")
                tables[name.removesuffix(".csv")] = list(csv.DictReader(io.StringIO(text)))
        tables["_note"] = [json.loads(archive.read("suppressed.json"))]
    return tables


def test_anonymised_export_replaces_ids_and_suppresses_small_groups(
    client_for: Any, own_survey: str
) -> None:
    url = reverse("portal:survey_anonymised", args=[own_survey])
    client = client_for(Role.EVALUATOR)
    response = client.get(url, {"threshold": "2"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    tables = _zip_tables(response.content)
    assert set(tables) == {"surveys", "survey_items", "survey_options", "survey_responses", "_note"}
    answers = tables["survey_responses"]
    # "no" was given once: below 2, left out; free text never leaves.
    assert sorted(r["value"] for r in answers) == ["yes", "yes"]
    old = set(SurveyResponse.objects.values_list("respondent_id", flat=True))
    assert {r["respondent_id"] for r in answers}.isdisjoint(old)
    note = tables["_note"][0]
    assert note["suppressed"] == [{"item_code": "problem", "value": "no", "count": 1}]
    assert note["dropped_items"] == ["comments"]
    assert "人才服务小调查" in tables["surveys"][0]["title"]
    everything = _zip_tables(client.get(url, {"threshold": "1"}).content)
    assert len(everything["survey_responses"]) == 3
    assert client.get(url, {"threshold": "0"}).status_code == 400
    assert client.get(url, {"threshold": "x"}).status_code == 400
    assert client_for(Role.TALENT).get(url).status_code == 403
