"""Workflow pages: work queue, case page and decision form, escalations, conflicts, exceptions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import PAGE_ROLES, Page, Role
from luodi.platform.cases.errors import REJECT_REASON_REQUIRED, StepAlreadyDecided
from luodi.platform.cases.models import Case, CaseStep, Event
from luodi.platform.cases.services import case_open
from luodi.platform.coordination.errors import (
    CASE_NOT_FOUND,
    CONFLICT_RESOLVED,
    CONFLICT_SAME_DEPARTMENT,
    ESCALATION_NOT_OPEN,
)
from luodi.platform.coordination.models import Conflict, Escalation, ProcedureException
from luodi.platform.demo.services import DEMO_USERNAMES


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _officer(username: str, department_id: str) -> User:
    return User.objects.create(username=username, role=Role.OFFICER, department_id=department_id)


def _open(client_for: Any) -> Case:
    """A case for clause C2: step 1 at D-HR (lead, pending), step 2 at D-AUD (veto, waiting).

    ``client_for`` loads the demo and its accounts, so the talent account exists.
    """
    del client_for
    talent = User.objects.get(username=DEMO_USERNAMES[Role.TALENT])
    return case_open(clause_id="C2", applicant=talent, person_id=None, employer_id=None)


def _step(case: Case, position: int) -> CaseStep:
    return CaseStep.objects.get(case=case, position=position)


def _decide(client: Client, case: Case, step: CaseStep, decision: str, **fields: str) -> Any:
    url = reverse("portal:case", args=[case.case_id])
    return client.post(url, {"step_id": step.step_id, "decision": decision, **fields})


def _page(client: Client, name: str, *args: str) -> str:
    response = client.get(reverse(f"portal:{name}", args=list(args)))
    assert response.status_code == 200, name
    return response.content.decode()


def _text(html: str) -> str:
    """The page's visible text on one line, so assertions do not depend on markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_workflow_pages_in_the_role_matrix() -> None:
    everyone = set(Role)
    assert PAGE_ROLES[Page.WORK_QUEUE] == {Role.OFFICER}
    assert PAGE_ROLES[Page.CASE] == everyone
    assert PAGE_ROLES[Page.ESCALATIONS] == {Role.TALENT_OFFICE, Role.LEADERSHIP}
    assert PAGE_ROLES[Page.CONFLICTS] == {
        Role.OFFICER,
        Role.TALENT_OFFICE,
        Role.LEADERSHIP,
        Role.EVALUATOR,
    }
    assert PAGE_ROLES[Page.EXCEPTIONS] == {Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR}


def test_work_queue_shows_own_department_overdue_first(client_for: Any) -> None:
    old, late = _open(client_for), _open(client_for)
    # ``late`` arrived after ``old`` but is past its due date, so it leads the queue.
    CaseStep.objects.filter(pk=_step(late, 1).pk).update(due_on=dt.date(2026, 1, 5))
    hr = _login(_officer("hr-officer", "D-HR"))
    page = _page(hr, "work_queue")
    assert "C区人社局" in page
    assert page.index(late.case_id) < page.index(old.case_id)
    assert re.search(rf"{late.case_id}.*?超期", page, re.S)
    assert "2026-01-05" in page
    # D-AUD's steps of these cases are still waiting for D-HR: not in its queue yet.
    audit = client_for(Role.OFFICER).get(reverse("portal:work_queue")).content.decode()
    assert "C区审计局" in audit
    assert old.case_id not in audit
    assert late.case_id not in audit


def test_decision_posts_and_the_timeline_shows_the_new_event(client_for: Any) -> None:
    case = _open(client_for)
    hr = _login(_officer("hr-officer", "D-HR"))
    before = _page(hr, "case", case.case_id)
    assert "提交决定" in before
    assert "到达部门" in before  # the first step's arrival is on the timeline
    response = _decide(hr, case, _step(case, 1), "approve")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:case", args=[case.case_id])
    after = _page(hr, "case", case.case_id)
    assert "决定已记录" in after
    assert "提交决定" not in after  # D-HR's step is done; D-AUD decides next
    timeline = after[after.index("办理时间线") :]
    approved = Event.objects.get(case=case, decision="approved")
    assert approved.department_id == "D-HR"
    assert re.search(r"decision-approved.*?C区人社局 · 部门经办人", timeline, re.S)
    # The approval comes before D-AUD's arrival it caused.
    assert timeline.index("decision-approved") < timeline.rindex("decision-received")
    assert _step(case, 2).status == "pending"
    audit = client_for(Role.OFFICER)
    assert "提交决定" in _page(audit, "case", case.case_id)
    assert case.case_id in _page(audit, "work_queue")


