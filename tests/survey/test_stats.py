"""Survey statistics on counts, cross-checked against scipy and pingouin to 1e-9."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest
from scipy import stats as sps

from luodi.survey.stats import LOW_N, chi_square, cronbach_alpha, mean_summary

TOL = 1e-9


def _expand(counts: dict[float, int]) -> np.ndarray:
    return np.repeat(np.array(list(counts), dtype=float), list(counts.values()))


@pytest.mark.parametrize(
    "counts",
    [
        {1: 3, 2: 7, 3: 4, 4: 1, 5: 0},
        {1: 40, 2: 61, 3: 38, 4: 17, 5: 4},
        {2.5: 1, 7.0: 2},
        {3: 10},
    ],
)
def test_mean_and_t_interval_match_scipy(counts: dict[float, int]) -> None:
    values = _expand(counts)
    summary = mean_summary(counts)
    assert summary.n == len(values)
    assert summary.mean == pytest.approx(values.mean(), abs=TOL)
    assert summary.sd == pytest.approx(values.std(ddof=1), abs=TOL)
    assert summary.sem == pytest.approx(sps.sem(values), abs=TOL)
    assert summary.ci95 is not None
    if values.std() > 0:
        low, high = sps.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=sps.sem(values))
        assert summary.ci95 == pytest.approx((low, high), abs=TOL)
    assert summary.low_n is (len(values) < LOW_N)


def test_mean_of_nothing_and_of_one() -> None:
    assert mean_summary({}).mean is None
    one = mean_summary({4: 1})
    assert (one.mean, one.sd, one.ci95) == (4.0, None, None)


TABLES = [
    [[12, 5], [7, 14]],  # 2×2: Yates
    [[1, 2, 1], [9, 12, 14], [11, 39, 47]],
    [[21, 24], [8, 7], [43, 52]],
    [[3, 0, 2], [0, 0, 0], [4, 6, 1]],  # an all-zero row is left out
]


@pytest.mark.parametrize("table", TABLES)
def test_chi_square_matches_scipy(table: list[list[int]]) -> None:
    result = chi_square(table)
    kept = np.array([row for row in table if sum(row)])
    kept = kept[:, kept.sum(axis=0) > 0]
    reference = sps.chi2_contingency(kept, correction=kept.shape == (2, 2))
    assert result.chi2 == pytest.approx(reference.statistic, abs=TOL)
    assert result.p == pytest.approx(reference.pvalue, abs=TOL)
    assert result.dof == reference.dof
    assert result.yates is (kept.shape == (2, 2))
    assert result.expected_min == pytest.approx(reference.expected_freq.min(), abs=TOL)
    assert result.small_cells == int((reference.expected_freq < 5).sum())
    assert result.low_expected is (result.small_cells > 0)
    n = int(kept.sum())
    v = math.sqrt(reference.statistic / (n * (min(kept.shape) - 1)))
    assert result.cramers_v == pytest.approx(v, abs=TOL)


@pytest.mark.filterwarnings("ignore:Low count", "ignore::RuntimeWarning")
@pytest.mark.parametrize("table", TABLES[:3])
def test_chi_square_matches_pingouin(table: list[list[int]]) -> None:
    pg = pytest.importorskip("pingouin")
    rows = [
        (f"r{i}", f"c{j}")
        for i, row in enumerate(table)
        for j, n in enumerate(row)
        for _ in range(n)
    ]
    data = pd.DataFrame(rows, columns=["x", "y"])
    _, _, tests = pg.chi2_independence(data, x="x", y="y")  # correction=True: Yates for dof 1
    pearson = tests.set_index("test").loc["pearson"]
    result = chi_square(table)
    assert result.chi2 == pytest.approx(pearson["chi2"], abs=TOL)
    assert result.p == pytest.approx(pearson["pval"], abs=TOL)
    assert result.cramers_v == pytest.approx(pearson["cramer"], abs=TOL)
    assert result.dof == int(pearson["dof"])


def test_chi_square_without_a_second_row_has_no_test() -> None:
    result = chi_square([[3, 4], [0, 0]])
    assert result.chi2 is None
    assert result.dof == 0
    assert result.dropped_rows == (1,)


HAND = [  # 8 respondents × 3 items, one incomplete
    (1, 2, 2),
    (2, 2, 3),
    (3, 4, 3),
    (4, 4, 5),
    (5, 5, 4),
    (2, 1, 2),
    (4, 3, 4),
    (3, None, 1),
]


def test_cronbach_alpha_matches_pingouin_on_complete_cases() -> None:
    pg = pytest.importorskip("pingouin")
    patterns: dict[tuple[float, ...], int] = {}
    for row in HAND:
        if None not in row:
            key = tuple(float(v) for v in row if v is not None)
            patterns[key] = patterns.get(key, 0) + 1
    data = pd.DataFrame(HAND, columns=["a", "b", "c"], dtype=float)
    alpha, _ = pg.cronbach_alpha(data=data, nan_policy="listwise")
    assert cronbach_alpha(patterns) == pytest.approx(alpha, abs=TOL)


def test_cronbach_alpha_needs_two_items_and_two_cases() -> None:
    assert cronbach_alpha({(1.0,): 5}) is None
    assert cronbach_alpha({(1.0, 2.0): 1}) is None
    assert cronbach_alpha({}) is None
