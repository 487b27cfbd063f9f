"""Governance scorecards: indicator values, weighting schemes and rankings of departments."""

from luodi.scorecard.catalogue import (
    GROUPS,
    Catalogue,
    CatalogueError,
    CatalogueProblem,
    Criterion,
    Indicator,
    WeightingScheme,
    catalogue_problems,
    default_catalogue,
)
from luodi.scorecard.catalogue_yaml import catalogue_from_yaml
from luodi.scorecard.periods import PERIOD_FORMS, PeriodError, ScorePeriod, period_parse
from luodi.scorecard.scorecard import (
    IndicatorCell,
    Scorecard,
    SubjectCard,
    UnknownSchemeError,
    scorecard_build,
)
from luodi.scorecard.scoring import Mover, Sensitivity
from luodi.scorecard.values import (
    IndicatorTable,
    IndicatorValue,
    Subject,
    SubjectKindError,
    indicator_values,
)
from luodi.scorecard.xlsx import scorecard_xlsx

__all__ = [
    "GROUPS",
    "PERIOD_FORMS",
    "Catalogue",
    "CatalogueError",
    "CatalogueProblem",
    "Criterion",
    "Indicator",
    "IndicatorCell",
    "IndicatorTable",
    "IndicatorValue",
    "Mover",
    "PeriodError",
    "ScorePeriod",
    "Scorecard",
    "Sensitivity",
    "Subject",
    "SubjectCard",
    "SubjectKindError",
    "UnknownSchemeError",
    "WeightingScheme",
    "catalogue_from_yaml",
    "catalogue_problems",
    "default_catalogue",
    "indicator_values",
    "period_parse",
    "scorecard_build",
    "scorecard_xlsx",
]
