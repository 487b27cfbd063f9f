"""The role × page matrix: each role opens its pages, every other role gets 403."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.roles import PAGE_ROLES, ROLE_SPECS, Page, Role


def _url(page: Page) -> str:
    if page is Page.DJANGO_ADMIN:
        return reverse("admin:index")
    if page is Page.EXPORT:
        return reverse(f"portal:{page.value}", args=["clauses"])
    if page is Page.CASE:
        # K1 is the demo talent's and employer's case, with an event at the officer's D-AUD.
        return reverse(f"portal:{page.value}", args=["K1"])
    if page is Page.INQUIRY:
        # Q1 is the demo talent's appeal (for the demo employer), routed to D-HR.
        return reverse(f"portal:{page.value}", args=["Q1"])
    return reverse(f"portal:{page.value}")


def _sees_q1(role: Role) -> bool:
    # Past the page check, one inquiry is for its submitter, the department it is routed to
    # (not the demo officer's D-AUD) and the talent office; the leadership group sees only
    # what was escalated to it. Anyone else gets the same 404 as for an unknown id.
    return role in (Role.TALENT, Role.EMPLOYER, Role.TALENT_OFFICE)


MATRIX = [(role, page) for role in Role for page in Page]


@pytest.mark.parametrize(("role", "page"), MATRIX, ids=[f"{r.value}-{p.value}" for r, p in MATRIX])
def test_role_page_access(client_for: Any, role: Role, page: Page) -> None:
    response = client_for(role).get(_url(page))
    if role not in PAGE_ROLES[page]:
        assert response.status_code == 403
    elif page is Page.HOME:
        assert response.status_code == 302
        assert response["Location"] == reverse(f"portal:{ROLE_SPECS[role].home.value}")
    elif page is Page.INQUIRY and not _sees_q1(role):
        assert response.status_code == 404
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("page", list(Page), ids=[p.value for p in Page])
def test_anonymous_is_sent_to_login(db: None, page: Page) -> None:
    response = Client().get(_url(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_every_role_has_its_home_and_the_dispatcher() -> None:
    for role, spec in ROLE_SPECS.items():
        assert {Page.HOME, spec.home} <= spec.pages, role


def _shown(page: str, text: str) -> bool:
    # An id as the whole text of an element: short ids such as K3 also occur inside the random
    # CSRF token, so a bare substring test would be flaky.
    return re.search(rf">\s*{re.escape(text)}\s*<", page) is not None


def test_homes_show_real_data(client_for: Any) -> None:
    talent = client_for(Role.TALENT).get(reverse("portal:talent")).content.decode()
    assert _shown(talent, "P1")
    assert _shown(talent, "K1")
    assert not _shown(talent, "K3")
    employer = client_for(Role.EMPLOYER).get(reverse("portal:employer")).content.decode()
    assert "甲科技有限公司" in employer
    assert _shown(employer, "K2")
    assert not _shown(employer, "K3")
    officer = client_for(Role.OFFICER).get(reverse("portal:officer")).content.decode()
    # Both audit steps are unfinished: K1 started, K2 suspended.
    assert "C区审计局" in officer
    assert _shown(officer, "K1")
    assert _shown(officer, "K2")
    leadership = client_for(Role.LEADERSHIP).get(reverse("portal:leadership")).content.decode()
    assert "资金使用规定相互冲突" in leadership
    evaluator = client_for(Role.EVALUATOR).get(reverse("portal:evaluator")).content.decode()
    assert "survey_responses" in evaluator


def test_export_leaves_out_personal_columns(client_for: Any) -> None:
    response = client_for(Role.EVALUATOR).get(reverse("portal:export", args=["persons"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = body.splitlines()
    assert "name" not in header.split(",")
    assert "person_id" in header
    assert "张三" not in body
    assert len(rows) == 2


def test_export_of_unknown_table_is_404(client_for: Any) -> None:
    response = client_for(Role.EVALUATOR).get(reverse("portal:export", args=["nope"]))
    assert response.status_code == 404


def test_admin_sees_personal_fields_only_as_superuser(client_for: Any) -> None:
    from django.contrib.auth.models import Permission

    from luodi.platform.accounts.models import User

    client = client_for(Role.ADMIN)
    change = reverse("admin:registry_person_change", args=["P1"])
    assert "张三" in client.get(change).content.decode()
    admin = User.objects.get(username="demo-admin")
    admin.is_superuser = False
    admin.save()
    admin.user_permissions.add(Permission.objects.get(codename="view_person"))
    for url in (change, reverse("admin:registry_person_changelist")):
        response = client.get(url)
        assert response.status_code == 200
        assert "张三" not in response.content.decode()
