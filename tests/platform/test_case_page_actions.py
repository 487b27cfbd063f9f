"""The case page's own forms: the applicant's resubmission, the finance department's phase
check and payment; each calls its service and shows the service's refusals on the form."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.case_access import may_fund_case
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action
from luodi.platform.cases import errors
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event
from luodi.platform.cases.services import case_open, step_decide
from tests.platform.case_support import STAGED, World, world_build


@pytest.fixture
def world(db: None) -> World:
    return world_build()


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(html: str) -> str:
    """The page's visible text on one line, so assertions do not depend on markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _page(client: Client, case: Case) -> str:
    response = client.get(reverse("portal:case", args=[case.case_id]))
    assert response.status_code == 200
    return response.content.decode()


def _post(client: Client, name: str, case: Case, data: dict[str, str]) -> Any:
    return client.post(reverse(f"portal:{name}", args=[case.case_id]), data)


def _opened(world: World) -> Case:
    return case_open(clause_id=STAGED, applicant=world.employer, person_id=None, employer_id=None)


def _approved(world: World) -> Case:
    case = _opened(world)
    for position, officer in ((1, world.hr), (2, world.finance), (3, world.audit)):
        step = CaseStep.objects.get(case=case, position=position)
        step_decide(step_id=step.step_id, by=officer, decision="approve")
    case.refresh_from_db()
    return case


def test_applicant_resubmits_a_returned_step(world: World) -> None:
    case = _opened(world)
    employer = _login(world.employer)
    assert "补正说明" not in _page(employer, case)  # nothing returned: no form
    refused = _post(employer, "case_resubmit", case, {"note": "营业执照副本"})
    assert refused.status_code == 400
    nothing = str(errors.NOTHING_TO_RESUBMIT) % {"case_id": case.case_id}
    assert nothing in refused.content.decode()
    step = CaseStep.objects.get(case=case, position=1)
    step_decide(step_id=step.step_id, by=world.hr, decision="return", reason="缺营业执照副本")
    assert "补正说明" in _page(employer, case)
    response = _post(employer, "case_resubmit", case, {"note": "已补充营业执照副本"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:case", args=[case.case_id])
    step.refresh_from_db()
    assert step.status == "pending"
    event = Event.objects.get(case=case, decision="resubmitted")
    assert (event.activity, event.role, event.reason) == (
        "补正材料重新提交",
        "applicant",
        "已补充营业执照副本",
    )
    page = _page(employer, case)
    assert "补正材料已重新提交" in page
    timeline = _text(page[page.index("办理时间线") :])
    assert "补正材料重新提交" in timeline
    assert "已补充营业执照副本" in timeline
    assert "补正说明" not in page  # the step is pending again


def test_only_the_applicant_may_resubmit(world: World) -> None:
    case = _opened(world)
    step = CaseStep.objects.get(case=case, position=1)
    step_decide(step_id=step.step_id, by=world.hr, decision="return", reason="缺营业执照副本")
    # The officer sees the case but is not its applicant; the other employer cannot see it;
    # the talent works at E1 but the case is the employer's own.
    for user in (world.hr, world.other_employer, world.talent):
        client = _login(user)
        assert _post(client, "case_resubmit", case, {"note": "x"}).status_code == 403
    assert "补正说明" not in _page(_login(world.hr), case)
    step.refresh_from_db()
    assert step.status == "returned"
    assert not Event.objects.filter(case=case, decision="resubmitted").exists()


def test_funding_forms_are_the_finance_officers(world: World) -> None:
    # Before every department approved there is nothing to fund yet: no forms.
    assert "兑现条件核验" not in _page(_login(world.finance), _opened(world))
    case = _approved(world)
    assert may_fund_case(world.finance, Action.PHASE_CHECK, case)
    assert may_fund_case(world.finance, Action.DISBURSE, case)
    # HR and audit are on the route but do not hold the funds.
    for user in (world.hr, world.audit, world.talent_office, world.employer):
        assert not may_fund_case(user, Action.PHASE_CHECK, case)
        assert not may_fund_case(user, Action.DISBURSE, case)
    page = _page(_login(world.finance), case)
    assert "兑现条件核验" in page
    assert 'name="employer.revenue"' in page
    assert "登记拨付" in page
    hr = _login(world.hr)
    assert "兑现条件核验" not in _page(hr, case)
    assert _post(hr, "case_phase_check", case, {"phase": "1"}).status_code == 403
    assert _post(hr, "case_disbursement", case, {"phase": "1"}).status_code == 403
    assert not Event.objects.filter(case=case, decision="phase_checked").exists()


def test_phase_check_shows_each_criterion(world: World) -> None:
    case = _approved(world)
    finance = _login(world.finance)
    missing = _post(finance, "case_phase_check", case, {"phase": "2"})
    assert missing.status_code == 400
    expected = str(errors.FIGURES_MISSING) % {"phase": 2, "names": "employer.revenue"}
    assert expected in missing.content.decode()
    low = _post(finance, "case_phase_check", case, {"phase": "2", "employer.revenue": "800000"})
    assert low.status_code == 200
    text = _text(low.content.decode())
    assert "第2期兑现条件未达到" in text
    # Revenue from the form fails; employees from the registry (20) pass.
    assert "✗ 未达到：营业收入达到100万元（申报 800,000，要求 ≥ 1,000,000）" in text
    assert "✓ 达到：从业人员不少于10人（申报 20，要求 ≥ 10）" in text
    high = _post(finance, "case_phase_check", case, {"phase": "2", "employer.revenue": "1200000"})
    text = _text(high.content.decode())
    assert "第2期兑现条件已达到" in text
    assert "✓ 达到：营业收入达到100万元（申报 1,200,000，要求 ≥ 1,000,000）" in text
    # The earlier failed check stays on the timeline; the outcome above it is all passed.
    outcome = text[text.index("兑现条件核验") : text.index("期次")]
    assert "未达到" not in outcome
    checks = Event.objects.filter(case=case, decision="phase_checked").order_by("timestamp")
    assert [e.lifecycle for e in checks] == ["ate_abort", "complete"]


def test_disbursement_waits_for_a_passed_check_then_shows(world: World) -> None:
    case = _approved(world)
    finance = _login(world.finance)
    pay = {"phase": "2", "amount": "700000", "paid_on": "2026-11-30"}
    refused = _post(finance, "case_disbursement", case, pay)
    assert refused.status_code == 400
    assert str(errors.PHASE_NOT_PASSED) % {"phase": 2} in refused.content.decode()
    assert not Disbursement.objects.filter(case=case).exists()
    _post(finance, "case_phase_check", case, {"phase": "2", "employer.revenue": "1200000"})
    response = _post(finance, "case_disbursement", case, pay)
    assert response.status_code == 302
    paid = Disbursement.objects.get(case=case)
    assert (paid.phase, paid.amount, paid.paid_on.isoformat()) == (2, 700_000.0, "2026-11-30")
    page = _page(finance, case)
    assert "拨付已登记" in page
    funds = _text(page[page.index("资金兑现") :])
    assert re.search(r"2 700000\.00 2026-11-30", funds)
    assert "第2期资金拨付" in _text(page[page.index("办理时间线") :])
    # Paid once: a second payment of the phase is refused with the service's reason.
    again = _post(finance, "case_disbursement", case, pay)
    assert again.status_code == 400
    assert paid.disbursement_id in again.content.decode()
