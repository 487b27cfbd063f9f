"""Answer deadlines per inquiry category."""

from __future__ import annotations

import pytest

from luodi.contract.choices import INQUIRY_CATEGORIES
from luodi.dialogue.categories import (
    ACCEPT_DAYS,
    CATEGORY_ANSWER_DAYS,
    DEFAULT_ANSWER_DAYS,
    FOLLOW_UP_DAYS,
    UnknownCategory,
    answer_days,
)


def test_every_contract_category_has_a_deadline_and_nothing_else() -> None:
    assert set(CATEGORY_ANSWER_DAYS) == {c.value for c in INQUIRY_CATEGORIES}
    assert all(1 <= days <= 15 for days in CATEGORY_ANSWER_DAYS.values())


def test_the_defaults_follow_the_issue() -> None:
    assert DEFAULT_ANSWER_DAYS == 7
    assert ACCEPT_DAYS == 1
    assert FOLLOW_UP_DAYS > ACCEPT_DAYS


@pytest.mark.parametrize(
    ("category", "days"),
    [("general", 5), ("tax", 10), ("schooling", 10), ("subsidy", 7), (None, 7), ("", 7)],
)
def test_answer_days(category: str | None, days: int) -> None:
    assert answer_days(category) == days


def test_an_unknown_category_is_refused_not_defaulted() -> None:
    with pytest.raises(UnknownCategory, match="'taxes'") as caught:
        answer_days("taxes")
    assert "tax" in str(caught.value)
    assert caught.value.category == "taxes"


def test_the_table_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(TypeError):
        CATEGORY_ANSWER_DAYS["tax"] = 1  # type: ignore[index]
