"""Scores from indicator values: normalisation, weighted overall score, ranks, the hard-only
ranking beside the chosen scheme's, the departments that move, and the sensitivity of the
ranking to the weight of process and rated indicators.

Normalisation is the efficacy-coefficient method (功效系数法) without its 60-point floor: per
indicator, across the subjects that have a value, ``(x - min) / (max - min)``, or
``(max - x) / (max - min)`` when lower is better. When every subject has the same value all get
1.0: nobody did worse than anyone. A missing value is left out, never read as 0 (a department
without inquiries has no response rate, not a rate of 0); the subject's weights are renormalised
over the indicators it has, and ``coverage`` says what share of the scheme's weight that was.

Ranks are competition ranks ("1224"): rank 1 is best and ties share the better rank; lists of
ids order ties by id, and subjects without any score come last.

>>> normalise({"a": 2.0, "b": 4.0, "c": None}, direction="higher")
{'a': 0.0, 'b': 1.0, 'c': None}
>>> normalise({"a": 2.0, "b": 4.0}, direction="lower")
{'a': 1.0, 'b': 0.0}
>>> competition_ranks({"a": 0.5, "b": 0.9, "c": 0.5, "d": None, "e": 0.1})
{'a': 2, 'b': 1, 'c': 2, 'd': None, 'e': 4}
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from luodi.scorecard.catalogue import GROUPS, Group, Indicator, WeightingScheme
from luodi.scorecard.values import IndicatorTable

__all__ = [
    "PROCESS_WEIGHTS",
    "Mover",
    "SchemeScores",
    "Sensitivity",
    "Trend",
    "competition_ranks",
    "hard_only_scheme",
    "kendall_tau",
    "movers",
    "normalise",
    "normalised_values",
    "ranking_order",
    "scheme_scores",
    "sensitivity",
    "sensitivity_scheme",
    "trend",
]

Trend = Literal["up", "down", "flat"]

# The non-hard share of the weight, 0 (hard counts only) to 1 (process and ratings only).
PROCESS_WEIGHTS: tuple[float, ...] = tuple(round(step / 10, 1) for step in range(11))

# Scores are sums of products of floats: two subjects the arithmetic makes equal may differ in
# the last bits, and must still tie.
_TIE_DIGITS = 12


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def normalise(values: Mapping[str, float | None], *, direction: str) -> dict[str, float | None]:
    """Min–max to [0, 1] across the subjects with a value, flipped when lower is better."""
    present = {key: v for key, value in values.items() if (v := _finite(value)) is not None}
    if not present:
        return dict.fromkeys(values)
    low, high = min(present.values()), max(present.values())
    spread = high - low
    result: dict[str, float | None] = {}
    for key in values:
        value = present.get(key)
        if value is None:
            result[key] = None
        elif math.isclose(spread, 0.0, abs_tol=1e-12 * max(1.0, abs(high))):
            result[key] = 1.0
        elif direction == "lower":
            result[key] = (high - value) / spread
        else:
            result[key] = (value - low) / spread
    return result


def competition_ranks(scores: Mapping[str, float | None]) -> dict[str, int | None]:
    """Rank 1 = highest; ties share the better rank ("1224"); None stays unranked."""
    rounded = {
        key: round(v, _TIE_DIGITS) for key, s in scores.items() if (v := _finite(s)) is not None
    }
    ordered = sorted(rounded.values(), reverse=True)
    first: dict[float, int] = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {key: (first[rounded[key]] if key in rounded else None) for key in scores}


def ranking_order(ranks: Mapping[str, int | None]) -> tuple[str, ...]:
    """Ids best first; ties by id; unranked ids last, by id."""
    return tuple(sorted(ranks, key=lambda key: (ranks[key] is None, ranks[key] or 0, key)))


def trend(value: float | None, previous: float | None) -> Trend | None:
    """Whether the value rose, fell or stayed against the previous period (raw direction)."""
    now, then = _finite(value), _finite(previous)
    if now is None or then is None:
        return None
    if math.isclose(now, then, rel_tol=1e-9, abs_tol=1e-12):
        return "flat"
    return "up" if now > then else "down"


def normalised_values(
    *, table: IndicatorTable, indicators: Sequence[Indicator]
) -> dict[str, dict[str, float | None]]:
    """Per indicator id, per subject id: the normalised value (None where the value is None)."""
    subject_ids = [subject.id for subject in table.subjects]
    return {
        indicator.id: normalise(
            {sid: table.value(indicator.id, sid).value for sid in subject_ids},
            direction=indicator.direction,
        )
        for indicator in indicators
    }


@dataclass(frozen=True, kw_only=True)
class SchemeScores:
    """Overall scores under one scheme: score and coverage per subject, ranks, the ranking."""

    scheme_id: str
    scores: Mapping[str, float | None]
    coverage: Mapping[str, float]
    ranks: Mapping[str, int | None]
    order: tuple[str, ...]


def _mean(pairs: list[tuple[float, float]]) -> float:
    total = sum(weight for weight, _ in pairs)
    return sum(weight * value for weight, value in pairs) / total


def scheme_scores(
    *,
    normalised: Mapping[str, Mapping[str, float | None]],
    indicators: Sequence[Indicator],
    scheme: WeightingScheme,
    subject_ids: Sequence[str],
) -> SchemeScores:
    """Overall = Σ group weight × weighted mean of the group's normalised values, with the
    group weights renormalised over the groups the subject has a value in.

    A group with weight 0, an indicator with weight 0 and an indicator missing for the subject
    all drop out; ``coverage`` is the share of the scheme's full weight the subject's score
    rests on (1.0 when nothing was missing).
    """
    members: dict[str, list[tuple[str, float]]] = {}
    for indicator in indicators:
        weight = scheme.indicator_weight(indicator.id)
        if weight > 0 and scheme.group_weight(indicator.group) > 0:
            members.setdefault(indicator.group, []).append((indicator.id, weight))
    full = sum(scheme.group_weight(group) for group in members)
    scores: dict[str, float | None] = {}
    coverage: dict[str, float] = {}
    for sid in subject_ids:
        group_means: list[tuple[float, float]] = []
        covered = 0.0
        for group, weighted in members.items():
            group_weight = scheme.group_weight(group)
            in_group = sum(weight for _, weight in weighted)
            pairs = [
                (weight, value)
                for iid, weight in weighted
                if (value := normalised.get(iid, {}).get(sid)) is not None
            ]
            if pairs:
                group_means.append((group_weight, _mean(pairs)))
                covered += group_weight / full * sum(w for w, _ in pairs) / in_group
        scores[sid] = _mean(group_means) if group_means else None
        coverage[sid] = covered
    ranks = competition_ranks(scores)
    return SchemeScores(
        scheme_id=scheme.id,
        scores=MappingProxyType(scores),
        coverage=MappingProxyType(coverage),
        ranks=MappingProxyType(ranks),
        order=ranking_order(ranks),
    )


def hard_only_scheme(scheme: WeightingScheme) -> WeightingScheme:
    """A hard-count-only scheme with the indicator weights of ``scheme`` (for catalogues that
    define no ``hard_only``; the default catalogue does)."""
    return WeightingScheme(
        id="hard_only",
        name_zh="仅硬指标方案",
        name_en="Hard counts only",
        group_weights={"hard": 1.0, "process": 0.0, "rated": 0.0},
        indicator_weights=dict(scheme.indicator_weights),
    )


@dataclass(frozen=True, kw_only=True)
class Mover:
    """A subject whose rank differs between the hard-only and the chosen scheme."""

    id: str
    name: str
    hard_only_rank: int
    balanced_rank: int

    @property
    def change(self) -> int:
        """Places gained under the chosen scheme (positive = moved up)."""
        return self.hard_only_rank - self.balanced_rank


def movers(
    *,
    hard_only: Mapping[str, int | None],
    balanced: Mapping[str, int | None],
    names: Mapping[str, str],
) -> tuple[Mover, ...]:
    """Subjects ranked under both schemes whose rank changes, largest move first, then by id."""
    moved = [
        Mover(id=sid, name=names.get(sid, sid), hard_only_rank=before, balanced_rank=after)
        for sid, before in hard_only.items()
        if before is not None and (after := balanced.get(sid)) is not None and after != before
    ]
    return tuple(sorted(moved, key=lambda m: (-abs(m.change), m.id)))


def kendall_tau(first: Mapping[str, int | None], second: Mapping[str, int | None]) -> float | None:
    """Kendall's tau-b of two rankings over the subjects ranked in both; None when undefined
    (fewer than two subjects, or one ranking ties everyone)."""
    common = sorted(sid for sid in first if first[sid] is not None and second.get(sid) is not None)
    if len(common) < 2:
        return None
    # Imported here: scipy takes a while to load and only the sensitivity needs it.
    from scipy import stats as sps

    result = sps.kendalltau([first[s] for s in common], [second[s] for s in common])
    tau = float(result.statistic)
    # Rounded so that identical rankings read 1.0, not 0.9999999999999998.
    return round(tau, 10) if math.isfinite(tau) else None


def sensitivity_scheme(
    scheme: WeightingScheme, *, process_weight: float, groups: Sequence[str]
) -> WeightingScheme:
    """``scheme`` with hard weighing 1 − p and the other groups sharing p in the scheme's
    proportions (equally when the scheme gives them nothing, e.g. hard_only itself)."""
    others = [group for group in GROUPS if group != "hard" and group in groups]
    shares = {group: scheme.group_weight(group) for group in others}
    total = sum(shares.values())
    if total <= 0:
        shares = dict.fromkeys(others, 1.0)
        total = float(len(others)) or 1.0
    weights: dict[Group, float] = {"hard": 1.0 - process_weight}
    for group, share in shares.items():
        weights[group] = process_weight * share / total
    # p = 1 with no non-hard group would leave nothing to weigh; keep the hard counts then.
    if sum(weights.values()) <= 0:
        weights["hard"] = 1.0
    return WeightingScheme(
        id=f"{scheme.id}@{process_weight:.1f}",
        name_zh=scheme.name_zh,
        name_en=scheme.name_en,
        group_weights=weights,
        indicator_weights=dict(scheme.indicator_weights),
    )


@dataclass(frozen=True, kw_only=True)
class Sensitivity:
    """Ranks at each process weight p, and Kendall's tau of that ranking against hard-only."""

    process_weights: tuple[float, ...]
    ranks: Mapping[str, tuple[int | None, ...]]
    kendall_tau: tuple[float | None, ...]


