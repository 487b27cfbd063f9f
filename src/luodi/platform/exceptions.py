"""The platform's exceptions; messages are constants so tests and callers reuse them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "DEMO_NO_RECORD",
    "DEMO_USERS_LINKED",
    "EVENT_APPEND_ONLY",
    "DemoLoadError",
    "EventImmutableError",
    "MessageError",
    "PlatformError",
]

EVENT_APPEND_ONLY = (
    "events are append-only: event {event_id!r} already exists; record a new event instead "
    "of changing it"
)
DEMO_NO_RECORD = (
    "the dataset has no {what} to bind the demo {role} account to; add at least one row to "
    "the {table!r} table"
)
DEMO_USERS_LINKED = (
    "cannot replace the contract tables: {count} non-demo user account(s) are linked to "
    "persons, employers or departments ({usernames}); unlink or delete them first"
)


class PlatformError(Exception):
    """Base class of the platform's own errors."""


class MessageError(PlatformError):
    """An error whose ``message`` is a translatable constant that ``params`` fill in.

    Both stay on the error, so a page shows it in the reader's language and a test names the
    constant; ``str(error)`` renders it in the language active then, not when it was raised.
    """

    def __init__(self, message: StrOrPromise, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


class EventImmutableError(PlatformError):
    """An existing event was saved or updated; the event log only grows."""


class DemoLoadError(PlatformError):
    """The demo dataset cannot be loaded as asked."""
