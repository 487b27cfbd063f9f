"""The desk's rates on ten inquiries whose every rate is worked out by hand below."""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw
import pytest

from luodi.contract import Dataset
from luodi.dialogue.rates import (
    RATE_NAMES,
    DialogueRates,
    GroupRates,
    InquiryColumnsMissing,
    dialogue_rates,
)
from luodi.engines import get_engine

TODAY = dt.date(2018, 3, 1)  # a Thursday
D = dt.date


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


def _q(
    inquiry_id: str,
    *,
    submitted: dt.date,
    department: str | None,
    named: str | None,
    first: str | None,
    status: str,
    accept_due: dt.date,
    answer_due: dt.date,
    accepted: dt.date | None = None,
    answered: dt.date | None = None,
    satisfaction: int | None = None,
    contest: str | None = None,
    reopens: int = 0,
) -> dict[str, Any]:
    closed = status in ("confirmed", "closed", "unconfirmed")
    return {
        "inquiry_id": inquiry_id,
        "kind": "inquiry",
        "channel": "web",
        "submitted_at": _at(submitted, 9),
        "text": "问题",
        "department_id": department,
        "status": status,
        "answered_at": _at(answered, 16) if answered else None,
        "resolved": {"confirmed": True, "closed": False}.get(status),
        "satisfaction": satisfaction,
        "named_department_id": named,
        "first_department_id": first,
        "accepted_at": _at(accepted, 17) if accepted else None,
        "accept_due_on": accept_due,
        "answer_due_on": answer_due,
        "closed_at": _at(TODAY - dt.timedelta(days=1)) if closed else None,
        "reopen_count": reopens,
        "rating_contest": contest,
    }


ROWS = [
    # Department A. Q1: all on time, confirmed solved, rated 5.
    _q("Q1", submitted=D(2018, 1, 31), department="A", named="A", first="A", status="confirmed",
       accepted=D(2018, 2, 1), accept_due=D(2018, 2, 1),
       answered=D(2018, 2, 5), answer_due=D(2018, 2, 8), satisfaction=5),
    # Q2: first sent to B, accepted and answered late, reopened once, then closed unsolved;
    # rated 2, and the talent office upheld the department's contest: the rating is not counted.
    _q("Q2", submitted=D(2018, 2, 1), department="A", named=None, first="B", status="closed",
       accepted=D(2018, 2, 6), accept_due=D(2018, 2, 2),
       answered=D(2018, 2, 20), answer_due=D(2018, 2, 12), satisfaction=2, contest="upheld",
       reopens=1),
    # Q3: answered on its due day (on time), never confirmed.
    _q("Q3", submitted=D(2018, 2, 2), department="A", named="A", first="A", status="unconfirmed",
       accepted=D(2018, 2, 3), accept_due=D(2018, 2, 5),
       answered=D(2018, 2, 10), answer_due=D(2018, 2, 10)),
    # Q4: the submitter named B; reopened, its new deadline not yet come; rated 1 with a
    # contest pending, which still counts.
    _q("Q4", submitted=D(2018, 2, 6), department="A", named="B", first="A", status="reopened",
       accepted=D(2018, 2, 7), accept_due=D(2018, 2, 7),
       answered=D(2018, 2, 12), answer_due=D(2018, 3, 5), satisfaction=1, contest="pending",
       reopens=1),
    # Q5: accepted on time, answer due yesterday and not given: overdue.
    _q("Q5", submitted=D(2018, 2, 26), department="A", named="A", first="A", status="accepted",
       accepted=D(2018, 2, 26), accept_due=D(2018, 2, 27), answer_due=D(2018, 2, 28)),
    # Department B. Q6: never accepted, acceptance due yesterday: overdue.
    _q("Q6", submitted=D(2018, 2, 27), department="B", named="B", first="B", status="routed",
       accept_due=D(2018, 2, 28), answer_due=D(2018, 3, 9)),
    # Q7: first sent to A; answered on time, waiting for the citizen (open, not overdue).
    _q("Q7", submitted=D(2018, 2, 20), department="B", named=None, first="A", status="answered",
       accepted=D(2018, 2, 20), accept_due=D(2018, 2, 21),
       answered=D(2018, 2, 23), answer_due=D(2018, 3, 2)),
    # Q8: accepted and answered a day late, confirmed solved, rated 4; contest rejected.
    _q("Q8", submitted=D(2018, 1, 8), department="B", named=None, first="B", status="confirmed",
       accepted=D(2018, 1, 10), accept_due=D(2018, 1, 9),
       answered=D(2018, 1, 19), answer_due=D(2018, 1, 18), satisfaction=4, contest="rejected"),
    # Q9: acceptance due today: not due yet, so in no denominator of the deadlines.
    _q("Q9", submitted=D(2018, 2, 28), department="B", named="B", first="B", status="routed",
       accept_due=D(2018, 3, 1), answer_due=D(2018, 3, 12)),
    # No department: at nobody's desk, acceptance overdue.
    _q("Q10", submitted=D(2018, 2, 26), department=None, named=None, first=None,
       status="submitted", accept_due=D(2018, 2, 27), answer_due=D(2018, 3, 8)),
]  # fmt: skip

