"""Deterministic synthetic input: a large population and a library of clauses built in code.

Arrays are drawn with numpy in one vectorised pass per column (no per-row Python), from a
fixed seed, so every process that asks for ``n`` persons gets the same table. Tier shares
follow the study's Table 1 (high-end 2.8 %, middle 25.2 %, general 72 %).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import Choice, Dataset, arrow_schema, choices, table
from luodi.policy import Library, PolicyDocument

__all__ = ["ON", "bench_library", "bench_population", "employers_for"]

# The evaluation date of every benchmark.
ON = dt.date(2024, 7, 1)
_EPOCH = dt.date(1970, 1, 1)
_TIERS = ["A", "B", "C", "D", "E", "F", "general"]
_TIER_P = [0.004, 0.008, 0.016, 0.05, 0.08, 0.122, 0.72]


def employers_for(persons: int) -> int:
    """Employers of a population: one per 200 persons, at least 10."""
    return max(10, persons // 200)


def _values(options: tuple[Choice, ...]) -> list[str]:
    return [c.value for c in options]


def _pick(
    rng: np.random.Generator, options: list[str], n: int, p: list[float] | None = None
) -> pa.Array:
    codes = rng.choice(len(options), size=n, p=p)
    # Dictionary decode in Arrow: one small dictionary, one take, no Python strings per row.
    return pa.array(options, pa.string()).take(pa.array(codes))


def _ids(prefix: str, n: int) -> pa.Array:
    return pa.array(np.char.add(prefix, np.char.zfill(np.arange(n).astype(str), 7)))


def _dates(rng: np.random.Generator, start: dt.date, end: dt.date, n: int) -> pa.Array:
    low, high = (start - _EPOCH).days, (end - _EPOCH).days
    return pa.array(rng.integers(low, high, size=n).astype("int32"), pa.int32()).cast(pa.date32())


def _with_nulls(rng: np.random.Generator, array: pa.Array, share: float) -> pa.Array:
    mask = pa.array(rng.random(len(array)) < share)
    return pc.if_else(mask, pa.scalar(None, array.type), array)


def bench_population(*, persons: int, seed: int = 20240701) -> Dataset:
    """``persons`` persons and ``employers_for(persons)`` employers; other tables empty."""
    rng = np.random.default_rng(seed)
    m = employers_for(persons)
    employers = {
        "employer_id": _ids("E", m),
        "name": _ids("单位", m),
        "kind": _pick(rng, _values(choices.EMPLOYER_KINDS), m, [0.1, 0.3, 0.1, 0.5]),
        "stage": _pick(rng, _values(choices.EMPLOYER_STAGES), m, [0.3, 0.35, 0.35]),
        "region_id": pa.array(np.full(m, "C")),
        "founded_on": _dates(rng, dt.date(1990, 1, 1), dt.date(2024, 6, 1), m),
        "employees": pa.array(rng.integers(3, 3000, size=m)),
        "revenue": _with_nulls(rng, pa.array(rng.lognormal(16, 1.5, size=m)), 0.1),
    }
    person_employer = pa.array(
        np.char.add("E", np.char.zfill(rng.integers(0, m, size=persons).astype(str), 7))
    )
    people = {
        "person_id": _ids("P", persons),
        "name": _ids("人才", persons),
        "gender": _pick(rng, ["male", "female"], persons, [0.635, 0.365]),
        "birth_year": pa.array(rng.integers(1960, 2003, size=persons)),
        "nationality": _pick(rng, ["CN", "US"], persons, [0.981, 0.019]),
        "talent_tier": _pick(rng, _TIERS, persons, _TIER_P),
        "degree": _pick(rng, _values(choices.DEGREES), persons, [0.051, 0.152, 0.609, 0.188]),
        "title": _pick(rng, _values(choices.TITLES), persons, [0.057, 0.035, 0.171, 0.191, 0.546]),
        "discipline": _pick(rng, _values(choices.DISCIPLINES), persons, [0.563, 0.067, 0.37]),
        "political_status": _pick(
            rng, _values(choices.POLITICAL_STATUSES), persons, [0.196, 0.386, 0.007, 0.026, 0.385]
        ),
        "origin": _pick(rng, _values(choices.ORIGINS), persons, [0.612, 0.388]),
        "employer_id": _with_nulls(rng, person_employer, 0.02),
        "arrived_on": _with_nulls(
            rng, _dates(rng, dt.date(2000, 1, 1), dt.date(2024, 6, 1), persons), 0.05
        ),
    }
    tables = dict(Dataset.empty().tables)
    for name, columns in (("employers", employers), ("persons", people)):
        schema = arrow_schema(table(name))
        tables[name] = pa.table([columns[f.name].cast(f.type) for f in schema], schema=schema)
    return Dataset(tables=tables)


_LEVELS = ("central", "province", "city", "district")


def _criteria(i: int, level: int) -> dict[str, Any]:
    """Varied criteria; each level down adds a condition, as local rules do."""
    base: list[dict[str, Any]] = [
        {"attribute": "person.age", "op": "le", "value": 40 + i % 16},
        {
            "attribute": "person.degree",
            "op": "in",
            "value": ["doctorate", "master", "bachelor"][: 1 + i % 3],
        },
        {
            "any": [
                {"attribute": "person.title", "op": "in", "value": ["senior", "associate_senior"]},
                {"attribute": "person.years_in_region", "op": "ge", "value": 1 + i % 5},
            ]
        },
        {"not": {"attribute": "person.nationality", "op": "ne", "value": "CN"}},
    ]
    narrowing: list[dict[str, Any]] = [
        {"attribute": "person.arrived_on", "op": "exists"},
        {"attribute": "employer.stage", "op": "in", "value": ["growth", "mature"]},
        {"attribute": "person.talent_tier", "op": "in", "value": ["A", "B", "C", "D", "E"]},
    ]
    return {"all": [base[i % 4], base[(i + 1) % 4], *narrowing[:level]]}


def _employer_criteria(i: int, level: int) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"attribute": "employer.age_years", "op": "le", "value": 3 + i % 8},
        {"attribute": "employer.employees", "op": "ge", "value": 5 * (1 + level)},
        {"attribute": "employer.kind", "op": "ne", "value": "traditional_firm"},
        {"attribute": "employer.revenue", "op": "gt", "value": 1_000_000.0},
    ]
    return {"all": parts[: 1 + level]}


def _benefit(i: int) -> dict[str, Any]:
    kind = i % 3
    if kind == 0:
        return {"kind": "cash_award", "amount": float(10_000 * (1 + i % 7))}
    if kind == 1:
        return {
            "kind": "subsidy",
            "amount": {
                "by": "person.talent_tier",
                "table": {"A": 1e6, "B": 5e5, "C": 3e5, "D": 1e5},
                "default": 2e4,
            },
            "cap": 8e5,
        }
    return {
        "kind": "subsidy",
        "amount": {"formula": "min(person.age * 1000, 50000)"},
        "cap": 40_000.0,
    }


def bench_library(*, clauses: int) -> Library:
    """``clauses`` clauses in chains of four levels (central → district); every fifth chain is
    for employers, with a revenue formula."""
    documents = []
    by_level: list[list[dict[str, Any]]] = [[] for _ in _LEVELS]
    for i in range(clauses):
        chain, level = divmod(i, len(_LEVELS))
        employer = chain % 5 == 4
        clause: dict[str, Any] = {
            "id": f"B{chain:03d}-{level}",
            "number": f"第{i + 1}条",
            "text": "基准测试条款",
            "subject": "employer" if employer else "person",
            "benefit": (
                {
                    "kind": "funding",
                    "amount": {
                        "formula": "min(employer.revenue * 0.05, employer.employees * 2000)"
                    },
                    "cap": 5e5,
                }
                if employer
                else _benefit(i)
            ),
            "eligibility": _employer_criteria(chain, level)
            if employer
            else _criteria(chain, level),
            "route": [
                {"department": "C-TO", "role": "lead"},
                {"department": "C-AUD", "role": "veto"},
            ],
            "deadline_days": 20,
        }
        if level:
            clause["refines"] = f"B{chain:03d}-{level - 1}"
        by_level[level].append(clause)
    for level, name in enumerate(_LEVELS):
        if not by_level[level]:
            continue
        documents.append(
            PolicyDocument.model_validate(
                {
                    "id": f"BENCH-{name}",
                    "title": f"基准测试政策（{name}）",
                    "issuer": "benchmark",
                    "level": name,
                    "region": "C",
                    "issued_on": "2020-01-01",
                    "effective_from": "2020-01-01",
                    "clauses": by_level[level],
                }
            )
        )
    return Library(documents=tuple(documents))
