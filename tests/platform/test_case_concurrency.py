"""On PostgreSQL: two officers deciding one step at once, and the event log's trigger.

Real concurrent transactions: each thread has its own database connection (Django's are per
thread), the two start together at a barrier, and the first decision is slowed down so the
second really waits on the row lock instead of running after it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.cases import errors, services
from luodi.platform.cases.events import event_append as real_event_append
from luodi.platform.cases.models import Case, CaseStep, Event
from luodi.platform.cases.services import case_open, step_decide
from tests.platform.case_support import STAGED, World, world_build

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    # The SQLite run of the suite skips these; `make test-postgres` runs them.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test-postgres)")


@pytest.fixture
def world() -> World:
    return world_build()


def _open(world: World) -> Case:
    return case_open(clause_id=STAGED, applicant=world.employer, person_id=None, employer_id=None)


def _race(step_id: str, calls: dict[User, dict[str, Any]]) -> dict[str, object]:
    """Run one step_decide per user in its own thread and transaction, all released at once."""
    barrier = threading.Barrier(len(calls))
    outcomes: dict[str, object] = {}

    def decide(user: User, arguments: dict[str, Any]) -> None:
        try:
            barrier.wait(timeout=10)
            step_decide(step_id=step_id, by=user, **arguments)
            outcomes[user.username] = "decided"
        except Exception as error:  # reported to the test below, whatever it is
            outcomes[user.username] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [
        threading.Thread(target=decide, args=(user, arguments)) for user, arguments in calls.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a decision never finished"
    return outcomes


def test_two_officers_deciding_one_step_at_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    colleague = User(username="hr-officer-2", role=Role.OFFICER, department_id="D-HR")
    colleague.set_unusable_password()
    colleague.save()

    def event_append(**arguments: Any) -> Event:
        # Hold the winner's transaction (and its locks) open while the other one arrives.
        time.sleep(0.2)
        return real_event_append(**arguments)

    monkeypatch.setattr(services, "event_append", event_append)
    for _ in range(ROUNDS):
        case = _open(world)
        step = CaseStep.objects.get(case=case, position=1)
        outcomes = _race(
            step.step_id,
            {
                world.hr: {"decision": "approve"},
                colleague: {"decision": "reject", "reason": "材料不全"},
            },
        )
        decided = [name for name, outcome in outcomes.items() if outcome == "decided"]
        assert len(decided) == 1, outcomes
        winner = decided[0]
        (loser_error,) = [o for o in outcomes.values() if o != "decided"]
        assert isinstance(loser_error, errors.StepAlreadyDecided), loser_error
        assert loser_error.who == winner
        assert f"该环节已由{winner}于" in str(loser_error)
        step.refresh_from_db()
        assert step.decided_by == winner
        decisions = Event.objects.filter(
            case=case, activity="人社局受理审核", decision__in=["approved", "rejected"]
        )
        assert decisions.count() == 1
        event = decisions.get()
        assert event.resource == winner
        case.refresh_from_db()
        if event.decision == "approved":
            # The next department received the case exactly once.
            assert case.status == "open"
            assert Event.objects.filter(case=case, activity="财政局会签").count() == 1
        else:
            assert case.status == "rejected"
            assert not Event.objects.filter(case=case, activity="财政局会签").exists()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET activity = 'rewritten' WHERE case_id = %s",
        "DELETE FROM events WHERE case_id = %s",
    ],
)
def test_the_event_log_refuses_update_and_delete(world: World, statement: str) -> None:
    case = _open(world)
    before = sorted(Event.objects.filter(case=case).values_list("event_id", "activity"))
    assert before
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [case.case_id])
    after = sorted(Event.objects.filter(case=case).values_list("event_id", "activity"))
    assert after == before
    # Appending still works.
    step_decide(
        step_id=CaseStep.objects.get(case=case, position=1).step_id,
        by=world.hr,
        decision="approve",
    )
    assert Event.objects.filter(case=case).count() == len(before) + 2
