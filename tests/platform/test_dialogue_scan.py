"""The daily scan (escalation, unconfirmed closing), selectors, rates, CLI and demo reload."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.cache import cache

from luodi.calendar import add_working_days
from luodi.dialogue.deadlines import LEADERSHIP_AFTER_DAYS, follow_up_due_on
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue import routing_service
from luodi.platform.dialogue.models import Inquiry, InquiryEvent
from luodi.platform.dialogue.selectors import (
    dialogue_rates_platform,
    inquiry_attachment,
    inquiry_detail,
    inquiry_list_for,
    overdue_inquiries,
    triage_queue,
)
from luodi.platform.dialogue.services import (
    AttachmentUpload,
    SubmittedInquiry,
    inquiry_accept,
    inquiry_answer,
    inquiry_confirm,
    inquiry_reroute,
    inquiry_scan,
    inquiry_submit,
)
from tests.platform.case_support import STAGED
from tests.platform.dialogue_support import PDF, DeskWorld, desk_build

AT = dt.datetime(2019, 3, 4, 9, 30)  # a Monday


@pytest.fixture
def desk(db: None) -> Iterator[DeskWorld]:
    cache.clear()
    routing_service._cache.clear()
    yield desk_build()
    cache.clear()


def _submit(*, by: Any = None, at: dt.datetime = AT, **extra: Any) -> SubmittedInquiry:
    return inquiry_submit(
        text="创业扶持资金第二期什么时候拨付？",
        kind="inquiry",
        category="startup",
        by=by,
        phone="13800001234" if by is None else "",
        clause_id=STAGED,
        at=at,
        **extra,
    )


def _escalations(inquiry_id: str) -> list[str]:
    return list(
        InquiryEvent.objects.filter(inquiry_id=inquiry_id, action="escalated")
        .order_by("at", "id")
        .values_list("note", flat=True)
    )


# ---- scan ------------------------------------------------------------------------------------


def test_not_accepted_goes_to_talent_office_then_leadership_idempotently(desk: DeskWorld) -> None:
    inquiry = _submit().inquiry
    qid = inquiry.inquiry_id
    assert inquiry.accept_due_on is not None
    assert inquiry.answer_due_on is not None
    on_time = inquiry_scan(today=inquiry.accept_due_on)
    assert (on_time.overdue, on_time.to_talent_office) == (0, 0)
    late = inquiry.accept_due_on + dt.timedelta(days=1)
    first = inquiry_scan(today=late)
    assert (first.overdue, first.to_talent_office, first.to_leadership) == (1, 1, 0)
    assert Inquiry.objects.get(pk=qid).escalation_level == "talent_office"
    assert len(_escalations(qid)) == 1
    assert "人才办" in _escalations(qid)[0]
    again = inquiry_scan(today=late)
    assert (again.overdue, again.to_talent_office, again.to_leadership) == (1, 0, 0)
    assert len(_escalations(qid)) == 1
    # More than LEADERSHIP_AFTER_DAYS working days past the accept deadline: leadership.
    much_later = add_working_days(start=inquiry.accept_due_on, days=LEADERSHIP_AFTER_DAYS + 1)
    second = inquiry_scan(today=much_later)
    assert second.to_leadership == 1
    assert Inquiry.objects.get(pk=qid).escalation_level == "leadership"
    assert inquiry_scan(today=much_later).to_leadership == 0
    assert len(_escalations(qid)) == 2
    assert [i.inquiry_id for i in overdue_inquiries("leadership")] == [qid]
    assert list(overdue_inquiries("talent_office")) == []
    assert [i.inquiry_id for i in inquiry_list_for(desk.world.leadership)] == [qid]


def test_exactly_leadership_days_late_stays_with_the_talent_office(desk: DeskWorld) -> None:
    inquiry = _submit().inquiry
    assert inquiry.accept_due_on is not None
    boundary = add_working_days(start=inquiry.accept_due_on, days=LEADERSHIP_AFTER_DAYS)
    result = inquiry_scan(today=boundary)
    assert (result.to_talent_office, result.to_leadership) == (1, 0)


def test_accepted_inquiry_escalates_on_its_answer_deadline(desk: DeskWorld) -> None:
    inquiry = _submit().inquiry
    inquiry_accept(inquiry_id=inquiry.inquiry_id, by=desk.world.hr)
    assert inquiry.answer_due_on is not None
    assert inquiry_scan(today=inquiry.answer_due_on).overdue == 0
    late = inquiry_scan(today=inquiry.answer_due_on + dt.timedelta(days=1))
    assert late.to_talent_office == 1


def test_answered_inquiries_are_not_escalated(desk: DeskWorld) -> None:
    inquiry = _submit().inquiry
    inquiry_accept(inquiry_id=inquiry.inquiry_id, by=desk.world.hr)
    inquiry_answer(inquiry_id=inquiry.inquiry_id, by=desk.world.hr, answer="答复")
    assert inquiry.answer_due_on is not None
    result = inquiry_scan(today=inquiry.answer_due_on + dt.timedelta(days=3))
    assert result.overdue == 0
    assert Inquiry.objects.get(pk=inquiry.inquiry_id).escalation_level is None


def test_unconfirmed_answer_closes_after_the_follow_up_window(desk: DeskWorld) -> None:
    qid = _submit().inquiry.inquiry_id
    inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    inquiry_answer(inquiry_id=qid, by=desk.world.hr, answer="答复")
    answered_at = dt.datetime(2019, 3, 6, 10, 0)
    Inquiry.objects.filter(pk=qid).update(answered_at=answered_at)
    window_end = follow_up_due_on(answered_at=answered_at)
    assert inquiry_scan(today=window_end).unconfirmed == 0
    assert Inquiry.objects.get(pk=qid).status == "answered"
    result = inquiry_scan(today=window_end + dt.timedelta(days=1))
    assert result.unconfirmed == 1
    inquiry = Inquiry.objects.get(pk=qid)
    assert (inquiry.status, inquiry.resolved) == ("unconfirmed", None)
    assert inquiry.closed_at == dt.datetime.combine(window_end + dt.timedelta(days=1), dt.time())
    event = InquiryEvent.objects.get(inquiry_id=qid, action="unconfirmed")
    assert (event.status, event.actor_role) == ("unconfirmed", "system")
    assert inquiry_scan(today=window_end + dt.timedelta(days=2)).unconfirmed == 0
    assert InquiryEvent.objects.filter(inquiry_id=qid, action="unconfirmed").count() == 1


def test_scan_command_prints_json(desk: DeskWorld) -> None:
    from luodi.cli import main

    inquiry = _submit().inquiry
    assert inquiry.accept_due_on is not None
    late = (inquiry.accept_due_on + dt.timedelta(days=1)).isoformat()
    result = CliRunner().invoke(main, ["dialogue", "scan", "--today", late, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload == {
        "today": late,
        "overdue": 1,
        "to_talent_office": 1,
        "to_leadership": 0,
        "unconfirmed": 0,
    }
    text = CliRunner().invoke(main, ["dialogue", "scan", "--today", late])
    assert text.exit_code == 0
    assert "巡查日期" in text.output
    assert "Scan of" in text.output


# ---- selectors: who sees what ---------------------------------------------------------------


def test_lists_follow_the_access_rules(desk: DeskWorld) -> None:
    from luodi.platform.accounts.models import User
    from luodi.platform.accounts.roles import Role

    mine = _submit(by=desk.world.talent).inquiry.inquiry_id
    theirs = _submit(by=desk.other_talent).inquiry.inquiry_id
    anonymous = _submit().inquiry.inquiry_id
    inquiry_reroute(
        inquiry_id=anonymous, by=desk.world.talent_office, department_id="D-TAX", reason="税务"
    )

    def ids(user: Any) -> set[str]:
        return {i.inquiry_id for i in inquiry_list_for(user)}

    assert ids(desk.world.talent) == {mine}
    assert ids(desk.other_talent) == {theirs}
    assert ids(desk.world.hr) == {mine, theirs}
    assert ids(desk.tax) == {anonymous}
    assert ids(desk.education) == set()
    assert ids(desk.world.talent_office) == {mine, theirs, anonymous}
    assert ids(desk.world.leadership) == set()
    evaluator = User.objects.create(username="eval", role=Role.EVALUATOR)
    assert ids(evaluator) == set()


def test_triage_queue_lists_waiting_inquiries(desk: DeskWorld) -> None:
    qid = _submit().inquiry.inquiry_id
    assert list(triage_queue()) == []
    inquiry_reroute(inquiry_id=qid, by=desk.world.hr, department_id=None, reason="不属本部门")
    assert [i.inquiry_id for i in triage_queue()] == [qid]


def test_detail_shows_contact_only_to_who_may_see_it(desk: DeskWorld) -> None:
    submitted = _submit(attachments=(AttachmentUpload(name="a.pdf", content=PDF),))
    qid = submitted.inquiry.inquiry_id
    hr = inquiry_detail(inquiry_id=qid, user=desk.world.hr)
    assert hr.contact is not None
    assert hr.contact.phone == "13800001234"
    assert hr.actions == frozenset({"inquiry_accept", "inquiry_reroute"})
    assert [a.file_name for a in hr.attachments] == ["a.pdf"]
    assert [event.action for event in hr.history] == ["submitted", "routed"]
    office = inquiry_detail(inquiry_id=qid, user=desk.world.talent_office)
    assert office.contact is not None
    assert office.actions == frozenset({"inquiry_reroute", "inquiry_urge"})
    # Another department and other citizens do not see it at all.
    for user in (desk.tax, desk.world.talent):
        with pytest.raises(e.DialogueNotFound):
            inquiry_detail(inquiry_id=qid, user=user)
    from django.contrib.auth.models import AnonymousUser

    visitor = AnonymousUser()
    with pytest.raises(e.DialoguePermissionError):
        inquiry_detail(inquiry_id=qid, user=visitor, token="wrong-token")
    own = inquiry_detail(inquiry_id=qid, user=visitor, token=submitted.token)
    assert own.by_token
    assert own.contact is not None
    assert own.actions == frozenset()
    inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    inquiry_answer(inquiry_id=qid, by=desk.world.hr, answer="答复")
    own = inquiry_detail(inquiry_id=qid, user=visitor, token=submitted.token)
    assert own.actions == frozenset({"inquiry_confirm", "inquiry_close", "inquiry_rate"})
    attachment = inquiry_attachment(
        inquiry_id=qid,
        attachment_id=own.attachments[0].attachment_id,
        user=visitor,
        token=submitted.token,
    )
    assert bytes(attachment.content) == PDF
    with pytest.raises(e.DialogueNotFound):
        inquiry_attachment(
            inquiry_id=qid, attachment_id=own.attachments[0].attachment_id, user=desk.tax
        )


# ---- rates -----------------------------------------------------------------------------------


def test_platform_rates_use_the_core_computation(desk: DeskWorld) -> None:
    solved = _submit(named_department_id="D-HR")
    open_one = _submit().inquiry.inquiry_id
    qid = solved.inquiry.inquiry_id
    inquiry_accept(inquiry_id=qid, by=desk.world.hr)
    inquiry_answer(inquiry_id=qid, by=desk.world.hr, answer="答复")
    inquiry_confirm(inquiry_id=qid, by=None, token=solved.token, solved=True, satisfaction=5)
    rates = dialogue_rates_platform(today=dt.date(2019, 3, 5))
    hr = rates.group(department_id="D-HR")
    assert hr.submitted == 2
    assert (hr.resolution_rate.numerator, hr.resolution_rate.denominator) == (1, 1)
    assert (hr.satisfaction_rate.numerator, hr.satisfaction_rate.denominator) == (1, 1)
    assert (hr.knew_department_share.numerator, hr.knew_department_share.denominator) == (1, 2)
    assert hr.first_routing_accuracy.value == 1.0
    assert rates.total.submitted == 2
    assert rates.total.open == 1
    assert open_one
    quarterly = dialogue_rates_platform(period="quarter", today=dt.date(2019, 3, 5))
    assert {g.period for g in quarterly.groups} == {"2019Q1"}


# ---- the demo loader empties the desk's tables too ------------------------------------------


def test_demo_reload_wipes_the_desks_own_tables(db: None) -> None:
    from luodi.contract import Dataset
    from luodi.platform.demo.services import demo_load
    from luodi.platform.dialogue.models import InquiryContact
    from tests.platform.conftest import PASSWORD, small_rows

    dataset = Dataset.from_rows(small_rows())
    demo_load(dataset=dataset, password=PASSWORD)
    inquiry_submit(
        text="请问第二期资助何时兑现？",
        kind="inquiry",
        category="award",
        by=None,
        phone="13800001234",
        clause_id="C2",
    )
    assert InquiryContact.objects.count() == 1
    demo_load(dataset=dataset, password=PASSWORD)
    assert InquiryContact.objects.count() == 0
    assert InquiryEvent.objects.count() == 0
    assert set(Inquiry.objects.values_list("inquiry_id", flat=True)) == {"Q1", "Q2"}


def test_dataset_inquiries_without_contact_are_listed_and_shown(desk: DeskWorld) -> None:
    Inquiry.objects.create(
        inquiry_id="Q-DEMO",
        kind="appeal",
        channel="phone",
        submitted_at=dt.datetime(2019, 3, 1, 9, 0),
        person_id="P1",
        text="人才公寓怎么申请？",
        department_id="D-HR",
        status="routed",
        accept_due_on=dt.date(2019, 3, 4),
        answer_due_on=dt.date(2019, 3, 12),
    )
    mine = _submit(by=desk.world.talent).inquiry.inquiry_id
    assert {i.inquiry_id for i in inquiry_list_for(desk.world.talent)} == {"Q-DEMO", mine}
    detail = inquiry_detail(inquiry_id="Q-DEMO", user=desk.world.hr)
    assert detail.contact is None
    assert detail.history == ()
    assert detail.actions == frozenset({"inquiry_accept", "inquiry_reroute"})
    own = inquiry_detail(inquiry_id="Q-DEMO", user=desk.world.talent)
    assert own.contact is None
    assert own.actions == frozenset()
    result = inquiry_scan(today=dt.date(2019, 3, 5))
    assert result.to_talent_office == 1
    assert Inquiry.objects.get(pk="Q-DEMO").escalation_level == "talent_office"
