"""Assemble demo district C from its parts, each drawn from its own seeded stream."""

from __future__ import annotations

import random

from luodi.contract import Dataset
from luodi.demo import cases, inquiries, people, policies, ratings, regions, survey

__all__ = ["DEFAULT_SEED", "generate"]

DEFAULT_SEED = 20171


def _stream(seed: int, part: str) -> random.Random:
    # One stream per part: changing how inquiries are drawn leaves the persons unchanged.
    # String seeds are hashed with SHA-512 by `random`, so they are stable across processes.
    # Synthetic data wants reproducibility, not unpredictability.
    return random.Random(f"luodi-demo:{seed}:{part}")  # noqa: S311


def generate(*, seed: int = DEFAULT_SEED) -> Dataset:
    """Demo district C as a contract dataset; the same seed gives the same bytes."""
    departments = regions.department_rows()
    staff = regions.staff_rows(rng=_stream(seed, "staff"))
    employers = people.employer_rows(rng=_stream(seed, "employers"))
    persons = people.person_rows(rng=_stream(seed, "persons"), employers=employers)
    workflow = cases.case_tables(
        rng=_stream(seed, "cases"),
        persons=persons,
        employers=employers,
        staff=staff,
        departments=departments,
    )
    rows = {
        "regions": regions.region_rows(),
        "departments": departments,
        "employers": employers,
        "persons": persons,
        "staff": staff,
        "policies": policies.policy_rows(),
        "clauses": policies.clause_rows(),
        "clause_routes": policies.clause_route_rows(),
        "clause_phases": policies.clause_phase_rows(),
        **workflow,
        "inquiries": inquiries.inquiry_rows(
            rng=_stream(seed, "inquiries"), persons=persons, employers=employers
        ),
        **survey.survey_tables(rng=_stream(seed, "survey")),
    }
    # Ratings are drawn last from their own stream and only read the other tables' rows, so
    # adding them left every other table byte-identical.
    rows.update(
        ratings.rating_tables(rng=_stream(seed, "ratings"), rows=rows, criteria=_criteria())
    )
    return Dataset.from_rows(rows)


def _criteria() -> tuple[str, ...]:
    # The rating criteria of the default indicator catalogue, so the demo's ratings are scored.
    from luodi.scorecard.catalogue import default_catalogue

    return tuple(criterion.code for criterion in default_catalogue().criteria)
