"""Indicator values per subject (department or district) and period: what scorecards rank."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from luodi.contract import Dataset
from luodi.engines import Engine, get_engine
from luodi.scorecard.catalogue import SUBJECT_KINDS, Catalogue
from luodi.scorecard.periods import ScorePeriod

__all__ = [
    "NO_DATA",
    "IndicatorTable",
    "IndicatorValue",
    "Subject",
    "SubjectKindError",
    "indicator_values",
]


class SubjectKindError(ValueError):
    """A subject kind other than department or region."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(
            f"评价对象类别 {kind!r} 无法识别: unknown subject kind; "
            f"use one of {', '.join(SUBJECT_KINDS)}"
        )


@dataclass(frozen=True, kw_only=True)
class IndicatorValue:
    """One indicator's value for one subject.

    Shares are fractions in [0, 1] (unit "%" is for display only). ``value`` is None when the
    subject has nothing to count (no denominator) or too few raters; ``note`` says why.
    """

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    n: int = 0  # units counted: cases, steps, inquiries, raters
    note: str | None = None

    def to_dict(self) -> dict[str, float | int | str | None]:
        return {
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "n": self.n,
            "note": self.note,
        }


# What a metric reports for a subject it found nothing about.
NO_DATA = IndicatorValue(value=None, note="无数据")


@dataclass(frozen=True, kw_only=True)
class Subject:
    """A department or district a scorecard rates."""

    id: str
    name: str
    kind: str  # department | region


@dataclass(frozen=True, kw_only=True)
class IndicatorTable:
    """Every applicable indicator's value for every subject in one period.

    ``values`` has a key for every (indicator id, subject id) pair of the indicators that apply
    to ``subject_kind``. ``excluded_ratings`` counts ratings dropped because the rater belongs
    to the subject (conflict of interest); ``rating_rounds`` are the ids of the rounds read.
    """

    period: ScorePeriod
    subject_kind: str
    indicator_ids: tuple[str, ...]
    subjects: tuple[Subject, ...]
    values: Mapping[tuple[str, str], IndicatorValue]
    excluded_ratings: int = 0
    rating_rounds: tuple[str, ...] = ()
    min_raters: int | None = None

    def value(self, indicator_id: str, subject_id: str) -> IndicatorValue:
        """The value of one indicator for one subject (None-valued if not computed)."""
        return self.values.get((indicator_id, subject_id), NO_DATA)

    def subject(self, subject_id: str) -> Subject:
        for subject in self.subjects:
            if subject.id == subject_id:
                return subject
        raise KeyError(f"no subject {subject_id!r} in this table")


def indicator_values(
    *,
    dataset: Dataset,
    catalogue: Catalogue,
    period: ScorePeriod,
    subject_kind: str,
    engine: str | Engine = "duckdb",
) -> IndicatorTable:
    """Compute every indicator of ``catalogue`` that applies to ``subject_kind`` in ``period``.

    Subjects are the executing departments (on a clause route, a case step or an inquiry) or
    the districts (regions of level district), ordered by id.
    """
    from luodi.scorecard.metrics import METRICS
    from luodi.scorecard.metrics_base import ScoreContext, score_subjects
    from luodi.scorecard.metrics_ratings import rating_summary

    if subject_kind not in SUBJECT_KINDS:
        raise SubjectKindError(subject_kind)
    runner = get_engine(engine) if isinstance(engine, str) else engine
    ctx = ScoreContext(dataset=dataset, engine=runner, period=period, subject_kind=subject_kind)
    subjects = score_subjects(ctx)
    ctx = ctx.with_subjects(subjects)
    values: dict[tuple[str, str], IndicatorValue] = {}
    indicators = catalogue.for_subject(subject_kind)
    for indicator in indicators:
        metric = METRICS[indicator.metric]
        computed = metric.compute(ctx, metric.params_model.model_validate(indicator.params))
        for subject in subjects:
            values[(indicator.id, subject.id)] = computed.get(subject.id, NO_DATA)
    summary = rating_summary(ctx)
    return IndicatorTable(
        period=period,
        subject_kind=subject_kind,
        indicator_ids=tuple(i.id for i in indicators),
        subjects=subjects,
        values=MappingProxyType(values),
        excluded_ratings=summary.excluded,
        rating_rounds=summary.rounds,
        min_raters=summary.min_raters,
    )
