"""Fixtures of the platform suite: a small handmade dataset and one logged-in client per role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.utils import translation

from luodi.contract import Dataset
from luodi.platform.i18n import messages_compile

PASSWORD = "lu0di-test-pass-phrase"


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with test-sized costs: hashes still start with "argon2", tests stay fast."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages() -> None:
    # The .mo files are build output (not committed); the English pages need them.
    messages_compile()


@pytest.fixture(autouse=True)
def _platform_settings(settings: Any, tmp_path: Path) -> Iterator[None]:
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LUODI_DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["tests.platform.conftest.FastArgon2PasswordHasher"]
    # Each test starts with no submission counted against the anonymous rate limit, whatever
    # the cache kept from an earlier run.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    yield
    # The test client leaves the last request's language active in this thread.
    translation.deactivate()


def small_rows() -> dict[str, list[dict[str, Any]]]:
    """A couple of rows per contract table, each table in primary-key order."""
    day = dt.date
    at = dt.datetime
    return {
        "regions": [
            {"region_id": "R0", "name": "中央", "level": "central", "parent_id": None},
            {"region_id": "R1", "name": "Z省", "level": "province", "parent_id": "R0"},
            {"region_id": "R2", "name": "C区", "level": "district", "parent_id": "R1"},
        ],
        "departments": [
            {
                "department_id": "D-AUD",
                "name": "C区审计局",
                "kind": "audit",
                "region_id": "R2",
                "is_veto": True,
            },
            {
                "department_id": "D-HR",
                "name": "C区人社局",
                "kind": "hr_social_security",
                "region_id": "R2",
                "is_veto": False,
            },
            {
                "department_id": "D-LG",
                "name": "C区人才工作领导小组",
                "kind": "leadership_group",
                "region_id": "R2",
                "is_veto": False,
            },
            {
                "department_id": "D-TO",
                "name": "C区人才办",
                "kind": "talent_office",
                "region_id": "R2",
                "is_veto": False,
            },
        ],
        "employers": [
            {
                "employer_id": "E1",
                "name": "甲科技有限公司",
                "kind": "high_tech_firm",
                "stage": "startup",
                "region_id": "R2",
                "founded_on": day(2016, 5, 3),
                "employees": 20,
                "revenue": 1_500_000.5,
            },
            {
                "employer_id": "E2",
                "name": "乙众创空间",
                "kind": "maker_space",
                "stage": "growth",
                "region_id": "R2",
                "founded_on": day(2012, 1, 9),
                "employees": 7,
                "revenue": None,
            },
        ],
        "persons": [
            {
                "person_id": "P1",
                "name": "张三",
                "gender": "male",
                "birth_year": 1985,
                "nationality": "CN",
                "talent_tier": "A",
                "degree": "doctorate",
                "title": "senior",
                "discipline": "science_engineering",
                "political_status": "cpc_member",
                "origin": "out_of_province",
                "employer_id": "E1",
                "arrived_on": day(2017, 3, 1),
            },
            {
                "person_id": "P2",
                "name": "李四",
                "gender": "female",
                "birth_year": 1993,
                "nationality": "US",
                "talent_tier": "general",
                "degree": "master",
                "title": "none",
                "discipline": "humanities",
                "political_status": "masses",
                "origin": "in_province",
                "employer_id": None,
                "arrived_on": None,
            },
        ],
        "staff": [
            {"staff_id": "S1", "name": "王五", "department_id": "D-TO", "role": "officer"},
            {"staff_id": "S2", "name": "赵六", "department_id": "D-AUD", "role": "leader"},
        ],
        "policies": [
            {
                "policy_id": "POL1",
                "title": "关于深化人才发展体制机制改革的意见",
                "document_number": "中发〔2016〕9号",
                "issuer_id": "D-TO",
                "level": "central",
                "region_id": "R0",
                "issued_on": day(2016, 3, 21),
                "effective_from": day(2016, 3, 21),
                "effective_to": None,
                "supersedes": None,
            },
            {
                "policy_id": "POL2",
                "title": "C区人才新政",
                "document_number": None,
                "issuer_id": "D-TO",
                "level": "district",
                "region_id": "R2",
                "issued_on": day(2017, 1, 5),
                "effective_from": day(2017, 2, 1),
                "effective_to": day(2020, 12, 31),
                "supersedes": "POL1",
            },
        ],
        "clauses": [
            {
                "clause_id": "C1",
                "policy_id": "POL1",
                "number": "第三条",
                "text": "按要求支持创业。",
                "refines": None,
                "benefit_kind": "none",
                "amount": None,
                "deadline_days": None,
                "delivery_mode": "application",
            },
            {
                "clause_id": "C2",
                "policy_id": "POL2",
                "number": "第五条",
                "text": "给予创业资助，分四期兑现。",
                "refines": "C1",
                "benefit_kind": "funding",
                "amount": 1_000_000.0,
                "deadline_days": 20,
                "delivery_mode": "application",
            },
        ],
        "clause_routes": [
            {"clause_id": "C2", "position": 1, "department_id": "D-HR", "role": "lead"},
            {"clause_id": "C2", "position": 2, "department_id": "D-AUD", "role": "veto"},
        ],
        "clause_phases": [
            {"clause_id": "C2", "phase": 1, "share": 0.25, "condition": "注册落户"},
            {"clause_id": "C2", "phase": 2, "share": 0.75, "condition": "通过中期考核"},
        ],
        "cases": [
            {
                "case_id": "K1",
                "clause_id": "C2",
                "person_id": "P1",
                "employer_id": "E1",
                "opened_at": at(2018, 3, 2, 9, 30),
                "status": "open",
                "closed_at": None,
            },
            {
                "case_id": "K2",
                "clause_id": "C2",
                "person_id": None,
                "employer_id": "E1",
                "opened_at": at(2018, 4, 2, 10, 0),
                "status": "blocked",
                "closed_at": None,
            },
            {
                "case_id": "K3",
                "clause_id": "C1",
                "person_id": "P2",
                "employer_id": None,
                "opened_at": at(2018, 5, 2, 10, 0),
                "status": "closed",
                "closed_at": at(2018, 6, 1, 16, 45, 12),
            },
        ],
        "events": [
            {
                "event_id": "EV1",
                "case_id": "K1",
                "activity": "人社局受理",
                "department_id": "D-HR",
                "resource": "S1",
                "timestamp": at(2018, 3, 2, 9, 30),
                "role": "officer",
                "lifecycle": "complete",
                "decision": "approved",
                "reason": None,
            },
            {
                "event_id": "EV2",
                "case_id": "K1",
                "activity": "审计局审核",
                "department_id": "D-AUD",
                "resource": None,
                "timestamp": at(2018, 3, 9, 14, 0),
                "role": "officer",
                "lifecycle": "start",
                "decision": "received",
                "reason": None,
            },
            {
                "event_id": "EV3",
                "case_id": "K2",
                "activity": "审计局审核",
                "department_id": "D-AUD",
                "resource": "S2",
                "timestamp": at(2018, 4, 9, 11, 0),
                "role": "officer",
                "lifecycle": "suspend",
                "decision": "blocked_no_rule",
                "reason": "资金使用规定相互冲突",
            },
        ],
        "disbursements": [
            {
                "disbursement_id": "DB1",
                "case_id": "K1",
                "phase": 1,
                "amount": 250_000.0,
                "paid_on": day(2018, 5, 1),
            },
        ],
        "inquiries": [
            {
                "inquiry_id": "Q1",
                "kind": "appeal",
                "channel": "web",
                "submitted_at": at(2019, 1, 2, 8, 0),
                "person_id": "P1",
                "employer_id": "E1",
                "clause_id": "C2",
                "text": "第二期资助何时兑现？",
                "department_id": "D-HR",
                "status": "answered",
                "answered_at": at(2019, 1, 9, 8, 0),
                "resolved": True,
                "satisfaction": 4,
            },
            {
                "inquiry_id": "Q2",
                "kind": "inquiry",
                "channel": "phone",
                "submitted_at": at(2019, 2, 2, 8, 0),
                "person_id": None,
                "employer_id": None,
                "clause_id": None,
                "text": "子女入学找哪个部门？",
                "department_id": None,
                "status": "submitted",
                "answered_at": None,
                "resolved": None,
                "satisfaction": None,
            },
        ],
        "surveys": [
            {
                "survey_id": "SV1",
                "title": "人才政策执行情况调查",
                "region_id": "R2",
                "opened_on": day(2019, 6, 1),
                "closed_on": None,
            },
        ],
        "survey_items": [
            {
                "survey_id": "SV1",
                "item_code": "awareness",
                "position": 2,
                "section": "政策认知",
                "text": "您对人才政策的了解程度",
                "kind": "likert",
            },
            {
                "survey_id": "SV1",
                "item_code": "gender",
                "position": 1,
                "section": "基本情况",
                "text": "性别",
                "kind": "single",
            },
        ],
        "survey_options": [
            {
                "survey_id": "SV1",
                "item_code": "gender",
                "code": "female",
                "position": 2,
                "label": "女",
            },
            {
                "survey_id": "SV1",
                "item_code": "gender",
                "code": "male",
                "position": 1,
                "label": "男",
            },
        ],
        "survey_responses": [
            {"survey_id": "SV1", "respondent_id": "r001", "item_code": "awareness", "value": "2"},
            {"survey_id": "SV1", "respondent_id": "r001", "item_code": "gender", "value": "male"},
        ],
    }


@pytest.fixture
def small_dataset() -> Dataset:
    return Dataset.from_rows(small_rows())


@pytest.fixture
def demo(db: None, small_dataset: Dataset) -> Any:
    """The small dataset loaded with one demo account per role (password PASSWORD)."""
    from luodi.platform.demo.services import demo_load

    return demo_load(dataset=small_dataset, password=PASSWORD)


@pytest.fixture
def client_for(demo: Any) -> Any:
    """A factory: a test client logged in as the demo account of a role."""
    from luodi.platform.accounts.models import User
    from luodi.platform.accounts.roles import Role
    from luodi.platform.demo.services import DEMO_USERNAMES

    def make(role: Role) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=DEMO_USERNAMES[role]))
        return client

    return make
