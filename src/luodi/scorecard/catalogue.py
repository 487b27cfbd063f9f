"""The indicator catalogue: indicators, rating criteria and weighting schemes, as frozen values.

An indicator names a registered metric and its parameters; its formula text is the metric
describing itself (``Indicator.formula_zh``), so the formula a scorecard states and the one it
computes cannot drift apart. ``catalogue_problems`` checks a catalogue against the metric
registry and the data contract; ``default_catalogue`` loads the one shipped with Luodi.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal, Self, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from luodi.policy.yamlmodel import FileProblem

__all__ = [
    "DEFAULT_CATALOGUE_PATH",
    "DEFER_CHECKS",
    "GROUPS",
    "REQUIRED_SCHEMES",
    "SUBJECT_KINDS",
    "Catalogue",
    "CatalogueError",
    "CatalogueProblem",
    "Criterion",
    "Direction",
    "Group",
    "Indicator",
    "SubjectKind",
    "WeightingScheme",
    "catalogue_problems",
    "default_catalogue",
]

Group: TypeAlias = Literal["hard", "process", "rated"]
Direction: TypeAlias = Literal["higher", "lower"]
SubjectKind: TypeAlias = Literal["department", "region"]

GROUPS: tuple[Group, ...] = ("hard", "process", "rated")
SUBJECT_KINDS: tuple[SubjectKind, ...] = ("department", "region")
GROUP_NAMES_ZH: dict[str, str] = {"hard": "硬指标", "process": "过程指标", "rated": "评价指标"}
# The scorecard sets these two side by side; a catalogue without them cannot make a scorecard.
REQUIRED_SCHEMES = ("hard_only", "balanced")
DEFAULT_CATALOGUE_PATH = Path(__file__).parent / "data" / "indicators.yaml"

# Validation context flag: build the models without the cross checks, so that the YAML loader
# can run catalogue_problems() itself and report every problem at its place in the file.
DEFER_CHECKS = "defer_catalogue_checks"
Path_: TypeAlias = tuple[str | int, ...]


# One problem of a catalogue: where it is, what is wrong, how to fix it.
CatalogueProblem = FileProblem


class CatalogueError(ValueError):
    """A catalogue file or model is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: tuple[CatalogueProblem, ...] | list[CatalogueProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"指标目录有 {len(self.problems)} 个错误 — invalid catalogue:\n{lines}")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Indicator(_Frozen):
    """One indicator: which metric computes it, with which parameters, and how to read it."""

    id: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    group: Group
    metric: str
    params: dict[str, Any] = Field(default_factory=dict)
    direction: Direction
    unit: str = Field(min_length=1)  # as printed: 人, 个, 元, %, 分, 件/百件
    sources: tuple[str, ...]
    subjects: tuple[SubjectKind, ...] = SUBJECT_KINDS

    @property
    def formula_zh(self) -> str:
        """The formula in Chinese, as the metric states it for these parameters."""
        from luodi.scorecard.metrics import METRICS

        metric = METRICS[self.metric]
        return metric.describe(metric.params_model.model_validate(self.params))

    @property
    def group_zh(self) -> str:
        return GROUP_NAMES_ZH[self.group]

    @property
    def direction_zh(self) -> str:
        return "越高越好" if self.direction == "higher" else "越低越好"


class Criterion(_Frozen):
    """A criterion raters score from 1 to 5, e.g. 服务效率."""

    code: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)


def _non_negative(weights: Mapping[Any, float]) -> None:
    negative = [key for key, weight in weights.items() if weight < 0]
    if negative:
        raise ValueError(f"weights must be 0 or more (negative: {', '.join(negative)})")


class WeightingScheme(_Frozen):
    """Weights the leadership group sets: per group, and within a group per indicator."""

    id: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    name_en: str = ""
    group_weights: dict[Group, float]
    indicator_weights: dict[str, float] = Field(default_factory=dict)

    @field_validator("group_weights")
    @classmethod
    def _group_weights(cls, weights: dict[Group, float]) -> dict[Group, float]:
        _non_negative(weights)
        if sum(weights.values()) <= 0:
            raise ValueError("the group weights must not all be 0")
        return weights

    @field_validator("indicator_weights")
    @classmethod
    def _indicator_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        _non_negative(weights)
        return weights

    def group_weight(self, group: str) -> float:
        """The group's weight; a group the scheme does not name weighs 0."""
        return float(self.group_weights.get(group, 0.0))  # type: ignore[call-overload]

    def indicator_weight(self, indicator_id: str) -> float:
        """The indicator's weight within its group; 1 unless the scheme sets it."""
        return float(self.indicator_weights.get(indicator_id, 1.0))


class Catalogue(_Frozen):
    """Indicators, rating criteria and weighting schemes."""

    indicators: tuple[Indicator, ...]
    criteria: tuple[Criterion, ...] = ()
    schemes: tuple[WeightingScheme, ...]

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        if not (info.context or {}).get(DEFER_CHECKS):
            problems = catalogue_problems(self)
            if problems:
                raise ValueError("; ".join(str(problem) for problem in problems))
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; KeyError naming the known ids otherwise."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        known = ", ".join(i.id for i in self.indicators)
        raise KeyError(f"no indicator {indicator_id!r} in the catalogue; known: {known}")

    def scheme(self, scheme_id: str) -> WeightingScheme:
        """The scheme with this id; KeyError naming the known ids otherwise."""
        for scheme in self.schemes:
            if scheme.id == scheme_id:
                return scheme
        known = ", ".join(s.id for s in self.schemes)
        raise KeyError(f"no weighting scheme {scheme_id!r}; the catalogue has: {known}")

    def for_subject(self, subject_kind: str) -> tuple[Indicator, ...]:
        """The indicators that apply to departments or to districts, in catalogue order."""
        return tuple(i for i in self.indicators if subject_kind in i.subjects)


