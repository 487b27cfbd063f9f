"""Submitting an inquiry: validation (nothing stored on bad input), contact, deadlines, routing."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from luodi.calendar import due_on
from luodi.dialogue.categories import ACCEPT_DAYS, answer_days
from luodi.platform.cases.services import case_open
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue import routing_service
from luodi.platform.dialogue.models import Inquiry, InquiryAttachment, InquiryContact, InquiryEvent
from luodi.platform.dialogue.services import (
    ATTACHMENT_MAX_BYTES,
    TEXT_MAX_CHARS,
    AttachmentUpload,
    inquiry_submit,
)
from luodi.platform.dialogue.submit import SUBMIT_RATE_LIMIT
from tests.platform.case_support import STAGED
from tests.platform.dialogue_support import JPEG, PDF, PNG, DeskWorld, desk_build, row_counts

AT = dt.datetime(2019, 3, 4, 9, 30)  # a Monday


@pytest.fixture
def desk(db: None) -> Iterator[DeskWorld]:
    cache.clear()
    routing_service._cache.clear()
    yield desk_build()
    cache.clear()


@dataclass(frozen=True)
class FakeRouting:
    label: str
    confidence: float
    source: str = "keywords"
    ranked: tuple[tuple[str, float], ...] = ()


class FakeRouter:
    def __init__(self, label: str, confidence: float, source: str = "keywords") -> None:
        self.routing = FakeRouting(label, confidence, source)
        self.texts: list[str] = []

    def route(self, text: str) -> FakeRouting:
        self.texts.append(text)
        return self.routing


@pytest.fixture
def router(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A factory: make the platform's router answer with a fixed label and confidence."""

    def use(label: str, confidence: float, source: str = "keywords") -> FakeRouter:
        fake = FakeRouter(label, confidence, source)
        monkeypatch.setattr(routing_service, "platform_router", lambda: fake)
        return fake

    return use


def _anonymous(**overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "text": "请问个人所得税专项附加扣除怎么申报？",
        "kind": "inquiry",
        "category": "tax",
        "by": None,
        "name": "王先生",
        "phone": "138-0000-1234",
        "at": AT,
        "client_key": "203.0.113.7",
    }
    arguments.update(overrides)
    return inquiry_submit(**arguments)


def _events(inquiry: Inquiry) -> list[tuple[str, str]]:
    return [
        (event.action, event.status)
        for event in InquiryEvent.objects.filter(inquiry=inquiry).order_by("at", "id")
    ]


# ---- happy paths -----------------------------------------------------------------------------


def test_anonymous_submission_stores_contact_apart_and_returns_the_token_once(
    desk: DeskWorld, router: Any
) -> None:
    router("tax", 0.9)
    submitted = _anonymous(email="wang@example.com")
    inquiry = Inquiry.objects.get(pk=submitted.inquiry.pk)
    contact = InquiryContact.objects.get(inquiry=inquiry)
    assert submitted.token is not None
    assert len(submitted.token) >= 40
    # Only the hash is stored; the plain token is nowhere in the database.
    assert contact.token_hash == hashlib.sha256(submitted.token.encode()).hexdigest()
    assert submitted.token not in contact.token_hash
    assert (contact.name, contact.phone, contact.email) == (
        "王先生",
        "138-0000-1234",
        "wang@example.com",
    )
    assert contact.submitted_by is None
    assert inquiry.person_id is None
    assert inquiry.employer_id is None
    assert inquiry.text == "请问个人所得税专项附加扣除怎么申报？"
    assert (inquiry.kind, inquiry.channel, inquiry.category) == ("inquiry", "web", "tax")
    assert inquiry.submitted_at == AT
    assert inquiry.reopen_count == 0
    assert inquiry.inquiry_id.startswith("Q-20190304-")


