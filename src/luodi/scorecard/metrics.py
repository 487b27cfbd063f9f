"""The metric registry: every formula an indicator may name, by name.

>>> sorted(METRICS)[:3]
['blocked_resolved', 'employer_coverage', 'exceptions_per_100']
"""

from __future__ import annotations

from typing import Any

from luodi.scorecard.metrics_base import Metric, ScoreContext
from luodi.scorecard.metrics_cases import (
    EmployerCoverage,
    ExceptionsPer100,
    LandingRate,
    MoneyDisbursed,
    ProjectsSupported,
    TalentCoverage,
    TalentsReceived,
)
from luodi.scorecard.metrics_dialogue import InquiryRate
from luodi.scorecard.metrics_process import BlockedResolved, StepsOnTime
from luodi.scorecard.metrics_ratings import RatingMean

__all__ = ["METRICS", "Metric", "ScoreContext", "metric_describe"]

METRICS: dict[str, Metric[Any]] = {
    metric.name: metric
    for metric in (
        TalentsReceived(),
        ProjectsSupported(),
        MoneyDisbursed(),
        LandingRate(),
        TalentCoverage(),
        EmployerCoverage(),
        ExceptionsPer100(),
        StepsOnTime(),
        BlockedResolved(),
        InquiryRate(),
        RatingMean(),
    )
}


def metric_describe(name: str, params: dict[str, Any] | None = None) -> str:
    """The Chinese formula of metric ``name`` with ``params``; KeyError naming the metrics."""
    try:
        metric = METRICS[name]
    except KeyError:
        known = ", ".join(sorted(METRICS))
        raise KeyError(f"no metric {name!r}; the registered ones are {known}") from None
    return metric.describe(metric.params_model.model_validate(params or {}))
