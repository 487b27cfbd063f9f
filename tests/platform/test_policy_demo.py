"""End to end on the demo district: its policy files are stored and the pages read them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.policies.services import DEMO_LIBRARY_DIR

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not any(DEMO_LIBRARY_DIR.rglob("*.yaml")) if DEMO_LIBRARY_DIR.is_dir() else True,
        reason="the demo policy library (src/luodi/demo/library) is not there yet",
    ),
]


@pytest.fixture
def demo_district(db: None) -> Any:
    from luodi.demo import generate
    from luodi.platform.demo.services import demo_load

    return demo_load(dataset=generate(), password="demo-pass-phrase-1")


def test_demo_load_stores_every_demo_policy_file(demo_district: Any) -> None:
    from luodi.platform.policies.models import Policy, PolicySource
    from luodi.platform.policies.selectors import library_get

    stored = set(PolicySource.objects.values_list("policy_id", flat=True))
    assert stored == set(Policy.objects.values_list("policy_id", flat=True))
    library = library_get()
    # The files are the documents the dataset was built from: the same clauses.
    from luodi.platform.policies.models import Clause

    assert set(library.clauses()) == set(Clause.objects.values_list("clause_id", flat=True))


def test_a_district_clause_page_shows_its_chain_and_changes(demo_district: Any) -> None:
    from luodi.platform.policies.models import Clause

    clause = (
        Clause.objects.filter(policy__level="district", refines__refines__isnull=False)
        .order_by("clause_id")
        .first()
    ) or Clause.objects.filter(policy__level="district", refines__isnull=False).first()
    assert clause is not None
    assert clause.refines is not None
    page = Client().get(reverse("portal:clause", args=[clause.clause_id])).content.decode()
    assert "上级依据及各级改动" in page
    assert reverse("portal:clause", args=[clause.refines.clause_id]) in page
    assert 'class="changes"' in page or "与上级条款相同" in page


def test_the_demo_talent_sees_entitlements(demo_district: Any) -> None:
    from luodi.platform.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="demo-talent"))
    response = client.get(reverse("portal:entitlements"))
    assert response.status_code == 200
    assert "result-" in response.content.decode()
