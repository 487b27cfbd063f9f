"""The conflict search: the analyser's candidates over the library, sent to the register once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import PAGE_ROLES, Page, Role
from luodi.platform.coordination import errors
from luodi.platform.coordination.candidates import conflict_candidate_list, rule_text
from luodi.platform.coordination.models import Conflict
from luodi.platform.coordination.services import conflict_register_clauses
from luodi.platform.demo.services import DEMO_USERNAMES
from luodi.platform.policies.models import Clause
from tests.platform.text_support import GREEN_CHANNEL, NO_CHOICE_PUPILS, clauses_store

URL = reverse("portal:conflict_search")
PAIR = {"action": "register", "clause_a": GREEN_CHANNEL, "clause_b": NO_CHOICE_PUPILS}


def _user(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


@pytest.fixture
def library(demo: Any) -> None:
    clauses_store()


def test_the_talent_office_and_the_leadership_group_may_search() -> None:
    assert PAGE_ROLES[Page.CONFLICT_SEARCH] == {Role.TALENT_OFFICE, Role.LEADERSHIP}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_access_per_role(client_for: Any, library: None, role: Role) -> None:
    response = client_for(role).get(URL)
    assert response.status_code == (200 if role in PAGE_ROLES[Page.CONFLICT_SEARCH] else 403)


def test_anonymous_is_sent_to_login(library: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_study_conflict_is_a_candidate_with_both_texts(client_for: Any, library: None) -> None:
    rows = conflict_candidate_list()
    pairs = {frozenset({r.clause_a.clause_id, r.clause_b.clause_id}): r for r in rows}
    row = pairs[frozenset({GREEN_CHANNEL, NO_CHOICE_PUPILS})]
    assert row.kind == "modality"
    assert row.score > 0
    assert row.why
    page = client_for(Role.TALENT_OFFICE).get(URL).content.decode()
    assert "优先安排到区内公办中小学就读" in page
    assert "一律不得招收择校生" in page
    assert "C区人才办" in page
    assert "C区审计局" in page
    assert row.why in page or row.why.replace("“", "&ldquo;") in page
    assert 'name="action" value="register"' in page


def test_leadership_sees_the_candidates_but_no_register_button(
    client_for: Any, library: None
) -> None:
    page = client_for(Role.LEADERSHIP).get(URL).content.decode()
    assert "一律不得招收择校生" in page
    assert 'value="register"' not in page


def test_register_creates_exactly_one_conflict_and_refuses_a_duplicate(
    client_for: Any, library: None
) -> None:
    client = client_for(Role.TALENT_OFFICE)
    response = client.post(URL, {**PAIR, "subject": "公办中小学入学"})
    assert response.status_code == 302
    conflict = Conflict.objects.get()
    assert response["Location"] == f"{reverse('portal:conflicts')}#{conflict.conflict_id}"
    assert (conflict.department_a_id, conflict.department_b_id) == ("D-TO", "D-AUD")
    assert conflict.clause_id == GREEN_CHANNEL
    assert conflict.status == "open"
    assert conflict.title == "公办中小学入学：C区人才办与C区审计局"
    assert conflict.rule_a.startswith(f"{GREEN_CHANNEL}《")
    assert "一律不得招收择校生" in conflict.rule_b
    # The page now links the candidate to its register entry instead of offering it again.
    page = client.get(URL).content.decode()
    assert f"#{conflict.conflict_id}" in page
    # The same pair again, in the other order: refused, with the entry's id; still one conflict.
    again = client.post(
        URL, {**PAIR, "clause_a": NO_CHOICE_PUPILS, "clause_b": GREEN_CHANNEL, "subject": ""}
    )
    assert again.status_code == 400
    assert conflict.conflict_id in again.content.decode()
    assert "不再重复登记" in again.content.decode()
    assert Conflict.objects.count() == 1


def test_duplicate_refusal_in_english(library: None) -> None:
    office = _user(Role.TALENT_OFFICE)
    conflict_register_clauses(
        clause_a_id=GREEN_CHANNEL, clause_b_id=NO_CHOICE_PUPILS, subject="", by=office
    )
    with pytest.raises(errors.ConflictDuplicate) as refused:
        conflict_register_clauses(
            clause_a_id=NO_CHOICE_PUPILS, clause_b_id=GREEN_CHANNEL, subject="", by=office
        )
    assert refused.value.message is errors.CONFLICT_DUPLICATE
    with translation.override("en"):
        assert "registered already" in str(refused.value)
        assert "status: open" in str(refused.value)
    assert Conflict.objects.count() == 1


def test_a_resolved_conflict_is_still_a_duplicate(library: None) -> None:
    office = _user(Role.TALENT_OFFICE)
    first = conflict_register_clauses(
        clause_a_id=GREEN_CHANNEL, clause_b_id=NO_CHOICE_PUPILS, subject="", by=office
    )
    Conflict.objects.filter(pk=first.pk).update(status="resolved")
    with pytest.raises(errors.ConflictDuplicate):
        conflict_register_clauses(
            clause_a_id=GREEN_CHANNEL, clause_b_id=NO_CHOICE_PUPILS, subject="", by=office
        )


def test_rule_text_names_clause_and_policy(library: None) -> None:
    clause = Clause.objects.select_related("policy").get(pk=GREEN_CHANNEL)
    assert rule_text(clause) == f"{GREEN_CHANNEL}《{GREEN_CHANNEL}所在文件》第一条：{clause.text}"


@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEADERSHIP, Role.EVALUATOR])
def test_other_roles_may_not_register(client_for: Any, library: None, role: Role) -> None:
    response = client_for(role).post(URL, PAIR)
    assert response.status_code == 403
    assert not Conflict.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEADERSHIP])
def test_the_service_refuses_other_roles(library: None, role: Role) -> None:
    with pytest.raises(errors.CoordinationPermissionError):
        conflict_register_clauses(
            clause_a_id=GREEN_CHANNEL, clause_b_id=NO_CHOICE_PUPILS, subject="", by=_user(role)
        )
    assert not Conflict.objects.exists()


def test_unknown_clause_is_refused(client_for: Any, library: None) -> None:
    response = client_for(Role.TALENT_OFFICE).post(URL, {**PAIR, "clause_b": "CL-NONE"})
    assert response.status_code == 400
    assert "CL-NONE" in response.content.decode()
    assert not Conflict.objects.exists()


def test_a_post_without_the_pair_is_refused(client_for: Any, library: None) -> None:
    response = client_for(Role.TALENT_OFFICE).post(URL, {"action": "register"})
    assert response.status_code == 400
    assert not Conflict.objects.exists()
