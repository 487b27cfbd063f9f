"""Dialogue desk pages: submit, track, lists, one inquiry and its acts, triage, overdue, rates."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import PAGE_ROLES, Page, Role
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.models import (
    Inquiry,
    InquiryAttachment,
    InquiryContact,
    InquiryEvent,
)
from luodi.platform.dialogue.services import ATTACHMENT_MAX_BYTES, inquiry_submit

PHONE = "13800001234"
SUBMIT = "/dialogue/submit/"
TRACK = "/dialogue/track/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    # The anonymous submission limit counts in the cache, which outlives a test.
    cache.clear()


def _text(html: str) -> str:
    """The page's visible text on one line, so assertions do not depend on markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _officer(username: str = "hr-officer", department_id: str = "D-HR") -> User:
    return User.objects.create(username=username, role=Role.OFFICER, department_id=department_id)


def _form(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "appeal",
        "category": "award",
        "text": "第二期创业资助什么时候兑现？已通过中期考核两个月了。",
        "clause_id": "C2",
        "named_department_id": "",
        "criterion": "",
        "name": "王先生",
        "phone": PHONE,
        "email": "",
        **fields,
    }


def _counts() -> tuple[int, int, int, int]:
    return (
        Inquiry.objects.count(),
        InquiryContact.objects.count(),
        InquiryEvent.objects.count(),
        InquiryAttachment.objects.count(),
    )


def _submit_anonymous(client: Client | None = None, **fields: Any) -> tuple[Inquiry, str]:
    """Submit through the page as an anonymous visitor; the inquiry and its secret token."""
    response = (client or Client()).post(SUBMIT, _form(**fields))
    assert response.status_code == 201, _text(response.content.decode())
    html = response.content.decode()
    link = re.search(r'class="track-link" href="([^"]+)"', html)
    assert link is not None
    query = parse_qs(urlparse(link.group(1).replace("&amp;", "&")).query)
    inquiry = Inquiry.objects.get(inquiry_id=query["code"][0])
    return inquiry, query["token"][0]


def _track(client: Client, inquiry: Inquiry, token: str) -> Any:
    return client.get(TRACK, {"code": inquiry.inquiry_id, "token": token})


def _act(client: Client, inquiry: Inquiry, action: str, **fields: Any) -> Any:
    url = reverse("portal:inquiry", args=[inquiry.inquiry_id])
    return client.post(url, {"action": action, **fields})


def test_desk_pages_are_in_the_role_matrix() -> None:
    assert PAGE_ROLES[Page.INQUIRY_TRIAGE] == {Role.TALENT_OFFICE}
    assert PAGE_ROLES[Page.DIALOGUE_RATES] == {Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR}
    assert reverse("portal:inquiry_submit") == SUBMIT
    assert reverse("portal:inquiry_track") == TRACK


def test_submit_form_is_public_and_prefilled_from_an_explanation(client_for: Any) -> None:
    response = Client().get(SUBMIT, {"clause": "C2", "criterion": "person.talent_tier"})
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "您知道由哪个部门办理吗？" in text
    assert "不清楚" in text
    assert "C区人才新政 第五条" in text  # the linked clause is named
    assert 'value="person.talent_tier"' in html
    assert "联系电话（必填）" in text  # anonymous visitors leave a phone


def test_anonymous_submission_is_routed_and_followed_with_the_secret_link(
    client_for: Any,
) -> None:
    before = Inquiry.objects.count()
    inquiry, token = _submit_anonymous()
    assert Inquiry.objects.count() == before + 1
    assert inquiry.department_id == "D-HR"  # the clause's lead department
    assert inquiry.routed_by == "clause"
    assert inquiry.status == "routed"
    assert InquiryContact.objects.get(inquiry=inquiry).phone == PHONE
    page = _track(Client(), inquiry, token)
    assert page.status_code == 200
    text = _text(page.content.decode())
    assert inquiry.inquiry_id in text
    assert "C区人社局" in text
    assert "已分派" in text
    assert "问题解决了吗？" not in text  # nothing to confirm before an answer
    assert PHONE not in text  # the public page never shows contact details