def test_deadlines_count_working_days_from_submission(desk: DeskWorld, router: Any) -> None:
    router("tax", 0.9)
    # Friday before the 2019 Qingming holiday (5 April): the deadlines skip it.
    at = dt.datetime(2019, 4, 4, 16, 0)
    inquiry = _anonymous(at=at).inquiry
    assert inquiry.accept_due_on == due_on(start=at, days=ACCEPT_DAYS) == dt.date(2019, 4, 8)
    assert inquiry.answer_due_on == due_on(start=at, days=answer_days("tax"))
    assert inquiry.answer_due_on > dt.date(2019, 4, 4) + dt.timedelta(days=answer_days("tax"))


def test_talent_submission_is_linked_to_the_person_and_gets_no_token(
    desk: DeskWorld, router: Any
) -> None:
    router("tax", 0.9)
    talent = desk.world.talent
    submitted = inquiry_submit(
        text="我的个税汇算有问题", kind="appeal", category="tax", by=talent, at=AT
    )
    inquiry = submitted.inquiry
    assert submitted.token is None
    assert (inquiry.person_id, inquiry.employer_id) == ("P1", None)
    contact = InquiryContact.objects.get(inquiry=inquiry)
    assert contact.submitted_by == talent
    assert contact.token_hash == ""


def test_employer_submission_is_linked_to_the_employer(desk: DeskWorld, router: Any) -> None:
    router("tax", 0.9)
    inquiry = inquiry_submit(
        text="企业研发费用加计扣除", kind="inquiry", category="tax", by=desk.world.employer, at=AT
    ).inquiry
    assert (inquiry.person_id, inquiry.employer_id) == (None, "E1")


def test_attachments_are_stored_with_type_from_their_bytes(desk: DeskWorld, router: Any) -> None:
    router("tax", 0.9)
    files = (
        AttachmentUpload(name="证明.txt", content=PDF),  # the name does not decide the type
        AttachmentUpload(name="scan.png", content=PNG),
        AttachmentUpload(name="photo", content=JPEG),
    )
    inquiry = _anonymous(attachments=files).inquiry
    stored = list(InquiryAttachment.objects.filter(inquiry=inquiry).order_by("id"))
    assert [a.content_type for a in stored] == ["application/pdf", "image/png", "image/jpeg"]
    assert [bytes(a.content) for a in stored] == [PDF, PNG, JPEG]
    assert stored[0].sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored[0].size == len(PDF)


def test_named_department_and_criterion_are_kept(desk: DeskWorld, router: Any) -> None:
    router("tax", 0.9)
    inquiry = _anonymous(named_department_id="D-HR", criterion="学历：博士").inquiry
    assert inquiry.named_department_id == "D-HR"
    assert InquiryContact.objects.get(inquiry=inquiry).criterion == "学历：博士"


def test_own_case_link_is_kept_and_brings_its_clause(desk: DeskWorld, router: Any) -> None:
    fake = router("tax", 0.9)
    case = case_open(
        clause_id=STAGED, applicant=desk.world.employer, person_id=None, employer_id="E1"
    )
    inquiry = inquiry_submit(
        text="扶持资金审核到哪一步了？",
        kind="inquiry",
        category="startup",
        by=desk.world.employer,
        case_id=case.case_id,
        at=AT,
    ).inquiry
    assert InquiryContact.objects.get(inquiry=inquiry).case_id == case.case_id
    assert inquiry.clause_id == STAGED
    # Routed by the case's clause, the classifier not asked.
    assert (inquiry.routed_by, inquiry.department_id) == ("clause", "D-HR")
    assert fake.texts == []


# ---- routing ---------------------------------------------------------------------------------


def test_linked_clause_routes_to_its_lead_department(desk: DeskWorld, router: Any) -> None:
    fake = router("tax", 0.99)
    inquiry = _anonymous(clause_id=STAGED, category="startup").inquiry
    assert inquiry.department_id == "D-HR"  # CW1's route: HR (lead) → finance → audit
    assert inquiry.first_department_id == "D-HR"
    assert (inquiry.status, inquiry.routed_by, inquiry.routed_at) == ("routed", "clause", AT)
    assert fake.texts == []
    assert _events(inquiry) == [("submitted", "submitted"), ("routed", "routed")]
    assert InquiryContact.objects.get(inquiry=inquiry).routing_confidence == 1.0


