"""Load a demo dataset into the platform and open one account per role on it."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q

from luodi.contract import Dataset
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import ROLE_SPECS, Role, role_label
from luodi.platform.datasets.services import dataset_replace
from luodi.platform.exceptions import DEMO_NO_RECORD, DEMO_USERS_LINKED, DemoLoadError
from luodi.platform.policies.services import policy_demo_sources_replace
from luodi.platform.registry.models import Department, Employer, Person

__all__ = [
    "DEMO_PASSWORD_ENV",
    "DEMO_USERNAMES",
    "DemoAccount",
    "DemoLoadResult",
    "demo_load",
]

DEMO_PASSWORD_ENV = "LUODI_DEMO_PASSWORD"  # noqa: S105 - a variable name, not a secret
DEMO_USERNAMES: dict[Role, str] = {
    Role.TALENT: "demo-talent",
    Role.EMPLOYER: "demo-employer",
    Role.OFFICER: "demo-officer",
    Role.TALENT_OFFICE: "demo-talent-office",
    Role.LEADERSHIP: "demo-leadership",
    Role.EVALUATOR: "demo-evaluator",
    Role.ADMIN: "demo-admin",
}
ACCOUNTS_FILE = "demo-accounts.txt"
# Veto departments first: the officer account shows the study's "button department" view.
_OFFICER_KINDS = ("audit", "discipline_inspection")


@dataclass(frozen=True, kw_only=True)
class DemoAccount:
    role: Role
    username: str
    password: str
    sees_zh: str
    sees_en: str
    bound_to: str


@dataclass(frozen=True, kw_only=True)
class DemoLoadResult:
    accounts: tuple[DemoAccount, ...]
    row_counts: dict[str, int]
    accounts_file: Path


def _pick_person() -> Person:
    # A talent with cases makes the talent's home page show something.
    person = Person.objects.annotate(n=Count("cases")).order_by("-n", "person_id").first()
    if person is None:
        raise DemoLoadError(DEMO_NO_RECORD.format(what="person", role="talent", table="persons"))
    return person


def _pick_employer() -> Employer:
    employer = (
        Employer.objects.annotate(n_cases=Count("cases", distinct=True))
        .annotate(n_persons=Count("persons", distinct=True))
        .order_by("-n_cases", "-n_persons", "employer_id")
        .first()
    )
    if employer is None:
        raise DemoLoadError(
            DEMO_NO_RECORD.format(what="employer", role="employer", table="employers")
        )
    return employer


def _pick_department(*kinds: str) -> Department | None:
    for kind in kinds:
        department = Department.objects.filter(kind=kind).order_by("department_id").first()
        if department is not None:
            return department
    return None


def _pick_officer_department() -> Department:
    department = _pick_department(*_OFFICER_KINDS) or (
        Department.objects.filter(Q(is_veto=True) | Q(events__isnull=False))
        .order_by("-is_veto", "department_id")
        .first()
    )
    department = department or Department.objects.order_by("department_id").first()
    if department is None:
        raise DemoLoadError(
            DEMO_NO_RECORD.format(what="department", role="officer", table="departments")
        )
    return department


def _password(given: str | None) -> str:
    return given or os.environ.get(DEMO_PASSWORD_ENV) or secrets.token_urlsafe(12)


def _accounts_create(*, password: str | None) -> list[DemoAccount]:
    person = _pick_person()
    employer = _pick_employer()
    officer_department = _pick_officer_department()
    bindings: dict[Role, dict[str, object]] = {
        Role.TALENT: {"person": person},
        Role.EMPLOYER: {"employer": employer},
        Role.OFFICER: {"department": officer_department},
        Role.TALENT_OFFICE: {"department": _pick_department("talent_office")},
        Role.LEADERSHIP: {"department": _pick_department("leadership_group")},
        Role.EVALUATOR: {},
        Role.ADMIN: {},
    }
    accounts: list[DemoAccount] = []
    for role, username in DEMO_USERNAMES.items():
        links = {name: value for name, value in bindings[role].items() if value is not None}
        is_admin = role is Role.ADMIN
        user = User(
            username=username,
            role=role,
            is_staff=is_admin,
            is_superuser=is_admin,
            **links,
        )
        secret = _password(password)
        user.set_password(secret)
        user.full_clean()
        user.save()
        spec = ROLE_SPECS[role]
        accounts.append(
            DemoAccount(
                role=role,
                username=username,
                password=secret,
                sees_zh=spec.sees_zh,
                sees_en=spec.sees_en,
                bound_to=", ".join(f"{name}={_record_id(value)}" for name, value in links.items()),
            )
        )
    return accounts


def _record_id(record: object) -> str:
    pk = getattr(record, "pk", None)
    return str(pk) if pk is not None else str(record)


@transaction.atomic
def _demo_replace(
    *, dataset: Dataset, password: str | None
) -> tuple[list[DemoAccount], dict[str, int]]:
    User.objects.filter(username__in=DEMO_USERNAMES.values()).delete()
    linked = User.objects.filter(
        Q(person__isnull=False) | Q(employer__isnull=False) | Q(department__isnull=False)
    )
    if linked.exists():
        usernames = sorted(linked.values_list("username", flat=True)[:5])
        raise DemoLoadError(
            DEMO_USERS_LINKED.format(count=linked.count(), usernames=", ".join(usernames))
        )
    counts = dataset_replace(dataset=dataset)
    # The policy pages read rules from the stored files, not only the flat contract rows.
    policy_demo_sources_replace()
    return _accounts_create(password=password), counts


def _accounts_file_write(*, accounts: list[DemoAccount], path: Path) -> None:
    lines = ["# role\tusername\tpassword\tsees"]
    lines += [
        f"{role_label(a.role, 'zh-hans')} {a.role.value}\t{a.username}\t{a.password}\t{a.sees_zh}"
        for a in accounts
    ]
    # Create 0600 from the start so the passwords are never readable by others, even briefly.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    path.chmod(0o600)


def demo_load(*, dataset: Dataset, password: str | None = None) -> DemoLoadResult:
    """Replace the contract tables with ``dataset`` and (re)create the demo accounts.

    One transaction wipes and reloads the tables and the demo users; the accounts and their
    passwords (``password``, else $LUODI_DEMO_PASSWORD, else random per account) are returned
    and written to ``$LUODI_DATA_DIR/demo-accounts.txt`` (mode 0600).
    """
    accounts, counts = _demo_replace(dataset=dataset, password=password)
    path = Path(settings.LUODI_DATA_DIR) / ACCOUNTS_FILE
    _accounts_file_write(accounts=accounts, path=path)
    return DemoLoadResult(accounts=tuple(accounts), row_counts=counts, accounts_file=path)
