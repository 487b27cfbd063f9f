"""Normalisation, weighted scores, ranks and movers on the hand-built table (scoring_support)."""

from __future__ import annotations

import math

import pytest

from luodi.scorecard.catalogue import WeightingScheme
from luodi.scorecard.scoring import (
    SchemeScores,
    competition_ranks,
    movers,
    normalise,
    normalised_values,
    ranking_order,
    scheme_scores,
    trend,
)
from tests.scorecard.scoring_support import BALANCED, HARD_ONLY, INDICATORS, ROWS, table_of

SUBJECTS = sorted(ROWS)


def _scores(scheme: WeightingScheme) -> SchemeScores:
    table = table_of()
    return scheme_scores(
        normalised=normalised_values(table=table, indicators=INDICATORS),
        indicators=INDICATORS,
        scheme=scheme,
        subject_ids=SUBJECTS,
    )


def test_min_max_normalisation_by_hand() -> None:
    normalised = normalised_values(table=table_of(), indicators=INDICATORS)
    # talents 10, 6, 2, 2: (x - 2) / 8
    assert normalised["talents"] == {"D1": 1.0, "D2": 0.5, "D3": 0.0, "D4": 0.0}
    # on time 0.5, 0.9, 0.8, 0.5: (x - 0.5) / 0.4
    assert normalised["on_time"]["D3"] == pytest.approx(0.75)
    # exceptions, lower is better, 4, 1, 2, 4: (4 - x) / 3
    assert normalised["exceptions"] == pytest.approx({"D1": 0.0, "D2": 1.0, "D3": 2 / 3, "D4": 0.0})
    # targets 3.0, 4.5, None, 2.0: (x - 2) / 2.5; the missing value stays missing
    assert normalised["targets"]["D1"] == pytest.approx(0.4)
    assert normalised["targets"]["D3"] is None


def test_all_equal_values_all_score_one_and_missing_are_left_out() -> None:
    assert normalise({"a": 3.0, "b": 3.0, "c": None}, direction="higher") == {
        "a": 1.0,
        "b": 1.0,
        "c": None,
    }
    assert normalise({"a": 3.0, "b": 3.0}, direction="lower") == {"a": 1.0, "b": 1.0}
    assert normalise({"a": None, "b": float("nan")}, direction="higher") == {"a": None, "b": None}


def test_hard_only_scores_and_tied_ranks() -> None:
    scores = _scores(HARD_ONLY)
    # hard mean of talents and money: D1 (1 + 1) / 2, D2 (0.5 + 0.5) / 2, D3 = D4 = 0
    assert dict(scores.scores) == pytest.approx({"D1": 1.0, "D2": 0.5, "D3": 0.0, "D4": 0.0})
    assert dict(scores.ranks) == {"D1": 1, "D2": 2, "D3": 3, "D4": 3}
    assert scores.order == ("D1", "D2", "D3", "D4")  # the tie ordered by id
    assert dict(scores.coverage) == pytest.approx(dict.fromkeys(SUBJECTS, 1.0))


def test_balanced_scores_by_hand() -> None:
    scores = _scores(BALANCED)
    # D1: 0.4 × 1 + 0.35 × mean(0, 0) + 0.25 × 0.4 = 0.5
    # D2: 0.4 × 0.5 + 0.35 × mean(1, 1) + 0.25 × 1 = 0.8
    # D3: rated missing, group weights renormalised over hard and process (0.75):
    #     (0.4 × 0 + 0.35 × mean(0.75, 2/3)) / 0.75 = 0.35 × 0.708333 / 0.75 = 0.330556
    # D4: 0
    assert scores.scores["D1"] == pytest.approx(0.5)
    assert scores.scores["D2"] == pytest.approx(0.8)
    assert scores.scores["D3"] == pytest.approx(0.35 * (0.75 + 2 / 3) / 2 / 0.75)
    assert scores.scores["D4"] == pytest.approx(0.0)
    assert scores.order == ("D2", "D1", "D3", "D4")
    # D3's score rests on hard and process only: 0.4 + 0.35 of the full weight 1.0
    assert scores.coverage["D3"] == pytest.approx(0.75)
    assert scores.coverage["D1"] == pytest.approx(1.0)


