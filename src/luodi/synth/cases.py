"""Millions of cases from the templates: cases, events, steps, payments, escalations, exceptions.

Each case draws a template (a clause and how its case ends) and an applicant from the clause's
pool; its events are the template's rows with drawn gaps between them, so every table is one
numpy/Arrow expansion: ``np.repeat`` of the case index by the template's row count, then
``take`` of the template's columns. The number of events is exactly what was asked: cases are
drawn until the next would overshoot, and open cases of the right length fill the rest.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import Dataset
from luodi.demo.policies import clause
from luodi.demo.workflow import DEFAULT_DEADLINE_DAYS, END, START
from luodi.synth.arrays import expand, ids, with_schema
from luodi.synth.plan import PLANS
from luodi.synth.registry import Registry
from luodi.synth.templates import TALENT_OFFICE, TemplateSet

__all__ = ["workflow_tables"]

DAY = 86_400
_FILL_CLAUSE = "CL-C-03"  # open cases of this clause make up the last few events
_SIGMA = 0.8
_PERSON_PLAN = np.array([plan.subject == "person" for plan in PLANS])


def _seconds(moment: dt.datetime) -> int:
    return int((moment - dt.datetime(1970, 1, 1)).total_seconds())


def _choose(templates: TemplateSet, events: int, rng: np.random.Generator) -> np.ndarray:
    """Template of each case, summing to exactly ``events`` events."""
    p = templates.weight / templates.weight.sum()
    mean = float((p * templates.ev_count).sum())
    chosen = np.empty(0, dtype=np.int64)
    total = 0
    while True:
        more = rng.choice(len(p), size=int((events - total) / mean * 1.03) + 16, p=p)
        lengths = np.cumsum(templates.ev_count[more]) + total
        cut = int(np.searchsorted(lengths, events, side="right"))
        chosen = np.concatenate([chosen, more[:cut]])
        if cut < len(more) or cut == 0:
            total = int(lengths[cut - 1]) if cut else total
            break
        total = int(lengths[-1])
    fill_plan = next(i for i, plan in enumerate(PLANS) if plan.clause_id == _FILL_CLAUSE)
    by_progress = {
        int(templates.progress[t]): t
        for t in np.flatnonzero(templates.is_open & (templates.plan == fill_plan))
    }
    longest = max(by_progress)
    whole, rest = divmod(events - total, longest)
    fill = [by_progress[longest]] * whole + ([by_progress[rest]] if rest else [])
    return np.concatenate([chosen, np.array(fill, dtype=np.int64)])


def _subjects(
    templates: TemplateSet, registry: Registry, tpl: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """An applicant from the clause's pool for each case; a pool is used up before anyone
    applies again (again = a yearly re-application)."""
    plan_of = templates.plan[tpl]
    subject = np.empty(len(tpl), dtype=np.int64)
    for index, plan in enumerate(PLANS):
        cases = np.flatnonzero(plan_of == index)
        pool = registry.pools[plan.pool]
        if len(pool) == 0:
            everyone = registry.persons if plan.subject == "person" else registry.employers
            pool = np.arange(everyone.num_rows)
        order = rng.permutation(pool)
        subject[cases] = order[np.arange(len(cases)) % len(order)]
    return subject


def _opened(
    templates: TemplateSet,
    registry: Registry,
    tpl: np.ndarray,
    subject: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Opening times in seconds: early enough for the case's span to end by END; open cases
    shortly before END; never before the applicant arrived."""
    start, end = _seconds(START), _seconds(END)
    span = (templates.span_days[tpl] * 1.5 * DAY).astype(np.int64)
    latest = np.maximum(start + 30 * DAY, end - span)
    u = rng.random(len(tpl))
    opened = np.where(
        templates.is_open[tpl],
        latest - (u * 30 * DAY).astype(np.int64),
        start + (u * (latest - start)).astype(np.int64),
    )
    person = _PERSON_PLAN[templates.plan[tpl]]
    arrived = registry.person_arrived[np.where(person, subject, 0)] * DAY
    after = arrived + rng.integers(1, 61, size=len(tpl)) * DAY
    opened = np.where(person, np.maximum(opened, after), opened)
    # Office hours: 9:00 to 17:00 of the day.
    office: np.ndarray = (opened // DAY) * DAY + 9 * 3600 + rng.integers(0, 8 * 3600, size=len(tpl))
    return office


def _timestamps(us: np.ndarray) -> pa.Array:
    return pa.array(us, type=pa.timestamp("us"))


def _dates(seconds: np.ndarray) -> pa.Array:
    return pa.array((seconds // DAY).astype(np.int32)).cast(pa.date32())


def _masked(values: np.ndarray, mask: np.ndarray) -> pa.Array:
    return pa.array(values, mask=mask)


def workflow_tables(
    *,
    demo: Dataset,
    registry: Registry,
    staff: pa.Table,
    templates: TemplateSet,
    events: int,
    rng: np.random.Generator,
) -> dict[str, pa.Table]:
    """cases, events, case_steps, disbursements, escalations and exceptions."""
    tpl = _choose(templates, events, rng)
    subject = _subjects(templates, registry, tpl, rng)
    opened = _opened(templates, registry, tpl, subject, rng)
    order = np.argsort(opened, kind="stable")  # case ids follow the time cases were opened
    tpl, subject, opened = tpl[order], subject[order], opened[order]
    n = len(tpl)
    case_ids = ids("CS", n, 8)

    # Events.
    ev = templates.events
    lengths = templates.ev_count[tpl]
    ev_case, _, g = expand(lengths, templates.ev_start[tpl])
    first = np.cumsum(lengths) - lengths
    u = rng.random(len(g))
    days = np.where(
        ev["gap_log"][g],
        ev["gap_a"][g] * np.exp(_SIGMA * rng.standard_normal(len(g))),
        ev["gap_a"][g] + (ev["gap_b"][g] - ev["gap_a"][g]) * u,
    )
    gaps = np.rint(days * DAY).astype(np.int64)
    del days, u
    running = np.cumsum(gaps)
    del gaps
    seconds = opened[ev_case] + running - running[first][ev_case]
    del running
    stamps = seconds * 1_000_000
    resource = _resources(templates, staff, g, rng)
    event_table = with_schema(
        "events",
        {
            "event_id": ids("EV", len(g), 9),
            "case_id": case_ids.take(pa.array(ev_case)),
            **{
                k: ev[k].take(pa.array(g))
                for k in ("activity", "department_id", "role", "lifecycle", "decision", "reason")
            },
            "resource": resource,
            "timestamp": _timestamps(stamps),
        },
    )
    last = first + lengths - 1

    # Cases.
    plan_of = templates.plan[tpl]
    is_person = _PERSON_PLAN[plan_of]
    clause_ids = pa.array([plan.clause_id for plan in PLANS])
    cases = with_schema(
        "cases",
        {
            "case_id": case_ids,
            "clause_id": clause_ids.take(pa.array(plan_of)),
            "person_id": registry.persons.column("person_id").take(_masked(subject, ~is_person)),
            "employer_id": registry.employers.column("employer_id").take(
                _masked(subject, is_person)
            ),
            "opened_at": _timestamps(opened * 1_000_000),
            "status": templates.status.take(pa.array(tpl)),
            "closed_at": pa.array(
                stamps[last], type=pa.timestamp("us"), mask=~templates.closes[tpl]
            ),
        },
    )
    tables = {
        "cases": cases,
        "events": event_table,
        "case_steps": _steps(templates, tpl, plan_of, case_ids, first, seconds, resource),
        "disbursements": _payments(
            templates, registry, tpl, subject, case_ids, first, seconds, rng
        ),
        "escalations": _escalations(templates, tpl, case_ids, first, stamps),
        "exceptions": _exceptions(demo, templates, tpl, case_ids, first, stamps),
    }
    return tables


def _resources(
    templates: TemplateSet, staff: pa.Table, g: np.ndarray, rng: np.random.Generator
) -> pa.Array:
    """Who acted: a random officer of the event's department, its first staff member (the
    talent office's leader in charge), or nobody (applicant, system)."""
    departments = staff.column("department_id").to_pylist()
    offset: dict[str, int] = {}
    for index, department in enumerate(departments):
        offset.setdefault(department, index)
    size = {d: departments.count(d) for d in offset}
    names = templates.events["department_id"].to_pylist()
    own_offset = np.array([offset.get(d, 0) for d in names], dtype=np.int64)
    own_size = np.array([size.get(d, 0) for d in names], dtype=np.int64)
    kind = templates.events["resource"]
    count = own_size[g]
    pick = own_offset[g] + np.where(
        kind[g] == 2, 0, (rng.random(len(g)) * np.maximum(count, 1)).astype(np.int64)
    )
    nobody = (kind[g] == 0) | (count == 0)
    return staff.column("staff_id").take(pa.array(pick, mask=nobody))


def _steps(
    templates: TemplateSet,
    tpl: np.ndarray,
    plan_of: np.ndarray,
    case_ids: pa.Array,
    first: np.ndarray,
    seconds: np.ndarray,
    resource: pa.Array,
) -> pa.Table:
    st = templates.steps
    case_of, _, g = expand(templates.st_count[tpl], templates.st_start[tpl])
    take = pa.array(g)
    arrived, decided = st["arrived"][g], st["decided"][g]
    arrived_event = first[case_of] + np.maximum(arrived, 0)
    decided_event = first[case_of] + np.maximum(decided, 0)
    deadline = np.array(
        [
            math.ceil((clause(plan.clause_id).deadline_days or DEFAULT_DEADLINE_DAYS) * 7 / 5)
            for plan in PLANS
        ],
        dtype=np.int64,
    )
    arrived_s = seconds[arrived_event]
    due = arrived_s + deadline[plan_of[case_of]] * DAY
    position = pa.array(st["position"][g])
    return with_schema(
        "case_steps",
        {
            "step_id": pc.binary_join_element_wise(
                case_ids.take(pa.array(case_of)), pc.cast(position, pa.string()), "-"
            ),
            "case_id": case_ids.take(pa.array(case_of)),
            "position": position,
            **{
                k: st[k].take(take)
                for k in (
                    "department_id",
                    "route_role",
                    "status",
                    "reason",
                    "missing_rule",
                    "conflict_id",
                )
            },
            "arrived_at": pa.array(
                arrived_s * 1_000_000, type=pa.timestamp("us"), mask=arrived < 0
            ),
            "due_on": pa.array((due // DAY).astype(np.int32), mask=arrived < 0).cast(pa.date32()),
            "decided_at": pa.array(
                seconds[decided_event] * 1_000_000, type=pa.timestamp("us"), mask=decided < 0
            ),
            "decided_by": resource.take(pa.array(decided_event, mask=decided < 0)),
        },
    )


def _payments(
    templates: TemplateSet,
    registry: Registry,
    tpl: np.ndarray,
    subject: np.ndarray,
    case_ids: pa.Array,
    first: np.ndarray,
    seconds: np.ndarray,
    rng: np.random.Generator,
) -> pa.Table:
    pay = templates.payments
    case_of, _, g = expand(templates.pay_count[tpl], templates.pay_start[tpl])
    event = first[case_of] + pay["event"][g]
    plan_of = templates.plan[tpl][case_of]
    amount = np.zeros(len(g))
    for index, plan in enumerate(PLANS):
        money = plan.money
        rows = plan_of == index
        if money is None or not rows.any():
            continue
        if money.kind == "tier":
            tiers = registry.person_tier[subject[case_of[rows]]]
            amount[rows] = np.select(
                [tiers == t for t, _ in money.by_tier], [a for _, a in money.by_tier], 0.0
            )
        elif money.kind == "range":
            drawn = rng.uniform(money.low, money.high, size=int(rows.sum()))
            amount[rows] = np.round(drawn, -4)
        else:
            amount[rows] = money.amount * pay["share"][g[rows]]
    return with_schema(
        "disbursements",
        {
            "disbursement_id": ids("PAY", len(g), 9),
            "case_id": case_ids.take(pa.array(case_of)),
            "phase": pa.array(pay["phase"][g]),
            "amount": pa.array(amount),
            "paid_on": _dates(seconds[event]),
        },
    )


def _escalations(
    templates: TemplateSet,
    tpl: np.ndarray,
    case_ids: pa.Array,
    first: np.ndarray,
    stamps: np.ndarray,
) -> pa.Table:
    cases = np.flatnonzero(templates.escalation_event[tpl] >= 0)
    chosen = tpl[cases]
    count = len(cases)
    case_id = case_ids.take(pa.array(cases))
    position = pc.cast(pa.array(templates.escalation_step[chosen]), pa.string())
    nulls = pa.nulls(count, pa.string())
    return with_schema(
        "escalations",
        {
            "escalation_id": ids("ESC", count, 8),
            "case_id": case_id,
            "step_id": pc.binary_join_element_wise(case_id, position, "-"),
            "level": pa.array(np.full(count, "talent_office", dtype=object), pa.string()),
            "cause": templates.escalation_cause.take(pa.array(chosen)),
            "raised_at": _timestamps(stamps[first[cases] + templates.escalation_event[chosen]]),
            "status": pa.array(np.full(count, "open", dtype=object), pa.string()),
            "resolution": nulls,
            "decided_at": pa.nulls(count, pa.timestamp("us")),
            "decided_by": nulls,
            "note": nulls,
        },
    )


def _exceptions(
    demo: Dataset,
    templates: TemplateSet,
    tpl: np.ndarray,
    case_ids: pa.Array,
    first: np.ndarray,
    stamps: np.ndarray,
) -> pa.Table:
    cases = np.flatnonzero(templates.exception_event[tpl] >= 0)
    count = len(cases)
    example: Mapping[str, object] = demo["exceptions"].slice(0, 1).to_pylist()[0]

    def constant(key: str) -> pa.Array:
        return pa.array(np.full(count, example[key], dtype=object), pa.string())

    return with_schema(
        "exceptions",
        {
            "exception_id": ids("EXC", count, 8),
            "case_id": case_ids.take(pa.array(cases)),
            "department_id": pa.array(np.full(count, TALENT_OFFICE, dtype=object), pa.string()),
            **{
                key: constant(key)
                for key in ("what", "why", "requested_by", "approved_by", "recorded_by")
            },
            "recorded_at": _timestamps(
                stamps[first[cases] + templates.exception_event[tpl[cases]]]
            ),
        },
    )
