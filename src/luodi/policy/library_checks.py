"""Checks across the files of a library: unique ids, lineage that goes up, supersedes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from luodi.policy.checks import LEVELS, Reporter, Source, closest
from luodi.policy.errors import ProblemCode
from luodi.policy.problems import ProblemCollector
from luodi.policy.yamlpos import YamlPath, position

__all__ = ["check_library"]


@dataclass(frozen=True, kw_only=True)
class _Seen:
    source: Source
    path: YamlPath

    def place(self) -> str:
        line, _ = position(self.source.root, self.path)
        return f"{self.source.file}:{line}"


def _level(source: Source) -> int | None:
    level = source.raw("level")
    return LEVELS.index(level) if level in LEVELS else None


def check_library(sink: ProblemCollector, sources: Sequence[Source]) -> None:
    """Checks across files: unique ids, lineage that resolves and goes up, supersedes."""
    policies: dict[str, _Seen] = {}
    clauses: dict[str, _Seen] = {}
    for source in sources:
        rep = Reporter(sink, source)
        policy_id = source.raw("id")
        if isinstance(policy_id, str):
            if policy_id in policies:
                other = policies[policy_id].place()
                rep.add(ProblemCode.DUPLICATE_POLICY, ("id",), policy_id=policy_id, other=other)
            else:
                policies[policy_id] = _Seen(source=source, path=("id",))
        for number, raw in source.raw_clauses():
            clause_id = raw.get("id")
            if not isinstance(clause_id, str):
                continue
            path: YamlPath = ("clauses", number, "id")
            if clause_id in clauses:
                other = clauses[clause_id].place()
                rep.add(ProblemCode.DUPLICATE_CLAUSE, path, clause_id=clause_id, other=other)
            else:
                clauses[clause_id] = _Seen(source=source, path=path)
    _lineage(sink, sources, clauses)
    _supersedes(sink, sources, policies)


def _refines(sources: Sequence[Source]) -> dict[str, str]:
    graph: dict[str, str] = {}
    for source in sources:
        for _, raw in source.raw_clauses():
            clause_id, target = raw.get("id"), raw.get("refines")
            if isinstance(clause_id, str) and isinstance(target, str):
                graph.setdefault(clause_id, target)
    return graph


def _lineage(sink: ProblemCollector, sources: Sequence[Source], clauses: dict[str, _Seen]) -> None:
    for source in sources:
        rep = Reporter(sink, source)
        for number, raw in source.raw_clauses():
            clause_id, target = raw.get("id"), raw.get("refines")
            if not isinstance(target, str):
                continue
            path: YamlPath = ("clauses", number, "refines")
            if target not in clauses:
                rep.add(
                    ProblemCode.DANGLING_REFINES,
                    path,
                    clause_id=clause_id,
                    target=target,
                    hint=closest(target, clauses),
                )
                continue
            mine, theirs = _level(source), _level(clauses[target].source)
            if mine is not None and theirs is not None and theirs >= mine:
                rep.add(
                    ProblemCode.REFINES_LEVEL,
                    path,
                    clause_id=clause_id,
                    level=LEVELS[mine],
                    target=target,
                    target_level=LEVELS[theirs],
                )
    graph = _refines(sources)
    reported: set[frozenset[str]] = set()
    for start in graph:
        chain, current = [start], graph.get(start)
        while current is not None and current not in chain:
            chain.append(current)
            current = graph.get(current)
        if current is None:
            continue
        cycle = chain[chain.index(current) :]
        if frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        # Report at the member that comes first in the files, so the report is stable.
        first = min(cycle, key=lambda c: (clauses[c].source.file, clauses[c].place()))
        seen = clauses[first]
        ring = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        path = (*seen.path[:-1], "refines")
        Reporter(sink, seen.source).add(ProblemCode.REFINES_CYCLE, path, cycle=" → ".join(ring))


def _supersedes(
    sink: ProblemCollector, sources: Sequence[Source], policies: dict[str, _Seen]
) -> None:
    for source in sources:
        rep = Reporter(sink, source)
        targets = source.raw("supersedes")
        if not isinstance(targets, list):
            continue
        start = source.raw("effective_from")
        for number, target in enumerate(targets):
            if not isinstance(target, str):
                continue
            if target not in policies:
                rep.add(
                    ProblemCode.DANGLING_SUPERSEDES,
                    ("supersedes", number),
                    policy_id=source.raw("id"),
                    target=target,
                    hint=closest(target, policies),
                )
                continue
            replaced = policies[target].source.raw("effective_from")
            if isinstance(start, dt.date) and start == replaced:
                rep.add(
                    ProblemCode.SUPERSEDES_SAME_START,
                    ("effective_from",),
                    policy_id=source.raw("id"),
                    target=target,
                    start=start,
                )
