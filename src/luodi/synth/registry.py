"""Synthetic persons, employers and staff, resampled from the demo district's rows.

Rows are drawn from the demo's (bootstrap), so tiers stay skewed to general talents, employers
keep the demo's mix of kinds and stages, and attributes keep their correlations (a doctorate
is likely high-end). Dates and sizes are jittered; every draw is one numpy call per column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import Dataset
from luodi.demo.policies import STAGED_ELIGIBLE_KINDS, STAGED_FOUNDED_FROM
from luodi.synth.arrays import as_days, days_since_epoch, ids, with_schema
from luodi.synth.plan import Pool

__all__ = ["NEW_ARRIVALS_FROM", "Registry", "build_registry", "staff_table"]

# "新引进": arrived under the new policies, as the district clauses define it.
NEW_ARRIVALS_FROM = dt.date(2016, 7, 1)
_FIRMS = ("traditional_firm", "maker_space", "high_tech_firm")


@dataclass(frozen=True, kw_only=True)
class Registry:
    """The synthetic population and what the case generator needs to know about it."""

    persons: pa.Table
    employers: pa.Table
    person_tier: np.ndarray  # tier codes, strings
    person_arrived: np.ndarray  # days since 1970
    pools: dict[Pool, np.ndarray]  # row indexes of who may apply, per pool


def _employers(demo: pa.Table, *, count: int, rng: np.random.Generator) -> pa.Table:
    # Every demo employer repeated in turn, so the kinds and stages keep the demo's mix.
    pick = pa.array(rng.permutation(np.arange(count) % demo.num_rows))
    rows = demo.take(pick)
    stage = rows.column("stage").to_numpy(zero_copy_only=False)
    founded = as_days(rows.column("founded_on")) + rng.integers(-120, 121, size=count)
    for name in np.unique(stage):
        # Jitter stays inside the stage's range of founding dates, so a start-up stays one.
        of_stage = pc.equal(demo.column("stage"), name)
        known = as_days(demo.column("founded_on").filter(of_stage))
        inside = stage == name
        founded[inside] = np.clip(founded[inside], known.min(), known.max())
    employees = rows.column("employees").to_numpy() * rng.lognormal(0.0, 0.2, size=count)
    revenue = pc.multiply(rows.column("revenue"), pa.array(rng.lognormal(0.0, 0.25, size=count)))
    number = ids("", count, 6)
    return with_schema(
        "employers",
        {
            "employer_id": ids("E", count, 7),
            "name": pc.binary_join_element_wise(rows.column("name"), "（", number, "）", ""),
            "kind": rows.column("kind"),
            "stage": rows.column("stage"),
            "region_id": rows.column("region_id"),
            "founded_on": pa.array(founded.astype(np.int32)).cast(pa.date32()),
            "employees": pa.array(np.maximum(1, np.rint(employees)).astype(np.int64)),
            "revenue": pc.round(revenue, -3),
        },
    )


def _persons(
    demo: pa.Table, *, count: int, employers: pa.Table, rng: np.random.Generator
) -> tuple[pa.Table, np.ndarray]:
    rows = demo.take(pa.array(rng.integers(0, demo.num_rows, size=count)))
    # Bigger employers employ more of the talents.
    size = employers.column("employees").to_numpy().astype(np.float64)
    employer = rng.choice(employers.num_rows, size=count, p=size / size.sum())
    employer[np.asarray(pc.is_null(rows.column("employer_id")).to_numpy(zero_copy_only=False))] = -1
    employer_ids = employers.column("employer_id").take(pa.array(employer, mask=employer < 0))
    arrived = pc.add(
        pc.cast(rows.column("arrived_on"), pa.int32()),
        pa.array(rng.integers(-45, 46, size=count).astype(np.int32)),
    )
    birth = pc.add(rows.column("birth_year"), pa.array(rng.integers(-2, 3, size=count)))
    persons = with_schema(
        "persons",
        {
            **{name: rows.column(name) for name in rows.column_names},
            "person_id": ids("P", count, 7),
            "birth_year": birth,
            "employer_id": employer_ids,
            "arrived_on": pc.cast(arrived, pa.date32()),
        },
    )
    return persons, employer


def _in(column: pa.ChunkedArray | pa.Array, values: tuple[str, ...]) -> np.ndarray:
    mask = pc.fill_null(pc.is_in(column, value_set=pa.array(values)), False)
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


def _pools(
    persons: pa.Table, employers: pa.Table, person_employer: np.ndarray
) -> dict[Pool, np.ndarray]:
    tier = persons.column("talent_tier")
    new = as_days(persons.column("arrived_on")) >= days_since_epoch(NEW_ARRIVALS_FROM)
    high_end, middle = _in(tier, ("A", "B", "C")), _in(tier, ("D", "E", "F"))
    research = _in(employers.column("kind"), ("research_university",))
    foreign = ~_in(persons.column("nationality"), ("CN",))
    kind = employers.column("kind")
    revenue = pc.fill_null(employers.column("revenue"), 0.0).to_numpy()
    employees = employers.column("employees").to_numpy()
    firms = _in(kind, ("traditional_firm", "high_tech_firm"))
    masks: dict[Pool, np.ndarray] = {
        "high_end_new": high_end & new,
        "middle": middle,
        "graduates_new": _in(persons.column("degree"), ("bachelor", "master", "doctorate")) & new,
        "high_end": high_end,
        "research_staff": (person_employer >= 0) & research[np.maximum(person_employer, 0)],
        "foreign_talent": foreign & (high_end | middle),
        "startups": _in(kind, STAGED_ELIGIBLE_KINDS)
        & (as_days(employers.column("founded_on")) >= days_since_epoch(STAGED_FOUNDED_FROM)),
        "workstation_firms": firms
        & _in(employers.column("stage"), ("growth", "mature"))
        & (employees >= 100),
        "firms": _in(kind, _FIRMS),
        "rnd_firms": firms & (revenue >= 10_000_000),
    }
    return {name: np.flatnonzero(mask) for name, mask in masks.items()}


def build_registry(demo: Dataset, *, persons: int, rng: np.random.Generator) -> Registry:
    """``persons`` persons and employers in the demo's proportion (44 per 2,000 persons)."""
    per_person = demo["employers"].num_rows / demo["persons"].num_rows
    count = max(demo["employers"].num_rows, round(persons * per_person))
    employers = _employers(demo["employers"], count=count, rng=rng)
    people, person_employer = _persons(demo["persons"], count=persons, employers=employers, rng=rng)
    return Registry(
        persons=people,
        employers=employers,
        person_tier=np.asarray(people.column("talent_tier").to_numpy(zero_copy_only=False)),
        person_arrived=as_days(people.column("arrived_on")),
        pools=_pools(people, employers, person_employer),
    )


def staff_table(demo: Dataset, *, scale: int, rng: np.random.Generator) -> pa.Table:
    """Each department's demo staff ``scale`` times over: ST-<dept>-<n>, the first keeps the
    demo's role (the talent office's leader in charge), the others are officers."""
    rows = demo["staff"].to_pylist()
    departments = list(dict.fromkeys(row["department_id"] for row in rows))
    names = demo["persons"].column("name")
    records: list[dict[str, object]] = []
    for department in departments:
        own = [row for row in rows if row["department_id"] == department]
        for number in range(1, len(own) * scale + 1):
            role = own[number - 1]["role"] if number <= len(own) else "officer"
            records.append(
                {"staff_id": f"ST-{department}-{number}", "department_id": department, "role": role}
            )
    picked = names.take(pa.array(rng.integers(0, len(names), size=len(records))))
    return with_schema(
        "staff",
        {
            "staff_id": pa.array([r["staff_id"] for r in records], pa.string()),
            "name": picked,
            "department_id": pa.array([r["department_id"] for r in records], pa.string()),
            "role": pa.array([r["role"] for r in records], pa.string()),
        },
    )
