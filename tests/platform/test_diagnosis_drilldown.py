"""On the demo: each drill-down lists exactly the cases its filters mean, counted here in
plain Python from the model rows, and every figure of the diagnosis lists as many records
as it says."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from luodi.platform.accounts.models import User
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event
from luodi.platform.coordination.models import ProcedureException
from luodi.platform.diagnosis.filters import evidence_url
from luodi.platform.diagnosis.selectors import diagnosis_get
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.registry.models import Employer, Person
from tests.platform.diagnosis_support import full_demo_module, hit_count, listed_ids, login

pytestmark = pytest.mark.slow

SUBJECTS = re.compile(r"涉及 (\d+) 个申请人")


@pytest.fixture(scope="module")
def demo_db(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    yield from full_demo_module(django_db_setup, django_db_blocker, tmp_path_factory)


@pytest.fixture(autouse=True)
def _shared_cache(settings: Any, demo_db: Path) -> None:
    # One diagnosis for the module: the data do not change between these tests.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(demo_db / "cache"),
        }
    }


@dataclass(frozen=True)
class World:
    """The demo's case rows in memory, and what the definitions make of them."""

    cases: dict[str, Case]
    steps: dict[str, list[CaseStep]]
    events: dict[str, list[Event]]
    paid: dict[str, list[Disbursement]]
    tiers: dict[str, str | None]
    stages: dict[str, str]
    exceptions: set[str]
    as_of: dt.date

    def stop(self, case_id: str) -> tuple[str | None, int | None]:
        if self.cases[case_id].status not in ("open", "blocked", "rejected", "withdrawn"):
            return None, None
        stopping = [
            s
            for s in sorted(self.steps[case_id], key=lambda s: s.position)
            if s.status in ("pending", "returned", "blocked", "rejected")
        ]
        if stopping:
            return stopping[0].department_id, stopping[0].position
        events = sorted(self.events[case_id], key=lambda e: (e.timestamp, e.event_id))
        return (events[-1].department_id if events else None), None

    def money(self, case_id: str) -> float:
        return sum(d.amount for d in self.paid[case_id])

    def received(self, case_id: str) -> bool:
        return self.money(case_id) > 0 or self.cases[case_id].status in ("approved", "closed")

    def tier_group(self, case_id: str) -> str | None:
        tier = self.tiers.get(self.cases[case_id].person_id or "")
        if tier is None:
            return None
        return "high_end" if tier in "ABC" else "middle" if tier in "DEF" else "general"

    def overdue_at(self, case_id: str, department_id: str) -> bool:
        for s in self.steps[case_id]:
            if s.department_id != department_id or s.status == "cancelled":
                continue
            if s.arrived_at is None or s.due_on is None:
                continue
            if s.decided_at is not None and s.decided_at.date() > s.due_on:
                return True
            if s.decided_at is None and self.as_of > s.due_on:
                return True
        return False

    def blocked_at(self, case_id: str, department_id: str) -> bool:
        return any(
            e.decision == "blocked_no_rule" and e.department_id == department_id
            for e in self.events[case_id]
        ) or any(
            s.status == "blocked" and s.missing_rule and s.department_id == department_id
            for s in self.steps[case_id]
        )

    def touches(self, case_id: str, department_id: str) -> bool:
        return any(s.department_id == department_id for s in self.steps[case_id]) or any(
            e.department_id == department_id for e in self.events[case_id]
        )


@pytest.fixture(scope="module")
def world(demo_db: Path, django_db_blocker: Any) -> World:
    with django_db_blocker.unblock():
        steps: dict[str, list[CaseStep]] = defaultdict(list)
        for step in CaseStep.objects.all():
            steps[step.case_id].append(step)
        events: dict[str, list[Event]] = defaultdict(list)
        for event in Event.objects.all():
            events[event.case_id].append(event)
        paid: dict[str, list[Disbursement]] = defaultdict(list)
        for payment in Disbursement.objects.all():
            paid[payment.case_id].append(payment)
        ends = [e.timestamp.date() for ev in events.values() for e in ev]
        ends += [d.paid_on for ds in paid.values() for d in ds]
        ends += [c.closed_at.date() for c in Case.objects.all() if c.closed_at]
        ends += [i.submitted_at.date() for i in Inquiry.objects.all()]
        return World(
            cases={c.case_id: c for c in Case.objects.all()},
            steps=steps,
            events=events,
            paid=paid,
            tiers=dict(Person.objects.values_list("person_id", "talent_tier")),
            stages=dict(Employer.objects.values_list("employer_id", "stage")),
            exceptions=set(
                ProcedureException.objects.filter(case__isnull=False).values_list(
                    "case_id", flat=True
                )
            ),
            as_of=max(ends),
        )


