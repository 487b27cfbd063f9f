"""The explain benchmark: one profile against a library of clauses, p95 latency in ms.

``luodi-explain`` uses the plan prepared once per library and date (what a web request
sees after the first one); the peer builds the plan on every call, as code without the cache
would. Each timed run is one call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from luodi.bench.data import ON, bench_library
from luodi.bench.runner import measure

__all__ = ["PROFILE", "explain_benchmark", "explain_item"]

PROFILE: dict[str, dict[str, object]] = {
    "person": {
        "talent_tier": "D",
        "birth_year": 1988,
        "degree": "master",
        "title": "intermediate",
        "nationality": "CN",
        "arrived_on": "2019-03-01",
    },
    "employer": {
        "stage": "startup",
        "kind": "high_tech_firm",
        "founded_on": "2021-05-01",
        "employees": 40,
        "revenue": 3_000_000.0,
    },
}


def explain_item(*, clauses: int, cached: bool) -> Callable[[], int]:
    from luodi.policy import Library
    from luodi.policy.explain import explain
    from luodi.policy.profile import Profile

    library = bench_library(clauses=clauses)
    profile = Profile.from_dict(PROFILE)

    def work() -> int:
        # A new Library object misses the plan cache, so the plan is built again.
        used = library if cached else Library(documents=library.documents)
        result = explain(library=used, profile=profile, on=ON)
        return sum(1 for c in result.clauses if c.eligible)

    return work


def explain_benchmark(*, clauses: int = 100, runs: int = 200) -> dict[str, Any]:
    """Run the benchmark; the JSON shape of ``luodi bench explain --json``."""
    module = "luodi.bench.explain"
    luodi = measure(
        name="luodi-explain",
        factory=f"{module}:explain_item",
        kwargs={"clauses": clauses, "cached": True},
        runs=runs,
        p95=True,
    )
    peer = measure(
        name="peer-explain-uncached",
        factory=f"{module}:explain_item",
        kwargs={"clauses": clauses, "cached": False},
        runs=runs,
        p95=True,
    )
    return {
        "benchmark": "explain",
        "params": {
            "clauses": clauses,
            "runs": runs,
            "warmup_runs": 1,
            "on": ON.isoformat(),
            "profile": PROFILE,
            "target_p95_ms": 20,
            "memory": "peak RSS (ru_maxrss) of a fresh spawned process per item",
        },
        "results": [luodi.to_dict(), peer.to_dict()],
        "ratios": {"peer/luodi": round(peer.median_s / luodi.median_s, 2)},
    }
