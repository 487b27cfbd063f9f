"""Conformance of cases to a prescribed route: PM4Py alignments per variant, deviations named.

Cases are grouped into variants first, so a log of a million cases that follow a few hundred
paths costs a few hundred alignments. The route becomes a sequential Petri net (one labelled
transition per step); PM4Py aligns each variant with it and gives the fitness. The deviations
are classified here, on the variant's sequence:

- ``skipped``: a step of the route never happens (``skipped_veto`` for a veto step — a
  department that may stop the case, whose omission voids the decision);
- ``repeated``: a step happens more than once;
- ``out_of_order``: a step happens, but not in the route's order relative to the others
  (the steps outside the longest in-order run of first occurrences);
- ``extra``: something that is not a step of the route happens.

A route over departments (``on="group"``) first merges consecutive events of the same
department into one step, since a department often records several events per turn.
"""

from __future__ import annotations

import bisect
import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import narwhals as nw

from luodi.engines import Engine
from luodi.process.errors import RouteError
from luodi.process.log import EventLog
from luodi.process.variants import variants_of

__all__ = [
    "ConformanceReport",
    "Deviation",
    "DeviationKind",
    "Route",
    "VariantConformance",
    "classify",
    "conformance",
    "route_net",
]


class DeviationKind(enum.StrEnum):
    SKIPPED = "skipped"
    SKIPPED_VETO = "skipped_veto"
    REPEATED = "repeated"
    OUT_OF_ORDER = "out_of_order"
    EXTRA = "extra"


@dataclass(frozen=True, kw_only=True)
class Route:
    """The prescribed order of steps (activities, or departments with ``on="group"``)."""

    steps: tuple[str, ...]
    veto_steps: frozenset[str] = field(default_factory=frozenset)
    on: Literal["activity", "group"] = "activity"

    def __post_init__(self) -> None:
        if not self.steps:
            raise RouteError("a route needs at least one step; list the steps in order")
        twice = sorted(s for s, n in Counter(self.steps).items() if n > 1)
        if twice:
            raise RouteError(
                f"route steps {twice} are listed more than once; a prescribed route names each "
                "step once (model a loop as repeated deviations instead)"
            )
        unknown = sorted(self.veto_steps - set(self.steps))
        if unknown:
            raise RouteError(f"veto steps {unknown} are not steps of the route {self.steps}")


@dataclass(frozen=True, kw_only=True)
class Deviation:
    kind: DeviationKind
    step: str


@dataclass(frozen=True, kw_only=True)
class VariantConformance:
    sequence: tuple[str, ...]
    cases: int
    fitness: float
    deviations: tuple[Deviation, ...]

    @property
    def fits(self) -> bool:
        return not self.deviations


@dataclass(frozen=True, kw_only=True)
class ConformanceReport:
    route: Route
    variants: tuple[VariantConformance, ...]

    @property
    def cases(self) -> int:
        return sum(v.cases for v in self.variants)

    @property
    def fitting_cases(self) -> int:
        return sum(v.cases for v in self.variants if v.fits)

    @property
    def mean_fitness(self) -> float | None:
        """Case-weighted mean fitness; None for an empty log."""
        if not self.cases:
            return None
        return sum(v.fitness * v.cases for v in self.variants) / self.cases

    def cases_by_deviation(self) -> dict[str, int]:
        """Cases with at least one deviation of each kind."""
        counts: Counter[str] = Counter()
        for variant in self.variants:
            for kind in {d.kind.value for d in variant.deviations}:
                counts[kind] += variant.cases
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        mean = self.mean_fitness
        return {
            "route": list(self.route.steps),
            "veto_steps": sorted(self.route.veto_steps),
            "on": self.route.on,
            "cases": self.cases,
            "fitting_cases": self.fitting_cases,
            "mean_fitness": None if mean is None else round(mean, 6),
            "cases_by_deviation": self.cases_by_deviation(),
            "variants": [
                {
                    "sequence": list(v.sequence),
                    "cases": v.cases,
                    "fitness": round(v.fitness, 6),
                    "deviations": [{"kind": d.kind.value, "step": d.step} for d in v.deviations],
                }
                for v in self.variants
            ],
        }


