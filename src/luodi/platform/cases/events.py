"""Append to the event log: the one function every workflow service writes events through."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from luodi.platform.cases.models import Case, Event

__all__ = ["event_append", "new_id"]


def new_id(prefix: str) -> str:
    """A fresh id such as ``EV-5f0c…``: random, so concurrent transactions never collide."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def event_append(
    *,
    case: Case,
    activity: str,
    department_id: str,
    role: str,
    lifecycle: str,
    decision: str | None = None,
    resource: str | None = None,
    reason: str | None = None,
    at: dt.datetime | None = None,
) -> Event:
    """Insert one event; call inside the transaction that makes the change it records.

    The caller's transaction is what keeps a decision and its event together: if either write
    fails, both roll back.
    """
    event = Event(
        event_id=new_id("EV"),
        case=case,
        activity=activity,
        department_id=department_id,
        resource=resource,
        role=role,
        timestamp=at or timezone.now(),
        lifecycle=lifecycle,
        decision=decision,
        reason=reason or None,
    )
    event.save()
    return event
