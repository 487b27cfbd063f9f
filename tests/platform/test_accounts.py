"""Accounts: Argon2 passwords, role/link rules, login and logout."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from tests.platform.conftest import PASSWORD


def test_login_with_argon2(demo: Any) -> None:
    user = User.objects.get(username="demo-talent")
    assert user.password.startswith("argon2")
    client = Client()
    response = client.post(reverse("login"), {"username": "demo-talent", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 302
    assert client.get(reverse("portal:talent")).status_code == 200


def test_wrong_password_is_refused(demo: Any) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "demo-talent", "password": "nope"})
    assert response.status_code == 200
    assert client.get(reverse("portal:talent")).status_code == 302


def test_logout(demo: Any) -> None:
    client = Client()
    client.post(reverse("login"), {"username": "demo-officer", "password": PASSWORD})
    client.post(reverse("logout"))
    assert client.get(reverse("portal:officer")).status_code == 302


def test_login_page_is_chinese_first(db: None) -> None:
    page = Client().get(reverse("login")).content.decode()
    assert "登录" in page
    assert 'lang="zh-hans"' in page


@pytest.mark.parametrize(
    ("role", "links", "error_field"),
    [
        (Role.OFFICER, {}, "department"),
        (Role.TALENT, {}, "person"),
        (Role.EMPLOYER, {}, "employer"),
        (Role.EVALUATOR, {"person_id": "P1"}, "person"),
        (Role.TALENT, {"person_id": "P1", "employer_id": "E1"}, "employer"),
    ],
)
def test_role_and_links_must_agree(
    demo: Any, role: Role, links: dict[str, str], error_field: str
) -> None:
    user = User(username="someone", role=role, **links)
    user.set_password(PASSWORD)
    with pytest.raises(ValidationError) as excinfo:
        user.full_clean()
    assert error_field in excinfo.value.message_dict


def test_valid_links_pass(demo: Any) -> None:
    User(username="t", role=Role.TALENT, person_id="P1", password="x").full_clean()
    User(username="o", role=Role.OFFICER, department_id="D-AUD", password="x").full_clean()
    User(username="l", role=Role.LEADERSHIP, department_id="D-LG", password="x").full_clean()


def test_database_requires_a_department_for_officers(db: None) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="officer-without-department", role=Role.OFFICER)


def test_superuser_is_an_admin(db: None) -> None:
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    assert user.role == Role.ADMIN