def test_classifier_label_is_mapped_to_the_districts_department(
    desk: DeskWorld, router: Any
) -> None:
    router("education", 0.8, source="classifier")
    inquiry = _anonymous(text="孩子上小学的学位怎么申请？", category="schooling").inquiry
    assert (inquiry.department_id, inquiry.routed_by, inquiry.status) == (
        "D-EDU",
        "classifier",
        "routed",
    )
    assert inquiry.first_department_id == "D-EDU"
    contact = InquiryContact.objects.get(inquiry=inquiry)
    assert contact.routing_confidence == pytest.approx(0.8)
    routed = InquiryEvent.objects.get(inquiry=inquiry, action="routed")
    assert routed.department_id == "D-EDU"
    assert "0.80" in routed.note


def test_low_confidence_goes_to_the_talent_office_triage_queue(
    desk: DeskWorld, router: Any
) -> None:
    from luodi.dialogue.routing import LOW_CONFIDENCE

    router("tax", LOW_CONFIDENCE / 2)
    inquiry = _anonymous().inquiry
    assert (inquiry.status, inquiry.routed_by, inquiry.department_id) == (
        "submitted",
        "triage",
        "D-TO",
    )
    # Not routed yet: the first department is the one triage chooses.
    assert inquiry.first_department_id is None
    assert inquiry.routed_at is None
    assert _events(inquiry) == [("submitted", "submitted"), ("triaged", "submitted")]


def test_kind_without_a_department_in_the_district_goes_to_triage(
    desk: DeskWorld, router: Any
) -> None:
    router("public_security", 0.95)  # the district has no public security bureau here
    inquiry = _anonymous(text="外籍人才居留许可怎么办理？", category="residence").inquiry
    assert (inquiry.status, inquiry.routed_by, inquiry.department_id) == (
        "submitted",
        "triage",
        "D-TO",
    )


def test_cold_start_router_routes_by_duty_keywords(desk: DeskWorld) -> None:
    # No resolved inquiries yet: the duty keywords decide.
    inquiry = _anonymous(
        text="个人所得税专项附加扣除在哪里申报，发票怎么开？", category="tax"
    ).inquiry
    assert (inquiry.routed_by, inquiry.department_id, inquiry.status) == (
        "keywords",
        "D-TAX",
        "routed",
    )
    # Nothing to go on: the talent office triages it.
    vague = _anonymous(text="你好，请问一下。", category=None).inquiry
    assert (vague.routed_by, vague.status, vague.department_id) == ("triage", "submitted", "D-TO")


def _resolved(n: int, kind_texts: dict[str, list[str]]) -> None:
    departments = {"tax": "D-TAX", "education": "D-EDU"}
    rows = []
    for i in range(n):
        kind = "tax" if i % 2 else "education"
        texts = kind_texts[kind]
        rows.append(
            Inquiry(
                inquiry_id=f"R{i:03d}",
                kind="inquiry",
                channel="web",
                submitted_at=dt.datetime(2019, 1, 2, 9, 0),
                text=f"{texts[i % len(texts)]}（第{i}问）",
                department_id=departments[kind],
                status="confirmed",
                closed_at=dt.datetime(2019, 1, 10, 9, 0) + dt.timedelta(minutes=i),
            )
        )
    Inquiry.objects.bulk_create(rows)


TRAINING = {
    "tax": ["个人所得税怎么退税", "发票开具问题", "企业所得税优惠申报", "个税专项扣除"],
    "education": ["子女入学怎么办理", "幼儿园学位申请", "孩子转学到区里的学校", "小学入学材料"],
}


