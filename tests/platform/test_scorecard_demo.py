"""End to end on the full demo: its ratings load, and the page shows the study's prediction."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.models import User
from luodi.platform.diagnosis.selectors import memory_clear
from luodi.platform.scorecards.models import Rating, RatingRound

pytestmark = pytest.mark.slow


@pytest.fixture
def full_demo(db: None) -> Any:
    from luodi.demo import generate
    from luodi.platform.demo.services import demo_load

    memory_clear()
    dataset = generate()
    demo_load(dataset=dataset, password="demo-pass-phrase-1")
    return dataset


def _order(page: str, table: str) -> list[str]:
    body = page.split(f'<table class="{table}">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr[^>]* data-subject="([^"]+)"', body)


def test_demo_ratings_load_and_rank_the_high_end_chasers_lower(full_demo: Any) -> None:
    counts = full_demo.row_counts()
    assert counts["ratings"] > 0
    assert Rating.objects.count() == counts["ratings"]
    assert RatingRound.objects.count() == counts["rating_rounds"]
    client = Client()
    client.force_login(User.objects.get(username="demo-leadership"))
    response = client.get(reverse("portal:scorecard"), {"period": "2018"})
    assert response.status_code == 200
    page = response.content.decode()
    balanced = _order(page, "scorecard-ranking")
    hard_only = _order(page, "scorecard-hard-only")
    assert sorted(balanced) == sorted(hard_only)
    # The study: departments chasing high-end counts fall when process and ratings count.
    for chaser in ("C-TO", "C-ST"):
        assert balanced.index(chaser) > hard_only.index(chaser), chaser
    # Some department has too few raters of a kind on the demo: the rule shows.
    assert "评价人数不足（" in page
    officer = Client()
    officer.force_login(User.objects.get(username="demo-officer"))
    mine = officer.get(reverse("portal:scorecard"), {"period": "2018"}).content.decode()
    assert len(re.findall(r'<tr id="detail-', mine)) == 1