def test_wrong_code_or_token_is_the_same_refusal(client_for: Any) -> None:
    inquiry, token = _submit_anonymous()
    wrong_token = _track(Client(), inquiry, token + "x")
    no_such = Client().get(TRACK, {"code": "Q-19700101-00000000", "token": token})
    assert wrong_token.status_code == no_such.status_code == 404
    assert "查询密钥不正确" in _text(wrong_token.content.decode())
    assert "查询密钥不正确" in _text(no_such.content.decode())
    assert inquiry.text not in wrong_token.content.decode()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"text": "   "}, str(e.TEXT_EMPTY)),
        ({"text": "请问\x00\x01补贴"}, "控制字符或二进制数据"),
        ({"text": "长" * 2001}, "超过2000字的上限"),
        ({"phone": ""}, str(e.CONTACT_PHONE_REQUIRED)),
        ({"phone": "call me"}, "格式不正确"),
        ({"clause_id": "NOPE"}, str(e.CLAUSE_UNKNOWN) % {"clause_id": "NOPE"}),
        ({"category": "lottery"}, "lottery"),
    ],
    ids=["empty", "binary", "too-long", "no-phone", "bad-phone", "unknown-clause", "category"],
)
def test_bad_submissions_show_the_error_and_store_nothing(
    client_for: Any, fields: dict[str, Any], expected: str
) -> None:
    before = _counts()
    response = Client().post(SUBMIT, _form(**fields))
    assert response.status_code == 400
    text = _text(response.content.decode())
    assert expected.replace("“", "").split("%")[0][:12] in text.replace("“", "")
    assert _counts() == before


def test_attachment_checked_by_content_and_size_before_storing(client_for: Any) -> None:
    before = _counts()
    fake = SimpleUploadedFile("photo.png", b"MZ this is a program", content_type="image/png")
    response = Client().post(SUBMIT, {**_form(), "attachments": [fake]})
    assert response.status_code == 400
    assert "不是PDF、PNG或JPEG文件" in _text(response.content.decode())
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * ATTACHMENT_MAX_BYTES)
    response = Client().post(SUBMIT, {**_form(), "attachments": [big]})
    assert response.status_code == 400
    assert "超过5.0 MB的上限" in _text(response.content.decode())
    assert _counts() == before
    pdf = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    inquiry, token = _submit_anonymous(attachments=[pdf])
    stored = InquiryAttachment.objects.get(inquiry=inquiry)
    assert stored.content_type == "application/pdf"
    url = reverse("portal:inquiry_attachment", args=[inquiry.inquiry_id, stored.pk])
    assert Client().get(url).status_code == 404  # neither the token nor an account
    download = Client().get(url, {"token": token})
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download.getvalue() == b"%PDF-1.4\n%%EOF\n"


def test_forged_case_link_is_refused(client_for: Any) -> None:
    # K3 is P2's case; the demo talent is P1.
    talent = client_for(Role.TALENT)
    before = _counts()
    response = talent.post(SUBMIT, _form(case_id="K3", phone=""))
    assert response.status_code == 400
    assert str(e.CASE_NOT_OWN) % {"case_id": "K3"} in _text(response.content.decode())
    assert _counts() == before


def test_logged_in_talent_submits_and_lands_on_the_inquiry_page(client_for: Any) -> None:
    talent = client_for(Role.TALENT)
    form = talent.get(SUBMIT)
    assert "K1" in form.content.decode()  # own case offered to link
    response = talent.post(SUBMIT, _form(case_id="K1", phone="", name=""))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get(contact__case_id="K1")
    assert response["Location"] == reverse("portal:inquiry", args=[inquiry.inquiry_id])
    page = _text(talent.get(response["Location"]).content.decode())
    assert "诉求已提交" in page
    assert "C区人社局" in page
    assert inquiry.inquiry_id in _text(talent.get(reverse("portal:inquiries")).content.decode())


def test_officer_accepts_and_answers_then_the_citizen_confirms_and_rates(client_for: Any) -> None:
    inquiry, token = _submit_anonymous()
    hr = _login(_officer())
    page = _text(hr.get(reverse("portal:inquiry", args=[inquiry.inquiry_id])).content.decode())
    assert "受理" in page
    assert PHONE in page  # the department calls back
    assert _act(hr, inquiry, "accept").status_code == 302
    answer = "第二期资助已于本月拨付，请查收单位账户。"
    assert _act(hr, inquiry, "answer", answer=answer).status_code == 302
    citizen = Client()
    tracked = _text(_track(citizen, inquiry, token).content.decode())
    assert answer in tracked
    assert "问题解决了吗？" in tracked
    assert "hr-officer" not in tracked  # the public sees the role, not the account
    confirm = citizen.post(
        TRACK,
        {
            "code": inquiry.inquiry_id,
            "token": token,
            "action": "confirm",
            "outcome": "solved",
            "satisfaction": "5",
        },
    )
    assert confirm.status_code == 302
    after = _text(citizen.get(confirm["Location"]).content.decode())
    assert "已确认解决" in after
    assert "5 / 5" in after
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.resolved, inquiry.satisfaction) == ("confirmed", True, 5)


