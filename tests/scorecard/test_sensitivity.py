"""Sensitivity of the ranking to the weight of process and rated indicators (0 … 1)."""

from __future__ import annotations

import pytest
from scipy import stats as sps

from luodi.scorecard.catalogue import WeightingScheme
from luodi.scorecard.scoring import (
    PROCESS_WEIGHTS,
    SchemeScores,
    Sensitivity,
    kendall_tau,
    normalised_values,
    scheme_scores,
    sensitivity,
    sensitivity_scheme,
)
from tests.scorecard.scoring_support import BALANCED, HARD_ONLY, INDICATORS, ROWS, table_of

SUBJECTS = sorted(ROWS)
NORMALISED = normalised_values(table=table_of(), indicators=INDICATORS)


def _scored(scheme: WeightingScheme) -> SchemeScores:
    return scheme_scores(
        normalised=NORMALISED, indicators=INDICATORS, scheme=scheme, subject_ids=SUBJECTS
    )


def _sensitivity(scheme: WeightingScheme = BALANCED) -> Sensitivity:
    return sensitivity(
        normalised=NORMALISED,
        indicators=INDICATORS,
        scheme=scheme,
        hard_only=_scored(HARD_ONLY),
        subject_ids=SUBJECTS,
    )


def test_steps_of_a_tenth() -> None:
    assert PROCESS_WEIGHTS == (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    result = _sensitivity()
    assert result.process_weights == PROCESS_WEIGHTS
    assert all(len(ranks) == 11 for ranks in result.ranks.values())
    assert len(result.kendall_tau) == 11


def test_weight_zero_is_the_hard_only_ranking_with_tau_one() -> None:
    result = _sensitivity()
    hard = _scored(HARD_ONLY)
    assert {sid: ranks[0] for sid, ranks in result.ranks.items()} == dict(hard.ranks)
    assert result.kendall_tau[0] == pytest.approx(1.0)


def test_the_schemes_own_weight_gives_its_ranking() -> None:
    # balanced gives process and rated 0.35 + 0.25 = 0.6 of the weight
    result = _sensitivity()
    balanced = _scored(BALANCED)
    at_06 = PROCESS_WEIGHTS.index(0.6)
    assert {sid: ranks[at_06] for sid, ranks in result.ranks.items()} == dict(balanced.ranks)


def test_weight_one_by_hand_and_tau_against_scipy() -> None:
    result = _sensitivity()
    # p = 1: hard 0, process 0.35/0.6, rated 0.25/0.6 of the weight
    # D1: (0.35 × 0 + 0.25 × 0.4) / 0.6 = 0.167; D2: 1; D3 (rated missing): 0.708; D4: 0
    assert {sid: ranks[-1] for sid, ranks in result.ranks.items()} == {
        "D1": 3,
        "D2": 1,
        "D3": 2,
        "D4": 4,
    }
    expected = sps.kendalltau([1, 2, 3, 3], [3, 1, 2, 4]).statistic
    assert result.kendall_tau[-1] == pytest.approx(expected)
    assert expected < 1.0


def test_group_weights_at_p_keep_the_schemes_proportions() -> None:
    at = sensitivity_scheme(BALANCED, process_weight=0.3, groups=["hard", "process", "rated"])
    assert at.group_weight("hard") == pytest.approx(0.7)
    assert at.group_weight("process") == pytest.approx(0.3 * 0.35 / 0.6)
    assert at.group_weight("rated") == pytest.approx(0.3 * 0.25 / 0.6)


def test_hard_only_scheme_shares_the_process_weight_equally() -> None:
    at = sensitivity_scheme(HARD_ONLY, process_weight=0.5, groups=["hard", "process", "rated"])
    assert at.group_weight("process") == pytest.approx(0.25)
    assert at.group_weight("rated") == pytest.approx(0.25)
    only_hard = sensitivity_scheme(HARD_ONLY, process_weight=1.0, groups=["hard"])
    assert only_hard.group_weight("hard") == 1.0  # nothing else to weigh


def test_kendall_tau_undefined_cases() -> None:
    assert kendall_tau({"a": 1}, {"a": 1}) is None
    assert kendall_tau({"a": 1, "b": None}, {"a": 1, "b": 2}) is None
    # one ranking ties everyone: tau-b is undefined
    assert kendall_tau({"a": 1, "b": 2}, {"a": 1, "b": 1}) is None
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 3, "b": 2, "c": 1}) == pytest.approx(-1.0)
