"""Staged funding: each phase's criteria checked on submitted figures, then its payment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from luodi.platform.cases import errors
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event
from luodi.platform.cases.services import (
    case_open,
    disbursement_record,
    phase_check,
    step_decide,
)
from tests.platform.case_support import STAGED, World, world_build


@pytest.fixture
def world(db: None) -> World:
    return world_build()


def _approved(world: World) -> Case:
    case = case_open(clause_id=STAGED, applicant=world.employer, person_id=None, employer_id=None)
    for position, officer in ((1, world.hr), (2, world.finance), (3, world.audit)):
        step = CaseStep.objects.get(case=case, position=position)
        step_decide(step_id=step.step_id, by=officer, decision="approve")
    case.refresh_from_db()
    return case


def test_phase_check_passes_or_fails_on_the_figures(world: World) -> None:
    case = _approved(world)
    low = phase_check(
        case_id=case.case_id,
        phase=2,
        figures={"employer.revenue": 800_000.0},
        by=world.hr,
    )
    assert low.passed is False
    outcomes = {c.attribute: (c.seen, c.passed) for c in low.criteria}
    # Employees come from the registry (20), revenue from the figures.
    assert outcomes == {"employer.revenue": (800_000.0, False), "employer.employees": (20, True)}
    failed = Event.objects.get(event_id=low.event_id)
    assert (failed.activity, failed.decision, failed.lifecycle) == (
        "第2期兑现条件核验",
        "phase_checked",
        "ate_abort",
    )
    assert failed.reason == "上年度营业收入达到100万元：未达到 营业收入达到100万元（申报 800,000）"
    high = phase_check(
        case_id=case.case_id,
        phase=2,
        figures={"employer.revenue": 1_200_000.0},
        by=world.hr,
    )
    assert high.passed is True
    assert all(c.passed for c in high.criteria)
    assert Event.objects.get(event_id=high.event_id).lifecycle == "complete"
    # A phase without criteria (the agreement is signed) passes on the officer's check.
    first = phase_check(case_id=case.case_id, phase=1, figures={}, by=world.hr)
    assert first.passed is True
    assert first.criteria == ()


def test_phase_check_needs_figures_the_criteria_read(world: World) -> None:
    case = _approved(world)
    # The registry has no revenue for E1: the check cannot tell, so it asks for it.
    with pytest.raises(errors.PhaseCheckError, match=r"employer\.revenue"):
        phase_check(case_id=case.case_id, phase=2, figures={}, by=world.hr)
    with pytest.raises(errors.PhaseCheckError, match="第3期"):
        phase_check(case_id=case.case_id, phase=3, figures={}, by=world.hr)
    with pytest.raises(errors.WorkflowPermissionError):
        phase_check(case_id=case.case_id, phase=1, figures={}, by=world.talent_office)
    assert not Event.objects.filter(case=case, decision="phase_checked").exists()


def test_phase_check_waits_for_the_departments(world: World) -> None:
    case = case_open(clause_id=STAGED, applicant=world.employer, person_id=None, employer_id=None)
    with pytest.raises(errors.CaseStateError, match=case.case_id):
        phase_check(case_id=case.case_id, phase=1, figures={}, by=world.hr)


def test_disbursement_needs_a_passed_check_of_its_phase(world: World) -> None:
    case = _approved(world)
    pay: dict[str, Any] = {"case_id": case.case_id, "paid_on": dt.date(2026, 11, 30)}
    with pytest.raises(errors.DisbursementRefused, match="第2期"):
        disbursement_record(phase=2, amount=700_000.0, by=world.finance, **pay)
    phase_check(case_id=case.case_id, phase=2, figures={"employer.revenue": 900_000.0}, by=world.hr)
    with pytest.raises(errors.DisbursementRefused):
        disbursement_record(phase=2, amount=700_000.0, by=world.finance, **pay)
    phase_check(
        case_id=case.case_id, phase=2, figures={"employer.revenue": 1_500_000.0}, by=world.hr
    )
    with pytest.raises(errors.DisbursementRefused, match=r"700,000\.00"):
        disbursement_record(phase=2, amount=700_000.5, by=world.finance, **pay)
    with pytest.raises(errors.DisbursementRefused):
        disbursement_record(phase=2, amount=0.0, by=world.finance, **pay)
    paid = disbursement_record(phase=2, amount=700_000.0, by=world.finance, **pay)
    assert (paid.phase, paid.amount, paid.paid_on) == (2, 700_000.0, dt.date(2026, 11, 30))
    with pytest.raises(errors.DisbursementRefused, match=paid.disbursement_id):
        disbursement_record(phase=2, amount=1.0, by=world.finance, **pay)
    assert Disbursement.objects.filter(case=case).count() == 1
    event = Event.objects.get(case=case, decision="disbursed")
    assert (event.activity, event.department_id) == ("第2期资金拨付", "D-FIN")
    case.refresh_from_db()
    assert case.closed_at is None  # phase 1 is still unpaid
    phase_check(case_id=case.case_id, phase=1, figures={}, by=world.hr)
    disbursement_record(phase=1, amount=300_000.0, by=world.finance, **pay)
    case.refresh_from_db()
    assert case.status == "approved"
    assert case.closed_at is not None