def test_classifier_is_trained_on_resolved_inquiries_once_there_are_enough(
    desk: DeskWorld,
) -> None:
    _resolved(routing_service.MIN_TRAINING_INQUIRIES - 1, TRAINING)
    cold = routing_service.platform_router()
    assert cold.source == "keywords"
    one_more = Inquiry(
        inquiry_id="R999",
        kind="inquiry",
        channel="web",
        submitted_at=dt.datetime(2019, 1, 2, 9, 0),
        text="个税退税多久到账",
        department_id="D-TAX",
        status="closed",
        closed_at=dt.datetime(2019, 2, 1, 9, 0),
    )
    one_more.save()
    trained = routing_service.platform_router()
    assert trained.source == "classifier"
    # Cached until another inquiry is resolved.
    assert routing_service.platform_router() is trained
    inquiry = _anonymous(text="孩子幼儿园入学学位申请", category="schooling").inquiry
    assert (inquiry.routed_by, inquiry.department_id) == ("classifier", "D-EDU")


# ---- bad input: a clear error and nothing stored --------------------------------------------

BAD_INPUTS: list[tuple[str, dict[str, Any], type[Exception], Any]] = [
    ("empty", {"text": "   \n "}, e.InquiryInvalid, e.TEXT_EMPTY),
    ("oversized", {"text": "问" * (TEXT_MAX_CHARS + 1)}, e.InquiryInvalid, e.TEXT_TOO_LONG),
    ("nul byte", {"text": "正常文字\x00后面"}, e.InquiryInvalid, e.TEXT_BINARY),
    ("control", {"text": "文字\x1b[31m红色"}, e.InquiryInvalid, e.TEXT_BINARY),
    (
        "binary",
        {"text": b"\x89PNG\r\n\x1a\n\xff\xfe".decode("latin-1")},
        e.InquiryInvalid,
        e.TEXT_BINARY,
    ),
    ("undecodable", {"text": "乱码\ufffd\ufffd"}, e.InquiryInvalid, e.TEXT_BINARY),
    ("kind", {"kind": "praise"}, e.InquiryInvalid, e.KIND_UNKNOWN),
    ("channel", {"channel": "fax"}, e.InquiryInvalid, e.CHANNEL_UNKNOWN),
    ("category", {"category": "lottery"}, e.InquiryInvalid, e.CATEGORY_UNKNOWN),
    ("clause", {"clause_id": "NO-SUCH"}, e.InquiryInvalid, e.CLAUSE_UNKNOWN),
    ("department", {"named_department_id": "D-NONE"}, e.InquiryInvalid, e.DEPARTMENT_UNKNOWN),
    ("no phone", {"phone": " "}, e.InquiryInvalid, e.CONTACT_PHONE_REQUIRED),
    ("bad phone", {"phone": "call me"}, e.InquiryInvalid, e.CONTACT_PHONE_INVALID),
    ("email", {"email": "not-an-email"}, e.InquiryInvalid, e.EMAIL_INVALID),
    ("name binary", {"name": "王\x07"}, e.InquiryInvalid, e.FIELD_BINARY),
    ("criterion", {"criterion": "条" * 201}, e.InquiryInvalid, e.FIELD_TOO_LONG),
    ("case anonymous", {"case_id": "K-ANY"}, e.DialoguePermissionError, e.CASE_NOT_OWN),
    (
        "too big",
        {
            "attachments": (
                AttachmentUpload(name="a.pdf", content=PDF + b"0" * ATTACHMENT_MAX_BYTES),
            )
        },
        e.AttachmentRejected,
        e.ATTACHMENT_TOO_BIG,
    ),
    (
        "exe named pdf",
        {"attachments": (AttachmentUpload(name="a.pdf", content=b"MZ\x90\x00" + b"\x00" * 60),)},
        e.AttachmentRejected,
        e.ATTACHMENT_TYPE,
    ),
    (
        "html named png",
        {"attachments": (AttachmentUpload(name="x.png", content=b"<html><script>"),)},
        e.AttachmentRejected,
        e.ATTACHMENT_TYPE,
    ),
    (
        "second bad",
        {
            "attachments": (
                AttachmentUpload(name="ok.pdf", content=PDF),
                AttachmentUpload(name="bad.gif", content=b"GIF89a" + b"\x00" * 10),
            )
        },
        e.AttachmentRejected,
        e.ATTACHMENT_TYPE,
    ),
    (
        "empty file",
        {"attachments": (AttachmentUpload(name="a.pdf", content=b""),)},
        e.AttachmentRejected,
        e.ATTACHMENT_EMPTY,
    ),
    (
        "too many",
        {"attachments": tuple(AttachmentUpload(name=f"{i}.pdf", content=PDF) for i in range(6))},
        e.AttachmentRejected,
        e.ATTACHMENT_TOO_MANY,
    ),
]


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    desk: DeskWorld, router: Any, overrides: dict[str, Any], error: type[Exception], message: Any
) -> None:
    router("tax", 0.9)
    before = row_counts()
    with pytest.raises(error) as raised:
        _anonymous(**overrides)
    assert isinstance(raised.value, e.DialogueError)
    assert raised.value.message is message
    assert row_counts() == before


