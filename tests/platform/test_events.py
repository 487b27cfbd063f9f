"""The event log is append-only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from luodi.platform.cases.models import Event
from luodi.platform.exceptions import EventImmutableError


def test_new_event_is_saved(demo: Any) -> None:
    Event(
        event_id="EV9",
        case_id="K1",
        activity="审计局审核",
        department_id="D-AUD",
        role="officer",
        timestamp=dt.datetime(2018, 3, 10, 9, 0),
        lifecycle="complete",
        decision="approved",
    ).save()
    assert Event.objects.filter(event_id="EV9").exists()


def test_saving_an_existing_event_raises(demo: Any) -> None:
    event = Event.objects.get(event_id="EV1")
    event.activity = "改写"
    with pytest.raises(EventImmutableError, match="append-only"):
        event.save()
    with pytest.raises(EventImmutableError):
        Event.objects.filter(event_id="EV1").update(activity="改写")
    assert Event.objects.get(event_id="EV1").activity == "人社局受理"
