"""Score periods: the accepted labels, their days, the period before, and located errors."""

from __future__ import annotations

import datetime as dt

import pytest

from luodi.scorecard import PERIOD_FORMS, PeriodError, ScorePeriod, period_parse


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2018", "2018-01-01", "2018-12-31"),
        ("2018-H1", "2018-01-01", "2018-06-30"),
        ("2018-H2", "2018-07-01", "2018-12-31"),
        ("2018-Q1", "2018-01-01", "2018-03-31"),
        ("2018-Q3", "2018-07-01", "2018-09-30"),
        ("2018-Q4", "2018-10-01", "2018-12-31"),
        ("2018-05", "2018-05-01", "2018-05-31"),
        ("2016-02", "2016-02-01", "2016-02-29"),  # leap year
        ("2018-12", "2018-12-01", "2018-12-31"),
    ],
)
def test_parse(label: str, start: str, end: str) -> None:
    period = period_parse(label)
    assert period == ScorePeriod(
        label=label, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end)
    )


@pytest.mark.parametrize(
    ("label", "previous"),
    [
        ("2018", "2017"),
        ("2018-H1", "2017-H2"),
        ("2018-H2", "2018-H1"),
        ("2018-Q1", "2017-Q4"),
        ("2018-Q3", "2018-Q2"),
        ("2018-01", "2017-12"),
        ("2018-05", "2018-04"),
    ],
)
def test_previous_is_same_length_just_before(label: str, previous: str) -> None:
    period = period_parse(label)
    before = period.previous()
    assert before.label == previous
    assert before.end == period.start - dt.timedelta(days=1)
    assert before.months == period.months
    assert before == period_parse(previous)


def test_contains_is_inclusive() -> None:
    period = period_parse("2018-Q2")
    assert period.contains(dt.date(2018, 4, 1))
    assert period.contains(dt.date(2018, 6, 30))
    assert not period.contains(dt.date(2018, 7, 1))


def test_to_dict() -> None:
    assert period_parse("2018-H2").to_dict() == {
        "label": "2018-H2",
        "start": "2018-07-01",
        "end": "2018-12-31",
    }


@pytest.mark.parametrize("text", ["18", "2018-Q5", "2018-H3", "2018-13", "2018-00", "2018Q1", ""])
def test_bad_labels_say_what_where_and_how(text: str) -> None:
    with pytest.raises(PeriodError) as raised:
        period_parse(text, where="--period")
    error = raised.value
    assert error.text == text
    assert error.where == "--period"
    assert "--period" in str(error)
    assert PERIOD_FORMS in error.fix
    assert isinstance(error, ValueError)