def test_indicator_weights_within_a_group() -> None:
    scheme = WeightingScheme(
        id="money_counts",
        name_zh="资金为重",
        group_weights={"hard": 1},
        indicator_weights={"talents": 0, "money": 3},
    )
    table = table_of({"D1": (10, 200, 0.5, 4, 3.0), "D2": (2, 1000, 0.9, 1, 4.5)})
    scores = scheme_scores(
        normalised=normalised_values(table=table, indicators=INDICATORS),
        indicators=INDICATORS,
        scheme=scheme,
        subject_ids=["D1", "D2"],
    )
    # talents weigh 0: only money counts, where D2 is best
    assert scores.order == ("D2", "D1")
    assert scores.scores["D1"] == 0.0


def test_partial_coverage_within_a_group() -> None:
    table = table_of({"D1": (10, None, 0.5, 4, 3.0), "D2": (2, 600, 0.9, 1, 4.5)})
    scores = scheme_scores(
        normalised=normalised_values(table=table, indicators=INDICATORS),
        indicators=INDICATORS,
        scheme=BALANCED,
        subject_ids=["D1", "D2"],
    )
    # D1 lacks money, half of the hard group's 0.4: coverage 1 - 0.2
    assert scores.coverage["D1"] == pytest.approx(0.8)
    # D1: hard mean over talents only = 1; process 0, 0; rated 0 → 0.4 × 1
    assert scores.scores["D1"] == pytest.approx(0.4)


def test_a_subject_without_any_value_is_unranked_and_last() -> None:
    table = table_of({"D0": (None,) * 5, "D1": (10, 1000, 0.5, 4, 3.0), "D2": (6, 600, 1, 1, 4)})
    scores = scheme_scores(
        normalised=normalised_values(table=table, indicators=INDICATORS),
        indicators=INDICATORS,
        scheme=BALANCED,
        subject_ids=["D0", "D1", "D2"],
    )
    assert scores.scores["D0"] is None
    assert scores.ranks["D0"] is None
    assert scores.coverage["D0"] == 0.0
    assert scores.order[-1] == "D0"


def test_competition_ranking_1224_and_float_noise_ties() -> None:
    assert competition_ranks({"a": 0.9, "b": 0.5, "c": 0.5, "d": 0.1}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
    }
    # 0.1 + 0.2 and 0.3 differ in the last bit and must still tie
    ranks = competition_ranks({"x": 0.1 + 0.2, "y": 0.3, "z": 0.0})
    assert ranks == {"x": 1, "y": 1, "z": 3}
    assert ranking_order({"b": 2, "a": 2, "c": None, "d": 1}) == ("d", "a", "b", "c")


def test_movers_sorted_by_size_then_id() -> None:
    hard, balanced = _scores(HARD_ONLY), _scores(BALANCED)
    found = movers(
        hard_only=hard.ranks, balanced=balanced.ranks, names={"D1": "部门D1", "D2": "部门D2"}
    )
    # hard 1, 2, 3, 3 → balanced 2, 1, 3, 4: D1 −1, D2 +1, D4 −1; D3 stays
    assert [(m.id, m.hard_only_rank, m.balanced_rank, m.change) for m in found] == [
        ("D1", 1, 2, -1),
        ("D2", 2, 1, 1),
        ("D4", 3, 4, -1),
    ]
    assert found[0].name == "部门D1"
    assert found[2].name == "D4"  # no name known: the id


def test_movers_largest_first() -> None:
    found = movers(
        hard_only={"a": 1, "b": 2, "c": 3, "d": 4},
        balanced={"a": 4, "b": 1, "c": 2, "d": 3},
        names={},
    )
    assert [m.id for m in found] == ["a", "b", "c", "d"]
    assert found[0].change == -3


def test_trend() -> None:
    assert trend(5.0, 4.0) == "up"
    assert trend(0.2, 0.3) == "down"
    assert trend(0.1 + 0.2, 0.3) == "flat"
    assert trend(None, 1.0) is None
    assert trend(1.0, None) is None
    assert trend(math.nan, 1.0) is None
