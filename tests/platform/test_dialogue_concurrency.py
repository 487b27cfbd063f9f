"""On PostgreSQL: two officers answering one inquiry at once; the second is told who answered.

Real concurrent transactions: each thread has its own database connection, the two start
together at a barrier, and the first answer is slowed down while it holds the row lock so the
second really waits on it instead of running after it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue import lifecycle
from luodi.platform.dialogue.models import Inquiry, InquiryEvent
from luodi.platform.dialogue.services import inquiry_accept, inquiry_answer, inquiry_submit
from luodi.platform.dialogue.support import event_record
from tests.platform.case_support import STAGED
from tests.platform.dialogue_support import DeskWorld, desk_build

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 3


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test-postgres)")


@pytest.fixture
def desk() -> DeskWorld:
    cache.clear()
    return desk_build()


def _race(qid: str, users: tuple[User, ...]) -> dict[str, object]:
    """Run one inquiry_answer per user in its own thread and transaction, released at once."""
    barrier = threading.Barrier(len(users))
    outcomes: dict[str, object] = {}

    def answer(user: User) -> None:
        try:
            barrier.wait(timeout=10)
            inquiry_answer(inquiry_id=qid, by=user, answer=f"{user.username}的答复")
            outcomes[user.username] = "answered"
        except Exception as error:  # reported to the test below, whatever it is
            outcomes[user.username] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=answer, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "an answer never finished"
    return outcomes


def test_two_officers_answering_one_inquiry_at_once(
    desk: DeskWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    colleague = User(username="hr-officer-2", role=Role.OFFICER, department_id="D-HR")
    colleague.set_unusable_password()
    colleague.save()

    def slow_record(*args: Any, **kwargs: Any) -> InquiryEvent:
        time.sleep(0.2)  # hold the winner's row lock while the other one arrives
        return event_record(*args, **kwargs)

    monkeypatch.setattr(lifecycle, "event_record", slow_record)
    for _ in range(ROUNDS):
        qid = inquiry_submit(
            text="第二期资金何时拨付？",
            kind="inquiry",
            category="startup",
            by=desk.world.employer,
            clause_id=STAGED,
        ).inquiry.inquiry_id
        inquiry_accept(inquiry_id=qid, by=desk.world.hr)
        outcomes = _race(qid, (desk.world.hr, colleague))
        winners = [name for name, outcome in outcomes.items() if outcome == "answered"]
        assert len(winners) == 1, outcomes
        (loser,) = [o for o in outcomes.values() if o != "answered"]
        assert isinstance(loser, e.InquiryStateError), loser
        assert loser.message is e.ALREADY_HANDLED
        assert loser.params["who"] == winners[0]
        answers = InquiryEvent.objects.filter(inquiry_id=qid, action="answered")
        assert answers.count() == 1
        assert answers.get().note == f"{winners[0]}的答复"
        assert Inquiry.objects.get(pk=qid).status == "answered"