def test_second_officer_is_told_who_answered(client_for: Any) -> None:
    inquiry, _token = _submit_anonymous()
    first, second = _login(_officer("hr-1")), _login(_officer("hr-2"))
    assert _act(first, inquiry, "accept").status_code == 302
    assert _act(first, inquiry, "answer", answer="已办理。").status_code == 302
    late = _act(second, inquiry, "answer", answer="我也来答复。")
    assert late.status_code == 400
    text = _text(late.content.decode())
    assert "已由hr-1于" in text
    assert InquiryEvent.objects.filter(inquiry=inquiry, action="answered").count() == 1


def test_inquiry_page_access(client_for: Any) -> None:
    inquiry, _token = _submit_anonymous()
    url = reverse("portal:inquiry", args=[inquiry.inquiry_id])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    # Evaluators have no inquiry pages at all; the others may open inquiry pages but not this
    # one (the demo officer works at the audit office, it was not routed there), and are told
    # the same as for an unknown code.
    assert client_for(Role.EVALUATOR).get(url).status_code == 403
    for role in (Role.OFFICER, Role.TALENT, Role.EMPLOYER, Role.LEADERSHIP):
        assert client_for(role).get(url).status_code == 404, role
    assert _act(client_for(Role.OFFICER), inquiry, "accept").status_code == 404
    assert client_for(Role.TALENT_OFFICE).get(url).status_code == 200
    missing = reverse("portal:inquiry", args=["Q-19700101-00000000"])
    assert client_for(Role.TALENT_OFFICE).get(missing).status_code == 404
    # The talent office may not take a department's act.
    assert _act(client_for(Role.TALENT_OFFICE), inquiry, "accept").status_code == 403
    assert Inquiry.objects.get(pk=inquiry.pk).status == "routed"


def test_contact_shown_only_to_the_department_and_the_talent_office(client_for: Any) -> None:
    talent = User.objects.get(username="demo-talent")
    submitted = inquiry_submit(
        text="子女入学需要哪些材料？",
        kind="inquiry",
        category="schooling",
        by=talent,
        name="张三",
        phone="13911112222",
        clause_id="C2",
    )
    inquiry = submitted.inquiry
    url = reverse("portal:inquiry", args=[inquiry.inquiry_id])
    Inquiry.objects.filter(pk=inquiry.pk).update(escalation_level="leadership")
    shown = {
        "office": client_for(Role.TALENT_OFFICE),
        "department": _login(_officer()),
        "submitter": client_for(Role.TALENT),
        "leadership": client_for(Role.LEADERSHIP),
    }
    pages = {who: client.get(url) for who, client in shown.items()}
    assert {who: page.status_code for who, page in pages.items()} == dict.fromkeys(shown, 200)
    visible = {who: "13911112222" in page.content.decode() for who, page in pages.items()}
    assert visible == {"office": True, "department": True, "submitter": False, "leadership": False}


def test_reroute_needs_a_reason_and_triage_routes_it_again(client_for: Any) -> None:
    inquiry, _token = _submit_anonymous()
    hr = _login(_officer())
    missing = _act(hr, inquiry, "reroute", department_id="", reason="")
    assert missing.status_code == 400
    assert Inquiry.objects.get(pk=inquiry.pk).status == "routed"
    back = _act(hr, inquiry, "reroute", department_id="", reason="属审计局职责")
    assert back.status_code == 302
    assert back["Location"] == reverse("portal:inquiries")  # no longer the department's
    office = client_for(Role.TALENT_OFFICE)
    queue = _text(office.get(reverse("portal:inquiry_triage")).content.decode())
    assert inquiry.inquiry_id in queue
    routed = office.post(
        reverse("portal:inquiry_triage"),
        {"inquiry_id": inquiry.inquiry_id, "department_id": "D-AUD", "note": "审计事项"},
    )
    assert routed.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.department_id) == ("routed", "D-AUD")
    assert inquiry.first_department_id == "D-HR"  # first routing stays for the accuracy rate
    history = _text(
        office.get(reverse("portal:inquiry", args=[inquiry.inquiry_id])).content.decode()
    )
    assert "属审计局职责" in history
    assert client_for(Role.OFFICER).get(reverse("portal:inquiry_triage")).status_code == 403


