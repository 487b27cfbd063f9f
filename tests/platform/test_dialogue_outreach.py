"""Outreach: who a changed clause newly covers, their notices, automatic cases, the inbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from django.urls import reverse

from luodi.contract import Dataset
from luodi.engines import get_engine
from luodi.platform.accounts.roles import Role
from luodi.platform.cases.models import Case
from luodi.platform.dialogue import outreach
from luodi.platform.dialogue.models import Notice
from luodi.platform.dialogue.outreach import newly_covered, notice_read, notices_push
from luodi.platform.policies.models import PolicySource
from luodi.platform.policies.services import policy_import
from luodi.policy.explain import explain
from luodi.policy.library import Library
from luodi.policy.model import PolicyDocument
from luodi.policy.profile import Profile
from tests.platform.policy_support import needs_loader, policy_files

ON = dt.date(2019, 6, 1)


def _document(tiers: list[str], *, delivery: str = "application") -> PolicyDocument:
    return PolicyDocument.model_validate(
        {
            "id": "POLX",
            "title": "C区人才安居办法",
            "issuer": "D-TO",
            "level": "district",
            "region": "R2",
            "issued_on": "2018-01-01",
            "effective_from": "2018-01-01",
            "clauses": [
                {
                    "id": "CX",
                    "number": "第二条",
                    "text": "给予租房补贴。",
                    "benefit": {"kind": "housing", "amount": 2000},
                    "eligibility": {
                        "all": [
                            {"attribute": "person.talent_tier", "op": "in", "value": tiers},
                            {"attribute": "person.age", "op": "le", "value": 45},
                        ]
                    },
                    "delivery": delivery,
                },
                {
                    "id": "CY",
                    "number": "第三条",
                    "text": "初创企业房租补贴。",
                    "subject": "employer",
                    "benefit": {"kind": "subsidy", "amount": 50000},
                    "eligibility": {"attribute": "employer.stage", "op": "eq", "value": "startup"},
                },
            ],
        }
    )


def _person(pid: str, tier: str | None, birth_year: int | None) -> dict[str, Any]:
    return {"person_id": pid, "name": "某", "talent_tier": tier, "birth_year": birth_year}


def _population() -> Dataset:
    return Dataset.from_rows(
        {
            "regions": [{"region_id": "R2", "name": "C区", "level": "district"}],
            "employers": [
                {"employer_id": "E1", "name": "甲", "stage": "startup", "region_id": "R2"},
                {"employer_id": "E2", "name": "乙", "stage": "mature", "region_id": "R2"},
            ],
            "persons": [
                _person("P1", "A", 1980),  # covered before and after
                _person("P2", "C", 1985),  # newly covered
                _person("P3", "C", 1960),  # too old either way
                _person("P4", None, 1985),  # tier unknown: not notified
                _person("P5", "general", 1990),  # not covered after
                _person("P6", "C", None),  # age unknown: not notified
            ],
        }
    )


@pytest.mark.parametrize("engine", ["duckdb", "polars"])
def test_newly_covered_is_after_minus_before_over_the_population(engine: str) -> None:
    before = Library(documents=(_document(["A", "B"]),))
    after = Library(documents=(_document(["A", "B", "C"]),))
    dataset = _population()
    found = newly_covered(
        library=after,
        previous=before,
        clause_ids=["CX", "CY"],
        dataset=dataset,
        engine=get_engine(engine),
        on=ON,
    )
    assert found == {"CX": ("P2",), "CY": ()}
    # The population query agrees with explaining each person one by one.
    expected = []
    for row in dataset["persons"].to_pylist():
        profile = Profile(person={k: v for k, v in row.items() if k != "name"})
        now = explain(library=after, profile=profile, on=ON).clause("CX").eligible
        then = explain(library=before, profile=profile, on=ON).clause("CX").eligible
        if now is True and then is not True:
            expected.append(row["person_id"])
    assert list(found["CX"]) == expected


def test_without_a_previous_library_everyone_eligible_is_new() -> None:
    after = Library(documents=(_document(["A", "C"]),))
    found = newly_covered(
        library=after,
        previous=None,
        clause_ids=["CX", "CY"],
        dataset=_population(),
        engine=get_engine("duckdb"),
        on=ON,
    )
    assert found == {"CX": ("P1", "P2"), "CY": ("E1",)}


def _widened_pol2() -> tuple[str, str]:
    name, text = policy_files("pol2.yaml")[0]
    data = yaml.safe_load(text)
    clause = data["clauses"][0]
    clause["eligibility"] = {
        "attribute": "person.talent_tier",
        "op": "in",
        "value": ["A", "B", "general"],
    }
    clause["benefit"] = {"kind": "funding", "amount": 100000}
    return name, yaml.safe_dump(data, allow_unicode=True)


def _automatic_policy() -> tuple[str, str]:
    data = {
        "id": "POL3",
        "title": "C区博士人才生活补贴",
        "issuer": "D-TO",
        "level": "district",
        "region": "R2",
        "issued_on": "2018-01-01",
        "effective_from": "2018-01-01",
        "clauses": [
            {
                "id": "C3",
                "number": "第一条",
                "text": "博士人才每月发放生活补贴，免申即享。",
                "benefit": {"kind": "subsidy", "amount": 3000},
                "eligibility": {"attribute": "person.degree", "op": "eq", "value": "doctorate"},
                "route": [{"department": "D-HR", "role": "lead"}],
                "delivery": "no_application",
            }
        ],
    }
    return "pol3.yaml", yaml.safe_dump(data, allow_unicode=True)


def _pairs() -> set[tuple[str | None, str]]:
    return set(Notice.objects.values_list("person_id", "clause_id"))


@needs_loader
def test_import_notifies_the_newly_covered_once(demo: Any) -> None:
    first = policy_import(files=policy_files(), user=None)
    # Nothing was stored before: everyone eligible is newly covered. P1 (tier A, at E1 with
    # 20 employees) gets both clauses, P2 (general, no employer) only the general one.
    assert _pairs() == {("P1", "C1"), ("P1", "C2"), ("P2", "C1")}
    assert first.notices == 3
    notice = Notice.objects.get(person_id="P1", clause_id="C2")
    assert notice.kind == "entitled"
    assert notice.explanation["eligible"] is True
    assert [c["attribute"] for c in notice.explanation["criteria"]] == [
        "person.talent_tier",
        "employer.employees",
    ]
    assert notice.explanation["criteria"][1]["seen"] == 20
    # The same files again change no rule: nothing new.
    again = policy_import(files=policy_files(), user=None)
    assert again.notices == 0
    assert Notice.objects.count() == 3
    # Widening C2 to general talents without the employer condition newly covers P2 only.
    widened = policy_import(files=[_widened_pol2()], user=None)
    assert widened.notices == 1
    assert _pairs() == {("P1", "C1"), ("P1", "C2"), ("P2", "C1"), ("P2", "C2")}
    assert Notice.objects.filter(person_id="P1", clause_id="C2").count() == 1


@needs_loader
def test_no_application_clause_opens_the_case_and_says_so(demo: Any) -> None:
    policy_import(files=policy_files(), user=None)
    before = Case.objects.count()
    result = policy_import(files=[_automatic_policy()], user=None)
    assert result.cases_opened == 1
    notice = Notice.objects.get(clause_id="C3")
    assert (notice.person_id, notice.kind) == ("P1", "case_opened")
    assert notice.case is not None
    assert (notice.case.person_id, notice.case.clause_id) == ("P1", "C3")
    assert notice.case.status == "open"
    assert Case.objects.count() == before + 1
    policy_import(files=[_automatic_policy()], user=None)
    assert Case.objects.count() == before + 1
    assert Notice.objects.filter(clause_id="C3").count() == 1


@needs_loader
def test_a_failing_push_keeps_neither_the_import_nor_any_notice(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pushed = outreach._push_clause
    calls = []

    def crash_on_second(**kwargs: Any) -> Any:
        calls.append(kwargs["resolved"].id)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return pushed(**kwargs)

    monkeypatch.setattr(outreach, "_push_clause", crash_on_second)
    with pytest.raises(RuntimeError):
        policy_import(files=policy_files(), user=None)
    assert calls == ["C1", "C2"]
    assert not PolicySource.objects.exists()
    assert not Notice.objects.exists()


@needs_loader
def test_push_directly_is_idempotent_per_rule(demo: Any) -> None:
    policy_import(files=policy_files(), user=None)
    again = notices_push(clause_ids=["C1", "C2"], previous=None)
    assert (again.notices, again.already_notified) == (0, 3)


def _notice_for(person_id: str | None, employer_id: str | None = None) -> Notice:
    return Notice.objects.create(
        person_id=person_id,
        employer_id=employer_id,
        clause_id="C2",
        kind="entitled",
        explanation={
            "clause_id": "C2",
            "policy_id": "POL2",
            "eligible": True,
            "criteria": [
                {
                    "attribute": "person.talent_tier",
                    "operator": "in",
                    "expected": ["A", "B"],
                    "seen": "A",
                    "passed": True,
                }
            ],
            "route": [],
            "missing": [],
            "delivery": "application",
        },
        created_at=dt.datetime(2019, 6, 1, 9, 0),
    )


def test_inbox_shows_only_own_notices_with_the_explanation(client_for: Any) -> None:
    _notice_for("P1")
    _notice_for("P2")
    response = client_for(Role.TALENT).get(reverse("portal:inbox"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="card notice') == 1
    assert "A类人才" in page  # the criterion's value, labelled
    assert "✓" in page
    employer_page = client_for(Role.EMPLOYER).get(reverse("portal:inbox")).content.decode()
    assert 'class="card notice' not in employer_page


def test_inbox_is_for_talents_and_employers(client_for: Any) -> None:
    assert client_for(Role.OFFICER).get(reverse("portal:inbox")).status_code == 403


def test_mark_read_only_own_notice(client_for: Any) -> None:
    own, other = _notice_for("P1"), _notice_for("P2")
    client = client_for(Role.TALENT)
    response = client.post(reverse("portal:notice_read", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
    response = client.post(reverse("portal:notice_read", args=[own.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.read_at is not None


def test_notice_read_service_refuses_another_users_notice(demo: Any) -> None:
    from luodi.platform.accounts.models import User
    from luodi.platform.demo.services import DEMO_USERNAMES

    employer = User.objects.get(username=DEMO_USERNAMES[Role.EMPLOYER])
    notice = _notice_for("P1")
    with pytest.raises(outreach.NoticeNotFound):
        notice_read(notice_id=notice.pk, by=employer)
