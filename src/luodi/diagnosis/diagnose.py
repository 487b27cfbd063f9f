"""Run every section of the diagnosis over one dataset and assemble the report value."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import Dataset
from luodi.diagnosis.context import DiagnosisContext, Period
from luodi.engines import Engine

if TYPE_CHECKING:
    from luodi.policy.library import Library

__all__ = ["SECTIONS", "Diagnosis", "Progress", "diagnose", "period_of"]

# Called before each step with (step, done, total): the CLI draws its progress bar from it.
Progress = Callable[[str, int, int], None]


class Section(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


# Report key → (module, function, label). Order is the study's: phenomena, then explanations.
SECTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("d1_function_alienation", "luodi.diagnosis.allocation", "function_alienation", "D1 功能异化"),
    ("d2_obstruction", "luodi.diagnosis.obstruction", "obstruction", "D2 实施梗阻"),
    ("d3_dialogue", "luodi.diagnosis.awareness", "dialogue_deficit", "D3 对话缺失"),
    ("goggin", "luodi.diagnosis.goggin", "goggin", "Goggin 三问"),
    ("factors", "luodi.diagnosis.factors", "factors", "成因 P1–P4"),
)


@dataclass(frozen=True, kw_only=True)
class Diagnosis:
    """The whole diagnosis: the sections' values, the recommendations and where it came from."""

    sections: Mapping[str, Section]
    recommendations: tuple[Section, ...]
    meta: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``luodi diagnose --json``; the top-level keys are a contract."""
        out: dict[str, Any] = {key: self.sections[key].to_dict() for key, *_ in SECTIONS}
        out["recommendations"] = [r.to_dict() for r in self.recommendations]
        out["meta"] = dict(self.meta)
        return out


def _bound(table: pa.Table, column: str, fn: str) -> dt.date | None:
    if table.num_rows == 0:
        return None
    value = pc.min(table.column(column)) if fn == "min" else pc.max(table.column(column))
    day = value.as_py()
    if day is None:
        return None
    return day.date() if isinstance(day, dt.datetime) else day


def period_of(dataset: Dataset) -> Period:
    """From the first case or inquiry to the last event, payment, closure or inquiry."""
    starts = [
        _bound(dataset["cases"], "opened_at", "min"),
        _bound(dataset["inquiries"], "submitted_at", "min"),
    ]
    ends = [
        _bound(dataset["events"], "timestamp", "max"),
        _bound(dataset["disbursements"], "paid_on", "max"),
        _bound(dataset["cases"], "closed_at", "max"),
        _bound(dataset["inquiries"], "submitted_at", "max"),
    ]
    known_starts = [d for d in starts if d is not None]
    known_ends = [d for d in ends if d is not None]
    if not known_starts or not known_ends:
        today = dt.date.today()
        return Period(start=today, end=today)
    return Period(start=min(known_starts), end=max(known_ends))


def diagnose(
    *,
    dataset: Dataset,
    engine: Engine,
    library: Library | None = None,
    rules_on: dt.date | None = None,
    period: Period | None = None,
    source: str = "dataset",
    progress: Progress | None = None,
) -> Diagnosis:
    """The study's diagnosis of ``dataset`` on ``engine``.

    ``library`` holds the policy rules: with it, eligibility comes from the entitlement engine
    over the whole population (and Goggin's first and third questions can be answered); without
    it, from applications. ``rules_on`` is the day the rules are read on (default: the last day
    of the data).
    """
    period = period or period_of(dataset)
    day = rules_on or period.end
    steps = ["coverage", *(key for key, *_ in SECTIONS), "recommendations"]
    total = len(steps)

    def tick(step: str) -> None:
        if progress is not None:
            progress(step, steps.index(step), total)

    tick("coverage")
    report = None
    if library is not None:
        from luodi.policy.coverage import coverage

        report = coverage(library=library, dataset=dataset, engine=engine, on=day)
    ctx = DiagnosisContext(
        dataset=dataset,
        engine=engine,
        period=period,
        rules_on=day,
        library=library,
        coverage=report,
    )
    sections: dict[str, Section] = {}
    for key, module, function, _ in SECTIONS:
        tick(key)
        run = getattr(importlib.import_module(module), function)
        sections[key] = run(ctx)
    tick("recommendations")
    from luodi.diagnosis.recommendations import recommendations

    found = recommendations({key: section.to_dict() for key, section in sections.items()})
    if progress is not None:
        progress("done", total, total)
    meta = {
        "source": source,
        "engine": engine.name,
        "period": period.to_dict(),
        "rules_on": day.isoformat(),
        "rules": library is not None,
        "row_counts": dataset.row_counts(),
        "version": version("luodi"),
    }
    return Diagnosis(sections=sections, recommendations=tuple(found), meta=meta)
