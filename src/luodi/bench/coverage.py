"""The coverage benchmark: every clause over a large population, Luodi against a per-row peer.

Luodi runs :func:`luodi.policy.coverage.coverage` (eligibility counting, amounts, chains and
the case queries) on each engine. The peer is what one would write without a dataframe
engine: turn the rows into Python dicts and run the explanation evaluator on each, counting by
group. It evaluates eligibility and amounts only (less work than Luodi does). Per-row Python
cannot do millions of rows in benchmark time, so the peer runs on the first ``peer_persons``
persons and Luodi is timed again on exactly that data for the ratio; ``params`` says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from luodi.bench.data import ON, bench_library, bench_population, employers_for
from luodi.bench.runner import BenchResult, measure

__all__ = ["coverage_benchmark", "luodi_item", "peer_item"]

Counts = dict[str, int]


def _summary(report: Any) -> Counts:
    return {c.clause_id: sum(g.eligible for g in c.groups) for c in report.clauses}


def luodi_item(*, persons: int, clauses: int, engine: str) -> Callable[[], Counts]:
    """Factory run in the child: data and library prepared here, ``coverage`` timed."""
    from luodi.engines import get_engine
    from luodi.policy.coverage import coverage

    dataset = bench_population(persons=persons)
    library = bench_library(clauses=clauses)
    runner = get_engine(engine)

    def work() -> Counts:
        report = coverage(library=library, dataset=dataset, engine=runner, on=ON)
        return _summary(report)

    return work


def peer_item(*, persons: int, clauses: int) -> Callable[[], Counts]:
    """The per-row peer: Python dicts and the explanation evaluator, one row at a time."""
    from luodi.policy.explain import explain_plan
    from luodi.policy.profile import DERIVED_SOURCES, whole_years

    dataset = bench_population(persons=persons)
    library = bench_library(clauses=clauses)
    plan = explain_plan(library=library, on=ON)
    subjects = [c.resolved.clause.subject for c in plan.clauses]
    ids = [c.resolved.id for c in plan.clauses]

    def work() -> Counts:
        employers = {r["employer_id"]: r for r in dataset["employers"].to_pylist()}
        counts: Counter[str] = Counter()

        def count(row_lookup: Callable[[str], object], subject: str) -> None:
            results = plan.evaluate(row_lookup)
            for clause_id, kind, (eligible, _amount) in zip(ids, subjects, results, strict=True):
                if kind == subject and eligible:
                    counts[clause_id] += 1

        def lookup_for(
            person: dict[str, Any] | None, employer: dict[str, Any] | None
        ) -> Callable[[str], object]:
            def lookup(attribute: str) -> object:
                if attribute in DERIVED_SOURCES:
                    base = lookup(DERIVED_SOURCES[attribute])
                    if base is None:
                        return None
                    if attribute == "person.age":
                        return whole_years(ON.replace(year=int(str(base)), month=7, day=1), ON)
                    return whole_years(base, ON)  # type: ignore[arg-type]
                section, _, name = attribute.partition(".")
                row = person if section == "person" else employer
                return None if row is None else row.get(name)

            return lookup

        for person in dataset["persons"].to_pylist():
            count(lookup_for(person, employers.get(person["employer_id"])), "person")
        for employer in employers.values():
            count(lookup_for(None, employer), "employer")
        return {clause_id: counts.get(clause_id, 0) for clause_id in ids}

    return work


def coverage_benchmark(
    *,
    persons: int = 1_000_000,
    clauses: int = 100,
    engines: Sequence[str] = ("duckdb", "polars"),
    runs: int = 3,
    peer_persons: int = 20_000,
) -> dict[str, Any]:
    """Run the benchmark; the JSON shape of ``luodi bench coverage --json``."""
    module = "luodi.bench.coverage"
    results: list[BenchResult] = []
    for engine in engines:
        results.append(
            measure(
                name=f"luodi-{engine}",
                factory=f"{module}:luodi_item",
                kwargs={"persons": persons, "clauses": clauses, "engine": engine},
                runs=runs,
            )
        )
    small = min(peer_persons, persons)
    same_size = small == persons
    luodi_small = (
        results[0]
        if same_size and engines and engines[0] == "duckdb"
        else measure(
            name=f"luodi-duckdb@{small}",
            factory=f"{module}:luodi_item",
            kwargs={"persons": small, "clauses": clauses, "engine": "duckdb"},
            runs=runs,
        )
    )
    if luodi_small is not results[0] or not results:
        results.append(luodi_small)
    peer = measure(
        name="peer-python-per-row" + ("" if same_size else f"@{small}"),
        factory=f"{module}:peer_item",
        kwargs={"persons": small, "clauses": clauses},
        runs=runs,
    )
    results.append(peer)
    ratios: dict[str, float] = {"peer/luodi": round(peer.median_s / luodi_small.median_s, 2)}
    base = results[0] if engines else None
    for result in results[1 : len(engines)]:
        assert base is not None
        ratios[f"{result.name}/{base.name}"] = round(result.median_s / base.median_s, 2)
    return {
        "benchmark": "coverage",
        "params": {
            "persons": persons,
            "employers": employers_for(persons),
            "clauses": clauses,
            "engines": list(engines),
            "runs": runs,
            "warmup_runs": 1,
            "on": ON.isoformat(),
            "peer_persons": small,
            "peer_employers": employers_for(small),
            "peer_note": (
                "the peer evaluates rows one by one in Python with the explanation evaluator; "
                + (
                    "it ran on the same data as Luodi"
                    if same_size
                    else f"too slow for {persons} persons, so it ran on {small} persons and "
                    f"'peer/luodi' compares it with luodi-duckdb on the same {small} persons"
                )
            ),
            "peer_agrees": peer.value == luodi_small.value,
            "memory": "peak RSS (ru_maxrss) of a fresh spawned process per item, including "
            "interpreter, libraries and generated data; a Spark JVM is not included",
        },
        "results": [r.to_dict() for r in results],
        "ratios": ratios,
    }
