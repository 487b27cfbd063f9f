"""The case workflow: open, decide, return and resubmit, block and reopen, fund by phases."""

from __future__ import annotations

import datetime as dt
import logging
import re

import polib
import pytest
from django.utils import translation
from django.utils.functional import Promise

from luodi.calendar import add_working_days
from luodi.platform.cases import errors, services
from luodi.platform.cases.deadlines import DEFAULT_STEP_DAYS, step_due_on
from luodi.platform.cases.models import Case, CaseStep, Event
from luodi.platform.cases.services import (
    case_open,
    case_resubmit,
    step_decide,
    step_reopen,
)
from luodi.platform.i18n import PLATFORM_DIR
from tests.platform.case_support import AUTOMATIC, STAGED, World, world_build

PO_FILE = PLATFORM_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def world(db: None) -> World:
    return world_build()


def _open(world: World) -> Case:
    return case_open(clause_id=STAGED, applicant=world.employer, person_id=None, employer_id="E1")


def _step(case: Case, position: int) -> CaseStep:
    return CaseStep.objects.get(case=case, position=position)


def _decisions(case: Case) -> list[tuple[str, str | None]]:
    return [
        (event.activity, event.decision)
        for event in Event.objects.filter(case=case).order_by("timestamp", "event_id")
    ]


def _approved(world: World) -> Case:
    case = _open(world)
    for position, officer in ((1, world.hr), (2, world.finance), (3, world.audit)):
        step_decide(step_id=_step(case, position).step_id, by=officer, decision="approve")
    case.refresh_from_db()
    return case


# ---- opening ---------------------------------------------------------------------------------


def test_open_creates_one_step_per_route_department(world: World) -> None:
    case = _open(world)
    steps = list(CaseStep.objects.filter(case=case).order_by("position"))
    assert [(s.department_id, s.route_role, s.status) for s in steps] == [
        ("D-HR", "lead", "pending"),
        ("D-FIN", "co", "waiting"),
        ("D-AUD", "veto", "waiting"),
    ]
    first = steps[0]
    assert first.arrived_at is not None
    # The clause's own deadline (10 working days), counted on the holiday calendar.
    assert first.due_on == add_working_days(start=first.arrived_at, days=10)
    assert steps[1].arrived_at is None
    assert steps[1].due_on is None
    events = list(Event.objects.filter(case=case).order_by("timestamp", "event_id"))
    assert [(e.activity, e.decision, e.role, e.lifecycle) for e in events] == [
        ("提交申请", "submitted", "applicant", "complete"),
        ("人社局受理审核", "received", "system", "schedule"),
    ]
    assert events[0].resource == "employer-e1"
    assert case.status == "open"
    assert case.employer_id == "E1"


def test_automatic_case_only_for_a_clause_without_application(world: World) -> None:
    with pytest.raises(errors.OpenRefused) as refused:
        case_open(clause_id=STAGED, applicant=None, person_id=None, employer_id="E1")
    assert STAGED in str(refused.value)
    case = case_open(clause_id=AUTOMATIC, applicant=None, person_id="P1", employer_id=None)
    submitted = Event.objects.get(case=case, decision="submitted")
    assert submitted.role == "system"
    assert submitted.resource is None
    # No deadline on the clause: the default number of working days per step.
    step = _step(case, 1)
    assert step.arrived_at is not None
    assert step.due_on == add_working_days(start=step.arrived_at, days=DEFAULT_STEP_DAYS)


def test_an_applicant_applies_only_for_itself(world: World) -> None:
    # The import in world_build may already have opened 免申即享 cases (outreach).
    before = Case.objects.count()
    with pytest.raises(errors.WorkflowPermissionError):
        case_open(clause_id=STAGED, applicant=world.employer, person_id=None, employer_id="E2")
    with pytest.raises(errors.WorkflowPermissionError):
        case_open(clause_id=STAGED, applicant=world.hr, person_id=None, employer_id="E1")
    # P1 works for E1, not E2, and E2 cannot apply for someone else's staff.
    with pytest.raises(errors.WorkflowPermissionError, match="E2"):
        case_open(clause_id=AUTOMATIC, applicant=world.talent, person_id=None, employer_id="E2")
    with pytest.raises(errors.WorkflowPermissionError, match="P1"):
        case_open(
            clause_id=STAGED, applicant=world.other_employer, person_id="P1", employer_id=None
        )
    assert Case.objects.count() == before