def test_second_decision_on_the_same_step_says_who_decided(client_for: Any) -> None:
    case = _open(client_for)
    step = _step(case, 1)
    first = _login(_officer("hr-officer-1", "D-HR"))
    second = _login(_officer("hr-officer-2", "D-HR"))
    assert _decide(first, case, step, "approve").status_code == 302
    response = _decide(second, case, step, "reject", reason="材料不全")
    assert response.status_code == 400
    decided = _step(case, 1)
    assert decided.decided_at is not None
    expected = StepAlreadyDecided(
        step_id=step.step_id, who="hr-officer-1", when=decided.decided_at, status="已通过"
    )
    assert str(expected) in response.content.decode()
    assert Event.objects.filter(case=case, decision__in=["approved", "rejected"]).count() == 1
    assert Case.objects.get(pk=case.pk).status == "open"


def test_service_refusal_is_shown_on_the_form(client_for: Any) -> None:
    case = _open(client_for)
    hr = _login(_officer("hr-officer", "D-HR"))
    response = _decide(hr, case, _step(case, 1), "reject", reason="  ")
    assert response.status_code == 400
    assert str(REJECT_REASON_REQUIRED) in response.content.decode()
    assert _step(case, 1).status == "pending"


def test_officer_of_another_department_cannot_see_or_decide(client_for: Any) -> None:
    case = _open(client_for)
    talent_office_officer = _login(_officer("to-officer", "D-TO"))
    url = reverse("portal:case", args=[case.case_id])
    assert talent_office_officer.get(url).status_code == 403
    assert _decide(talent_office_officer, case, _step(case, 1), "approve").status_code == 403
    # D-AUD has a (waiting) step in the case: it may look, but not decide D-HR's step.
    audit = client_for(Role.OFFICER)
    assert "提交决定" not in _page(audit, "case", case.case_id)
    assert _decide(audit, case, _step(case, 1), "approve").status_code == 403
    assert _step(case, 1).status == "pending"


def test_applicant_sees_own_case_without_a_form_and_not_others(client_for: Any) -> None:
    case = _open(client_for)
    own = _page(client_for(Role.TALENT), "case", case.case_id)
    assert "办理时间线" in own
    assert "提交决定" not in own
    other = User.objects.create(username="other-talent", role=Role.TALENT, person_id="P2")
    assert _login(other).get(reverse("portal:case", args=[case.case_id])).status_code == 403
    assert _decide(client_for(Role.TALENT), case, _step(case, 1), "approve").status_code == 403
    assert client_for(Role.LEADERSHIP).get(reverse("portal:case", args=["NOPE"])).status_code == 404


def test_block_escalates_through_both_queues_and_drives_the_case_on(client_for: Any) -> None:
    case = _open(client_for)
    hr = _login(_officer("hr-officer", "D-HR"))
    _decide(hr, case, _step(case, 1), "approve")
    audit = client_for(Role.OFFICER)
    blocked = _decide(audit, case, _step(case, 2), "block", missing_rule="专项资金审计办法")
    assert blocked.status_code == 302
    assert "专项资金审计办法" in _page(audit, "case", case.case_id)
    escalation = Escalation.objects.get(case=case)

    office = client_for(Role.TALENT_OFFICE)
    queue = _page(office, "escalations")
    assert case.case_id in queue
    assert "提请领导小组" in queue
    assert "记录决定" not in queue
    refer = {"action": "refer", "escalation_id": escalation.escalation_id, "note": "需出台配套规定"}
    assert office.post(reverse("portal:escalations"), refer).status_code == 302
    # Referring twice is refused by the service and shown on the form.
    again = office.post(reverse("portal:escalations"), refer)
    assert again.status_code == 400
    text = _text(again.content.decode())
    assert (
        str(ESCALATION_NOT_OPEN).split("%(status)s")[0]
        % {"escalation_id": escalation.escalation_id}
        in text
    )
    assert case.case_id in text.rsplit("已提请领导小组的事项", 1)[1]

    leadership = client_for(Role.LEADERSHIP)
    queue = _page(leadership, "escalations")
    assert case.case_id in queue
    assert "记录决定" in queue
    decide = {
        "action": "decide",
        "escalation_id": escalation.escalation_id,
        "resolution": "issue_supporting_rule",
        "note": "由区财政局会同审计局出台资金审计办法",
    }
    # The talent office may not take the leadership group's decision.
    assert office.post(reverse("portal:escalations"), decide).status_code == 403
    assert leadership.post(reverse("portal:escalations"), decide).status_code == 302
    assert _step(case, 2).status == "pending"
    timeline = _page(leadership, "case", case.case_id)
    assert "出台配套规定" in timeline
    assert case.case_id not in _page(leadership, "escalations").split("人才办正在协调的事项")[0]


