"""Figure 1 of the study from the event log: the sequential execution network of departments.

Each case's events are ordered by (timestamp, event_id) and consecutive events at the same
department collapse into one visit. Nodes are departments, with the cases touching them and
the stopped cases whose stop is there (see :mod:`luodi.diagnosis.stops`); an edge a → b counts
the cases handed over from a to b at least once; the entry counts cases whose first event is
at each department. Veto (按钮) departments are marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.quantities import to_int
from luodi.diagnosis.stops import StopPoint, stop_points

__all__ = ["ExecutionNetwork", "execution_network"]

_ORDER = ["timestamp", "event_id"]


@dataclass(frozen=True, kw_only=True)
class ExecutionNetwork:
    """Nodes by department id, edges by (source, target), entries by department id."""

    nodes: tuple[dict[str, Any], ...]
    edges: tuple[tuple[str, str, int], ...]
    entry: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [dict(n) for n in self.nodes],
            "edges": [{"source": s, "target": t, "cases": n} for s, t, n in self.edges],
            "entry": [{"department_id": d, "cases": n} for d, n in self.entry],
        }


def execution_network(
    ctx: DiagnosisContext,
    *,
    departments: Mapping[str, Mapping[str, Any]] | None = None,
    stops: Iterable[StopPoint] | None = None,
) -> ExecutionNetwork:
    """Two aggregate queries over the events: visits with their predecessor, and reach.

    ``departments`` (rows by id) and ``stops`` are read from ``ctx`` when not given.
    """
    if departments is None:
        departments = {str(r["department_id"]): r for r in ctx.rows(ctx.frame("departments"))}
    if stops is None:
        stops = stop_points(ctx)
    events = ctx.frame("events").select("case_id", "event_id", "timestamp", "department_id")
    previous = nw.col("department_id").shift(1).over("case_id", order_by=_ORDER)
    # A visit starts where the department changes; the first event has no predecessor.
    visits = (
        events.with_columns(source=previous)
        .filter(nw.col("source").is_null() | (nw.col("source") != nw.col("department_id")))
        .select("case_id", "source", "department_id")
        .unique()
        .group_by("source", "department_id")
        .agg(nw.len().alias("n"))
    )
    reach = events.group_by("department_id").agg(nw.col("case_id").n_unique().alias("n"))
    flows = ctx.rows(visits)
    touched = {str(r["department_id"]): to_int(r["n"]) for r in ctx.rows(reach)}
    stopped: dict[str, int] = {}
    for stop in stops:
        stopped[stop.department_id] = stopped.get(stop.department_id, 0) + stop.count
    nodes = []
    for department_id in sorted(touched.keys() | stopped.keys()):
        info = departments.get(department_id, {})
        nodes.append(
            {
                "department_id": department_id,
                "name": info.get("name"),
                "kind": info.get("kind"),
                "is_veto": bool(info.get("is_veto")),
                "cases": touched.get(department_id, 0),
                "stopped": stopped.get(department_id, 0),
            }
        )
    edges = sorted(
        (str(r["source"]), str(r["department_id"]), to_int(r["n"]))
        for r in flows
        if r["source"] is not None
    )
    entry = sorted((str(r["department_id"]), to_int(r["n"])) for r in flows if r["source"] is None)
    return ExecutionNetwork(nodes=tuple(nodes), edges=tuple(edges), entry=tuple(entry))