def test_lists_show_each_role_its_own(client_for: Any) -> None:
    inquiry, _token = _submit_anonymous()
    hr = _text(_login(_officer()).get(reverse("portal:inquiries")).content.decode())
    assert "本部门诉求" in hr
    assert inquiry.inquiry_id in hr
    audit = _text(client_for(Role.OFFICER).get(reverse("portal:inquiries")).content.decode())
    assert inquiry.inquiry_id not in audit
    office = _text(client_for(Role.TALENT_OFFICE).get(reverse("portal:inquiries")).content.decode())
    assert inquiry.inquiry_id in office
    assert "诉求分拣" in office
    talent = _text(client_for(Role.TALENT).get(reverse("portal:inquiries")).content.decode())
    assert inquiry.inquiry_id not in talent  # anonymous submission, not the talent's
    assert Client().get(reverse("portal:inquiries")).status_code == 302


def test_overdue_page_by_level(client_for: Any) -> None:
    office_level, _t1 = _submit_anonymous()
    leadership_level, _t2 = _submit_anonymous()
    Inquiry.objects.filter(pk=office_level.pk).update(escalation_level="talent_office")
    Inquiry.objects.filter(pk=leadership_level.pk).update(escalation_level="leadership")
    url = reverse("portal:inquiry_overdue")
    office = _text(client_for(Role.TALENT_OFFICE).get(url).content.decode())
    assert office_level.inquiry_id in office
    assert leadership_level.inquiry_id in office
    leadership = _text(client_for(Role.LEADERSHIP).get(url).content.decode())
    assert leadership_level.inquiry_id in leadership
    assert office_level.inquiry_id not in leadership
    assert client_for(Role.OFFICER).get(url).status_code == 403


def test_rates_page_shows_the_figures(client_for: Any) -> None:
    inquiry, token = _submit_anonymous()
    hr = _login(_officer())
    _act(hr, inquiry, "accept")
    _act(hr, inquiry, "answer", answer="已办理。")
    Client().post(
        TRACK,
        {"code": inquiry.inquiry_id, "token": token, "action": "confirm", "outcome": "solved"},
    )
    Client().post(
        TRACK,
        {"code": inquiry.inquiry_id, "token": token, "action": "rate", "satisfaction": "5"},
    )
    url = reverse("portal:dialogue_rates")
    page = client_for(Role.TALENT_OFFICE).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    row = re.search(r"<tr>\s*<td[^>]*>C区人社局</td>(.*?)</tr>", html, re.S)
    assert row is not None, _text(html)
    cells = _text(row.group(1))
    assert "100.0% 1/1" in cells  # response, resolution and satisfaction over this one
    assert "全区合计" in html
    assert client_for(Role.EVALUATOR).get(url, {"period": "quarter"}).status_code == 200
    assert client_for(Role.OFFICER).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_home_pages_link_to_the_desk(client_for: Any) -> None:
    desk = {
        Role.TALENT: "portal:inquiries",
        Role.EMPLOYER: "portal:inquiries",
        Role.OFFICER: "portal:inquiries",
        Role.TALENT_OFFICE: "portal:inquiry_triage",
        Role.LEADERSHIP: "portal:inquiry_overdue",
        Role.EVALUATOR: "portal:dialogue_rates",
    }
    for role, name in desk.items():
        home = client_for(role).get(reverse("portal:home"), follow=True)
        assert reverse(name) in home.content.decode(), role
    assert SUBMIT in Client().get(reverse("portal:policies")).content.decode()


def test_pages_in_english(client_for: Any, settings: Any) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = _text(client.get(SUBMIT).content.decode())
    assert "Do you know which department handles it?" in text
    assert "Don't know" in text or "Don&#x27;t know" in text
    inquiry, token = _submit_anonymous()
    tracked = _text(
        client.get(TRACK, {"code": inquiry.inquiry_id, "token": token}).content.decode()
    )
    assert "Answer by" in tracked
    assert "routed" in tracked
