"""A hand-built indicator table for the scoring tests: four departments, five indicators.

The values are chosen so that the arithmetic can be done by hand in the tests:

    id      talents  money  on_time  exceptions  targets   (hard, hard, process, process, rated)
    D1      10       1000   0.5      4           3.0
    D2      6        600    0.9      1           4.5
    D3      2        200    0.8      2           None (评价人数不足)
    D4      2        200    0.5      4           2.0

D1 chases the hard counts and serves badly; D2 serves well with fewer counts; D3 and D4 tie on
the hard counts.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from luodi.scorecard.catalogue import Indicator, WeightingScheme
from luodi.scorecard.periods import ScorePeriod
from luodi.scorecard.values import IndicatorTable, IndicatorValue, Subject

__all__ = [
    "BALANCED",
    "HARD_ONLY",
    "INDICATORS",
    "PERIOD",
    "PREVIOUS",
    "ROWS",
    "catalogue_table",
    "indicator",
    "table_of",
]

PERIOD = ScorePeriod(label="2018", start=dt.date(2018, 1, 1), end=dt.date(2018, 12, 31))
PREVIOUS = ScorePeriod(label="2017", start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31))


def indicator(iid: str, group: str, direction: str = "higher", unit: str = "人") -> Indicator:
    # The metric is not looked up: scoring only reads id, group and direction.
    return Indicator.model_validate(
        {
            "id": iid,
            "name_zh": f"指标{iid}",
            "name_en": iid,
            "group": group,
            "metric": "test",
            "direction": direction,
            "unit": unit,
            "sources": ("cases",),
        }
    )


INDICATORS = (
    indicator("talents", "hard"),
    indicator("money", "hard", unit="元"),
    indicator("on_time", "process", unit="%"),
    indicator("exceptions", "process", direction="lower", unit="件/百件"),
    indicator("targets", "rated", unit="分"),
)
ROWS: dict[str, tuple[float | None, ...]] = {
    "D1": (10, 1000, 0.5, 4, 3.0),
    "D2": (6, 600, 0.9, 1, 4.5),
    "D3": (2, 200, 0.8, 2, None),
    "D4": (2, 200, 0.5, 4, 2.0),
}
HARD_ONLY = WeightingScheme(
    id="hard_only", name_zh="仅硬指标方案", group_weights={"hard": 1, "process": 0, "rated": 0}
)
BALANCED = WeightingScheme(
    id="balanced",
    name_zh="均衡方案",
    group_weights={"hard": 0.4, "process": 0.35, "rated": 0.25},
)


def table_of(
    rows: dict[str, tuple[float | None, ...]] = ROWS,
    *,
    period: ScorePeriod = PERIOD,
    indicators: tuple[Indicator, ...] = INDICATORS,
) -> IndicatorTable:
    values: dict[tuple[str, str], IndicatorValue] = {}
    for sid, row in rows.items():
        for ind, value in zip(indicators, row, strict=True):
            note = "评价人数不足" if value is None and ind.group == "rated" else None
            values[(ind.id, sid)] = IndicatorValue(value=value, n=2 if note else 5, note=note)
    return IndicatorTable(
        period=period,
        subject_kind="department",
        indicator_ids=tuple(i.id for i in indicators),
        subjects=tuple(
            Subject(id=sid, name=f"部门{sid}", kind="department") for sid in sorted(rows)
        ),
        values=MappingProxyType(values),
        excluded_ratings=1,
        rating_rounds=("R-2018",),
        min_raters=3,
    )


def catalogue_table(
    indicators: tuple[Indicator, ...],
    subject_ids: tuple[str, ...] = ("C-A", "C-B", "C-C"),
    *,
    period: ScorePeriod = PERIOD,
    missing: tuple[str, str] | None = None,
) -> IndicatorTable:
    """Values for real catalogue indicators: on hard indicators subject k (0-based) gets
    (k + 1) × (index + 1), on the others the order is reversed (the last subject counts most and
    serves worst); shares are divided to stay in [0, 1]; ``missing`` (indicator id, subject id)
    is None with the min-raters note."""
    values: dict[tuple[str, str], IndicatorValue] = {}
    for index, ind in enumerate(indicators):
        for position, sid in enumerate(subject_ids):
            k = position if ind.group == "hard" else len(subject_ids) - 1 - position
            raw = float((k + 1) * (index + 1))
            value = raw / (len(subject_ids) * (index + 1) + 1) if ind.unit == "%" else raw
            if missing == (ind.id, sid):
                values[(ind.id, sid)] = IndicatorValue(value=None, n=2, note="评价人数不足")
            else:
                values[(ind.id, sid)] = IndicatorValue(
                    value=value, numerator=raw, denominator=None, n=position + 1
                )
    return IndicatorTable(
        period=period,
        subject_kind="department",
        indicator_ids=tuple(i.id for i in indicators),
        subjects=tuple(Subject(id=sid, name=f"{sid}局", kind="department") for sid in subject_ids),
        values=MappingProxyType(values),
        rating_rounds=("R-2018-D",),
        min_raters=3,
    )
