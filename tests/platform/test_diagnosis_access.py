"""Who sees the diagnosis: the office, the leadership group and evaluators; never a department
it judges. Drill-downs show no more than the role may read, and figures link only there."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.case_access import may_see_case, visible_cases
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import PAGE_ROLES, Page, Role
from luodi.platform.cases.models import Case, CaseStep
from luodi.platform.diagnosis.filters import evidence_url

DASHBOARD_ROLES = {Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR}
DRILL_DOWNS = [p for p in Page if p.value.startswith("diagnosis")]


def test_the_dashboard_is_for_the_office_the_leadership_and_evaluators() -> None:
    assert PAGE_ROLES[Page.DIAGNOSIS] == DASHBOARD_ROLES
    for page in DRILL_DOWNS:
        assert PAGE_ROLES[page] <= DASHBOARD_ROLES, page
    # Lists follow the tables a role may read: raw survey answers for evaluators only,
    # inquiries not for the leadership group.
    assert PAGE_ROLES[Page.DIAGNOSIS_RESPONSES] == {Role.EVALUATOR}
    assert PAGE_ROLES[Page.DIAGNOSIS_INQUIRIES] == {Role.TALENT_OFFICE, Role.EVALUATOR}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_dashboard_and_lists_per_role(client_for: Any, role: Role) -> None:
    client = client_for(role)
    for page in (Page.DIAGNOSIS, Page.DIAGNOSIS_CASES, Page.DIAGNOSIS_RESPONSES):
        status = client.get(reverse(f"portal:{page.value}")).status_code
        assert status == (200 if role in PAGE_ROLES[page] else 403), page


def test_an_officer_gets_403_even_with_a_valid_filter(client_for: Any) -> None:
    client = client_for(Role.OFFICER)
    assert client.get("/diagnosis/").status_code == 403
    assert client.get("/diagnosis/cases/?department_id=D-AUD").status_code == 403
    assert client.get("/diagnosis/report/?format=html").status_code == 403


def test_anonymous_visitors_are_sent_to_login(db: None) -> None:
    response = Client().get("/diagnosis/cases/?clause_id=C2")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_figures_link_only_to_lists_the_role_may_open(demo: Any) -> None:
    responses = {"kind": "responses", "filters": {"item_code": "awareness"}}
    inquiries = {"kind": "inquiries", "filters": {"department_id": "D-HR"}}
    cases = {"kind": "cases", "filters": {"clause_id": "C2", "status": "open"}}
    users = {role: User.objects.get(role=role, username__startswith="demo-") for role in Role}
    assert evidence_url(responses, users[Role.EVALUATOR]) == (
        "/diagnosis/responses/?item_code=awareness"
    )
    assert evidence_url(responses, users[Role.TALENT_OFFICE]) is None
    assert evidence_url(inquiries, users[Role.LEADERSHIP]) is None
    assert evidence_url(inquiries, users[Role.TALENT_OFFICE]) is not None
    assert evidence_url(cases, users[Role.LEADERSHIP]) == (
        "/diagnosis/cases/?clause_id=C2&status=open"
    )
    assert evidence_url(cases, users[Role.OFFICER]) is None
    assert evidence_url({"kind": "nonsense", "filters": {}}, users[Role.EVALUATOR]) is None


def test_dashboard_links_differ_by_role(client_for: Any) -> None:
    evaluator = client_for(Role.EVALUATOR).get("/diagnosis/").content.decode()
    leadership = client_for(Role.LEADERSHIP).get("/diagnosis/").content.decode()
    # The small dataset's awareness answer is one figure; only evaluators may list answers.
    assert "/diagnosis/responses/?" in evaluator
    assert "/diagnosis/responses/?" not in leadership
    assert "/diagnosis/cases/?" in leadership


def test_visible_cases_is_may_see_case_as_a_query(demo: Any) -> None:
    CaseStep.objects.create(
        step_id="ST1",
        case_id="K1",
        position=1,
        department_id="D-HR",
        route_role="lead",
        status="pending",
    )
    for role in Role:
        user = User.objects.get(role=role, username__startswith="demo-")
        listed = set(visible_cases(user, Case.objects.all()).values_list("case_id", flat=True))
        allowed = {case.case_id for case in Case.objects.all() if may_see_case(user, case)}
        assert listed == allowed, role
    officer = User.objects.get(username="demo-officer")
    assert officer.department_id == "D-AUD"
    # K1 and K2 have events at the audit office; K3 nothing there.
    assert set(visible_cases(officer, Case.objects.all()).values_list("case_id", flat=True)) == {
        "K1",
        "K2",
    }


def test_a_drill_down_lists_only_cases_the_user_may_see(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every dashboard role sees all cases today; should one ever see fewer, the lists follow
    # visible_cases, not their own rule.
    import luodi.platform.diagnosis.lists as lists

    def only_k3(user: Any, cases: Any) -> Any:
        return cases.filter(case_id="K3")

    monkeypatch.setattr(lists, "visible_cases", only_k3)
    client = Client()
    client.force_login(User.objects.get(username="demo-talent-office"))
    page = client.get("/diagnosis/cases/").content.decode()
    assert 'id="hit-count">1<' in page
    assert ">K3</a>" in page
    assert ">K1</a>" not in page
