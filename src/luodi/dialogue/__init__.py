"""The dialogue desk's analytics: inquiry routing, working-day deadlines, the desk's rates, search.

Routing and deadlines load nothing heavy; the rates (Narwhals and the engines), the routing
evaluation (scikit-learn) and the search index (jieba) are imported when first used, so a
request handler that only needs a due date does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import Any

from luodi.dialogue.categories import (
    ACCEPT_DAYS,
    CATEGORY_ANSWER_DAYS,
    DEFAULT_ANSWER_DAYS,
    FOLLOW_UP_DAYS,
    UnknownCategory,
    answer_days,
)
from luodi.dialogue.corpus import CorpusError, LabelledInquiry, labelled_inquiries
from luodi.dialogue.deadlines import (
    LEADERSHIP_AFTER_DAYS,
    InquiryDeadlines,
    follow_up_due_on,
    inquiry_deadlines,
    overdue_level,
    reopened_answer_due_on,
    working_days_over,
)
from luodi.dialogue.routing import LOW_CONFIDENCE, Router, Routing, RoutingDataError

_LAZY = {
    "DialogueRates": "luodi.dialogue.rates",
    "dialogue_rates": "luodi.dialogue.rates",
    "RoutingReport": "luodi.dialogue.evaluation",
    "routing_evaluate": "luodi.dialogue.evaluation",
    "SearchIndex": "luodi.dialogue.search",
}

__all__ = [
    "ACCEPT_DAYS",
    "CATEGORY_ANSWER_DAYS",
    "DEFAULT_ANSWER_DAYS",
    "FOLLOW_UP_DAYS",
    "LEADERSHIP_AFTER_DAYS",
    "LOW_CONFIDENCE",
    "CorpusError",
    "DialogueRates",
    "InquiryDeadlines",
    "LabelledInquiry",
    "Router",
    "Routing",
    "RoutingDataError",
    "RoutingReport",
    "SearchIndex",
    "UnknownCategory",
    "answer_days",
    "dialogue_rates",
    "follow_up_due_on",
    "inquiry_deadlines",
    "labelled_inquiries",
    "overdue_level",
    "reopened_answer_due_on",
    "routing_evaluate",
    "working_days_over",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'luodi.dialogue' has no attribute {name!r}")
