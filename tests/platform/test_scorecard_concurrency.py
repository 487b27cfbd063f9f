"""On PostgreSQL: one rater submitting the same subject twice at once gets one set of ratings."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection

from luodi.platform.scorecards import errors, selectors, services
from luodi.platform.scorecards.models import Rating
from luodi.platform.scorecards.services import rating_submit
from tests.platform.scorecard_support import CRITERIA, invite, round_make

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test-postgres)")


def test_the_same_rating_sent_twice_at_once(demo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (token,) = invite(round_make(), "superior", department_id="D-LG")
    real = selectors.invitation_done

    def slow_done(invitation: Any) -> set[str]:
        # Hold the first transaction (and the invitation's row lock) while the other arrives.
        found = real(invitation)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(services, "invitation_done", slow_done)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def send(score: int) -> None:
        try:
            barrier.wait(timeout=10)
            rating_submit(token=token, subject_id="D-HR", scores=dict.fromkeys(CRITERIA, score))
            outcomes.append("rated")
        except Exception as error:  # reported to the test below, whatever it is
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(score,)) for score in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    results = sorted(outcomes, key=lambda o: isinstance(o, Exception))
    assert results[0] == "rated", outcomes
    assert isinstance(results[1], errors.RatingAlreadySubmitted), outcomes
    scores = list(Rating.objects.filter(subject_id="D-HR").values_list("score", flat=True))
    assert len(scores) == len(CRITERIA)
    assert len(set(scores)) == 1  # one submission's, not a mix