def test_open_checks_the_declared_figures(world: World) -> None:
    with pytest.raises(errors.FiguresInvalid, match=r"employer\.turnover"):
        case_open(
            clause_id=STAGED,
            applicant=world.employer,
            person_id=None,
            employer_id=None,
            figures={"employer.turnover": 1.0},
        )
    case = case_open(
        clause_id=STAGED,
        applicant=world.employer,
        person_id=None,
        employer_id=None,
        figures={"employer.revenue": 1_200_000.0},
    )
    assert case.employer_id == "E1"
    submitted = Event.objects.get(case=case, decision="submitted")
    assert submitted.reason == "employer.revenue = 1,200,000"


# ---- deciding --------------------------------------------------------------------------------


def test_approving_every_step_approves_the_case(world: World) -> None:
    case = _approved(world)
    assert case.status == "approved"
    # A staged clause stays open for its payments.
    assert case.closed_at is None
    assert [s.status for s in CaseStep.objects.filter(case=case).order_by("position")] == [
        "approved",
        "approved",
        "approved",
    ]
    assert _decisions(case) == [
        ("提交申请", "submitted"),
        ("人社局受理审核", "received"),
        ("人社局受理审核", "approved"),
        ("财政局会签", "received"),
        ("财政局会签", "approved"),
        ("审计局把关审核", "received"),
        ("审计局把关审核", "approved"),
    ]
    decided = _step(case, 3)
    assert decided.decided_by == "aud-officer"
    assert decided.decided_at is not None


def test_approving_a_clause_without_phases_closes_the_case(world: World) -> None:
    case = case_open(clause_id=AUTOMATIC, applicant=None, person_id="P1", employer_id=None)
    step_decide(step_id=_step(case, 1).step_id, by=world.hr, decision="approve")
    case.refresh_from_db()
    assert case.status == "approved"
    assert case.closed_at is not None


def test_reject_needs_a_reason(world: World) -> None:
    case = _open(world)
    step_id = _step(case, 1).step_id
    with pytest.raises(errors.DecisionInvalid) as refused:
        step_decide(step_id=step_id, by=world.hr, decision="reject", reason="  ")
    assert str(refused.value) == str(errors.REJECT_REASON_REQUIRED)
    assert _step(case, 1).status == "pending"
    step_decide(step_id=step_id, by=world.hr, decision="reject", reason="成立已超过三年")
    case.refresh_from_db()
    assert case.status == "rejected"
    assert case.closed_at is not None
    assert [s.status for s in CaseStep.objects.filter(case=case).order_by("position")] == [
        "rejected",
        "cancelled",
        "cancelled",
    ]
    event = Event.objects.get(case=case, decision="rejected")
    assert (event.reason, event.lifecycle, event.resource) == (
        "成立已超过三年",
        "ate_abort",
        "hr-officer",
    )


def test_return_and_resubmit(world: World) -> None:
    case = _open(world)
    step = _step(case, 1)
    with pytest.raises(errors.DecisionInvalid, match=re.escape(str(errors.RETURN_REASON_REQUIRED))):
        step_decide(step_id=step.step_id, by=world.hr, decision="return")
    step_decide(step_id=step.step_id, by=world.hr, decision="return", reason="补交营业执照")
    step.refresh_from_db()
    case.refresh_from_db()
    assert step.status == "returned"
    assert case.status == "open"
    assert step.reason == "补交营业执照"
    with pytest.raises(errors.WorkflowPermissionError):
        case_resubmit(case_id=case.case_id, by=world.other_employer)
    resubmitted = case_resubmit(case_id=case.case_id, by=world.employer, note="已补交")
    assert resubmitted.step_id == step.step_id
    step.refresh_from_db()
    assert step.status == "pending"
    assert step.reason is None
    assert step.decided_by is None
    assert step.arrived_at is not None
    assert step.due_on == add_working_days(start=step.arrived_at, days=10)
    assert _decisions(case)[-3:] == [
        ("人社局受理审核", "returned"),
        ("补正材料重新提交", "resubmitted"),
        ("人社局受理审核", "received"),
    ]
    with pytest.raises(errors.CaseStateError, match=case.case_id):
        case_resubmit(case_id=case.case_id, by=world.employer)


