"""Survey statistics on aggregated counts: Likert means with t-based 95% CIs, chi-square tests
with Cramér's V, Cronbach's alpha.

Everything here takes counts (value → respondents, cell counts, answer patterns → respondents),
never one row per respondent: the engines count, Python does the arithmetic on the counts.

Correction rule of the chi-square test: Yates's continuity correction is applied to 2×2 tables
(one degree of freedom) and to no larger table; this is the default of both
``scipy.stats.chi2_contingency`` and ``pingouin.chi2_independence``. Cramér's V is computed from
the statistic actually reported, as pingouin does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scipy import stats as sps

__all__ = [
    "LOW_N",
    "MIN_EXPECTED",
    "ChiSquare",
    "MeanSummary",
    "chi_square",
    "cronbach_alpha",
    "mean_summary",
]

LOW_N = 30  # fewer valid answers than this: flagged as low n
MIN_EXPECTED = 5.0  # a chi-square cell expecting fewer respondents than this is flagged
CONFIDENCE = 0.95


@dataclass(frozen=True, kw_only=True)
class MeanSummary:
    """Mean of a numeric or Likert item from its value counts; ``sd`` with ``ddof=1``."""

    n: int
    mean: float | None
    sd: float | None
    sem: float | None
    ci95: tuple[float, float] | None  # t-based: mean ± t(0.975, n − 1) · sd / √n

    @property
    def low_n(self) -> bool:
        return self.n < LOW_N


def mean_summary(counts: Mapping[float, int]) -> MeanSummary:
    """Mean, standard deviation and t-based 95% CI of the values behind ``counts``.

    Matches ``numpy.mean``, ``numpy.std(ddof=1)`` and ``scipy.stats.t.interval(0.95, n - 1,
    loc=mean, scale=scipy.stats.sem(values))`` on the expanded values.
    """
    pairs = [(float(value), int(count)) for value, count in counts.items() if count > 0]
    n = sum(count for _, count in pairs)
    if n == 0:
        return MeanSummary(n=0, mean=None, sd=None, sem=None, ci95=None)
    mean = math.fsum(value * count for value, count in pairs) / n
    if n == 1:
        return MeanSummary(n=1, mean=mean, sd=None, sem=None, ci95=None)
    squares = math.fsum(count * (value - mean) ** 2 for value, count in pairs)
    sd = math.sqrt(squares / (n - 1))
    sem = sd / math.sqrt(n)
    if sem == 0.0:
        return MeanSummary(n=n, mean=mean, sd=sd, sem=sem, ci95=(mean, mean))
    low, high = sps.t.interval(CONFIDENCE, n - 1, loc=mean, scale=sem)
    return MeanSummary(n=n, mean=mean, sd=sd, sem=sem, ci95=(float(low), float(high)))


@dataclass(frozen=True, kw_only=True)
class ChiSquare:
    """Pearson's chi-square test of independence on a contingency table."""

    n: int
    chi2: float | None
    dof: int
    p: float | None
    cramers_v: float | None
    expected_min: float | None
    small_cells: int  # cells expecting fewer than MIN_EXPECTED respondents
    yates: bool  # Yates's continuity correction applied (2×2 tables only)
    dropped_rows: tuple[int, ...]  # all-zero rows left out (no expected counts there)
    dropped_columns: tuple[int, ...]

    @property
    def low_expected(self) -> bool:
        return self.small_cells > 0

    @property
    def low_n(self) -> bool:
        return self.n < LOW_N


def chi_square(table: Sequence[Sequence[int]]) -> ChiSquare:
    """Chi-square test on ``table`` (rows × columns of counts); Yates only for 2×2.

    All-zero rows and columns are left out first (they have no expected counts); a table that
    is left with fewer than two rows or columns has no test (``chi2`` is ``None``).
    """
    rows = [list(map(int, row)) for row in table]
    width = max((len(row) for row in rows), default=0)
    if any(len(row) != width for row in rows):
        raise ValueError("every row of a contingency table needs the same number of cells")
    dropped_rows = tuple(i for i, row in enumerate(rows) if sum(row) == 0)
    dropped_columns = tuple(j for j in range(width) if sum(row[j] for row in rows) == 0)
    kept = [
        [count for j, count in enumerate(row) if j not in dropped_columns]
        for i, row in enumerate(rows)
        if i not in dropped_rows
    ]
    n = sum(map(sum, kept))
    r, c = len(kept), (len(kept[0]) if kept else 0)
    dof = (r - 1) * (c - 1) if r > 1 and c > 1 else 0
    if dof == 0:
        return ChiSquare(
            n=n,
            chi2=None,
            dof=0,
            p=None,
            cramers_v=None,
            expected_min=None,
            small_cells=0,
            yates=False,
            dropped_rows=dropped_rows,
            dropped_columns=dropped_columns,
        )
    yates = dof == 1
    result = sps.chi2_contingency(kept, correction=yates)
    chi2 = float(result.statistic)
    expected = [float(value) for row in result.expected_freq for value in row]
    return ChiSquare(
        n=n,
        chi2=chi2,
        dof=int(result.dof),
        p=float(result.pvalue),
        cramers_v=math.sqrt(chi2 / (n * (min(r, c) - 1))),
        expected_min=min(expected),
        small_cells=sum(1 for value in expected if value < MIN_EXPECTED),
        yates=yates,
        dropped_rows=dropped_rows,
        dropped_columns=dropped_columns,
    )


def cronbach_alpha(patterns: Mapping[tuple[float, ...], int]) -> float | None:
    """Cronbach's alpha from answer patterns (one value per item) → respondents.

    The patterns are the complete cases; alpha = k/(k − 1) · (1 − Σ var(item) / var(total)),
    variances with ``ddof=1`` (``pingouin.cronbach_alpha(nan_policy="listwise")``). ``None``
    with fewer than two items, fewer than two respondents or a constant total.
    """
    cases = [(tuple(map(float, p)), int(count)) for p, count in patterns.items() if count > 0]
    if not cases:
        return None
    k = len(cases[0][0])
    n = sum(count for _, count in cases)
    if k < 2 or n < 2:
        return None

    def variance(values: Sequence[tuple[float, int]]) -> float:
        mean = math.fsum(v * w for v, w in values) / n
        return math.fsum(w * (v - mean) ** 2 for v, w in values) / (n - 1)

    item_variances = math.fsum(
        variance([(pattern[i], count) for pattern, count in cases]) for i in range(k)
    )
    total_variance = variance([(math.fsum(pattern), count) for pattern, count in cases])
    if total_variance == 0.0:
        return None
    return k / (k - 1) * (1 - item_variances / total_variance)
