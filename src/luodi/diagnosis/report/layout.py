"""A layered layout of the sequential execution network (Figure 1): who hands cases to whom.

A small Sugiyama layout. Departments go into rows by the longest chain of handovers that
leads to them, so a case flows down the page. Handovers that close a cycle (a case returned
upstream) are marked ``back`` and laid out reversed. A handover that skips rows passes through
virtual nodes, one per row skipped, so its line runs between the boxes instead of through
them. Within a row, nodes are ordered by the mean position of their neighbours (a few
barycenter sweeps), which keeps lines short and crossings few.

>>> layout = layered_layout(
...     nodes=["TO", "HR", "AUD", "FIN"],
...     edges=[("TO", "HR", 5), ("HR", "AUD", 3), ("AUD", "FIN", 3), ("HR", "FIN", 2),
...            ("FIN", "TO", 1)],
...     entry=["TO"],
... )
>>> [(p.node, p.layer) for p in layout.positions if not p.virtual]
[('TO', 0), ('HR', 1), ('AUD', 2), ('FIN', 3)]
>>> [(e.source, e.target, len(e.via)) for e in layout.edges if e.back or e.via]
[('FIN', 'TO', 2), ('HR', 'FIN', 1)]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["LaidEdge", "Layout", "Position", "layered_layout"]

_SWEEPS = 12


@dataclass(frozen=True, kw_only=True)
class Position:
    """Where a node sits: its row (``layer``) and its place in the row (``order``, from 0)."""

    node: str
    layer: int
    order: int
    virtual: bool = False


@dataclass(frozen=True, kw_only=True)
class LaidEdge:
    """A handover; ``via`` are the virtual nodes its line passes, from source to target."""

    source: str
    target: str
    cases: int
    back: bool
    via: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Layout:
    positions: tuple[Position, ...]
    edges: tuple[LaidEdge, ...]

    @property
    def layers(self) -> int:
        return 1 + max((p.layer for p in self.positions), default=-1)

    def row(self, layer: int) -> list[Position]:
        """The nodes of one row, left to right, virtual ones included."""
        return sorted((p for p in self.positions if p.layer == layer), key=lambda p: p.order)


def _back_edges(
    nodes: Sequence[str], succ: dict[str, list[str]], roots: Iterable[str]
) -> set[tuple[str, str]]:
    """Edges that point to a node still on the depth-first path: they close a cycle."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    back: set[tuple[str, str]] = set()
    for root in [*roots, *nodes]:
        if root in state:
            continue
        # Iterative DFS: a province-wide network must not hit the recursion limit.
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, i = stack[-1]
            if i < len(succ[node]):
                stack[-1] = (node, i + 1)
                nxt = succ[node][i]
                if state.get(nxt) == 1:
                    back.add((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                stack.pop()
    return back


def _longest_path_layers(nodes: Sequence[str], forward: list[tuple[str, str]]) -> dict[str, int]:
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    indegree = dict.fromkeys(nodes, 0)
    for s, t in forward:
        preds[t].append(s)
        indegree[t] += 1
    layer = dict.fromkeys(nodes, 0)
    ready = sorted(n for n in nodes if indegree[n] == 0)
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for s, t in forward:
        succ[s].append(t)
    while ready:
        node = ready.pop(0)
        for t in succ[node]:
            layer[t] = max(layer[t], layer[node] + 1)
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
        ready.sort()
    return layer


def _barycenter_order(
    nodes: Sequence[str], layer: dict[str, int], forward: list[tuple[str, str]]
) -> dict[str, int]:
    rows: dict[int, list[str]] = {}
    for n in sorted(nodes):
        rows.setdefault(layer[n], []).append(n)
    up: dict[str, list[str]] = {n: [] for n in nodes}
    down: dict[str, list[str]] = {n: [] for n in nodes}
    for s, t in forward:
        down[s].append(t)
        up[t].append(s)
    order = {n: i for row in rows.values() for i, n in enumerate(row)}

    def sweep(row_ids: Iterable[int], neighbours: dict[str, list[str]]) -> None:
        for r in row_ids:
            row = rows[r]
            keys: dict[str, tuple[float, int]] = {}
            for n in row:
                near = [order[m] for m in neighbours[n]]
                # Nodes without neighbours on that side keep their place.
                keys[n] = (sum(near) / len(near) if near else float(order[n]), order[n])
            row.sort(key=keys.__getitem__)
            for i, n in enumerate(row):
                order[n] = i

    ids = sorted(rows)
    for _ in range(_SWEEPS):
        sweep(ids[1:], up)
        sweep(list(reversed(ids[:-1])), down)
    return order


def _virtual(source: str, target: str, k: int) -> str:
    # NUL cannot occur in a department id, so a virtual node never clashes with a real one.
    return f"\x00{source}>{target}#{k}"


def layered_layout(
    *, nodes: Sequence[str], edges: Sequence[tuple[str, str, int]], entry: Sequence[str] = ()
) -> Layout:
    """Rows and orders for ``nodes``; ``edges`` are (source, target, cases); ``entry`` first."""
    known = list(dict.fromkeys(nodes))
    succ: dict[str, list[str]] = {n: [] for n in known}
    kept = [(s, t, c) for s, t, c in edges if s in succ and t in succ and s != t]
    # Heavier handovers first, so the main flow defines the rows and a rare return is "back".
    for s, t, _ in sorted(kept, key=lambda e: (-e[2], e[0], e[1])):
        succ[s].append(t)
    back = _back_edges(known, succ, [n for n in entry if n in succ])
    # A returned case is laid out as if it went forward, then drawn against the flow.
    directed = sorted({(t, s) if (s, t) in back else (s, t) for s, t, _ in kept})
    layer = _longest_path_layers(known, directed)
    chains: dict[tuple[str, str], list[str]] = {}
    all_nodes = list(known)
    links: list[tuple[str, str]] = []
    for s, t in directed:
        chain = [s]
        for k, row in enumerate(range(layer[s] + 1, layer[t])):
            v = _virtual(s, t, k)
            layer[v] = row
            all_nodes.append(v)
            chain.append(v)
        chain.append(t)
        chains[(s, t)] = chain[1:-1]
        links.extend(itertools.pairwise(chain))
    order = _barycenter_order(all_nodes, layer, links)
    positions = tuple(
        Position(node=n, layer=layer[n], order=order[n], virtual=n not in succ)
        for n in sorted(all_nodes, key=lambda n: (layer[n], order[n]))
    )
    laid = []
    for s, t, c in sorted(kept, key=lambda e: (e[0], e[1])):
        is_back = (s, t) in back
        via = tuple(reversed(chains[(t, s)])) if is_back else tuple(chains[(s, t)])
        laid.append(LaidEdge(source=s, target=t, cases=c, back=is_back, via=via))
    return Layout(positions=positions, edges=tuple(laid))