def test_block_needs_the_missing_rule_and_raises_an_escalation(world: World) -> None:
    from luodi.platform.coordination.models import Escalation

    case = _open(world)
    step_decide(step_id=_step(case, 1).step_id, by=world.hr, decision="approve")
    step_decide(step_id=_step(case, 2).step_id, by=world.finance, decision="approve")
    step = _step(case, 3)
    with pytest.raises(errors.DecisionInvalid, match=re.escape(str(errors.BLOCK_RULE_REQUIRED))):
        step_decide(step_id=step.step_id, by=world.audit, decision="block", reason="无依据")
    assert not Escalation.objects.exists()
    step_decide(
        step_id=step.step_id,
        by=world.audit,
        decision="block",
        missing_rule="创业扶持资金审计办法",
    )
    step.refresh_from_db()
    case.refresh_from_db()
    assert (step.status, case.status) == ("blocked", "blocked")
    assert step.missing_rule == "创业扶持资金审计办法"
    event = Event.objects.get(case=case, decision="blocked_no_rule")
    assert event.reason is not None
    assert "创业扶持资金审计办法" in event.reason
    escalation = Escalation.objects.get(step=step)
    assert (escalation.cause, escalation.status, escalation.level) == (
        "blocked",
        "open",
        "talent_office",
    )


def test_block_citing_a_conflict_escalates_as_a_conflict(world: World) -> None:
    from luodi.platform.coordination.models import Conflict, Escalation

    conflict = Conflict.objects.create(
        conflict_id="CF1",
        title="在职创业与干部兼职规定冲突",
        rule_a="在职创业",
        department_a_id="D-HR",
        rule_b="不得在企业兼职",
        department_b_id="D-AUD",
        status="open",
        raised_on=dt.date(2026, 11, 2),
    )
    case = _open(world)
    step = _step(case, 1)
    with pytest.raises(errors.CaseNotFound, match="CF404"):
        step_decide(
            step_id=step.step_id,
            by=world.hr,
            decision="block",
            missing_rule="兼职取酬办法",
            conflict_id="CF404",
        )
    step_decide(
        step_id=step.step_id,
        by=world.hr,
        decision="block",
        missing_rule="兼职取酬办法",
        conflict_id=conflict.conflict_id,
    )
    step.refresh_from_db()
    assert step.conflict_id == "CF1"
    assert Escalation.objects.get(step=step).cause == "conflict"


def test_reopen_drives_a_blocked_step_on(world: World) -> None:
    case = _open(world)
    step = _step(case, 1)
    step_decide(step_id=step.step_id, by=world.hr, decision="block", missing_rule="配套办法")
    with pytest.raises(errors.WorkflowPermissionError):
        step_reopen(step_id=step.step_id, by=world.hr, decision="instructed", note="请办理")
    with pytest.raises(errors.DecisionInvalid, match=re.escape(str(errors.REOPEN_NOTE_REQUIRED))):
        step_reopen(step_id=step.step_id, by=world.leadership, decision="rule_issued", note="")
    step_reopen(
        step_id=step.step_id,
        by=world.leadership,
        decision="rule_issued",
        note="区财政局印发创业扶持资金管理办法",
    )
    step.refresh_from_db()
    case.refresh_from_db()
    assert (step.status, case.status) == ("pending", "open")
    assert step.missing_rule is None
    assert step.decided_at is None
    assert step.arrived_at is not None
    assert step.due_on == add_working_days(start=step.arrived_at, days=10)
    event = Event.objects.get(case=case, decision="rule_issued")
    assert (event.role, event.lifecycle, event.activity) == (
        "leadership",
        "resume",
        "人社局受理审核",
    )
    # The reopened step is decided as usual.
    step_decide(step_id=step.step_id, by=world.hr, decision="approve")
    with pytest.raises(errors.CaseStateError):
        step_reopen(step_id=step.step_id, by=world.talent_office, decision="instructed", note="x")


def test_only_an_officer_of_the_steps_department_decides(world: World) -> None:
    case = _open(world)
    step_id = _step(case, 1).step_id
    for user in (world.audit, world.talent_office, world.leadership, world.employer):
        with pytest.raises(errors.StepPermissionError, match="C区人社局"):
            step_decide(step_id=step_id, by=user, decision="approve")
    assert _step(case, 1).status == "pending"
    assert Event.objects.filter(case=case, decision="approved").count() == 0
    # A step not yet reached cannot be decided, even by its department.
    with pytest.raises(errors.StepNotPending):
        step_decide(step_id=_step(case, 2).step_id, by=world.finance, decision="approve")
    with pytest.raises(errors.StepNotFound):
        step_decide(step_id="STEP-none", by=world.hr, decision="approve")


