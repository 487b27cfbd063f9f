"""On PostgreSQL: two office accounts sending the same candidate pair at once register it once."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.coordination import errors, registers
from luodi.platform.coordination.models import Conflict
from luodi.platform.coordination.services import conflict_register_clauses
from luodi.platform.demo.services import DEMO_USERNAMES
from tests.platform.text_support import GREEN_CHANNEL, NO_CHOICE_PUPILS, clauses_store

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test-postgres)")


def test_the_same_pair_sent_twice_at_once(demo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    clauses_store()
    office = User.objects.get(username=DEMO_USERNAMES[Role.TALENT_OFFICE])
    colleague = User(username="office-2", role=Role.TALENT_OFFICE)
    colleague.set_unusable_password()
    colleague.save()
    real = registers.conflict_register

    def slow_register(**arguments: Any) -> Conflict:
        # Hold the winner's transaction (and its row locks) open while the other one arrives.
        time.sleep(0.3)
        return real(**arguments)

    monkeypatch.setattr(registers, "conflict_register", slow_register)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def send(user: User, pair: tuple[str, str]) -> None:
        try:
            barrier.wait(timeout=10)
            conflict_register_clauses(clause_a_id=pair[0], clause_b_id=pair[1], subject="", by=user)
            outcomes[user.username] = "registered"
        except Exception as error:  # reported to the test below, whatever it is
            outcomes[user.username] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(office, (GREEN_CHANNEL, NO_CHOICE_PUPILS))),
        threading.Thread(target=send, args=(colleague, (NO_CHOICE_PUPILS, GREEN_CHANNEL))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    results = sorted(outcomes.values(), key=lambda o: isinstance(o, Exception))
    assert results[0] == "registered", outcomes
    assert isinstance(results[1], errors.ConflictDuplicate), outcomes
    assert Conflict.objects.count() == 1
