"""The scorecard of a period: every indicator's value, trend and rank per department or
district, the overall score under the leadership group's scheme beside the hard-count-only
score, the departments that move between the two, and the sensitivity to the process weight.

The hard-only ranking sits next to the chosen one because of the study's P2 finding: KPIs that
count high-end talents steer executors to measurable, low-risk targets. Where the two rankings
differ, the scorecard names who moves and by how much.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from luodi.contract import Dataset
from luodi.engines import Engine, get_engine
from luodi.scorecard.catalogue import Catalogue, Indicator, WeightingScheme, default_catalogue
from luodi.scorecard.periods import ScorePeriod
from luodi.scorecard.scoring import (
    Mover,
    Sensitivity,
    Trend,
    competition_ranks,
    hard_only_scheme,
    movers,
    normalised_values,
    scheme_scores,
    sensitivity,
    trend,
)
from luodi.scorecard.values import IndicatorTable, Subject, indicator_values

__all__ = [
    "GENERATED_BY",
    "IndicatorCell",
    "Scorecard",
    "SubjectCard",
    "UnknownSchemeError",
    "scorecard_build",
    "scorecard_from_tables",
]

GENERATED_BY = "luodi scorecard"


class UnknownSchemeError(ValueError):
    """A weighting scheme id the catalogue does not define."""

    def __init__(self, *, scheme_id: str, known: tuple[str, ...], where: str = "scheme") -> None:
        self.scheme_id = scheme_id
        self.known = known
        self.where = where
        self.fix = f"use one of {', '.join(known)}, or define the scheme under schemes"
        super().__init__(
            f"权重方案 {scheme_id!r} 不存在 ({where}): the catalogue has no such scheme; {self.fix}"
        )


@dataclass(frozen=True, kw_only=True)
class IndicatorCell:
    """One indicator for one subject: value, normalised value, rank, previous value, trend."""

    value: float | None
    normalised: float | None
    rank: int | None
    previous: float | None
    trend: Trend | None
    up_is_better: bool
    numerator: float | None = None
    denominator: float | None = None
    n: int = 0
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "normalised": self.normalised,
            "rank": self.rank,
            "previous": self.previous,
            "trend": self.trend,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "n": self.n,
            "note": self.note,
        }


@dataclass(frozen=True, kw_only=True)
class SubjectCard:
    """One department's or district's row: both scores and ranks, and its indicator cells."""

    id: str
    name: str
    score: float | None
    rank: int | None
    hard_only_score: float | None
    hard_only_rank: int | None
    coverage: float
    values: Mapping[str, IndicatorCell]

    @property
    def change(self) -> int | None:
        """Places gained under the chosen scheme against hard-only (positive = up)."""
        if self.rank is None or self.hard_only_rank is None:
            return None
        return self.hard_only_rank - self.rank

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "rank": self.rank,
            "hard_only_score": self.hard_only_score,
            "hard_only_rank": self.hard_only_rank,
            "coverage": self.coverage,
            "values": {iid: cell.to_dict() for iid, cell in self.values.items()},
        }


@dataclass(frozen=True, kw_only=True)
class Scorecard:
    """A period's scorecard for departments or districts; ``subjects`` best first."""

    period: ScorePeriod
    previous_period: ScorePeriod
    subject_kind: str
    scheme: WeightingScheme
    hard_only_scheme: WeightingScheme
    indicators: tuple[Indicator, ...]
    subjects: tuple[SubjectCard, ...]
    hard_only_ranking: tuple[str, ...]
    ranking: tuple[str, ...]
    movers: tuple[Mover, ...]
    sensitivity: Sensitivity
    rating_rounds: tuple[str, ...]
    excluded_ratings: int
    min_raters: int | None
    engine: str
    catalogue_source: str
    area: str  # e.g. C产业集聚区: whose departments or districts these are (titles)

    def subject(self, subject_id: str) -> SubjectCard:
        for card in self.subjects:
            if card.id == subject_id:
                return card
        raise KeyError(f"no subject {subject_id!r} in this scorecard")

    @property
    def title_zh(self) -> str:
        """The title offices print: C产业集聚区2018年度部门人才工作考核结果（均衡方案）."""
        kind = "部门" if self.subject_kind == "department" else "区域"
        return (
            f"{self.area}{_period_zh(self.period)}{kind}人才工作考核结果（{self.scheme.name_zh}）"
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``luodi scorecard --json``; shares as fractions, keys stable."""
        return {
            "period": {**self.period.to_dict(), "previous": self.previous_period.label},
            "subject_kind": self.subject_kind,
            "scheme": {
                "id": self.scheme.id,
                "name_zh": self.scheme.name_zh,
                "group_weights": dict(self.scheme.group_weights),
            },
            "indicators": [
                {
                    "id": indicator.id,
                    "name_zh": indicator.name_zh,
                    "name_en": indicator.name_en,
                    "group": indicator.group,
                    "direction": indicator.direction,
                    "unit": indicator.unit,
                    "formula": indicator.formula_zh,
                    "sources": list(indicator.sources),
                }
                for indicator in self.indicators
            ],
            "subjects": [card.to_dict() for card in self.subjects],
            "rankings": {"hard_only": list(self.hard_only_ranking), "balanced": list(self.ranking)},
            "movers": [
                {
                    "id": mover.id,
                    "name": mover.name,
                    "hard_only_rank": mover.hard_only_rank,
                    "balanced_rank": mover.balanced_rank,
                    "change": mover.change,
                }
                for mover in self.movers
            ],
            "sensitivity": {
                "process_weights": list(self.sensitivity.process_weights),
                "ranks": {sid: list(ranks) for sid, ranks in self.sensitivity.ranks.items()},
                "kendall_tau": list(self.sensitivity.kendall_tau),
            },
            "ratings": {
                "rounds": list(self.rating_rounds),
                "excluded": self.excluded_ratings,
                "min_raters": self.min_raters,
            },
            "meta": {
                "engine": self.engine,
                "generated_by": GENERATED_BY,
                "catalogue": self.catalogue_source,
            },
        }


def _period_zh(period: ScorePeriod) -> str:
    label = period.label
    if period.months == 12:
        return f"{label}年度"
    year, part = label.split("-")
    if part.startswith("H"):
        return f"{year}年{'上' if part == 'H1' else '下'}半年"
    if part.startswith("Q"):
        return f"{year}年第{'一二三四'[int(part[1]) - 1]}季度"
    return f"{year}年{int(part)}月"


def _area(dataset: Dataset, subjects: tuple[Subject, ...], subject_kind: str) -> str:
    """The region the subjects belong to: the commonest region of the departments, or the parent
    of the districts (ties by region id)."""
    regions = {str(r["region_id"]): r for r in dataset["regions"].to_pylist()}
    ids = {subject.id for subject in subjects}
    if subject_kind == "department":
        owners = [
            str(r["region_id"])
            for r in dataset["departments"].to_pylist()
            if r["department_id"] in ids and r["region_id"] is not None
        ]
    else:
        owners = [
            str(regions[sid]["parent_id"])
            for sid in ids
            if sid in regions and regions[sid]["parent_id"] is not None
        ]
    if not owners:
        return ""
    counts = Counter(owners)
    best = min(counts, key=lambda rid: (-counts[rid], rid))
    return str(regions.get(best, {}).get("name") or best)


def _resolve_scheme(
    catalogue: Catalogue, scheme_id: str, scheme: WeightingScheme | None
) -> tuple[WeightingScheme, WeightingScheme]:
    known = tuple(s.id for s in catalogue.schemes)
    if scheme is None:
        if scheme_id not in known:
            raise UnknownSchemeError(scheme_id=scheme_id, known=known)
        scheme = catalogue.scheme(scheme_id)
    hard = catalogue.scheme("hard_only") if "hard_only" in known else hard_only_scheme(scheme)
    return scheme, hard


def _cells(
    *,
    table: IndicatorTable,
    previous: IndicatorTable,
    indicators: tuple[Indicator, ...],
    normalised: Mapping[str, Mapping[str, float | None]],
) -> dict[str, dict[str, IndicatorCell]]:
    cells: dict[str, dict[str, IndicatorCell]] = {s.id: {} for s in table.subjects}
    previous_ids = {s.id for s in previous.subjects}
    for indicator in indicators:
        ranks = competition_ranks(normalised[indicator.id])
        for subject in table.subjects:
            found = table.value(indicator.id, subject.id)
            before = (
                previous.value(indicator.id, subject.id).value
                if subject.id in previous_ids
                else None
            )
            cells[subject.id][indicator.id] = IndicatorCell(
                value=found.value,
                normalised=normalised[indicator.id][subject.id],
                rank=ranks[subject.id],
                previous=before,
                trend=trend(found.value, before),
                up_is_better=indicator.direction == "higher",
                numerator=found.numerator,
                denominator=found.denominator,
                n=found.n,
                note=found.note,
            )
    return cells


def scorecard_build(
    *,
    dataset: Dataset,
    period: ScorePeriod,
    subject_kind: str = "department",
    catalogue: Catalogue | None = None,
    scheme_id: str = "balanced",
    scheme: WeightingScheme | None = None,
    engine: str | Engine = "duckdb",
    catalogue_source: str | None = None,
) -> Scorecard:
    """Score the departments or districts of ``dataset`` in ``period``.

    ``scheme`` (e.g. the leadership group's current weights) wins over ``scheme_id``; the
    hard-only ranking is always computed beside it. ``catalogue_source`` names the catalogue in
    the output's meta (default: "default" for the shipped catalogue, else "custom").
    """
    chosen_catalogue = catalogue if catalogue is not None else default_catalogue()
    chosen, hard = _resolve_scheme(chosen_catalogue, scheme_id, scheme)
    runner = get_engine(engine) if isinstance(engine, str) else engine
    table = indicator_values(
        dataset=dataset,
        catalogue=chosen_catalogue,
        period=period,
        subject_kind=subject_kind,
        engine=runner,
    )
    previous = indicator_values(
        dataset=dataset,
        catalogue=chosen_catalogue,
        period=period.previous(),
        subject_kind=subject_kind,
        engine=runner,
    )
    return scorecard_from_tables(
        table=table,
        previous=previous,
        indicators=chosen_catalogue.for_subject(subject_kind),
        scheme=chosen,
        hard_only=hard,
        engine=runner.name,
        catalogue_source=catalogue_source
        if catalogue_source is not None
        else ("default" if catalogue is None else "custom"),
        area=_area(dataset, table.subjects, subject_kind),
    )


def scorecard_from_tables(
    *,
    table: IndicatorTable,
    previous: IndicatorTable,
    indicators: tuple[Indicator, ...],
    scheme: WeightingScheme,
    hard_only: WeightingScheme | None = None,
    engine: str = "duckdb",
    catalogue_source: str = "default",
    area: str = "",
) -> Scorecard:
    """The scorecard of indicator values already computed (``previous``: the period before).

    ``hard_only`` defaults to the hard group of ``scheme`` with its indicator weights.
    """
    hard = hard_only if hard_only is not None else hard_only_scheme(scheme)
    subject_ids = [s.id for s in table.subjects]
    normalised = normalised_values(table=table, indicators=indicators)
    scored = scheme_scores(
        normalised=normalised, indicators=indicators, scheme=scheme, subject_ids=subject_ids
    )
    hard_scored = scheme_scores(
        normalised=normalised, indicators=indicators, scheme=hard, subject_ids=subject_ids
    )
    names = {s.id: s.name for s in table.subjects}
    cells = _cells(table=table, previous=previous, indicators=indicators, normalised=normalised)
    cards = tuple(
        SubjectCard(
            id=sid,
            name=names[sid],
            score=scored.scores[sid],
            rank=scored.ranks[sid],
            hard_only_score=hard_scored.scores[sid],
            hard_only_rank=hard_scored.ranks[sid],
            coverage=scored.coverage[sid],
            values=MappingProxyType(cells[sid]),
        )
        for sid in scored.order
    )
    return Scorecard(
        period=table.period,
        previous_period=previous.period,
        subject_kind=table.subject_kind,
        scheme=scheme,
        hard_only_scheme=hard,
        indicators=indicators,
        subjects=cards,
        hard_only_ranking=hard_scored.order,
        ranking=scored.order,
        movers=movers(hard_only=hard_scored.ranks, balanced=scored.ranks, names=names),
        sensitivity=sensitivity(
            normalised=normalised,
            indicators=indicators,
            scheme=scheme,
            hard_only=hard_scored,
            subject_ids=subject_ids,
        ),
        rating_rounds=table.rating_rounds,
        excluded_ratings=table.excluded_ratings,
        min_raters=table.min_raters,
        engine=engine,
        catalogue_source=catalogue_source,
        area=area,
    )