# By hand, (numerator, denominator) per rate:
HAND: dict[str | None, dict[str, tuple[int, int]]] = {
    "A": {
        "response_rate": (4, 5),  # Q1 Q3 Q4 Q5 in time; Q2 late
        "on_time_rate": (2, 4),  # Q1 Q3 of Q1 Q2 Q3 Q5 (Q4 reopened, new due not come)
        "resolution_rate": (1, 3),  # Q1 of Q1 Q2 Q3
        "unconfirmed_share": (1, 3),  # Q3
        "satisfaction_rate": (1, 2),  # Q1 (5) of Q1 and Q4 (1); Q2's upheld contest drops it
        "satisfaction_mean": (6, 2),  # (5 + 1) / 2
        "reopen_rate": (2, 4),  # Q2 Q4 of the answered Q1–Q4
        "knew_department_share": (3, 5),  # Q1 Q3 Q5
        "first_routing_accuracy": (4, 5),  # all but Q2
    },
    "B": {
        "response_rate": (1, 3),  # Q7 in time, Q8 late, Q6 due and not accepted (Q9 not due)
        "on_time_rate": (1, 2),  # Q7 of Q7 Q8
        "resolution_rate": (1, 1),  # Q8
        "unconfirmed_share": (0, 1),
        "satisfaction_rate": (1, 1),  # Q8's 4, contest rejected
        "satisfaction_mean": (4, 1),
        "reopen_rate": (0, 2),  # Q7 Q8 answered
        "knew_department_share": (2, 4),  # Q6 Q9
        "first_routing_accuracy": (3, 4),  # Q6 Q8 Q9; Q7 went to A first
    },
    None: {
        "response_rate": (0, 1),
        "on_time_rate": (0, 0),  # answer due on 8 March
        "resolution_rate": (0, 0),
        "unconfirmed_share": (0, 0),
        "satisfaction_rate": (0, 0),
        "satisfaction_mean": (0, 0),
        "reopen_rate": (0, 0),
        "knew_department_share": (0, 0),  # no department: not in the denominator
        "first_routing_accuracy": (0, 0),
    },
}
COUNTS = {"A": (5, 2, 1), "B": (4, 3, 1), None: (1, 1, 1)}  # submitted, open, overdue_open
TOTAL = {
    "response_rate": (5, 9),
    "on_time_rate": (3, 6),
    "resolution_rate": (2, 4),
    "unconfirmed_share": (1, 4),
    "satisfaction_rate": (2, 3),
    "satisfaction_mean": (10, 3),
    "reopen_rate": (2, 6),
    "knew_department_share": (5, 9),
    "first_routing_accuracy": (7, 9),
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.from_rows({"inquiries": ROWS})


def _check(rates: GroupRates, hand: dict[str, tuple[int, int]]) -> None:
    for name, (numerator, denominator) in hand.items():
        rate = rates.rate(name)
        assert (rate.numerator, rate.denominator) == (numerator, denominator), name
        if denominator == 0:
            assert rate.value is None, name
        else:
            assert rate.value == pytest.approx(numerator / denominator), name


@pytest.mark.parametrize("engine_name", ["duckdb", "polars"])
def test_every_rate_per_department_and_total(dataset: Dataset, engine_name: str) -> None:
    rates = dialogue_rates(inquiries=dataset, today=TODAY, engine=get_engine(engine_name))
    assert [g.group["department_id"] for g in rates.groups] == ["A", "B", None]
    for department, hand in HAND.items():
        group = rates.group(department_id=department)
        _check(group, hand)
        assert (group.submitted, group.open, group.overdue_open) == COUNTS[department]
    _check(rates.total, TOTAL)
    assert (rates.total.submitted, rates.total.open, rates.total.overdue_open) == (10, 6, 3)
    assert rates.total.satisfaction_mean.value == pytest.approx(10 / 3)
    assert len(rates.totals) == 1
    assert rates.totals[0].to_dict() == rates.total.to_dict()


def test_shares_are_fractions_and_dict_keys_are_stable(dataset: Dataset) -> None:
    rates = dialogue_rates(inquiries=dataset, today=TODAY)
    payload = rates.to_dict()
    assert set(payload) == {"today", "by", "period", "groups", "totals", "total"}
    assert payload["today"] == "2018-03-01"
    total = payload["total"]
    assert isinstance(total, dict)
    for name in RATE_NAMES:
        part = total[name]
        assert set(part) == {"value", "numerator", "denominator"}
        assert 0 <= part["numerator"] <= part["denominator"]
        assert part["value"] is None or 0.0 <= part["value"] <= 1.0
    assert {"submitted", "satisfaction_mean", "open", "overdue_open"} <= set(total)


def test_today_moves_the_deadline_denominators(dataset: Dataset) -> None:
    # On 2 March Q9's acceptance (due 1 March) is late too; on-time is unchanged for B
    # because Q6's answer (due 9 March) is still not due.
    later = dialogue_rates(inquiries=dataset, today=dt.date(2018, 3, 2)).group(department_id="B")
    assert (later.response_rate.numerator, later.response_rate.denominator) == (1, 4)
    assert (later.on_time_rate.numerator, later.on_time_rate.denominator) == (1, 2)
    assert later.overdue_open == 2


def test_group_by_whether_the_submitter_knew(dataset: Dataset) -> None:
    rates = dialogue_rates(inquiries=dataset, by=("knew_department",), today=TODAY)
    knew = rates.group(knew_department=True)
    did_not = rates.group(knew_department=False)
    assert knew.submitted == 5  # Q1 Q3 Q5 Q6 Q9
    assert (knew.resolution_rate.numerator, knew.resolution_rate.denominator) == (1, 2)  # Q1/Q1 Q3
    assert did_not.submitted == 5  # Q2 Q4 Q7 Q8 Q10
    assert (did_not.resolution_rate.numerator, did_not.resolution_rate.denominator) == (1, 2)
    assert (knew.response_rate.numerator, knew.response_rate.denominator) == (3, 4)


def test_by_month_with_district_totals(dataset: Dataset) -> None:
    rates = dialogue_rates(inquiries=dataset, period="month", today=TODAY)
    assert [t.period for t in rates.totals] == ["2018-01", "2018-02"]
    january, february = rates.totals
    assert january.submitted == 2  # Q1 Q8
    assert (january.resolution_rate.numerator, january.resolution_rate.denominator) == (2, 2)
    assert february.submitted == 8
    assert [(g.period, g.group["department_id"]) for g in rates.groups] == [
        ("2018-01", "A"),
        ("2018-01", "B"),
        ("2018-02", "A"),
        ("2018-02", "B"),
        ("2018-02", None),
    ]
    assert rates.total.submitted == 10
    quarters = dialogue_rates(inquiries=dataset, period="quarter", by=(), today=TODAY)
    assert [(t.period, t.submitted) for t in quarters.totals] == [("2018Q1", 10)]
    assert [g.group for g in quarters.groups] == [{}]


def test_frames_of_every_kind_give_the_same_rates(dataset: Dataset) -> None:
    import polars as pl

    table = dataset["inquiries"]
    expected = dialogue_rates(inquiries=dataset, today=TODAY).to_dict()
    inputs: list[Any] = [
        table,
        pl.from_arrow(table),
        pl.from_arrow(table).lazy(),  # type: ignore[union-attr]
        nw.from_native(pl.from_arrow(table)),
        get_engine("duckdb").frame(table),
    ]
    for inquiries in inputs:
        got: DialogueRates = dialogue_rates(inquiries=inquiries, today=TODAY)
        assert got.to_dict() == expected


def test_no_inquiries_gives_nulls_not_zeros() -> None:
    rates = dialogue_rates(inquiries=Dataset.empty(), today=TODAY)
    assert rates.groups == ()
    assert rates.total.submitted == 0
    assert all(rates.total.rate(name).value is None for name in RATE_NAMES)


def test_missing_columns_and_bad_keys_are_named(dataset: Dataset) -> None:
    table = dataset["inquiries"].drop_columns(["accept_due_on", "named_department_id"])
    with pytest.raises(InquiryColumnsMissing, match="accept_due_on, named_department_id"):
        dialogue_rates(inquiries=table, today=TODAY)
    with pytest.raises(ValueError, match="unknown group key"):
        dialogue_rates(inquiries=dataset, by=("region",), today=TODAY)
    with pytest.raises(ValueError, match="period must be one of month, quarter"):
        dialogue_rates(inquiries=dataset, period="week", today=TODAY)
