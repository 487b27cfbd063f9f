"""The platform's own diagnosis: computed by the core from the database, cached per data version."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pyarrow as pa
from django.core.cache import cache
from django.db.models import Count, Max, Model, QuerySet, Sum
from django.utils import timezone

from luodi.contract import TABLES, Dataset, arrow_schema
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event
from luodi.platform.coordination.models import Conflict, ProcedureException
from luodi.platform.datasets.selectors import dataset_export
from luodi.platform.datasets.tables import contract_model
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.policies.models import PolicySource
from luodi.platform.surveys.models import SurveyItem, SurveyResponse

__all__ = [
    "CACHE_PREFIX",
    "DiagnosisResult",
    "cached",
    "data_end",
    "data_stamp",
    "diagnosis_dataset",
    "diagnosis_get",
    "memory_clear",
]

CACHE_PREFIX = "luodi:diagnosis:"
# Keyed on the data version, so an entry is never stale; the timeout only frees the space.
CACHE_SECONDS = 30 * 24 * 60 * 60
ENGINE = "duckdb"
# One computation at a time per process: a second request for the same version waits for the
# first instead of running the same work twice.
_compute_lock = threading.Lock()
_memory_lock = threading.Lock()
_memory: OrderedDict[str, Any] = OrderedDict()
# A report, its charts and its two files for the current and the previous data version.
_MEMORY_ENTRIES = 8
T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class DiagnosisResult:
    """The diagnosis JSON (``luodi diagnose --json``) and when and on what it was computed."""

    report: dict[str, Any]
    stamp: str
    computed_at: dt.datetime
    cached: bool


def _histogram(rows: QuerySet[Any], field: str) -> list[tuple[Any, int]]:
    return [
        (value, n) for value, n in rows.values_list(field).annotate(n=Count("*")).order_by(field)
    ]


def data_stamp() -> str:
    """A short hash that changes whenever data the diagnosis reads changes.

    Row counts of every contract table catch inserts and deletes (the event log is
    append-only, so every decision adds a row); status histograms and the latest timestamps
    catch the rows that are changed in place (cases, steps, inquiries, conflicts); the policy
    files' hashes catch a new library. A few aggregate queries, no table scan of contents.
    """
    parts: list[Any] = [
        (name, contract_model(table)._default_manager.count()) for name, table in TABLES.items()
    ]
    parts += [
        Case.objects.aggregate(Max("case_id"), Max("opened_at"), Max("closed_at")),
        _histogram(Case.objects.all(), "status"),
        CaseStep.objects.aggregate(Max("arrived_at"), Max("decided_at"), Max("due_on")),
        _histogram(CaseStep.objects.all(), "status"),
        Event.objects.aggregate(Max("event_id"), Max("timestamp")),
        Disbursement.objects.aggregate(Max("disbursement_id"), Sum("amount"), Max("paid_on")),
        Inquiry.objects.aggregate(Max("inquiry_id"), Max("answered_at"), Max("closed_at")),
        _histogram(Inquiry.objects.all(), "status"),
        _histogram(Conflict.objects.all(), "status"),
        ProcedureException.objects.aggregate(Max("exception_id")),
        SurveyResponse.objects.aggregate(Max("pk")),
        list(PolicySource.objects.order_by("policy_id").values_list("policy_id", "sha256")),
    ]
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _latest(model: type[Model], field: str) -> dt.date | None:
    value = model._default_manager.aggregate(last=Max(field))["last"]
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def data_end() -> dt.date:
    """The last day of the data, as ``luodi.diagnosis.period_of`` reads it: the day the
    diagnosis judges open steps against (its ``as_of``)."""
    ends = [
        _latest(Event, "timestamp"),
        _latest(Disbursement, "paid_on"),
        _latest(Case, "closed_at"),
        _latest(Inquiry, "submitted_at"),
    ]
    known = [day for day in ends if day is not None]
    return max(known) if known else timezone.now().date()


def _survey_responses() -> pa.Table:
    # Survey answers are a personal column (free-text items can identify a respondent), so
    # the export without personal data drops them all; the diagnosis needs the coded answers
    # (awareness, channel, problem …), so those come back and only free text stays out.
    text_items = set(SurveyItem.objects.filter(kind="text").values_list("survey_id", "item_code"))
    rows = SurveyResponse.objects.order_by("survey_id", "respondent_id", "item_code").values_list(
        "survey_id", "respondent_id", "item_code", "value"
    )
    kept = [(s, r, i, None if (s, i) in text_items else v) for s, r, i, v in rows.iterator(2000)]
    schema = arrow_schema(TABLES["survey_responses"])
    columns = [pa.array([row[k] for row in kept], type=schema.field(k).type) for k in range(4)]
    return pa.Table.from_arrays(columns, schema=schema)


def diagnosis_dataset() -> Dataset:
    """The contract tables without personal data, except coded survey answers."""
    exported = dataset_export(personal=False)
    return Dataset(tables={**exported.tables, "survey_responses": _survey_responses()})


def _compute(stamp: str) -> dict[str, Any]:
    from luodi.diagnosis import diagnose
    from luodi.engines import get_engine
    from luodi.platform.policies.selectors import library_get

    library = library_get()
    report = diagnose(
        dataset=diagnosis_dataset(),
        engine=get_engine(ENGINE),
        # Without stored policy files eligibility comes from applications, as the core says.
        library=library if library.documents else None,
        source="platform",
    ).to_dict()
    return {"report": report, "stamp": stamp, "computed_at": timezone.now()}


def cached(key: str, compute: Callable[[], T]) -> tuple[T, bool]:
    """The value under ``key``: from this process's memory, else Django's cache, else computed
    (once per process at a time) and stored in both. Returns it and whether it was stored.

    Keys carry the data stamp, so an entry never goes stale. The memory keeps the last few
    values and spares each request the unpickling of a large report.
    """
    with _memory_lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key], True
    value = cache.get(key)
    found = value is not None
    if not found:
        with _compute_lock:
            value = cache.get(key)
            found = value is not None
            if not found:
                value = compute()
                cache.set(key, value, CACHE_SECONDS)
    with _memory_lock:
        _memory[key] = value
        while len(_memory) > _MEMORY_ENTRIES:
            _memory.popitem(last=False)
    return value, found


def memory_clear() -> None:
    """Forget the values kept in this process (tests; Django's cache is left alone)."""
    with _memory_lock:
        _memory.clear()


def diagnosis_get() -> DiagnosisResult:
    """The diagnosis of the current data: from the cache, else computed now and cached."""
    stamp = data_stamp()
    entry, found = cached(CACHE_PREFIX + stamp, lambda: _compute(stamp))
    return DiagnosisResult(
        report=entry["report"],
        stamp=entry["stamp"],
        computed_at=entry["computed_at"],
        cached=found,
    )
