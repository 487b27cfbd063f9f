"""Import an event log file (XES, CSV) into the platform's append-only event log, and export the
log as XES, CSV or OCEL 2.0.

The import only ever inserts: an event whose id is already in the log is left alone when it
is identical and refused when it differs, so importing the same file twice adds nothing and
never changes the history. Events of cases or departments the platform does not know are
refused; the whole import is one transaction, so a refusal adds nothing at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from luodi.platform.accounts.roles import Action, may_act
from luodi.platform.cases.models import Case, Event
from luodi.platform.exceptions import PlatformError
from luodi.platform.registry.models import Department
from luodi.process import LOG_FORMATS, events_export, events_import

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User

__all__ = [
    "EVENT_CHANGED",
    "IMPORT_DENIED",
    "UNKNOWN_CASE",
    "UNKNOWN_DEPARTMENT",
    "EventLogImportDenied",
    "EventLogImportError",
    "ExportResult",
    "ImportResult",
    "event_log_export",
    "event_log_import",
]

logger = logging.getLogger(__name__)

IMPORT_DENIED = (
    "用户 {username!r} 无权导入事件日志（仅系统管理员）/ user {username!r} may not import "
    "event logs: only an administrator may"
)
UNKNOWN_CASE = (
    "{where}：平台上没有办件 {case_id!r} / {where}: case {case_id!r} does not exist on the "
    "platform; load its cases first (luodi demo load, or the cases table) or drop its events"
)
UNKNOWN_DEPARTMENT = (
    "{where}：平台上没有部门 {department_id!r} / {where}: department {department_id!r} does not "
    "exist on the platform; add it to the departments table or correct the event's org:group"
)
EVENT_CHANGED = (
    "{where}：事件已存在但内容不同（{fields}）/ {where}: the event is already in the log with "
    "different {fields}; the log is append-only: give the changed event a new id"
)

# The contract's event columns the import compares with an existing event of the same id.
_COMPARED = (
    "case_id",
    "activity",
    "department_id",
    "resource",
    "role",
    "timestamp",
    "lifecycle",
    "decision",
    "reason",
)
# SQLite allows a limited number of query parameters; look ids up in slices.
_LOOKUP = 500
_BATCH = 1000
_SHOWN = 20


class EventLogImportError(PlatformError):
    """The log cannot be appended: lists every offending event (its id, case and position)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = list(self.problems[:_SHOWN])
        if len(self.problems) > _SHOWN:
            shown.append(f"… 另有 / and {len(self.problems) - _SHOWN} more")
        super().__init__("\n".join(shown))


class EventLogImportDenied(PlatformError):
    """The account may not import event logs."""


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    """How many events the file held, how many were appended, how many were already there."""

    events: int
    added: int
    present: int


@dataclass(frozen=True, kw_only=True)
class ExportResult:
    path: Path
    fmt: str
    events: int


def _existing(model: Any, field: str, keys: Iterable[str]) -> set[str]:
    ordered = sorted(set(keys))
    found: set[str] = set()
    for start in range(0, len(ordered), _LOOKUP):
        part = ordered[start : start + _LOOKUP]
        found.update(
            model._default_manager.filter(**{f"{field}__in": part}).values_list(field, flat=True)
        )
    return found


def _events_by_id(ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _LOOKUP):
        rows = Event.objects.filter(event_id__in=ids[start : start + _LOOKUP]).values(
            "event_id", *_COMPARED
        )
        found.update({row["event_id"]: row for row in rows})
    return found


@transaction.atomic
def event_log_import(*, path: Path, by: User) -> ImportResult:
    """Append the events of an XES or CSV log whose ids are not yet in the platform's log.

    Raises EventLogImportDenied unless ``by`` may import (roles.Action.EVENT_LOG_IMPORT),
    luodi.process.EventLogContractError when the file's events lack contract fields, and
    EventLogImportError when events name unknown cases or departments or would change an
    existing event.
    """
    if not may_act(by, Action.EVENT_LOG_IMPORT):
        raise EventLogImportDenied(IMPORT_DENIED.format(username=by.get_username()))
    rows: list[dict[str, Any]] = events_import(path=path).to_pylist()
    cases = _existing(Case, "case_id", (row["case_id"] for row in rows))
    departments = _existing(Department, "department_id", (row["department_id"] for row in rows))
    existing = _events_by_id([row["event_id"] for row in rows])
    problems: list[str] = []
    new: list[Event] = []
    for position, row in enumerate(rows, start=1):
        where = f"event {position} ({row['event_id']}, case {row['case_id']!r})"
        if row["case_id"] not in cases:
            problems.append(UNKNOWN_CASE.format(where=where, case_id=row["case_id"]))
        if row["department_id"] not in departments:
            problems.append(
                UNKNOWN_DEPARTMENT.format(where=where, department_id=row["department_id"])
            )
        old = existing.get(row["event_id"])
        if old is not None:
            changed = [field for field in _COMPARED if old[field] != row[field]]
            if changed:
                problems.append(EVENT_CHANGED.format(where=where, fields=", ".join(changed)))
            continue
        new.append(Event(**row))
    if problems:
        raise EventLogImportError(problems)
    Event.objects.bulk_create(new, batch_size=_BATCH)
    # Counts and the account's id only: the log carries no personal data.
    logger.info(
        "event log import: %d event(s) read, %d added, %d present, by user %s",
        len(rows),
        len(new),
        len(rows) - len(new),
        by.pk,
    )
    return ImportResult(events=len(rows), added=len(new), present=len(rows) - len(new))


def event_log_export(*, fmt: str, out: Path) -> ExportResult:
    """Write the platform's event log as XES, CSV or OCEL 2.0 JSON (names are never exported)."""
    from luodi.platform.datasets.selectors import dataset_export

    if fmt not in LOG_FORMATS:
        raise ValueError(f"unknown event log format {fmt!r}; use one of {', '.join(LOG_FORMATS)}")
    dataset = dataset_export(personal=False)
    events = events_export(dataset=dataset, fmt=fmt, path=out)
    return ExportResult(path=out, fmt=fmt, events=events)