def sensitivity(
    *,
    normalised: Mapping[str, Mapping[str, float | None]],
    indicators: Sequence[Indicator],
    scheme: WeightingScheme,
    hard_only: SchemeScores,
    subject_ids: Sequence[str],
    process_weights: Sequence[float] = PROCESS_WEIGHTS,
) -> Sensitivity:
    """How the ranking moves as the weight of process and rated indicators goes from 0 to 1.

    The indicator weights within each group stay those of ``scheme``, so p = 0 is the
    hard-only ranking whenever ``hard_only`` weighs the hard indicators as ``scheme`` does (the
    default catalogue's schemes do), and the scheme's own non-hard share (0.6 for balanced)
    gives the scheme's ranking.
    """
    groups = sorted({indicator.group for indicator in indicators})
    per_subject: dict[str, list[int | None]] = {sid: [] for sid in subject_ids}
    taus: list[float | None] = []
    for p in process_weights:
        at_p = scheme_scores(
            normalised=normalised,
            indicators=indicators,
            scheme=sensitivity_scheme(scheme, process_weight=p, groups=groups),
            subject_ids=subject_ids,
        )
        for sid in subject_ids:
            per_subject[sid].append(at_p.ranks[sid])
        taus.append(kendall_tau(hard_only.ranks, at_p.ranks))
    return Sensitivity(
        process_weights=tuple(process_weights),
        ranks=MappingProxyType({sid: tuple(ranks) for sid, ranks in per_subject.items()}),
        kendall_tau=tuple(taus),
    )
