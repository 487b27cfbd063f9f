"""An inquiry's life after submission: accept, answer, re-route, triage, confirm, close, rate,
contest, urge, instruct; who may do each, and that a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.forms.models import model_to_dict

from luodi.dialogue.deadlines import reopened_answer_due_on
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue import routing_service
from luodi.platform.dialogue.models import Inquiry, InquiryContact, InquiryEvent
from luodi.platform.dialogue.services import (
    SubmittedInquiry,
    inquiry_accept,
    inquiry_answer,
    inquiry_close,
    inquiry_confirm,
    inquiry_instruct,
    inquiry_rate,
    inquiry_reroute,
    inquiry_submit,
    inquiry_triage,
    inquiry_urge,
    rating_contest,
    rating_contest_decide,
)
from tests.platform.case_support import STAGED
from tests.platform.dialogue_support import DeskWorld, desk_build


@pytest.fixture
def desk(db: None) -> Iterator[DeskWorld]:
    cache.clear()
    routing_service._cache.clear()
    yield desk_build()
    cache.clear()


def _submit(desk: DeskWorld, *, by: Any = None) -> SubmittedInquiry:
    """An inquiry about clause CW1: routed to HR by the clause, no classifier involved."""
    return inquiry_submit(
        text="创业扶持资金第二期什么时候拨付？",
        kind="inquiry",
        category="startup",
        by=by,
        phone="13800001234" if by is None else "",
        clause_id=STAGED,
        client_key="192.0.2.1",
    )


def _state(inquiry_id: str) -> dict[str, Any]:
    inquiry = Inquiry.objects.get(pk=inquiry_id)
    return {
        **model_to_dict(inquiry),
        "events": InquiryEvent.objects.filter(inquiry=inquiry).count(),
    }


def _actions(inquiry_id: str) -> list[str]:
    return list(
        InquiryEvent.objects.filter(inquiry_id=inquiry_id)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def _last(inquiry_id: str) -> InquiryEvent:
    event = InquiryEvent.objects.filter(inquiry_id=inquiry_id).order_by("at", "id").last()
    assert event is not None
    return event


def _answered(desk: DeskWorld, *, by: Any = None) -> SubmittedInquiry:
    submitted = _submit(desk, by=by)
    qid = submitted.inquiry.inquiry_id
    inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    inquiry_answer(
        inquiry_id=qid, by=desk.world.hr, answer="第二期在中期考核通过后十个工作日内拨付。"
    )
    return submitted


# ---- the department --------------------------------------------------------------------------


def test_accept_then_answer(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    accepted = inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    assert accepted.status == "accepted"
    assert accepted.accepted_at is not None
    answered = inquiry_answer(inquiry_id=qid, by=desk.world.hr, answer="  已答复内容  ")
    assert answered.status == "answered"
    assert answered.answered_at is not None
    assert answered.resolved is None  # not solved until the citizen says so
    assert _actions(qid) == ["submitted", "routed", "accepted", "answered"]
    event = _last(qid)
    assert (event.note, event.actor, event.actor_role, event.department_id, event.status) == (
        "已答复内容",
        "hr-officer",
        "officer",
        "D-HR",
        "answered",
    )


def test_officer_of_another_department_is_refused(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    before = _state(qid)
    with pytest.raises(e.DialoguePermissionError) as raised:
        inquiry_accept(inquiry_id=qid, by=desk.tax)
    assert raised.value.message is e.NOT_ALLOWED
    with pytest.raises(e.DialoguePermissionError) as rerouted:
        inquiry_reroute(inquiry_id=qid, by=desk.tax, department_id=None, reason="不归我们")
    assert rerouted.value.message is e.NOT_ALLOWED
    inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    with pytest.raises(e.DialoguePermissionError):
        inquiry_answer(inquiry_id=qid, by=desk.world.audit, answer="越权答复")
    assert _state(qid)["status"] == "accepted"
    assert _state(qid)["events"] == before["events"] + 1


def test_citizens_and_coordinators_cannot_answer(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    for user in (desk.world.talent, desk.world.talent_office, desk.world.leadership):
        with pytest.raises(e.DialoguePermissionError):
            inquiry_accept(inquiry_id=qid, by=user)


def test_answer_needs_text_and_acceptance(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    before = _state(qid)
    with pytest.raises(e.InquiryStateError) as raised:
        inquiry_answer(inquiry_id=qid, by=desk.world.hr, answer="先答复")
    assert raised.value.message is e.WRONG_STATUS
    inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    with pytest.raises(e.InquiryInvalid) as empty:
        inquiry_answer(inquiry_id=qid, by=desk.world.hr, answer=" \n ")
    assert empty.value.message is e.ANSWER_REQUIRED
    assert _state(qid)["answered_at"] is None
    assert _state(qid)["events"] == before["events"] + 1


def test_second_answer_is_told_who_answered_first(desk: DeskWorld) -> None:
    from luodi.platform.accounts.models import User
    from luodi.platform.accounts.roles import Role

    colleague = User.objects.create(
        username="hr-colleague", role=Role.OFFICER, department_id="D-HR"
    )
    qid = _answered(desk).inquiry.inquiry_id
    with pytest.raises(e.InquiryStateError) as raised:
        inquiry_answer(inquiry_id=qid, by=colleague, answer="我也答复一下")
    assert raised.value.message is e.ALREADY_HANDLED
    assert raised.value.params["who"] == "hr-officer"
    assert "hr-officer" in str(raised.value)
    assert _actions(qid).count("answered") == 1


def test_unknown_inquiry(desk: DeskWorld) -> None:
    with pytest.raises(e.DialogueNotFound):
        inquiry_accept(inquiry_id="Q-NONE", by=desk.world.hr)


# ---- re-routing and triage -------------------------------------------------------------------


def test_officer_sends_back_to_triage_with_a_reason(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    before = _state(qid)
    with pytest.raises(e.InquiryInvalid) as raised:
        inquiry_reroute(inquiry_id=qid, by=desk.world.hr, department_id=None, reason="  ")
    assert raised.value.message is e.REASON_REQUIRED
    with pytest.raises(e.DialoguePermissionError) as direct:
        inquiry_reroute(inquiry_id=qid, by=desk.world.hr, department_id="D-TAX", reason="税务问题")
    assert direct.value.message is e.OFFICER_REROUTE_TO_TRIAGE
    assert _state(qid) == before
    inquiry = inquiry_reroute(
        inquiry_id=qid, by=desk.world.hr, department_id=None, reason="问的是个税，不是扶持资金"
    )
    assert (inquiry.status, inquiry.department_id, inquiry.accepted_at) == (
        "submitted",
        "D-TO",
        None,
    )
    assert inquiry.first_department_id == "D-HR"  # the first routing stays on record
    event = _last(qid)
    assert event.action == "rerouted"
    assert "问的是个税，不是扶持资金" in event.note
    assert event.actor == "hr-officer"
    # Now the talent office routes it from triage; the first department does not change.
    routed = inquiry_triage(inquiry_id=qid, by=desk.world.talent_office, department_id="D-TAX")
    assert (routed.status, routed.department_id, routed.first_department_id) == (
        "routed",
        "D-TAX",
        "D-HR",
    )
    # HR no longer sees or handles it; tax does.
    with pytest.raises(e.DialoguePermissionError):
        inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    inquiry_accept(inquiry_id=qid, by=desk.tax)


def test_talent_office_reroutes_directly(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    inquiry = inquiry_reroute(
        inquiry_id=qid, by=desk.world.talent_office, department_id="D-FIN", reason="资金拨付归财政"
    )
    assert (inquiry.status, inquiry.department_id, inquiry.first_department_id) == (
        "routed",
        "D-FIN",
        "D-HR",
    )
    assert _last(qid).actor_role == "talent_office"
    with pytest.raises(e.InquiryInvalid) as raised:
        inquiry_reroute(
            inquiry_id=qid, by=desk.world.talent_office, department_id="D-NONE", reason="x"
        )
    assert raised.value.message is e.DEPARTMENT_UNKNOWN


def test_answered_inquiry_cannot_be_rerouted(desk: DeskWorld) -> None:
    qid = _answered(desk).inquiry.inquiry_id
    with pytest.raises(e.InquiryStateError):
        inquiry_reroute(inquiry_id=qid, by=desk.world.hr, department_id=None, reason="晚了")


def test_triage_sets_the_first_department(desk: DeskWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    class Low:
        label, confidence, source = "tax", 0.0, "keywords"

    class LowRouter:
        def route(self, text: str) -> Low:
            return Low()

    monkeypatch.setattr(routing_service, "platform_router", LowRouter)
    qid = inquiry_submit(
        text="不知道找谁", kind="inquiry", category=None, by=None, phone="13800001234"
    ).inquiry.inquiry_id
    assert Inquiry.objects.get(pk=qid).status == "submitted"
    for user in (desk.world.hr, desk.world.leadership):
        with pytest.raises(e.DialoguePermissionError):
            inquiry_triage(inquiry_id=qid, by=user, department_id="D-HR")
    inquiry = inquiry_triage(
        inquiry_id=qid, by=desk.world.talent_office, department_id="D-HR", note="人才认定问题"
    )
    assert (inquiry.status, inquiry.first_department_id, inquiry.routed_by) == (
        "routed",
        "D-HR",
        "triage",
    )
    assert "人才认定问题" in _last(qid).note
    with pytest.raises(e.InquiryStateError):
        inquiry_triage(inquiry_id=qid, by=desk.world.talent_office, department_id="D-TAX")


# ---- the citizen -----------------------------------------------------------------------------


def test_anonymous_confirms_solved_with_token_and_rates(desk: DeskWorld) -> None:
    submitted = _answered(desk)
    qid = submitted.inquiry.inquiry_id
    inquiry = inquiry_confirm(
        inquiry_id=qid, by=None, token=submitted.token, solved=True, satisfaction=5, comment="谢谢"
    )
    assert (inquiry.status, inquiry.resolved, inquiry.satisfaction) == ("confirmed", True, 5)
    assert inquiry.closed_at is not None
    assert _actions(qid)[-2:] == ["confirmed", "rated"]
    assert _last(qid).actor_role == "submitter"


def test_wrong_token_and_other_citizens_are_refused(desk: DeskWorld) -> None:
    submitted = _answered(desk)
    qid = submitted.inquiry.inquiry_id
    before = _state(qid)
    with pytest.raises(e.DialoguePermissionError) as wrong:
        inquiry_confirm(
            inquiry_id=qid,
            by=None,
            token="x" + (submitted.token or ""),
            solved=True,
            satisfaction=None,
        )
    assert wrong.value.message is e.TOKEN_WRONG
    with pytest.raises(e.DialoguePermissionError) as none:
        inquiry_rate(inquiry_id=qid, by=None, token=None, satisfaction=1)
    assert none.value.message is e.NOT_SUBMITTER
    with pytest.raises(e.DialoguePermissionError):
        inquiry_close(inquiry_id=qid, by=desk.other_talent, token=None)
    with pytest.raises(e.DialoguePermissionError):
        inquiry_confirm(
            inquiry_id=qid, by=desk.world.hr, token=None, solved=True, satisfaction=None
        )
    assert _state(qid) == before


def test_talent_acts_on_own_inquiry_but_not_anothers(desk: DeskWorld) -> None:
    mine = _answered(desk, by=desk.world.talent).inquiry.inquiry_id
    with pytest.raises(e.DialoguePermissionError):
        inquiry_rate(inquiry_id=mine, by=desk.other_talent, token=None, satisfaction=1)
    inquiry = inquiry_rate(inquiry_id=mine, by=desk.world.talent, token=None, satisfaction=4)
    assert inquiry.satisfaction == 4
    assert _last(mine).actor == "talent-p1"


def test_not_solved_reopens_with_a_new_deadline_then_closes(desk: DeskWorld) -> None:
    submitted = _answered(desk)
    qid, token = submitted.inquiry.inquiry_id, submitted.token
    inquiry = inquiry_confirm(
        inquiry_id=qid,
        by=None,
        token=token,
        solved=False,
        satisfaction=None,
        comment="没说清楚金额",
    )
    assert (inquiry.status, inquiry.reopen_count, inquiry.resolved) == ("reopened", 1, None)
    reopened_at = _last(qid).at
    assert inquiry.answer_due_on == reopened_answer_due_on(
        reopened_at=reopened_at, category="startup"
    )
    assert "没说清楚金额" in _last(qid).note
    # Back with the same department, which answers again without re-accepting.
    assert inquiry.department_id == "D-HR"
    inquiry_answer(inquiry_id=qid, by=desk.world.hr, answer="金额为70万元。")
    inquiry = inquiry_confirm(inquiry_id=qid, by=None, token=token, solved=False, satisfaction=None)
    assert inquiry.reopen_count == 2
    closed = inquiry_close(inquiry_id=qid, by=None, token=token)
    assert (closed.status, closed.resolved, closed.closed_at is not None) == ("closed", False, True)
    assert _actions(qid)[-1] == "closed"
    with pytest.raises(e.InquiryStateError):
        inquiry_confirm(inquiry_id=qid, by=None, token=token, solved=True, satisfaction=None)


def test_confirm_before_answer_is_refused(desk: DeskWorld) -> None:
    submitted = _submit(desk)
    with pytest.raises(e.InquiryStateError):
        inquiry_confirm(
            inquiry_id=submitted.inquiry.inquiry_id,
            by=None,
            token=submitted.token,
            solved=True,
            satisfaction=None,
        )
    with pytest.raises(e.InquiryStateError):
        inquiry_rate(
            inquiry_id=submitted.inquiry.inquiry_id, by=None, token=submitted.token, satisfaction=3
        )


@pytest.mark.parametrize("value", [0, 6, -1, True, 2.5, "5"])
def test_rating_out_of_range_is_refused(desk: DeskWorld, value: Any) -> None:
    submitted = _answered(desk)
    qid = submitted.inquiry.inquiry_id
    before = _state(qid)
    with pytest.raises(e.InquiryInvalid) as raised:
        inquiry_rate(inquiry_id=qid, by=None, token=submitted.token, satisfaction=value)
    assert raised.value.message is e.RATING_OUT_OF_RANGE
    with pytest.raises(e.InquiryInvalid):
        inquiry_confirm(
            inquiry_id=qid, by=None, token=submitted.token, solved=True, satisfaction=value
        )
    assert _state(qid) == before


# ---- rating contests -------------------------------------------------------------------------


def test_rating_contest_flow(desk: DeskWorld) -> None:
    submitted = _answered(desk)
    qid, token = submitted.inquiry.inquiry_id, submitted.token
    inquiry_confirm(inquiry_id=qid, by=None, token=token, solved=True, satisfaction=1)
    with pytest.raises(e.InquiryInvalid):
        rating_contest(inquiry_id=qid, by=desk.world.hr, reason="")
    with pytest.raises(e.DialoguePermissionError):
        rating_contest(inquiry_id=qid, by=desk.tax, reason="不是我们办的")
    inquiry = rating_contest(
        inquiry_id=qid, by=desk.world.hr, reason="要求超出政策规定的补贴标准，属不合理诉求"
    )
    assert inquiry.rating_contest == "pending"
    assert _last(qid).action == "contested"
    # While contested the rating is frozen, and cannot be contested twice.
    with pytest.raises(e.InquiryStateError) as frozen:
        inquiry_rate(inquiry_id=qid, by=None, token=token, satisfaction=5)
    assert frozen.value.message is e.RATING_CONTESTED
    with pytest.raises(e.InquiryStateError):
        rating_contest(inquiry_id=qid, by=desk.world.hr, reason="再次")
    # Only the talent office decides, with its reasoning.
    with pytest.raises(e.DialoguePermissionError):
        rating_contest_decide(inquiry_id=qid, by=desk.world.hr, upheld=True, note="自己裁定")
    with pytest.raises(e.InquiryInvalid) as no_note:
        rating_contest_decide(inquiry_id=qid, by=desk.world.talent_office, upheld=True, note=" ")
    assert no_note.value.message is e.NOTE_REQUIRED
    decided = rating_contest_decide(
        inquiry_id=qid, by=desk.world.talent_office, upheld=True, note="诉求超出政策范围"
    )
    assert decided.rating_contest == "upheld"
    assert decided.satisfaction == 1
    event = _last(qid)
    assert event.action == "contest_decided"
    assert "不计入满意率" in event.note
    with pytest.raises(e.InquiryStateError) as again:
        rating_contest_decide(
            inquiry_id=qid, by=desk.world.talent_office, upheld=False, note="改判"
        )
    assert again.value.message is e.CONTEST_NOT_PENDING


def test_contest_rejected_and_only_low_ratings(desk: DeskWorld) -> None:
    submitted = _answered(desk)
    qid, token = submitted.inquiry.inquiry_id, submitted.token
    with pytest.raises(e.InquiryStateError) as unrated:
        rating_contest(inquiry_id=qid, by=desk.world.hr, reason="未评价")
    assert unrated.value.message is e.CONTEST_NOT_ALLOWED
    inquiry_rate(inquiry_id=qid, by=None, token=token, satisfaction=3)
    with pytest.raises(e.InquiryStateError):
        rating_contest(inquiry_id=qid, by=desk.world.hr, reason="3分也想申诉")
    inquiry_rate(inquiry_id=qid, by=None, token=token, satisfaction=2)
    rating_contest(inquiry_id=qid, by=desk.world.hr, reason="不合理")
    decided = rating_contest_decide(
        inquiry_id=qid, by=desk.world.talent_office, upheld=False, note="答复确有不足"
    )
    assert decided.rating_contest == "rejected"


# ---- oversight -------------------------------------------------------------------------------


def test_urge_by_the_talent_office_only(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    with pytest.raises(e.DialoguePermissionError):
        inquiry_urge(inquiry_id=qid, by=desk.world.hr, note="自己督办")
    with pytest.raises(e.InquiryInvalid):
        inquiry_urge(inquiry_id=qid, by=desk.world.talent_office, note="")
    inquiry = inquiry_urge(inquiry_id=qid, by=desk.world.talent_office, note="请尽快受理")
    assert inquiry.status == "routed"
    event = _last(qid)
    assert (event.action, event.note, event.department_id) == ("urged", "请尽快受理", "D-HR")


def test_instruct_needs_escalation_to_leadership(desk: DeskWorld) -> None:
    qid = _submit(desk).inquiry.inquiry_id
    with pytest.raises(e.InquiryStateError) as raised:
        inquiry_instruct(inquiry_id=qid, by=desk.world.leadership, department_id=None, note="批示")
    assert raised.value.message is e.NOT_ESCALATED_TO_LEADERSHIP
    Inquiry.objects.filter(pk=qid).update(escalation_level="leadership")
    with pytest.raises(e.DialoguePermissionError):
        inquiry_instruct(inquiry_id=qid, by=desk.world.talent_office, department_id=None, note="x")
    inquiry = inquiry_instruct(
        inquiry_id=qid, by=desk.world.leadership, department_id="D-FIN", note="由财政局牵头答复"
    )
    assert (inquiry.department_id, inquiry.status) == ("D-FIN", "routed")
    event = _last(qid)
    assert event.action == "instructed"
    assert "由财政局牵头答复" in event.note
    assert event.actor_role == "leadership"


# ---- inquiries loaded from a dataset have no contact row ------------------------------------


def test_dataset_inquiry_without_contact_can_be_handled(desk: DeskWorld) -> None:
    Inquiry.objects.create(
        inquiry_id="Q-DEMO",
        kind="inquiry",
        channel="phone",
        submitted_at=dt.datetime(2019, 3, 1, 9, 0),
        person_id="P1",
        text="人才公寓怎么申请？",
        department_id="D-HR",
        status="routed",
    )
    inquiry_accept(inquiry_id="Q-DEMO", by=desk.world.hr)
    inquiry_answer(inquiry_id="Q-DEMO", by=desk.world.hr, answer="请向住建局申请。")
    # No token exists: a guessed one is refused, the person's own account still works.
    with pytest.raises(e.DialoguePermissionError):
        inquiry_confirm(inquiry_id="Q-DEMO", by=None, token="guess", solved=True, satisfaction=None)
    inquiry = inquiry_confirm(
        inquiry_id="Q-DEMO", by=desk.world.talent, token=None, solved=True, satisfaction=4
    )
    assert inquiry.status == "confirmed"


def test_a_visitors_anonymous_user_object_counts_as_anonymous(desk: DeskWorld) -> None:
    from django.contrib.auth.models import AnonymousUser

    visitor: Any = AnonymousUser()
    with pytest.raises(e.InquiryInvalid) as raised:
        inquiry_submit(text="问题", kind="inquiry", category=None, by=visitor)
    assert raised.value.message is e.CONTACT_PHONE_REQUIRED
    submitted = inquiry_submit(
        text="第二期何时拨付？",
        kind="inquiry",
        category=None,
        by=visitor,
        phone="13800001234",
        clause_id=STAGED,
    )
    assert submitted.token is not None
    assert InquiryContact.objects.get(inquiry=submitted.inquiry).submitted_by is None
    inquiry_accept(inquiry_id=submitted.inquiry.inquiry_id, by=desk.world.hr)
    inquiry_answer(inquiry_id=submitted.inquiry.inquiry_id, by=desk.world.hr, answer="答复")
    with pytest.raises(e.DialoguePermissionError):
        inquiry_accept(inquiry_id=submitted.inquiry.inquiry_id, by=visitor)
    qid = submitted.inquiry.inquiry_id
    inquiry_rate(inquiry_id=qid, by=visitor, token=submitted.token, satisfaction=3)
    assert _last(qid).actor_role == "submitter"


def test_refusals_read_in_both_languages(desk: DeskWorld) -> None:
    from django.utils import translation

    qid = _answered(desk).inquiry.inquiry_id
    with pytest.raises(e.DialoguePermissionError) as refused:
        inquiry_urge(inquiry_id=qid, by=desk.world.hr, note="催办")
    with pytest.raises(e.InquiryStateError) as late:
        inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    with translation.override("zh-hans"):
        assert "不能对诉求" in str(refused.value)
        assert "督办" in str(refused.value)
        assert str(late.value).startswith(f"诉求“{qid}”已由hr-officer于")
    with translation.override("en"):
        assert "may not urge inquiry" in str(refused.value)
        assert "the talent office" in str(refused.value)
        assert "was answered by hr-officer" in str(late.value)
        assert "cannot accept again" in str(late.value)
