"""Route an inquiry to the department that must act: by its clause, by its text, or to triage.

A linked clause names its departments, so its lead route department answers. Otherwise a
text classifier picks a department kind: trained on the platform's own resolved inquiries once
there are enough, from each department's duty keywords before that (cold start). The kind is
mapped to the district's department of that kind; a low-confidence guess, or a kind the
district has no department for, goes to the talent office's triage queue.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q

from luodi.contract import choices as ch
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.dialogue.support import (
    event_record,
    label_zh,
    talent_office_department,
)
from luodi.platform.policies.models import ClauseRoute
from luodi.platform.registry.models import Department

if TYPE_CHECKING:
    from luodi.dialogue.routing import Router

__all__ = [
    "MIN_TRAINING_INQUIRIES",
    "RESOLVED_STATUSES",
    "RoutingOutcome",
    "department_for_kind",
    "inquiry_route",
    "platform_router",
]

logger = logging.getLogger(__name__)

# Below this many resolved inquiries (or with fewer than two departments among them) a
# classifier learns more from the duty keywords than from the examples.
MIN_TRAINING_INQUIRIES = 30
# Inquiries whose department is known to have handled them: the classifier's examples.
RESOLVED_STATUSES = ("confirmed", "closed", "unconfirmed")


@dataclass(frozen=True, kw_only=True)
class RoutingOutcome:
    """Where an inquiry went: the department (None only when the district has no talent
    office), the source (clause, classifier, keywords, triage) and the confidence."""

    department_id: str | None
    routed_by: str
    confidence: float
    kind: str | None


# One fitted router, keyed by what it was trained on (count and latest closure): a new
# resolved inquiry changes the key and the next submission refits. Guarded by a lock since
# the web server runs requests in threads.
_cache: dict[tuple[int, dt.datetime | None], Router] = {}
_cache_lock = threading.Lock()


def platform_router() -> Router:
    """The classifier trained on the platform's resolved inquiries, or the cold-start one."""
    from luodi.dialogue.routing import Router

    resolved = Inquiry.objects.filter(status__in=RESOLVED_STATUSES, department__isnull=False)
    summary = resolved.aggregate(
        n=Count("inquiry_id"), kinds=Count("department__kind", distinct=True), last=Max("closed_at")
    )
    count, kinds = int(summary["n"]), int(summary["kinds"])
    if count < MIN_TRAINING_INQUIRIES or kinds < 2:
        key: tuple[int, dt.datetime | None] = (0, None)
    else:
        key = (count, summary["last"])
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        if key == (0, None):
            router = Router.cold_start()
        else:
            rows = list(resolved.order_by("inquiry_id").values_list("text", "department__kind"))
            router = Router.fit(texts=[text for text, _ in rows], labels=[kind for _, kind in rows])
            logger.info("routing classifier fitted on %d resolved inquiries", len(rows))
        _cache.clear()
        _cache[key] = router
        return router


def department_for_kind(kind: str) -> Department | None:
    """The district's department of ``kind`` in the talent office's region.

    Where a kind has several (the financial affairs office and a partner bank branch), the one
    that leads the most clause routes: it is the one that answers for the policy.
    """
    candidates = (
        Department.objects.filter(kind=kind)
        .annotate(leads=Count("route_steps", filter=Q(route_steps__role="lead")))
        .order_by("-leads", "department_id")
    )
    office = talent_office_department()
    if office is not None:
        return candidates.filter(region_id=office.region_id).first()
    return candidates.first()


def _clause_department(clause_id: str) -> str | None:
    routes = ClauseRoute.objects.filter(clause_id=clause_id).order_by("position")
    lead = routes.filter(role="lead").values_list("department_id", flat=True).first()
    return lead or routes.values_list("department_id", flat=True).first()


def _classified(text: str) -> tuple[str, str, float]:
    from luodi.dialogue.routing import LOW_CONFIDENCE

    routing = platform_router().route(text)
    if routing.confidence < LOW_CONFIDENCE:
        return routing.label, "triage", float(routing.confidence)
    return routing.label, routing.source, float(routing.confidence)


def inquiry_route(inquiry: Inquiry, *, at: dt.datetime) -> RoutingOutcome:
    """Route a freshly submitted inquiry and record it; the caller holds the transaction.

    Not a public service: ``inquiry_submit`` calls it before returning. Sets the department,
    the first department, the routing source and time, the status (``routed``, or
    ``submitted`` in the triage queue) and appends the history entry.
    """
    kind: str | None = None
    department_id: str | None = None
    confidence = 1.0
    source = "clause"
    if inquiry.clause_id is not None:
        department_id = _clause_department(inquiry.clause_id)
    if department_id is None:
        kind, source, confidence = _classified(inquiry.text)
        if source != "triage":
            department = department_for_kind(kind)
            if department is None:
                source = "triage"
            else:
                department_id = department.department_id
    if source == "triage":
        office = talent_office_department()
        inquiry.department_id = office.department_id if office is not None else None
        inquiry.routed_by = "triage"
        inquiry.status = "submitted"
        inquiry.save(update_fields=["department", "routed_by", "status"])
        guess = label_zh(ch.DEPARTMENT_KINDS, kind)
        event_record(
            inquiry,
            action="triaged",
            at=at,
            role="system",
            note=f"自动分派把握不足（最可能：{guess}，置信度{confidence:.2f}），转人才办分拣",
        )
        return RoutingOutcome(
            department_id=inquiry.department_id,
            routed_by="triage",
            confidence=confidence,
            kind=kind,
        )
    inquiry.department_id = department_id
    inquiry.first_department_id = department_id
    inquiry.routed_by = source
    inquiry.routed_at = at
    inquiry.status = "routed"
    inquiry.save(
        update_fields=["department", "first_department", "routed_by", "routed_at", "status"]
    )
    if source == "clause":
        note = f"按关联条款{inquiry.clause_id}的办理路径分派"
    else:
        how = label_zh(ch.ROUTING_SOURCES, source)
        note = f"按{how}分派（置信度{confidence:.2f}）"
    event_record(inquiry, action="routed", at=at, role="system", note=note)
    return RoutingOutcome(
        department_id=department_id, routed_by=source, confidence=confidence, kind=kind
    )