def _duplicates(ids: list[str]) -> dict[int, str]:
    seen: set[str] = set()
    found: dict[int, str] = {}
    for index, value in enumerate(ids):
        if value in seen:
            found[index] = value
        seen.add(value)
    return found


def _indicator_problems(index: int, indicator: Indicator) -> list[CatalogueProblem]:
    from luodi.contract.tables import TABLES
    from luodi.scorecard.metrics import METRICS

    where: Path_ = ("indicators", index)
    problems: list[CatalogueProblem] = []
    for s, source in enumerate(indicator.sources):
        if source not in TABLES:
            problems.append(
                CatalogueProblem(
                    path=(*where, "sources", s),
                    problem=f"indicator {indicator.id!r}: unknown source table {source!r}",
                    fix=f"use contract table names: {', '.join(TABLES)}",
                )
            )
    metric = METRICS.get(indicator.metric)
    if metric is None:
        return [
            *problems,
            CatalogueProblem(
                path=(*where, "metric"),
                problem=f"indicator {indicator.id!r}: unknown metric {indicator.metric!r}",
                fix=f"use one of the registered metrics: {', '.join(sorted(METRICS))}",
            ),
        ]
    try:
        params = metric.params_model.model_validate(indicator.params)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(detail["loc"])
            field = ".".join(str(step) for step in loc) or "params"
            problems.append(
                CatalogueProblem(
                    path=(*where, "params", *loc),
                    problem=f"indicator {indicator.id!r}: bad parameter {field} for metric "
                    f"{metric.name!r}: {detail['msg']} (got {detail.get('input')!r})",
                    fix=f"the parameters of {metric.name} are: "
                    f"{', '.join(metric.params_model.model_fields) or 'none'}",
                )
            )
        return problems
    missing = [table for table in metric.tables(params) if table not in indicator.sources]
    if missing:
        problems.append(
            CatalogueProblem(
                path=(*where, "sources"),
                problem=f"indicator {indicator.id!r}: metric {metric.name!r} reads "
                f"{', '.join(missing)}, which sources does not list",
                fix=f"list every table the formula reads: {', '.join(metric.tables(params))}",
            )
        )
    return problems


def catalogue_problems(catalogue: Catalogue) -> list[CatalogueProblem]:
    """Every problem of a catalogue (metrics, parameters, sources, ids, weights), with its path."""
    problems: list[CatalogueProblem] = []
    for index, value in _duplicates([i.id for i in catalogue.indicators]).items():
        problems.append(
            CatalogueProblem(
                path=("indicators", index, "id"),
                problem=f"indicator id {value!r} appears twice",
                fix="give every indicator its own id",
            )
        )
    for index, value in _duplicates([c.code for c in catalogue.criteria]).items():
        problems.append(
            CatalogueProblem(
                path=("criteria", index, "code"),
                problem=f"criterion code {value!r} appears twice",
                fix="give every criterion its own code",
            )
        )
    for index, value in _duplicates([s.id for s in catalogue.schemes]).items():
        problems.append(
            CatalogueProblem(
                path=("schemes", index, "id"),
                problem=f"scheme id {value!r} appears twice",
                fix="give every scheme its own id",
            )
        )
    for index, indicator in enumerate(catalogue.indicators):
        problems += _indicator_problems(index, indicator)
    criteria = {c.code for c in catalogue.criteria}
    for index, indicator in enumerate(catalogue.indicators):
        criterion = indicator.params.get("criterion")
        if indicator.group == "rated" and criterion is not None and criterion not in criteria:
            problems.append(
                CatalogueProblem(
                    path=("indicators", index, "params", "criterion"),
                    problem=f"indicator {indicator.id!r}: unknown criterion {criterion!r}",
                    fix=f"use a code under criteria: {', '.join(sorted(criteria)) or 'none'}",
                )
            )
    ids = {i.id for i in catalogue.indicators}
    for index, scheme in enumerate(catalogue.schemes):
        for indicator_id in scheme.indicator_weights:
            if indicator_id not in ids:
                problems.append(
                    CatalogueProblem(
                        path=("schemes", index, "indicator_weights", indicator_id),
                        problem=f"scheme {scheme.id!r} weighs unknown indicator {indicator_id!r}",
                        fix="use an indicator id of this catalogue, or remove the weight",
                    )
                )
    present = {s.id for s in catalogue.schemes}
    for required in REQUIRED_SCHEMES:
        if required not in present:
            problems.append(
                CatalogueProblem(
                    path=("schemes",),
                    problem=f"the catalogue has no scheme {required!r}",
                    fix="the scorecard compares hard_only with balanced: define both",
                )
            )
    return problems


def _load(path: Path) -> Catalogue:
    from luodi.scorecard.catalogue_yaml import catalogue_from_yaml

    return catalogue_from_yaml(path)


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped with Luodi (``scorecard/data/indicators.yaml``)."""
    return _load(DEFAULT_CATALOGUE_PATH)
