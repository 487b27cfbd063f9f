"""Coordination above the departments: escalations, the conflicts register, open exceptions.

Dates sit around the 2026 National Day week (1–7 October off, Saturday 10 October a make-up
working day), so the tests show deadlines counted in Chinese working days, not weekdays.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from django.utils import translation

from luodi.cli import main
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, Role, may_act
from luodi.platform.cases.models import CaseStep, Event
from luodi.platform.coordination import errors
from luodi.platform.coordination.models import Conflict, Escalation, ProcedureException
from luodi.platform.coordination.selectors import conflict_list, escalation_queue, exception_list
from luodi.platform.coordination.services import (
    ScanResult,
    conflict_register,
    conflict_resolve,
    escalation_decide,
    escalation_raise,
    escalation_refer,
    escalation_scan,
    exception_record,
)
from luodi.platform.coordination.workdays import working_days_elapsed
from luodi.platform.demo.services import DEMO_USERNAMES
from luodi.platform.registry.models import Department

DUE = dt.date(2026, 9, 30)  # Wednesday before the National Day week
LAST_HOLIDAY = dt.date(2026, 10, 7)
FIRST_WORKING_DAY = dt.date(2026, 10, 8)


def user(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


def step_make(
    *, step_id: str, case_id: str, status: str, position: int = 2, **fields: Any
) -> CaseStep:
    return CaseStep.objects.create(
        step_id=step_id,
        case_id=case_id,
        position=position,
        department_id="D-AUD",
        route_role="veto",
        status=status,
        arrived_at=dt.datetime(2026, 9, 23, 10, 0),
        **fields,
    )


@pytest.fixture
def overdue_step(demo: Any) -> CaseStep:
    """Case K1 waits at the audit bureau, due the day before the National Day week."""
    return step_make(step_id="ST-K1-2", case_id="K1", status="pending", due_on=DUE)


@pytest.fixture
def blocked_step(demo: Any) -> CaseStep:
    """Case K2 is blocked at the audit bureau for lack of a supporting rule."""
    return step_make(
        step_id="ST-K2-2",
        case_id="K2",
        status="blocked",
        due_on=DUE,
        missing_rule="审计局关于人才资金审计的配套办法",
        reason="无配套规定",
    )


def events_of(case_id: str, decision: str | None = None) -> list[Event]:
    events = Event.objects.filter(case_id=case_id).exclude(event_id__in=["EV1", "EV2", "EV3"])
    if decision is not None:
        events = events.filter(decision=decision)
    return list(events.order_by("timestamp", "event_id"))


def message(constant: Any, **params: Any) -> str:
    return str(constant) % params


# ---- raising and the scan ---------------------------------------------------------------------


def test_raise_is_idempotent(blocked_step: CaseStep) -> None:
    first = escalation_raise(step=blocked_step, cause="blocked")
    again = escalation_raise(step=blocked_step, cause="blocked")
    assert again.escalation_id == first.escalation_id
    assert (first.level, first.status, first.cause) == ("talent_office", "open", "blocked")
    assert Escalation.objects.filter(step=blocked_step).count() == 1
    (event,) = events_of("K2")
    assert (event.activity, event.decision, event.role) == ("提请人才办协调", "escalated", "system")
    assert event.department_id == "D-TO"
    assert event.reason is not None
    assert "审计局关于人才资金审计的配套办法" in event.reason


def test_raise_refuses_a_settled_step(demo: Any) -> None:
    step = step_make(step_id="ST-K1-1", case_id="K1", status="approved", position=1)
    with pytest.raises(errors.StepNotEscalatable) as caught:
        escalation_raise(step=step, cause="overdue")
    assert caught.value.message is errors.STEP_NOT_ESCALATABLE
    assert "K1" in str(caught.value)
    assert "已通过" in str(caught.value)
    assert not Escalation.objects.exists()


def test_scan_counts_working_days_across_national_day(overdue_step: CaseStep) -> None:
    # Counting Monday to Friday the step would be five days late on 7 October; on the
    # calendar no working day has ended since it was due.
    assert escalation_scan(today=LAST_HOLIDAY) == ScanResult(
        today=LAST_HOLIDAY, flagged=0, raised=0, referred=0
    )
    assert not Escalation.objects.exists()

    result = escalation_scan(today=FIRST_WORKING_DAY)
    assert result == ScanResult(today=FIRST_WORKING_DAY, flagged=1, raised=1, referred=0)
    escalation = Escalation.objects.get(step=overdue_step)
    assert (escalation.cause, escalation.level, escalation.status) == (
        "overdue",
        "talent_office",
        "open",
    )
    # Both are stamped at the start of the scanned day.
    assert {(e.decision, e.department_id) for e in events_of("K1")} == {
        ("overdue", "D-AUD"),
        ("escalated", "D-TO"),
    }

    # A second run the same day finds the step still overdue but writes nothing new.
    again = escalation_scan(today=FIRST_WORKING_DAY)
    assert again == ScanResult(today=FIRST_WORKING_DAY, flagged=1, raised=0, referred=0)
    assert Escalation.objects.count() == 1
    assert len(events_of("K1")) == 2


def test_scan_refers_after_three_working_days(overdue_step: CaseStep) -> None:
    escalation_scan(today=FIRST_WORKING_DAY)
    # 9, 10 (make-up Saturday) and 12 October: three working days, not more.
    assert escalation_scan(today=dt.date(2026, 10, 12)).referred == 0
    # Monday to Friday would count only three days by the 13th; the calendar counts four.
    assert escalation_scan(today=dt.date(2026, 10, 13)).referred == 1
    escalation = Escalation.objects.get(step=overdue_step)
    assert (escalation.level, escalation.status) == ("leadership", "referred")
    referral = events_of("K1")[-1]
    assert (referral.activity, referral.department_id, referral.role) == (
        "提请领导小组协调",
        "D-LG",
        "system",
    )
    assert escalation_scan(today=dt.date(2026, 10, 14)).referred == 0


def test_weekdays_stand_in_beyond_the_calendar() -> None:
    assert working_days_elapsed(start=DUE, end=FIRST_WORKING_DAY) == 1
    # 2099 is past the known holiday arrangements: Monday to Friday are counted.
    assert working_days_elapsed(start=dt.date(2099, 1, 2), end=dt.date(2099, 1, 16)) == 10
    assert working_days_elapsed(start=dt.date(2099, 1, 16), end=dt.date(2099, 1, 2)) == -10


# ---- referral and decision --------------------------------------------------------------------


def test_refer_by_the_talent_office(blocked_step: CaseStep) -> None:
    escalation = escalation_raise(step=blocked_step, cause="blocked")
    office = user(Role.TALENT_OFFICE)
    referred = escalation_refer(
        escalation_id=escalation.escalation_id, by=office, note="审计局与财政局意见不一"
    )
    assert (referred.level, referred.status, referred.note) == (
        "leadership",
        "referred",
        "审计局与财政局意见不一",
    )
    event = events_of("K2")[-1]
    assert (event.role, event.department_id, event.resource) == (
        "talent_office",
        "D-LG",
        office.username,
    )
    with pytest.raises(errors.EscalationStateError) as caught:
        escalation_refer(escalation_id=escalation.escalation_id, by=office, note="再次提请")
    assert caught.value.message is errors.ESCALATION_NOT_OPEN


def test_leadership_decides_only_referred_escalations(blocked_step: CaseStep) -> None:
    escalation = escalation_raise(step=blocked_step, cause="blocked")
    with pytest.raises(errors.EscalationStateError) as caught:
        escalation_decide(
            escalation_id=escalation.escalation_id,
            by=user(Role.LEADERSHIP),
            resolution="issue_supporting_rule",
            note="出台配套办法",
        )
    assert caught.value.message is errors.ESCALATION_NOT_REFERRED
    assert Escalation.objects.get(pk=escalation.pk).status == "open"


@pytest.mark.parametrize(
    ("resolution", "decision"),
    [
        ("instruct_department", "instructed"),
        ("issue_supporting_rule", "rule_issued"),
        ("amend_clause", "clause_amended"),
    ],
)
def test_decision_reopens_the_blocked_step(
    blocked_step: CaseStep, resolution: Any, decision: str
) -> None:
    escalation = escalation_raise(step=blocked_step, cause="blocked")
    escalation_refer(
        escalation_id=escalation.escalation_id, by=user(Role.TALENT_OFFICE), note="提请"
    )
    leader = user(Role.LEADERSHIP)
    decided = escalation_decide(
        escalation_id=escalation.escalation_id, by=leader, resolution=resolution, note="限期办结"
    )
    assert (decided.status, decided.resolution, decided.decided_by) == (
        "decided",
        resolution,
        leader.username,
    )
    step = CaseStep.objects.get(pk=blocked_step.pk)
    assert step.status == "pending"
    assert step.case.status == "open"
    # One decision, one event carrying it: the step's own, written by step_reopen.
    (carrier,) = events_of("K2", decision)
    assert (carrier.department_id, carrier.role) == ("D-AUD", "leadership")
    (coordinator,) = [e for e in events_of("K2") if e.role == "leadership" and e.pk != carrier.pk]
    assert (coordinator.department_id, coordinator.decision) == ("D-LG", None)
    assert (
        coordinator.activity
        == "领导小组决定："
        + {
            "instruct_department": "责成部门办理",
            "issue_supporting_rule": "出台配套规定",
            "amend_clause": "修订条款",
        }[resolution]
    )
    with pytest.raises(errors.EscalationStateError) as caught:
        escalation_decide(
            escalation_id=escalation.escalation_id, by=leader, resolution=resolution, note="再定"
        )
    assert caught.value.message is errors.ESCALATION_DECIDED
    assert leader.username in str(caught.value)


def test_talent_office_urges_an_overdue_step(overdue_step: CaseStep) -> None:
    escalation_scan(today=FIRST_WORKING_DAY)
    escalation = Escalation.objects.get(step=overdue_step)
    escalation_decide(
        escalation_id=escalation.escalation_id,
        by=user(Role.TALENT_OFFICE),
        resolution="urge_department",
        note="请审计局本周内办结",
    )
    step = CaseStep.objects.get(pk=overdue_step.pk)
    assert step.status == "pending"
    assert step.due_on != DUE
    (carrier,) = events_of("K1", "instructed")
    assert carrier.role == "talent_office"


def test_decision_on_a_settled_step_is_recorded_without_reopening(
    blocked_step: CaseStep,
) -> None:
    escalation = escalation_raise(step=blocked_step, cause="blocked")
    escalation_refer(
        escalation_id=escalation.escalation_id, by=user(Role.TALENT_OFFICE), note="提请"
    )
    CaseStep.objects.filter(pk=blocked_step.pk).update(status="approved")
    escalation_decide(
        escalation_id=escalation.escalation_id,
        by=user(Role.LEADERSHIP),
        resolution="instruct_department",
        note="已办结，存档",
    )
    assert CaseStep.objects.get(pk=blocked_step.pk).status == "approved"
    (carrier,) = events_of("K2", "instructed")
    assert carrier.department_id == "D-LG"


# ---- conflicts and exceptions -----------------------------------------------------------------


def conflict_make() -> Conflict:
    return conflict_register(
        title="创业资助资金审计口径",
        rule_a="C区人才新政第五条：资助资金用于创业",
        department_a_id="D-HR",
        rule_b="审计局规定：财政资金不得用于企业经营",
        department_b_id="D-AUD",
        clause_id="C2",
        by=user(Role.TALENT_OFFICE),
    )


def test_conflict_resolution_reopens_the_blocked_steps(blocked_step: CaseStep) -> None:
    conflict = conflict_make()
    assert (conflict.status, conflict.resolved_on) == ("open", None)
    CaseStep.objects.filter(pk=blocked_step.pk).update(conflict=conflict)
    escalation = escalation_raise(step=blocked_step, cause="conflict")
    (row,) = conflict_list()
    assert row.blocked_case_ids == ("K2",)
    assert row.clause_number == "第五条"

    resolved = conflict_resolve(
        conflict_id=conflict.conflict_id,
        resolution="区政府明确资助资金审计口径",
        by=user(Role.LEADERSHIP),
    )
    assert resolved.status == "resolved"
    assert resolved.resolved_on is not None
    assert resolved.resolution == "区政府明确资助资金审计口径"
    step = CaseStep.objects.get(pk=blocked_step.pk)
    assert step.status == "pending"
    assert step.conflict_id == conflict.conflict_id
    assert Escalation.objects.get(pk=escalation.pk).status == "decided"
    assert len(events_of("K2", "rule_issued")) == 1
    assert conflict_list()[0].blocked_case_ids == ()

    with pytest.raises(errors.ConflictStateError) as caught:
        conflict_resolve(
            conflict_id=conflict.conflict_id, resolution="再", by=user(Role.LEADERSHIP)
        )
    assert caught.value.message is errors.CONFLICT_RESOLVED


def test_conflict_needs_two_departments_and_a_known_clause(demo: Any) -> None:
    office = user(Role.TALENT_OFFICE)

    def register(department_b_id: str, clause_id: str | None = None) -> Conflict:
        return conflict_register(
            title="t",
            rule_a="a",
            department_a_id="D-HR",
            rule_b="b",
            department_b_id=department_b_id,
            clause_id=clause_id,
            by=office,
        )

    with pytest.raises(errors.CoordinationValueError) as same:
        register("D-HR")
    assert str(same.value) == message(errors.CONFLICT_SAME_DEPARTMENT, department_id="D-HR")
    with pytest.raises(errors.RecordNotFound) as clause:
        register("D-AUD", clause_id="C9")
    assert str(clause.value) == message(errors.CLAUSE_NOT_FOUND, clause_id="C9")
    assert not Conflict.objects.exists()


def test_exception_with_and_without_a_case(demo: Any) -> None:
    office = user(Role.TALENT_OFFICE)
    with_case = exception_record(
        case_id="K1",
        department_id="D-HR",
        what="子女入学先行安排",
        why="开学在即，配套细则未出",
        requested_by="区人才办主任",
        approved_by="区委组织部分管副部长",
        by=office,
    )
    without = exception_record(
        case_id=None,
        department_id="D-AUD",
        what="资金先行拨付",
        why="项目到期",
        requested_by="人才办",
        approved_by="领导小组",
        by=office,
    )
    (event,) = events_of("K1")
    assert (event.decision, event.role, event.department_id, event.resource) == (
        "exception",
        "talent_office",
        "D-TO",
        office.username,
    )
    assert with_case.recorded_by == office.username
    assert without.case_id is None
    assert [r.exception_id for r in exception_list()] == [
        with_case.exception_id,
        without.exception_id,
    ]
    assert exception_list()[0].clause_number == "第五条"
    with pytest.raises(errors.CoordinationValueError) as empty:
        exception_record(
            case_id=None,
            department_id="D-HR",
            what="  ",
            why="w",
            requested_by="r",
            approved_by="a",
            by=office,
        )
    assert str(empty.value) == message(errors.VALUE_REQUIRED, field="例外事项")
    assert ProcedureException.objects.count() == 2


# ---- access -----------------------------------------------------------------------------------


Call = Callable[[], object]


def _calls(escalation_id: str) -> dict[str, Callable[[User], object]]:
    return {
        "refer": lambda by: escalation_refer(escalation_id=escalation_id, by=by, note="n"),
        "urge": lambda by: escalation_decide(
            escalation_id=escalation_id, by=by, resolution="urge_department", note="n"
        ),
        "instruct": lambda by: escalation_decide(
            escalation_id=escalation_id, by=by, resolution="instruct_department", note="n"
        ),
        "register": lambda by: conflict_register(
            title="t",
            rule_a="a",
            department_a_id="D-HR",
            rule_b="b",
            department_b_id="D-AUD",
            by=by,
        ),
        "exception": lambda by: exception_record(
            case_id="K2",
            department_id="D-HR",
            what="w",
            why="y",
            requested_by="r",
            approved_by="a",
            by=by,
        ),
    }


@pytest.mark.parametrize(
    ("call", "role"),
    [
        ("refer", Role.OFFICER),
        ("refer", Role.LEADERSHIP),
        ("urge", Role.LEADERSHIP),
        ("instruct", Role.TALENT_OFFICE),
        ("instruct", Role.ADMIN),
        ("register", Role.LEADERSHIP),
        ("exception", Role.LEADERSHIP),
        ("exception", Role.EVALUATOR),
    ],
)
def test_roles_are_refused(blocked_step: CaseStep, call: str, role: Role) -> None:
    escalation = escalation_raise(step=blocked_step, cause="blocked")
    before = Event.objects.count()
    with pytest.raises(errors.CoordinationPermissionError) as caught:
        _calls(escalation.escalation_id)[call](user(role))
    assert caught.value.message is errors.NOT_ALLOWED
    assert DEMO_USERNAMES[role] in str(caught.value)
    assert Event.objects.count() == before
    assert Escalation.objects.get(pk=escalation.pk).status == "open"
    assert not Conflict.objects.exists()
    assert not ProcedureException.objects.exists()


def test_conflict_resolution_is_the_leadership_groups(demo: Any) -> None:
    conflict = conflict_make()
    with pytest.raises(errors.CoordinationPermissionError):
        conflict_resolve(
            conflict_id=conflict.conflict_id, resolution="r", by=user(Role.TALENT_OFFICE)
        )
    assert Conflict.objects.get(pk=conflict.pk).status == "open"
    assert may_act(user(Role.LEADERSHIP), Action.CONFLICT_RESOLVE)


def test_refusal_reads_in_english(demo: Any) -> None:
    with pytest.raises(errors.CoordinationPermissionError) as caught:
        exception_record(
            case_id=None,
            department_id="D-HR",
            what="w",
            why="y",
            requested_by="r",
            approved_by="a",
            by=user(Role.OFFICER),
        )
    with translation.override("en"):
        text = str(caught.value)
    assert "may not record an exception" in text
    assert "talent office" in text


def test_missing_talent_office_is_named(blocked_step: CaseStep) -> None:
    Department.objects.filter(kind="talent_office").update(kind="hr_social_security")
    with pytest.raises(errors.CoordinatorMissing) as caught:
        escalation_raise(step=blocked_step, cause="blocked")
    assert str(caught.value) == message(errors.COORDINATOR_MISSING, kind="talent_office")
    assert not Escalation.objects.exists()


# ---- queues and the command line -------------------------------------------------------------


def test_queues_oldest_first_with_working_day_ages(
    overdue_step: CaseStep, blocked_step: CaseStep
) -> None:
    escalation_raise(step=blocked_step, cause="blocked", at=dt.datetime(2026, 9, 29, 9, 0))
    escalation_scan(today=FIRST_WORKING_DAY)
    rows = escalation_queue(level="talent_office", today=dt.date(2026, 10, 12))
    assert [(r.case_id, r.cause) for r in rows] == [("K2", "blocked"), ("K1", "overdue")]
    # 29 Sep → 12 Oct: 30 Sep, 8, 9, 10 (Saturday, make-up) and 12 Oct.
    assert [r.age_working_days for r in rows] == [5, 3]
    assert rows[0].missing_rule == "审计局关于人才资金审计的配套办法"
    assert rows[0].step_department_name == "C区审计局"
    assert rows[1].due_on == DUE
    assert escalation_queue(level="leadership") == ()


def test_cli_scan_prints_the_counts(overdue_step: CaseStep) -> None:
    result = CliRunner().invoke(main, ["workflow", "scan", "--today", "2026-10-08", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "today": "2026-10-08",
        "flagged": 1,
        "raised": 1,
        "referred": 0,
    }
    text = CliRunner().invoke(main, ["workflow", "scan", "--today", "2026-10-13"])
    assert text.exit_code == 0, text.output
    assert "超期环节 1 个" in text.output
    assert "1 referred to the leadership group" in text.output
