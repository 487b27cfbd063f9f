"""The dialogue desk's API: Open311 services and requests, and the rates for staff."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from luodi.contract import choices as ch
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import API_ROLES, Api, Role
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.models import Inquiry, InquiryContact, InquiryEvent

BASE = "/api/open311/v2"
RATES = "/api/dialogue/rates"
PHONE = "13800001234"


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _request(**fields: Any) -> dict[str, Any]:
    return {
        "service_code": "award",
        "description": "第二期创业资助何时兑现？",
        "first_name": "先生",
        "last_name": "王",
        "phone": PHONE,
        "attribute[clause_id]": "C2",
        **fields,
    }


def _post(client: Client | None = None, **fields: Any) -> Any:
    return (client or Client()).post(f"{BASE}/requests.json", _request(**fields))


def _counts() -> tuple[int, int, int]:
    return Inquiry.objects.count(), InquiryContact.objects.count(), InquiryEvent.objects.count()


def test_openapi_lists_the_desk_endpoints(db: None) -> None:
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "post" in paths[f"{BASE}/requests.json"]
    assert "get" in paths[f"{BASE}/services.json"]
    assert "get" in paths[f"{BASE}/requests/{{inquiry_id}}.json"]
    assert "get" in paths[RATES]
    form = paths[f"{BASE}/requests.json"]["post"]["requestBody"]["content"]
    assert "attribute[clause_id]" in str(form)


def test_services_are_the_inquiry_categories(db: None) -> None:
    response = Client().get(f"{BASE}/services.json")
    assert response.status_code == 200
    services = response.json()
    assert [s["service_code"] for s in services] == [c.value for c in ch.INQUIRY_CATEGORIES]
    tax = next(s for s in services if s["service_code"] == "tax")
    assert tax["service_name"] == "税收优惠"
    assert (tax["metadata"], tax["type"]) == (False, "realtime")
    assert "个税" in tax["keywords"]
    assert "个工作日内答复" in tax["description"]
    assert tax["group"]


def test_post_request_creates_and_routes(client_for: Any) -> None:
    before = _counts()
    response = _post()
    assert response.status_code == 201, response.content
    [created] = response.json()
    inquiry = Inquiry.objects.get(inquiry_id=created["service_request_id"])
    assert (inquiry.department_id, inquiry.routed_by, inquiry.status) == (
        "D-HR",
        "clause",
        "routed",
    )
    assert inquiry.contact.name == "王先生"
    assert created["token"]
    assert "C区人社局" in created["service_notice"]
    assert inquiry.answer_due_on is not None
    assert created["expected_datetime"].startswith(inquiry.answer_due_on.isoformat())
    assert _counts()[0] == before[0] + 1


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"description": "  "}, str(e.TEXT_EMPTY)),
        ({"phone": ""}, str(e.CONTACT_PHONE_REQUIRED)),
        ({"service_code": "lottery"}, "lottery"),
        ({"attribute[clause_id]": "NOPE"}, "NOPE"),
        ({"service_code": None}, "service_code"),
    ],
    ids=["empty", "no-phone", "unknown-service", "unknown-clause", "missing-service"],
)
def test_bad_requests_are_open311_errors_and_store_nothing(
    client_for: Any, fields: dict[str, Any], needle: str
) -> None:
    body = {k: v for k, v in _request(**fields).items() if v is not None}
    before = _counts()
    response = Client().post(f"{BASE}/requests.json", body)
    assert response.status_code == 400
    errors = response.json()
    assert isinstance(errors, list)
    assert errors[0]["code"] == 400
    assert needle in errors[0]["description"]
    assert _counts() == before


def test_anonymous_submissions_are_rate_limited(client_for: Any, settings: Any) -> None:
    settings.LUODI_INQUIRY_SUBMIT_RATE = (2, 3600)
    assert _post().status_code == 201
    assert _post().status_code == 201
    before = _counts()
    limited = _post()
    assert limited.status_code == 429
    assert limited.json()[0]["code"] == 429
    assert _counts() == before


def test_get_request_for_its_submitter_and_department_only(client_for: Any) -> None:
    [created] = _post().json()
    url = f"{BASE}/requests/{created['service_request_id']}.json"
    own = Client().get(url, {"token": created["token"]})
    assert own.status_code == 200
    [shown] = own.json()
    assert shown["status"] == "open"
    assert shown["agency_responsible"] == "C区人社局"
    assert shown["service_code"] == "award"
    assert shown["status_notes"] == "已分派"
    hr = User.objects.create(username="hr-officer", role=Role.OFFICER, department_id="D-HR")
    department = Client()
    department.force_login(hr)
    assert department.get(url).status_code == 200
    # Anyone else: the same 404 as for a request that does not exist, and nothing of it.
    refused = [
        Client().get(url),
        Client().get(url, {"token": created["token"] + "x"}),
        client_for(Role.OFFICER).get(url),  # the audit office
        client_for(Role.TALENT).get(url),
    ]
    missing = Client().get(f"{BASE}/requests/Q-19700101-00000000.json")
    for response in [*refused, missing]:
        assert response.status_code == 404
        assert response.json()[0]["code"] == 404
        assert "第二期" not in response.content.decode()
        assert PHONE not in response.content.decode()


def test_answered_request_shows_the_answer_and_closes_on_confirmation(client_for: Any) -> None:
    from luodi.platform.dialogue.services import inquiry_accept, inquiry_answer, inquiry_confirm

    [created] = _post().json()
    inquiry_id, token = created["service_request_id"], created["token"]
    hr = User.objects.create(username="hr-officer", role=Role.OFFICER, department_id="D-HR")
    inquiry_accept(inquiry_id=inquiry_id, by=hr)
    inquiry_answer(inquiry_id=inquiry_id, by=hr, answer="已于本月拨付。")
    url = f"{BASE}/requests/{inquiry_id}.json"
    [answered] = Client().get(url, {"token": token}).json()
    assert answered["status"] == "open"  # open until the citizen confirms
    assert "已于本月拨付" in answered["status_notes"]
    inquiry_confirm(inquiry_id=inquiry_id, by=None, token=token, solved=True, satisfaction=5)
    [closed] = Client().get(url, {"token": token}).json()
    assert closed["status"] == "closed"


def test_logged_in_post_needs_the_csrf_token(client_for: Any) -> None:
    talent = Client(enforce_csrf_checks=True)
    talent.force_login(User.objects.get(username="demo-talent"))
    before = _counts()
    response = _post(talent, phone="")
    assert response.status_code == 403
    assert response.json()[0]["code"] == 403
    assert _counts() == before


def test_rates_for_staff_only(client_for: Any) -> None:
    _post()
    assert Client().get(RATES).status_code == 401
    for role in Role:
        response = client_for(role).get(RATES, {"period": "quarter"})
        if role in API_ROLES[Api.DIALOGUE_RATES]:
            assert response.status_code == 200, role
            body = response.json()
            assert body["period"] == "quarter"
            total = body["total"]
            assert total["submitted"] >= 1
            assert set(total["response_rate"]) == {"value", "numerator", "denominator"}
        else:
            assert response.status_code == 403, role
            assert "talent office" in response.json()["detail"]
    bad = client_for(Role.TALENT_OFFICE).get(RATES, {"period": "decade"})
    assert bad.status_code == 422
