"""Rated indicators: the conflict-of-interest exclusion and the minimum-raters rule.

Rounds on top of the values fixture (tests/scorecard/values_fixture.py):
    R1  2018, departments, min_raters 3   (read)
    R2  2017, departments, min_raters 1   (another period: ignored)
    R3  2018, districts,   min_raters 2   (read for districts)
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.scorecard import (
    Catalogue,
    Indicator,
    IndicatorTable,
    default_catalogue,
    indicator_values,
)
from luodi.scorecard.metrics_base import TOO_FEW_RATERS
from tests.scorecard.values_fixture import PERIOD, dataset_of, fixture_rows

Row = dict[str, Any]


def _round(rid: str, period: str, kind: str, minimum: int) -> Row:
    return {
        "round_id": rid,
        "name": f"{period}年度评价",
        "period": period,
        "subject_kind": kind,
        "opened_on": dt.date(2019, 1, 7),
        "min_raters": minimum,
    }


def _scores(
    round_id: str,
    subject: str,
    kind: str,
    rater: str,
    scores: tuple[int, int],
    *,
    department: str | None = None,
    region: str | None = None,
) -> list[Row]:
    return [
        {
            "round_id": round_id,
            "subject_id": subject,
            "rater_kind": kind,
            "rater_id": rater,
            "rater_department_id": department,
            "rater_region_id": region,
            "criterion": criterion,
            "score": score,
            "submitted_at": dt.datetime(2019, 1, 10, 9, 0),
        }
        for criterion, score in zip(("efficiency", "service"), scores, strict=True)
    ]


def _ratings() -> list[Row]:
    rows = [
        # A by superiors: 3 raters -> shown.
        *_scores("R1", "A", "superior", "S1", (4, 5), department="LG"),
        *_scores("R1", "A", "superior", "S2", (3, 3), department="LG"),
        *_scores("R1", "A", "superior", "S3", (2, 4), department="LG"),
        # A by peers: P-A is of department A itself -> excluded; 2 raters left < 3.
        *_scores("R1", "A", "peer", "P-B", (4, 4), department="B"),
        *_scores("R1", "A", "peer", "P-V", (2, 2), department="V"),
        *_scores("R1", "A", "peer", "P-A", (5, 5), department="A"),
        # B by peers: 3 raters -> shown.
        *_scores("R1", "B", "peer", "P-A", (3, 3), department="A"),
        *_scores("R1", "B", "peer", "P-V", (4, 4), department="V"),
        *_scores("R1", "B", "peer", "P-Q", (5, 5), department="Q"),
        # B by targets: 2 raters < 3.
        *_scores("R1", "B", "target", "T-1", (5, 5), region="D1"),
        *_scores("R1", "B", "target", "T-2", (1, 1), region="D2"),
        # V by one superior.
        *_scores("R1", "V", "superior", "S1", (3, 3), department="LG"),
        # 2017: neither its scores nor its conflict count in 2018.
        *_scores("R2", "A", "superior", "S1", (1, 1), department="LG"),
        *_scores("R2", "B", "peer", "P-B", (5, 5), department="B"),
        # Districts: a department sitting in D1 rating D1 is excluded; targets who live and
        # work in D1 rating D1 are what the round asks for, not a conflict.
        *_scores("R3", "D1", "peer", "P-D1", (1, 1), department="B", region="D1"),
        *_scores("R3", "D1", "target", "T-1", (5, 5), region="D1"),
        *_scores("R3", "D1", "target", "T-2", (3, 3), region="D1"),
        *_scores("R3", "D1", "target", "T-3", (4, 4), region="D1"),
        *_scores("R3", "D2", "peer", "P-D1", (2, 2), department="B", region="D1"),
        *_scores("R3", "D2", "target", "T-4", (2, 2), region="D2"),
    ]
    return [{"rating_id": f"RT{n}", **row} for n, row in enumerate(rows, start=1)]


@cache
def _dataset() -> Dataset:
    rows = fixture_rows()
    rows["rating_rounds"] = [
        _round("R1", "2018", "department", 3),
        _round("R2", "2017", "department", 1),
        _round("R3", "2018", "region", 2),
    ]
    rows["ratings"] = _ratings()
    return dataset_of(rows)


def _catalogue() -> Catalogue:
    base = default_catalogue()
    by_criterion = tuple(
        Indicator(
            id=f"superior_{criterion}",
            name_zh=f"上级评价（{criterion}）",
            name_en=f"Superiors on {criterion}",
            group="rated",
            metric="rating_mean",
            params={"rater_kind": "superior", "criterion": criterion},
            direction="higher",
            unit="分",
            sources=("rating_rounds", "ratings"),
        )
        for criterion in ("efficiency", "service")
    )
    return Catalogue(
        indicators=(*base.indicators, *by_criterion), criteria=base.criteria, schemes=base.schemes
    )


@cache
def _table(kind: str) -> IndicatorTable:
    return indicator_values(
        dataset=_dataset(), catalogue=_catalogue(), period=PERIOD, subject_kind=kind
    )


def test_mean_over_all_criteria_when_enough_raters() -> None:
    got = _table("department").value("rating_superior", "A")
    # (4 + 5 + 3 + 3 + 2 + 4) / 6 scores; 3 distinct raters.
    assert got.value == pytest.approx(21 / 6)
    assert (got.numerator, got.denominator, got.n) == (21, 6, 3)
    assert got.note is None


def test_mean_of_one_criterion() -> None:
    table = _table("department")
    assert table.value("superior_efficiency", "A").value == pytest.approx((4 + 3 + 2) / 3)
    assert table.value("superior_service", "A").value == pytest.approx((5 + 3 + 4) / 3)


def test_own_department_is_excluded_and_counted() -> None:
    table = _table("department")
    # P-A's two scores of A are dropped: only 2 distinct peers remain, below min_raters 3.
    peers = table.value("rating_peer", "A")
    assert peers.value is None
    assert peers.note == TOO_FEW_RATERS
    assert peers.n == 2
    # 2 ratings excluded in 2018; 2017's own-department rating of B is not counted here.
    assert table.excluded_ratings == 2
    # P-A may rate B: B's peers are A, V and Q -> (3 + 3 + 4 + 4 + 5 + 5) / 6.
    assert table.value("rating_peer", "B").value == pytest.approx(4.0)


def test_too_few_raters_hides_the_mean() -> None:
    table = _table("department")
    targets = table.value("rating_target", "B")
    assert (targets.value, targets.n, targets.note) == (None, 2, TOO_FEW_RATERS)
    superior = table.value("rating_superior", "V")
    assert (superior.value, superior.n) == (None, 1)
    # Nobody rated Q at all: zero raters is too few as well.
    nobody = table.value("rating_superior", "Q")
    assert (nobody.value, nobody.n, nobody.note) == (None, 0, TOO_FEW_RATERS)


def test_only_the_periods_rounds_are_read() -> None:
    table = _table("department")
    assert table.rating_rounds == ("R1",)
    assert table.min_raters == 3
    # R2's score of 1 for A would have pulled the mean down.
    assert table.value("rating_superior", "A").value == pytest.approx(3.5)


def test_district_exclusion_by_rater_region() -> None:
    table = _table("region")
    assert table.rating_rounds == ("R3",)
    assert table.min_raters == 2
    # P-D1's two scores of its own district D1.
    assert table.excluded_ratings == 2
    d1 = table.value("rating_target", "D1")
    # Every target of D1 counts: (5 + 5 + 3 + 3 + 4 + 4) / 6, 3 raters >= min 2.
    assert d1.value == pytest.approx(4.0)
    assert d1.n == 3
    d1_peer = table.value("rating_peer", "D1")
    assert (d1_peer.value, d1_peer.n, d1_peer.note) == (None, 0, TOO_FEW_RATERS)
    # P-D1 may rate D2, but alone it is below the minimum; so is D2's one target.
    for kind in ("rating_peer", "rating_target"):
        d2 = table.value(kind, "D2")
        assert (d2.value, d2.n, d2.note) == (None, 1, TOO_FEW_RATERS)


def test_a_lower_minimum_shows_the_mean() -> None:
    rows = fixture_rows()
    rows["rating_rounds"] = [_round("R1", "2018", "department", 2)]
    rows["ratings"] = [r for r in _ratings() if r["round_id"] == "R1"]
    table = indicator_values(
        dataset=dataset_of(rows), catalogue=_catalogue(), period=PERIOD, subject_kind="department"
    )
    # With min_raters 2 the two remaining peers of A are enough: (4 + 4 + 2 + 2) / 4.
    assert table.value("rating_peer", "A").value == pytest.approx(3.0)
    assert table.value("rating_superior", "V").value is None
