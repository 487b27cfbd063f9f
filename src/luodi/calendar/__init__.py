"""The mainland-China working-day calendar that every deadline in Luodi is counted on."""

from luodi.calendar.estimate import due_on
from luodi.calendar.workdays import (
    CalendarOutOfRange,
    DeadlineStatus,
    add_working_days,
    covered_range,
    deadline_status,
    is_working_day,
    working_day_index,
    working_days_between,
)

__all__ = [
    "CalendarOutOfRange",
    "DeadlineStatus",
    "add_working_days",
    "covered_range",
    "deadline_status",
    "due_on",
    "is_working_day",
    "working_day_index",
    "working_days_between",
]
