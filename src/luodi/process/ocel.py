"""OCEL 2.0 export (JSON): the object-centric view of the event log.

Object types are ``case``, ``person``, ``employer``, ``clause`` and ``department``. Every
contract event is an OCEL event (its type is the activity) related to its case, the case's
clause, the acting department, and the case's person and employer when it has them. The
objects are the ones some event touches: persons and employers without a case stay out, and
persons appear by id, never by name.

Object ids carry their type (``case:K1``, ``person:P1``) because OCEL ids are global while
the contract's ids are unique only within their table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from luodi.contract import Dataset

__all__ = ["OBJECT_TYPES", "object_id", "ocel2_document", "write_ocel2"]

OBJECT_TYPES = ("case", "person", "employer", "clause", "department")
# Static attributes take the epoch as their time, as the OCEL 2.0 JSON examples do.
_STATIC = "1970-01-01T00:00:00Z"
_EVENT_ATTRIBUTES = (
    ("lifecycle", "string"),
    ("resource", "string"),
    ("role", "string"),
    ("decision", "string"),
    ("reason", "string"),
)
# Non-personal attributes per object type: (contract column, OCEL type).
_OBJECT_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "case": (("status", "string"), ("opened_at", "time"), ("closed_at", "time")),
    "person": (("talent_tier", "string"),),
    "employer": (("kind", "string"), ("stage", "string")),
    "clause": (
        ("policy_id", "string"),
        ("number", "string"),
        ("benefit_kind", "string"),
        ("delivery_mode", "string"),
    ),
    "department": (("kind", "string"), ("is_veto", "boolean")),
}
_TABLES = {
    "case": ("cases", "case_id"),
    "person": ("persons", "person_id"),
    "employer": ("employers", "employer_id"),
    "clause": ("clauses", "clause_id"),
    "department": ("departments", "department_id"),
}


def object_id(kind: str, key: str) -> str:
    """The OCEL id of a contract row.

    >>> object_id("case", "K1")
    'case:K1'
    """
    return f"{kind}:{key}"


def _time(value: dt.datetime) -> str:
    # Contract times are naive China Standard Time; OCEL wants the offset spelt out.
    return value.isoformat() + "+08:00"


def _value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return _time(value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def _rows(table: pa.Table) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def ocel2_document(dataset: Dataset) -> dict[str, Any]:
    """The OCEL 2.0 JSON document (``objectTypes``, ``eventTypes``, ``objects``, ``events``)."""
    cases = {row["case_id"]: row for row in _rows(dataset["cases"])}
    events = _rows(dataset["events"])
    used: dict[str, set[str]] = {kind: set() for kind in OBJECT_TYPES}
    ocel_events: list[dict[str, Any]] = []
    activities: dict[str, None] = {}
    for event in events:
        case = cases.get(event["case_id"], {})
        related = [
            ("case", event["case_id"], "case"),
            ("department", event["department_id"], "acting department"),
        ]
        if case.get("clause_id"):
            related.append(("clause", case["clause_id"], "clause"))
        if case.get("person_id"):
            related.append(("person", case["person_id"], "applicant"))
        if case.get("employer_id"):
            related.append(("employer", case["employer_id"], "employer"))
        for kind, key, _ in related:
            used[kind].add(key)
        activities.setdefault(event["activity"], None)
        ocel_events.append(
            {
                "id": event["event_id"],
                "type": event["activity"],
                "time": _time(event["timestamp"]),
                "attributes": [
                    {"name": name, "value": event[name]}
                    for name, _ in _EVENT_ATTRIBUTES
                    if event[name] is not None
                ],
                "relationships": [
                    {"objectId": object_id(kind, key), "qualifier": qualifier}
                    for kind, key, qualifier in related
                ],
            }
        )
    return {
        "objectTypes": [
            {
                "name": kind,
                "attributes": [{"name": n, "type": t} for n, t in _OBJECT_ATTRIBUTES[kind]],
            }
            for kind in OBJECT_TYPES
        ],
        "eventTypes": [
            {"name": name, "attributes": [{"name": n, "type": t} for n, t in _EVENT_ATTRIBUTES]}
            for name in activities
        ],
        "objects": list(_objects(dataset, used=used, cases=cases)),
        "events": ocel_events,
    }


def _objects(
    dataset: Dataset, *, used: dict[str, set[str]], cases: dict[str, dict[str, Any]]
) -> Iterable[dict[str, Any]]:
    for kind in OBJECT_TYPES:
        table, key = _TABLES[kind]
        for row in _rows(dataset[table]):
            if row[key] not in used[kind]:
                continue
            attributes = [
                {"name": name, "time": _STATIC, "value": _value(row[name])}
                for name, _ in _OBJECT_ATTRIBUTES[kind]
                if row.get(name) is not None
            ]
            yield {
                "id": object_id(kind, row[key]),
                "type": kind,
                "attributes": attributes,
                "relationships": _case_links(cases[row[key]]) if kind == "case" else [],
            }


def _case_links(case: dict[str, Any]) -> list[dict[str, str]]:
    """Object-to-object relations of a case: what it applies for and who applies."""
    links = [("clause", case["clause_id"], "applies for")]
    if case.get("person_id"):
        links.append(("person", case["person_id"], "applicant"))
    if case.get("employer_id"):
        links.append(("employer", case["employer_id"], "employer"))
    return [{"objectId": object_id(kind, key), "qualifier": q} for kind, key, q in links]


def write_ocel2(*, dataset: Dataset, path: Path | str) -> int:
    """Write the OCEL 2.0 JSON file; returns the number of events written."""
    document = ocel2_document(dataset)
    Path(path).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return len(document["events"])
