"""FAQ curation from solved inquiries (talent office only, no personal data) and site search."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.demo.services import DEMO_USERNAMES
from luodi.platform.dialogue import faq as f
from luodi.platform.dialogue.models import FaqEntry, Inquiry, InquiryContact, InquiryEvent
from luodi.platform.policies.models import Clause

TEXT = "我是张三，手机13912345678，在甲科技上班，第二期创业资助什么时候发？"
CONTACT_NAME = "张三丰"
QUESTION = "创业资助第二期什么时候兑现？"
ANSWER = "通过中期考核后，由区人社局在20个工作日内拨付第二期资助。"


def _user(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


@pytest.fixture
def solved(demo: Any) -> Inquiry:
    at = dt.datetime(2019, 3, 1, 9, 0)
    inquiry = Inquiry.objects.create(
        inquiry_id="Q9",
        kind="inquiry",
        channel="web",
        submitted_at=at,
        person_id="P1",
        clause_id="C2",
        text=TEXT,
        department_id="D-HR",
        status="confirmed",
        answered_at=at,
        resolved=True,
        satisfaction=5,
        category="startup",
        closed_at=at,
    )
    InquiryContact.objects.create(
        inquiry=inquiry, name=CONTACT_NAME, phone="021-66668888", email="zs@example.com"
    )
    InquiryEvent.objects.create(
        inquiry=inquiry, at=at, action="answered", status="answered", note=ANSWER
    )
    return inquiry


def _create(by: User, **changes: Any) -> FaqEntry:
    values: dict[str, Any] = {
        "inquiry_id": "Q9",
        "question": QUESTION,
        "answer": ANSWER,
        "category": "startup",
        "publish": True,
    }
    return f.faq_entry_create_from_inquiry(by=by, **(values | changes))


def test_talent_office_grows_an_entry_from_a_solved_inquiry(solved: Inquiry) -> None:
    entry = _create(_user(Role.TALENT_OFFICE))
    assert (entry.question, entry.answer, entry.published) == (QUESTION, ANSWER, True)
    assert (entry.source_id, entry.clause_id, entry.category) == ("Q9", "C2", "startup")
    assert entry.curated_by == DEMO_USERNAMES[Role.TALENT_OFFICE]
    event = InquiryEvent.objects.filter(inquiry=solved).last()
    assert event is not None
    assert (event.action, event.actor_role) == (f.FAQ_ACTION, "talent_office")
    with pytest.raises(f.FaqInvalid, match="已收入常见问题"):
        _create(_user(Role.TALENT_OFFICE), question="另一种问法？")


@pytest.mark.parametrize("role", [Role.OFFICER, Role.TALENT, Role.LEADERSHIP, Role.ADMIN])
def test_only_the_talent_office_curates(solved: Inquiry, role: Role) -> None:
    with pytest.raises(f.FaqPermissionError):
        _create(_user(role))
    assert not FaqEntry.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": TEXT}, "问题与诉求原文相同"),
        ({"question": "张三丰的创业资助什么时候发？"}, "含有个人信息"),
        ({"answer": ANSWER + "请致电021-66668888。"}, "含有个人信息"),
        ({"answer": ANSWER + "如有疑问请联系 zs@example.com"}, "含有个人信息"),
        ({"question": "13800001111 的资助何时到账？"}, "含有个人信息"),
        ({"answer": "身份证310101199001011234的申请已受理。"}, "含有个人信息"),
        ({"question": "  "}, "问题为空"),
        ({"answer": ""}, "答复为空"),
        ({"category": "lottery"}, "不在诉求分类中"),
        ({"question": "问" * (f.QUESTION_MAX + 1)}, "超过上限"),
    ],
)
def test_bad_or_personal_text_is_refused_and_nothing_stored(
    solved: Inquiry, changes: dict[str, Any], message: str
) -> None:
    events = InquiryEvent.objects.count()
    with pytest.raises(f.FaqInvalid, match=message):
        _create(_user(Role.TALENT_OFFICE), **changes)
    assert not FaqEntry.objects.exists()
    assert InquiryEvent.objects.count() == events


def test_an_inquiry_not_confirmed_solved_is_not_a_source(solved: Inquiry) -> None:
    Inquiry.objects.filter(pk="Q9").update(status="answered")
    with pytest.raises(f.FaqInvalid, match="尚未由诉求人确认解决"):
        _create(_user(Role.TALENT_OFFICE))
    with pytest.raises(f.FaqNotFound):
        _create(_user(Role.TALENT_OFFICE), inquiry_id="Q404")
    assert not FaqEntry.objects.exists()


def test_public_faq_is_grouped_and_shows_no_personal_data(solved: Inquiry) -> None:
    _create(_user(Role.TALENT_OFFICE))
    FaqEntry.objects.create(
        question="子女入学找哪个部门？",
        answer="向区教育局申请。",
        category="schooling",
        published=True,
        updated_at=dt.datetime(2019, 3, 2),
    )
    FaqEntry.objects.create(
        question="草稿问题？",
        answer="未定。",
        category="housing",
        updated_at=dt.datetime(2019, 3, 2),
    )
    page = Client().get(reverse("portal:faq")).content.decode()
    assert QUESTION in page
    assert "子女入学找哪个部门？" in page
    assert "草稿问题" not in page
    # Grouped in the contract's category order: start-up support before schooling.
    assert page.index("创业扶持") < page.index(QUESTION) < page.index("子女入学</h2>")
    for personal in (TEXT, "13912345678", CONTACT_NAME, "021-66668888", "zs@example.com"):
        assert personal not in page


def test_curation_page_is_the_talent_offices(client_for: Any, solved: Inquiry) -> None:
    office = client_for(Role.TALENT_OFFICE).get(reverse("portal:faq_curate"))
    assert office.status_code == 200
    assert TEXT in office.content.decode()  # the office reads the submitter's words
    assert ANSWER in office.content.decode()  # the department's answer as a draft
    for role in (Role.OFFICER, Role.TALENT, Role.EMPLOYER, Role.LEADERSHIP):
        assert client_for(role).get(reverse("portal:faq_curate")).status_code == 403
    anonymous = Client().get(reverse("portal:faq_curate"))
    assert anonymous.status_code == 302


def _post(client: Client, **fields: str) -> Any:
    data = {"inquiry": "Q9", "q-Q9-inquiry_id": "Q9", "q-Q9-category": "startup"}
    data |= {f"q-Q9-{k}": v for k, v in fields.items()}
    return client.post(reverse("portal:faq_curate"), data)


def test_curation_form_creates_and_refuses_personal_data(client_for: Any, solved: Inquiry) -> None:
    client = client_for(Role.TALENT_OFFICE)
    refused = _post(client, question=QUESTION, answer=ANSWER + "联系人张三丰。", published="on")
    assert refused.status_code == 400
    assert "含有个人信息" in refused.content.decode()
    assert not FaqEntry.objects.exists()
    created = _post(client, question=QUESTION, answer=ANSWER, published="on")
    assert created.status_code == 302
    entry = FaqEntry.objects.get()
    assert entry.published
    # Once in the FAQ, the inquiry leaves the list of candidates.
    page = client.get(reverse("portal:faq_curate")).content.decode()
    assert f'id="candidate-{solved.inquiry_id}"' not in page
    # Unpublish from the curation page: gone from the public FAQ.
    prefix = f"e-{entry.pk}"
    client.post(
        reverse("portal:faq_entry_update", args=[entry.pk]),
        {
            f"{prefix}-question": QUESTION,
            f"{prefix}-answer": ANSWER,
            f"{prefix}-category": "startup",
        },
    )
    entry.refresh_from_db()
    assert not entry.published
    assert QUESTION not in Client().get(reverse("portal:faq")).content.decode()
    # Another role cannot post the update form.
    other = client_for(Role.OFFICER).post(
        reverse("portal:faq_entry_update", args=[entry.pk]),
        {f"{prefix}-question": "x", f"{prefix}-answer": "y", f"{prefix}-category": "startup"},
    )
    assert other.status_code == 403


def test_clause_page_has_a_plain_summary_and_its_faq(solved: Inquiry) -> None:
    _create(_user(Role.TALENT_OFFICE))
    page = Client().get(reverse("portal:clause", args=["C2"])).content.decode()
    assert "谁能享受" in page
    assert "找哪个部门" in page
    assert "C区人社局" in page  # the lead department
    assert "依申请" in page
    assert QUESTION in page
    assert ANSWER in page
    assert TEXT not in page


def test_automatic_clause_summary_says_no_application(demo: Any) -> None:
    Clause.objects.filter(pk="C2").update(delivery_mode="no_application")
    page = Client().get(reverse("portal:clause", args=["C2"])).content.decode()
    assert "免申即享：无需申请" in page


@pytest.fixture
def texts(solved: Inquiry) -> None:
    Clause.objects.create(
        clause_id="C7",
        policy_id="POL2",
        number="第七条",
        text="新引进人才在本区租房居住的，按月发放租房补贴，最长三年。",
        benefit_kind="housing",
        delivery_mode="application",
    )
    Clause.objects.create(
        clause_id="C8",
        policy_id="POL2",
        number="第八条",
        text="博士每月发放生活补贴3000元。",
        benefit_kind="subsidy",
        delivery_mode="application",
    )
    _create(_user(Role.TALENT_OFFICE))
    FaqEntry.objects.create(
        question="租房补贴的草稿？",
        answer="未公开的租房补贴答复。",
        category="housing",
        published=False,
        updated_at=dt.datetime(2019, 3, 2),
    )


def _search(query: str) -> Any:
    return Client().get(reverse("portal:search"), {"q": query})


def test_search_ranks_the_rent_clause_first_and_marks_words(texts: None) -> None:
    response = _search("租房补贴")
    assert response.status_code == 200
    page = response.content.decode()
    rent = page.index(reverse("portal:clause", args=["C7"]))
    living = page.index(reverse("portal:clause", args=["C8"]))
    assert rent < living
    assert "<mark>租房</mark>" in page
    assert "未公开的租房补贴答复" not in page


def test_search_finds_published_faq_entries(texts: None) -> None:
    page = _search("第二期资助什么时候兑现").content.decode()
    assert f"{reverse('portal:faq')}#faq-" in page
    assert "<mark>" in page


def test_search_empty_and_too_long_queries(texts: None) -> None:
    empty = _search("")
    assert empty.status_code == 200
    assert "找到" not in empty.content.decode()
    long = _search("租房" * 60)
    assert long.status_code == 400
    assert "超过上限" in long.content.decode()
    script = _search("<script>alert(1)</script>补贴").content.decode()
    assert "<script>alert(1)" not in script


def test_pages_in_english(texts: None) -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    clause = client.get(reverse("portal:clause", args=["C2"])).content.decode()
    assert "In plain words" in clause
    assert "On application" in clause
    search = client.get(reverse("portal:search"), {"q": "租房" * 60})
    assert "more than the limit of 100" in search.content.decode()
    assert "Search policies and answers" in client.get(reverse("portal:faq")).content.decode()