def test_forged_link_to_another_persons_case_is_refused(desk: DeskWorld, router: Any) -> None:
    router("tax", 0.9)
    # The case belongs to employer E1; the talent P2 (not of E1) and employer E2 may not link it.
    case = case_open(
        clause_id=STAGED, applicant=desk.world.employer, person_id=None, employer_id="E1"
    )
    before = row_counts()
    for user in (desk.other_talent, desk.world.other_employer):
        with pytest.raises(e.DialoguePermissionError) as raised:
            inquiry_submit(
                text="这个办件怎么样了",
                kind="inquiry",
                category="startup",
                by=user,
                case_id=case.case_id,
            )
        assert raised.value.message is e.CASE_NOT_OWN
    # A case id that does not exist gets the same answer.
    with pytest.raises(e.DialoguePermissionError):
        inquiry_submit(
            text="办件", kind="inquiry", category=None, by=desk.world.employer, case_id="K-X"
        )
    assert row_counts() == before


def test_error_messages_are_bilingual(desk: DeskWorld, router: Any) -> None:
    from django.utils import translation

    with pytest.raises(e.InquiryInvalid) as raised:
        _anonymous(text="问" * (TEXT_MAX_CHARS + 5))
    with translation.override("zh-hans"):
        chinese = str(raised.value)
    assert chinese.startswith(f"诉求内容共{TEXT_MAX_CHARS + 5}字，超过{TEXT_MAX_CHARS}字的上限")
    with translation.override("en"):
        english = str(raised.value)
    assert str(TEXT_MAX_CHARS) in english
    assert "characters" in english


# ---- rate limit ------------------------------------------------------------------------------


def test_anonymous_submissions_are_rate_limited_per_client(desk: DeskWorld, router: Any) -> None:
    router("tax", 0.9)
    for _ in range(SUBMIT_RATE_LIMIT):
        _anonymous(client_key="198.51.100.1")
    before = row_counts()
    with pytest.raises(e.SubmissionRateLimited) as raised:
        _anonymous(client_key="198.51.100.1")
    assert raised.value.message is e.RATE_LIMITED
    assert row_counts() == before
    # Another client, and logged-in submitters, are not limited by it.
    _anonymous(client_key="198.51.100.2")
    inquiry_submit(
        text="个税问题",
        kind="inquiry",
        category="tax",
        by=desk.world.talent,
        client_key="198.51.100.1",
    )
    assert row_counts()["inquiries"] == before["inquiries"] + 2


def test_refused_submissions_do_not_use_up_the_limit(desk: DeskWorld, router: Any) -> None:
    router("tax", 0.9)
    for _ in range(SUBMIT_RATE_LIMIT + 2):
        with pytest.raises(e.InquiryInvalid):
            _anonymous(text="", client_key="198.51.100.9")
    _anonymous(client_key="198.51.100.9")


def test_rate_limit_follows_settings(desk: DeskWorld, router: Any, settings: Any) -> None:
    router("tax", 0.9)
    settings.LUODI_INQUIRY_SUBMIT_RATE = (1, 60)
    _anonymous(client_key="198.51.100.3")
    with pytest.raises(e.SubmissionRateLimited):
        _anonymous(client_key="198.51.100.3")
