"""Working-day deadlines of the desk: acknowledge, answer per inquiry category, citizen follow-up.

The default follows Beijing's 接诉即办 practice: a department acknowledges an inquiry within one
working day and answers within seven. A category departs from seven only for a stated reason.

>>> answer_days("tax"), answer_days("general"), answer_days(None)
(10, 5, 7)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from luodi.contract.choices import INQUIRY_CATEGORIES

__all__ = [
    "ACCEPT_DAYS",
    "CATEGORY_ANSWER_DAYS",
    "DEFAULT_ANSWER_DAYS",
    "FOLLOW_UP_DAYS",
    "UnknownCategory",
    "answer_days",
]

ACCEPT_DAYS: Final = 1
"""Working days a department has to accept (acknowledge) an inquiry routed to it."""

DEFAULT_ANSWER_DAYS: Final = 7
"""Working days to answer when the category is not known or has no reason to differ."""

FOLLOW_UP_DAYS: Final = 10
"""Working days the citizen has to confirm an answer before the inquiry closes unconfirmed.

Two working weeks: long enough to try what the answer says (e.g. resubmit a form and see it
accepted), short enough that the rates of a quarter are not left open for months.
"""

CATEGORY_ANSWER_DAYS: Final[Mapping[str, int]] = MappingProxyType(
    {
        # Reading the clause answers it: which level, which form, which window.
        "general": 5,
        # Hukou and residence questions follow fixed public-security procedures.
        "residence": 5,
        # Social insurance records are checked in one system by one department.
        "employment": 5,
        "recognition": DEFAULT_ANSWER_DAYS,
        "subsidy": DEFAULT_ANSWER_DAYS,
        "award": DEFAULT_ANSWER_DAYS,
        "finance": DEFAULT_ANSWER_DAYS,
        "housing": DEFAULT_ANSWER_DAYS,
        # The tax bureau often has to ask the municipal bureau for a ruling on how a benefit is
        # taxed, and withholding records come from the employer.
        "tax": 10,
        # Places depend on each school's enrolment plan; the bureau has to ask the schools.
        "schooling": 10,
        # Project and start-up questions usually need the expert panel or an on-site check.
        "research": 10,
        "startup": 10,
        # A report of misconduct must be verified before anyone can answer it.
        "integrity": 15,
    }
)


class UnknownCategory(ValueError):
    """An inquiry category that is not one of the contract's INQUIRY_CATEGORIES."""

    def __init__(self, category: str) -> None:
        self.category = category
        known = ", ".join(c.value for c in INQUIRY_CATEGORIES)
        super().__init__(
            f"未知的咨询类别“{category}” — unknown inquiry category {category!r}; "
            f"use one of: {known}"
        )


def answer_days(category: str | None) -> int:
    """Working days to answer an inquiry of ``category`` (the default when it is not given).

    Raises :class:`UnknownCategory` for a value outside the contract's categories, so a typo does
    not silently get the default deadline.
    """
    if category is None or category == "":
        return DEFAULT_ANSWER_DAYS
    try:
        return CATEGORY_ANSWER_DAYS[category]
    except KeyError:
        raise UnknownCategory(category) from None
