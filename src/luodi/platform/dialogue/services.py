"""The dialogue desk's services, in one place: submit, route, handle, confirm, rate, oversee, scan.

Each service is keyword-only, runs in one transaction, locks the inquiry row before changing
it and appends the history entry (``InquiryEvent``) that records the change. They live in
modules by who acts: ``submit`` (the citizen submits, routed at once by ``routing_service``),
``lifecycle`` (the department and triage), ``citizen`` (confirm, close, rate), ``oversight``
(rating contests, urging, instructions) and ``scan`` (deadlines, daily).
"""

from __future__ import annotations

from luodi.platform.dialogue.citizen import inquiry_close, inquiry_confirm, inquiry_rate
from luodi.platform.dialogue.lifecycle import (
    inquiry_accept,
    inquiry_answer,
    inquiry_reroute,
    inquiry_triage,
)
from luodi.platform.dialogue.oversight import (
    inquiry_instruct,
    inquiry_urge,
    rating_contest,
    rating_contest_decide,
)
from luodi.platform.dialogue.routing_service import RoutingOutcome, inquiry_route
from luodi.platform.dialogue.scan import InquiryScanResult, inquiry_scan
from luodi.platform.dialogue.submit import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_MAX_COUNT,
    TEXT_MAX_CHARS,
    AttachmentUpload,
    SubmittedInquiry,
    inquiry_submit,
)

__all__ = [
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_MAX_COUNT",
    "TEXT_MAX_CHARS",
    "AttachmentUpload",
    "InquiryScanResult",
    "RoutingOutcome",
    "SubmittedInquiry",
    "inquiry_accept",
    "inquiry_answer",
    "inquiry_close",
    "inquiry_confirm",
    "inquiry_instruct",
    "inquiry_rate",
    "inquiry_reroute",
    "inquiry_route",
    "inquiry_scan",
    "inquiry_submit",
    "inquiry_triage",
    "inquiry_urge",
    "rating_contest",
    "rating_contest_decide",
]