Rule = Callable[[World, str], bool]
CASES: list[tuple[dict[str, str], Rule]] = [
    ({"clause_id": "CL-C-06", "paid_phase": "1"}, lambda w, c: _paid_phase(w, c, "CL-C-06", 1)),
    ({"clause_id": "CL-C-06", "paid_phase": "2"}, lambda w, c: _paid_phase(w, c, "CL-C-06", 2)),
    (
        {"clause_id": "CL-C-06", "phases_paid": "1"},
        lambda w, c: (
            w.cases[c].clause_id == "CL-C-06" and max((d.phase for d in w.paid[c]), default=0) == 1
        ),
    ),
    ({"stopped_department_id": "C-AUD"}, lambda w, c: w.stop(c)[0] == "C-AUD"),
    (
        {"stopped_department_id": "C-ST", "stopped_position": "1"},
        lambda w, c: w.stop(c) == ("C-ST", 1),
    ),
    ({"department_id": "C-BANK"}, lambda w, c: w.touches(c, "C-BANK")),
    (
        {"decision": "blocked_no_rule", "department_id": "C-DIS"},
        lambda w, c: w.blocked_at(c, "C-DIS"),
    ),
    ({"status": "rejected"}, lambda w, c: w.cases[c].status == "rejected"),
    (
        {"tier_group": "high_end", "received": "yes"},
        lambda w, c: w.tier_group(c) == "high_end" and w.received(c),
    ),
    (
        {"tier_group": "general", "paid": "yes"},
        lambda w, c: w.tier_group(c) == "general" and w.money(c) > 0,
    ),
    ({"received": "no"}, lambda w, c: not w.received(c)),
    (
        {"employer_stage": "startup"},
        lambda w, c: w.stages.get(w.cases[c].employer_id or "") == "startup",
    ),
    ({"exception": "yes"}, lambda w, c: c in w.exceptions),
]


def _paid_phase(w: World, case_id: str, clause_id: str, phase: int) -> bool:
    return w.cases[case_id].clause_id == clause_id and any(
        d.phase == phase for d in w.paid[case_id]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("filters", "rule"), CASES, ids=[urlencode(f) for f, _ in CASES])
def test_case_filters_select_exactly_the_defined_cases(
    world: World, filters: dict[str, str], rule: Rule
) -> None:
    expected = {case_id for case_id in world.cases if rule(world, case_id)}
    assert expected, "a filter that selects nothing tests nothing"
    client = login("demo-talent-office")
    count, ids = listed_ids(client, f"/diagnosis/cases/?{urlencode(filters)}")
    assert count == len(expected)
    assert ids == expected


@pytest.mark.django_db
def test_funnel_phase_one_lists_the_eleven_paid(world: World) -> None:
    page = (
        login("demo-talent-office")
        .get("/diagnosis/cases/?clause_id=CL-C-06&paid_phase=1")
        .content.decode()
    )
    assert hit_count(page) == 11
    assert "兑现了第几期" in page  # the filter in words
    assert "初创" in page or "第七条" in page  # the clause by its title and number


# The count a row's own "evidence" stands for, by the first of these keys the row has.
_ROW_COUNTS = ("count", "recipients", "cases")


def _figures(node: Any, path: str = "") -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """(JSON path, count, evidence) of every figure that names the records behind it."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _figures(item, f"{path}/{i}")
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "stage_evidence" and isinstance(value, dict):
            for stage, evidence in value.items():
                yield f"{path}/{stage}", node.get(stage), evidence
        elif key == "channel_evidence" and isinstance(value, dict):
            for channel, evidence in value.items():
                yield f"{path}/channel_counts/{channel}", node["channel_counts"][channel], evidence
        elif key == "evidence" and isinstance(value, dict) and "kind" in value:
            base = next((k for k in _ROW_COUNTS if isinstance(node.get(k), int)), None)
            if base is not None:
                yield f"{path}/{base}", node[base], value
        elif key.endswith("_evidence") and isinstance(value, dict) and "kind" in value:
            base = key.removesuffix("_evidence")
            if isinstance(node.get(base), int):
                yield f"{path}/{base}", node[base], value
        else:
            yield from _figures(value, f"{path}/{key}")


@pytest.mark.django_db
def test_every_counted_figure_lists_as_many_records() -> None:
    client = login("demo-evaluator")  # the role that may open every kind of list
    evaluator = User.objects.get(username="demo-evaluator")
    report = diagnosis_get().report
    figures = [f for f in _figures(report) if f[2]["kind"] not in ("clause", "department")]
    assert len(figures) > 50
    wrong = []
    for path, count, evidence in figures:
        url = evidence_url(evidence, evaluator)
        assert url is not None, path
        response = client.get(url)
        assert response.status_code == 200, (path, url, response.content.decode()[-600:])
        page = response.content.decode()
        subjects = [int(s) for s in SUBJECTS.findall(page)]
        if count not in (hit_count(page), *subjects):
            wrong.append((path, count, hit_count(page), subjects, evidence))
    assert not wrong, wrong
