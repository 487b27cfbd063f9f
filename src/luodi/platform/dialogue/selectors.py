"""Read the dialogue desk: inquiries by status."""

from __future__ import annotations

from django.db.models import Count

from luodi.contract import choices as ch
from luodi.platform.common import LabelledCount, choice_label
from luodi.platform.dialogue.models import Inquiry

__all__ = ["inquiry_status_count_list"]


def inquiry_status_count_list() -> list[LabelledCount]:
    rows = Inquiry.objects.values("status").annotate(n=Count("inquiry_id")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [
        LabelledCount(
            value=choice.value,
            label=choice_label(ch.INQUIRY_STATUSES, choice.value),
            count=counts.get(choice.value, 0),
        )
        for choice in ch.INQUIRY_STATUSES
    ]