def route_net(route: Route) -> tuple[Any, Any, Any]:
    """The route as a sequential Petri net with its initial and final markings."""
    from pm4py.objects.petri_net.obj import Marking, PetriNet
    from pm4py.objects.petri_net.utils.petri_utils import add_arc_from_to

    net = PetriNet(name="route")
    places = [PetriNet.Place(f"p{i}") for i in range(len(route.steps) + 1)]
    for place in places:
        net.places.add(place)
    for i, step in enumerate(route.steps):
        transition = PetriNet.Transition(f"t{i}", step)
        net.transitions.add(transition)
        add_arc_from_to(places[i], transition, net)
        add_arc_from_to(transition, places[i + 1], net)
    initial, final = Marking(), Marking()
    initial[places[0]] = 1
    final[places[-1]] = 1
    return net, initial, final


def _in_order(positions: Sequence[int]) -> set[int]:
    """Indices of a longest strictly increasing subsequence of ``positions``."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(positions)
    for i, value in enumerate(positions):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = parent[i]
    return keep


def classify(*, sequence: Sequence[str], route: Route) -> tuple[Deviation, ...]:
    """The deviations of one sequence from the route, in route order then by kind."""
    index = {step: i for i, step in enumerate(route.steps)}
    seen = Counter(sequence)
    deviations: list[Deviation] = []
    firsts = [step for step in dict.fromkeys(sequence) if step in index]
    in_order = _in_order([index[step] for step in firsts])
    late = {step for i, step in enumerate(firsts) if i not in in_order}
    for step in route.steps:
        if not seen[step]:
            kind = DeviationKind.SKIPPED_VETO if step in route.veto_steps else DeviationKind.SKIPPED
            deviations.append(Deviation(kind=kind, step=step))
            continue
        if seen[step] > 1:
            deviations.append(Deviation(kind=DeviationKind.REPEATED, step=step))
        if step in late:
            deviations.append(Deviation(kind=DeviationKind.OUT_OF_ORDER, step=step))
    for step in dict.fromkeys(sequence):
        if step not in index:
            deviations.append(Deviation(kind=DeviationKind.EXTRA, step=step))
    return tuple(deviations)


def _collapse(sequence: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s for i, s in enumerate(sequence) if i == 0 or s != sequence[i - 1])


def _fitness(sequences: Sequence[tuple[str, ...]], route: Route) -> list[float]:
    from pm4py.algo.conformance.alignments.petri_net import algorithm as alignments
    from pm4py.objects.log.obj import Event, Trace
    from pm4py.objects.log.obj import EventLog as Pm4pyLog

    net, initial, final = route_net(route)
    log = Pm4pyLog([Trace([Event({"concept:name": step}) for step in seq]) for seq in sequences])
    results = alignments.apply(log, net, initial, final, parameters={"show_progress_bar": False})
    return [float(result["fitness"]) for result in results]


def conformance(*, log: EventLog, engine: Engine, route: Route) -> ConformanceReport:
    """Fitness and deviations of every variant of ``log`` against ``route``."""
    events = engine.frame(log.core()).filter(~nw.col("activity").is_null())
    found = variants_of(events=events, engine=engine, key=route.on)
    merged: Counter[tuple[str, ...]] = Counter()
    for sequence, cases in zip(found.sequences, found.cases, strict=True):
        merged[_collapse(sequence) if route.on == "group" else sequence] += cases
    ordered = sorted(merged.items(), key=lambda item: (-item[1], item[0]))
    fitness = _fitness([s for s, _ in ordered], route) if ordered else []
    return ConformanceReport(
        route=route,
        variants=tuple(
            VariantConformance(
                sequence=sequence,
                cases=cases,
                fitness=fit,
                deviations=classify(sequence=sequence, route=route),
            )
            for (sequence, cases), fit in zip(ordered, fitness, strict=True)
        ),
    )
