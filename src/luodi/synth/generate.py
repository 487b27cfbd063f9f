"""Generate a large, consistent contract dataset from the demo district, and write it.

The policy tables (regions, departments, policies, clauses, routes, phases, conflicts, the
survey's questionnaire) are the demo's, so the demo rules (``luodi.demo.policies.
demo_library``) apply; everything that grows with a district is drawn at scale, vectorised.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from luodi.contract import TABLE_ORDER, TABLES, Dataset, arrow_schema, write_dataset
from luodi.synth.cases import workflow_tables
from luodi.synth.dialogue import inquiry_table, survey_response_table
from luodi.synth.registry import build_registry, staff_table
from luodi.synth.templates import build_templates

__all__ = ["DEFAULT_SEED", "STATIC_TABLES", "Progress", "synthesize", "write_synth"]

DEFAULT_SEED = 20171
# Called before each step with (step, done, total); the CLI draws a progress bar from it.
Progress = Callable[[str, int, int], None]
# Tables copied from the demo district as they are.
STATIC_TABLES = (
    "regions",
    "departments",
    "policies",
    "clauses",
    "clause_routes",
    "clause_phases",
    "conflicts",
    "surveys",
    "survey_items",
    "survey_options",
)
_STEPS = ("demo", "persons", "staff", "cases", "inquiries", "survey")


def _demo_share(demo: Dataset, name: str, persons: int) -> int:
    """Rows of ``name`` for ``persons`` persons, in the demo's proportion (at least one)."""
    return max(1, round(persons * int(demo[name].num_rows) / int(demo["persons"].num_rows)))


def synthesize(
    *, persons: int, events: int, seed: int = DEFAULT_SEED, progress: Progress | None = None
) -> Dataset:
    """``persons`` persons and exactly ``events`` events with every table consistent.

    The same arguments give the same dataset. Employers, staff, inquiries and survey
    respondents grow with ``persons`` in the demo's proportions; cases, steps and payments
    with ``events``.
    """
    if persons < 1 or events < 1:
        raise ValueError(f"persons and events must be at least 1, got {persons}, {events}")

    def tick(step: str) -> None:
        if progress is not None:
            progress(step, _STEPS.index(step), len(_STEPS))

    tick("demo")
    from luodi.demo import generate

    demo = generate()
    rng = np.random.default_rng(seed)
    tick("persons")
    registry = build_registry(demo, persons=persons, rng=rng)
    tick("staff")
    staff = staff_table(demo, scale=max(1, round(persons / demo["persons"].num_rows)), rng=rng)
    tick("cases")
    workflow = workflow_tables(
        demo=demo,
        registry=registry,
        staff=staff,
        templates=build_templates(),
        events=events,
        rng=rng,
    )
    tick("inquiries")
    inquiries = inquiry_table(
        demo, registry=registry, count=_demo_share(demo, "inquiries", persons), rng=rng
    )
    tick("survey")
    respondents = round(persons * _respondents(demo) / demo["persons"].num_rows)
    responses = survey_response_table(demo, respondents=max(1, respondents), rng=rng)
    if progress is not None:
        progress("done", len(_STEPS), len(_STEPS))
    tables: dict[str, pa.Table] = {name: demo[name] for name in STATIC_TABLES}
    tables.update(
        persons=registry.persons,
        employers=registry.employers,
        staff=staff,
        inquiries=inquiries,
        survey_responses=responses,
        **workflow,
    )
    # Ratings are not synthesised: raters do not grow with the population, and the empty
    # optional tables keep the dataset whole.
    for name in ("rating_rounds", "ratings"):
        tables[name] = arrow_schema(TABLES[name]).empty_table()
    return Dataset(tables=tables)


def _respondents(demo: Dataset) -> int:
    return len(demo["survey_responses"].column("respondent_id").unique())


def write_synth(
    dataset: Dataset,
    *,
    directory: Path,
    file_format: str = "parquet",
    progress: Progress | None = None,
) -> list[Path]:
    """Write every table as ``<directory>/<table>.<format>``; Parquet table by table."""
    if file_format != "parquet":
        return write_dataset(dataset, directory=directory, formats=(file_format,))
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for done, spec in enumerate(TABLE_ORDER):
        if progress is not None:
            progress(spec.name, done, len(TABLE_ORDER))
        path = directory / f"{spec.name}.parquet"
        pq.write_table(dataset[spec.name], path)
        written.append(path)
    if progress is not None:
        progress("done", len(TABLE_ORDER), len(TABLE_ORDER))
    return written
