"""The desk on the full demo district: inquiries loaded from the dataset (no contact rows) are
scanned, rated and learnt from, and new submissions are routed by the trained classifier."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache

from luodi.dialogue.rates import dialogue_rates
from luodi.platform.dialogue import routing_service
from luodi.platform.dialogue.models import Inquiry, InquiryContact
from luodi.platform.dialogue.selectors import dialogue_rates_platform, inquiry_list_for
from luodi.platform.dialogue.services import inquiry_scan, inquiry_submit

pytestmark = pytest.mark.slow


@pytest.fixture
def full_demo(db: None) -> Any:
    from luodi.demo import generate
    from luodi.platform.demo.services import demo_load

    cache.clear()
    routing_service._cache.clear()
    dataset = generate()
    demo_load(dataset=dataset, password="demo-pass-phrase-1")
    return dataset


def test_demo_desk_works_without_contact_rows(full_demo: Any) -> None:
    from luodi.platform.accounts.models import User
    from luodi.platform.accounts.roles import Role
    from luodi.platform.demo.services import DEMO_USERNAMES

    assert Inquiry.objects.exists()
    assert not InquiryContact.objects.exists()
    # Platform and CLI compute the same rates from the same rows.
    today = dt.date(2019, 12, 31)
    platform = dialogue_rates_platform(today=today)
    core = dialogue_rates(inquiries=full_demo, today=today)
    assert platform.total.to_dict() == core.total.to_dict()
    # The scan runs over the whole season and a second run changes nothing.
    inquiry_scan(today=today)
    again = inquiry_scan(today=today)
    assert (again.to_talent_office, again.to_leadership, again.unconfirmed) == (0, 0, 0)
    # The classifier learns from the demo's resolved inquiries.
    router = routing_service.platform_router()
    assert router.source == "classifier"
    submitted = inquiry_submit(
        text="我家孩子明年上小学，人才子女入学的学位怎么申请？",
        kind="inquiry",
        category="schooling",
        by=None,
        phone="13800001234",
        client_key="192.0.2.50",
    ).inquiry
    assert submitted.routed_by == "classifier"
    assert submitted.department is not None
    assert submitted.department.kind == "education"
    officer = User.objects.get(username=DEMO_USERNAMES[Role.OFFICER])
    assert all(i.department_id == officer.department_id for i in inquiry_list_for(officer))