def test_a_decided_step_says_who_decided_and_when(world: World) -> None:
    case = _open(world)
    step_id = _step(case, 1).step_id
    step_decide(step_id=step_id, by=world.hr, decision="approve")
    decided_at = _step(case, 1).decided_at
    assert decided_at is not None
    when = decided_at.strftime("%Y-%m-%d %H:%M")
    with translation.override("zh-hans"), pytest.raises(errors.StepAlreadyDecided) as zh:
        step_decide(step_id=step_id, by=world.hr, decision="reject", reason="重复")
    assert f"该环节已由hr-officer于{when}作出决定" in str(zh.value)
    assert (zh.value.who, zh.value.when) == ("hr-officer", decided_at)
    with translation.override("en"), pytest.raises(errors.StepAlreadyDecided) as en:
        step_decide(step_id=step_id, by=world.hr, decision="reject", reason="again")
    assert f"already decided by hr-officer at {when}" in str(en.value)
    assert Event.objects.filter(case=case, decision__in=["approved", "rejected"]).count() == 1


# ---- faults: a decision and its event are written together or not at all --------------------


def test_a_failing_event_write_leaves_the_step_pending(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _open(world)
    step_id = _step(case, 1).step_id
    before = Event.objects.filter(case=case).count()

    def crash(**_: object) -> Event:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "event_append", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        step_decide(step_id=step_id, by=world.hr, decision="approve")
    step = _step(case, 1)
    assert (step.status, step.decided_at, step.decided_by) == ("pending", None, None)
    assert Event.objects.filter(case=case).count() == before


def test_a_failure_after_the_event_takes_the_event_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _open(world)
    before = Event.objects.filter(case=case).count()

    def crash(**_: object) -> dt.date:
        raise RuntimeError("crash while routing to the next department")

    # The decision and its event are written, then the next step's arrival fails.
    monkeypatch.setattr(services, "step_due_on", crash)
    with pytest.raises(RuntimeError):
        step_decide(step_id=_step(case, 1).step_id, by=world.hr, decision="approve")
    assert Event.objects.filter(case=case).count() == before
    assert [s.status for s in CaseStep.objects.filter(case=case).order_by("position")] == [
        "pending",
        "waiting",
        "waiting",
    ]


def test_a_failing_escalation_takes_the_block_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from luodi.platform.coordination import services as coordination

    case = _open(world)
    before = Event.objects.filter(case=case).count()

    def crash(**_: object) -> None:
        raise RuntimeError("escalation failed")

    monkeypatch.setattr(coordination, "escalation_raise", crash)
    with pytest.raises(RuntimeError):
        step_decide(
            step_id=_step(case, 1).step_id, by=world.hr, decision="block", missing_rule="办法"
        )
    case.refresh_from_db()
    assert (case.status, _step(case, 1).status) == ("open", "pending")
    assert Event.objects.filter(case=case).count() == before


# ---- deadlines and messages ------------------------------------------------------------------


def test_due_dates_follow_the_holiday_calendar() -> None:
    # Arrived the Friday before National Day 2025: both make-up Saturdays count.
    arrived = dt.datetime(2025, 9, 26, 15, 0)
    assert step_due_on(arrived=arrived, days=7) == dt.date(2025, 10, 13)


def test_due_dates_past_the_calendar_count_weekdays_and_warn(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from luodi.calendar import workdays

    # As if the installed calendar ended with 2026, whatever version is installed.
    monkeypatch.setattr(workdays, "_coverage", lambda: (dt.date(2004, 1, 1), dt.date(2026, 12, 31)))
    # Three working days of the covered year remain after Monday 28 December 2026; the other
    # two are counted Monday to Friday in the year the calendar does not know: Fri 1 January
    # (a holiday in every year so far, which is why the estimate is logged) and Mon 4 January.
    with caplog.at_level(logging.WARNING, logger="luodi.calendar.estimate"):
        due = step_due_on(arrived=dt.datetime(2026, 12, 28, 10, 0), days=5)
    assert due == dt.date(2027, 1, 4)
    assert "Monday to Friday" in caplog.text
    assert step_due_on(arrived=dt.datetime(2027, 3, 1, 9, 0), days=5) == dt.date(2027, 3, 8)


def test_every_workflow_message_has_an_english_translation() -> None:
    catalogue = {entry.msgid: entry.msgstr for entry in polib.pofile(str(PO_FILE))}
    messages = {name: value for name, value in vars(errors).items() if isinstance(value, Promise)}
    assert len(messages) > 30
    missing = sorted(name for name, msgid in messages.items() if not catalogue.get(str(msgid)))
    assert not missing, f"add English for these to {PO_FILE}: {missing}"
    for name, msgid in messages.items():
        zh, en = str(msgid), catalogue[str(msgid)]
        # Both sides take the same parameters, or formatting fails in one language.
        assert sorted(_params(zh)) == sorted(_params(en)), name


def _params(text: str) -> list[str]:
    return re.findall(r"%\((\w+)\)s", text)
