"""Read what the case page's funding forms need: each phase and the figures its criteria read."""

from __future__ import annotations

from dataclasses import dataclass

from luodi.contract.schema import ColumnType
from luodi.platform.cases.models import Case
from luodi.platform.policies.models import ClausePhase
from luodi.platform.policies.rules import attribute_label
from luodi.platform.policies.selectors import library_get
from luodi.policy.model import AllOf, AnyOf, Condition, Criterion, NotOf
from luodi.policy.profile import ProfileError, attribute_type, source_attribute

__all__ = ["PhaseFigure", "PhaseRow", "phase_list"]

# Figures are submitted as numbers (funding.figures_checked); other columns come from the registry.
_NUMERIC = (ColumnType.INTEGER, ColumnType.FLOAT)


@dataclass(frozen=True, kw_only=True)
class PhaseFigure:
    """A figure a phase's criteria read: the column to submit and its name on the page."""

    name: str
    label: str


@dataclass(frozen=True, kw_only=True)
class PhaseRow:
    phase: int
    share: float
    condition: str
    figures: tuple[PhaseFigure, ...]


def _conditions(criterion: Criterion | None) -> list[Condition]:
    if criterion is None:
        return []
    if isinstance(criterion, Condition):
        return [criterion]
    if isinstance(criterion, AllOf):
        return [c for child in criterion.all for c in _conditions(child)]
    if isinstance(criterion, AnyOf):
        return [c for child in criterion.any for c in _conditions(child)]
    assert isinstance(criterion, NotOf)
    return _conditions(criterion.not_)


def _figures(criterion: Criterion | None) -> tuple[PhaseFigure, ...]:
    figures: dict[str, PhaseFigure] = {}
    for condition in _conditions(criterion):
        # A derived attribute (age) is submitted as the column it comes from (birth_year).
        name = source_attribute(condition.attribute)
        try:
            numeric = attribute_type(name) in _NUMERIC
        except ProfileError:
            numeric = False
        if numeric and name not in figures:
            figures[name] = PhaseFigure(name=name, label=attribute_label(name))
    return tuple(figures.values())


def phase_list(*, case: Case) -> tuple[PhaseRow, ...]:
    """The phases of ``case``'s clause, as the clause read when the case was opened.

    Without the clause's policy file the contract rows still give the phases, with no
    figures to ask for; the check then says what is missing.
    """
    library = library_get()
    if case.clause_id in library.clauses():
        resolved = library.resolve(case.clause_id, case.opened_at.date())
        return tuple(
            PhaseRow(
                phase=p.phase, share=p.share, condition=p.condition, figures=_figures(p.criteria)
            )
            for p in sorted(resolved.phases, key=lambda p: p.phase)
        )
    return tuple(
        PhaseRow(phase=p.phase, share=p.share, condition=p.condition, figures=())
        for p in ClausePhase.objects.filter(clause_id=case.clause_id).order_by("phase")
    )