def test_conflicts_register_and_resolve(client_for: Any) -> None:
    office = client_for(Role.TALENT_OFFICE)
    register = {
        "action": "register",
        "title": "择校生规定冲突",
        "rule_a": "人才子女入学开辟绿色通道",
        "department_a_id": "D-TO",
        "rule_b": "公办中小学不收择校生",
        "department_b_id": "D-HR",
        "clause_id": "",
    }
    assert office.post(reverse("portal:conflicts"), register).status_code == 302
    conflict = Conflict.objects.get(title="择校生规定冲突")
    page = _page(office, "conflicts")
    assert "公办中小学不收择校生" in page
    assert "记录解决办法" not in page  # resolving is the leadership group's
    resolve = {"action": "resolve", "conflict_id": conflict.conflict_id, "resolution": "统筹学位"}
    assert office.post(reverse("portal:conflicts"), resolve).status_code == 403
    leadership = client_for(Role.LEADERSHIP)
    assert "登记规定冲突" not in _page(leadership, "conflicts")
    assert leadership.post(reverse("portal:conflicts"), register).status_code == 403
    assert leadership.post(reverse("portal:conflicts"), resolve).status_code == 302
    assert Conflict.objects.get(pk=conflict.pk).status == "resolved"
    again = leadership.post(reverse("portal:conflicts"), resolve)
    assert again.status_code == 400
    resolved = Conflict.objects.get(pk=conflict.pk).resolved_on
    assert resolved is not None
    message = str(CONFLICT_RESOLVED) % {
        "conflict_id": conflict.conflict_id,
        "when": resolved.isoformat(),
    }
    assert message in again.content.decode()
    assert "统筹学位" in _page(client_for(Role.OFFICER), "conflicts")
    same = {**register, "title": "同部门", "department_b_id": "D-TO"}
    refused = office.post(reverse("portal:conflicts"), same)
    assert refused.status_code == 400
    assert str(CONFLICT_SAME_DEPARTMENT) % {"department_id": "D-TO"} in refused.content.decode()


def test_exceptions_recorded_by_the_office_and_seen_by_leadership(client_for: Any) -> None:
    case = _open(client_for)
    office = client_for(Role.TALENT_OFFICE)
    record = {
        "what": "协调学校接收人才子女入学",
        "why": "无配套规定，人才即将到岗",
        "requested_by": "甲科技有限公司",
        "approved_by": "区人才办主任",
        "department_id": "D-TO",
        "case_id": case.case_id,
    }
    assert office.post(reverse("portal:exceptions"), record).status_code == 302
    assert ProcedureException.objects.filter(case=case).count() == 1
    for role in (Role.LEADERSHIP, Role.EVALUATOR):
        page = _page(client_for(role), "exceptions")
        assert "协调学校接收人才子女入学" in page
        assert "登记例外办理" not in page
    assert client_for(Role.LEADERSHIP).post(reverse("portal:exceptions"), record).status_code == 403
    assert "协调学校接收人才子女入学" in _page(office, "case", case.case_id)
    unknown = office.post(reverse("portal:exceptions"), {**record, "case_id": "NOPE"})
    assert unknown.status_code == 400
    assert str(CASE_NOT_FOUND) % {"case_id": "NOPE"} in unknown.content.decode()


def test_navigation_shows_the_pages_of_the_role(client_for: Any) -> None:
    officer = _page(client_for(Role.OFFICER), "officer")
    assert reverse("portal:work_queue") in officer
    assert reverse("portal:escalations") not in officer
    leadership = _page(client_for(Role.LEADERSHIP), "leadership")
    for name in ("escalations", "conflicts", "exceptions"):
        assert reverse(f"portal:{name}") in leadership
    assert reverse("portal:work_queue") not in leadership


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [("zh-hans", "办理时间线", "Timeline"), ("en", "Timeline", "办理时间线")],
)
def test_case_page_chinese_by_default_english_with_the_cookie(
    client_for: Any, language: str, expected: str, absent: str
) -> None:
    case = _open(client_for)
    client = _login(_officer("hr-officer", "D-HR"))
    if language == "en":
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _page(client, "case", case.case_id)
    assert expected in page
    assert absent not in page
    queue = _page(client, "work_queue")
    assert ("Department work queue" if language == "en" else "部门工作台") in queue
    if language == "en":
        assert "Record the decision" in page
        assert "lead department" in page
