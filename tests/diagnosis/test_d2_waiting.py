"""D2 waiting times per department: median, p90 and the share over the deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from luodi.diagnosis.obstruction import obstruction
from luodi.diagnosis.quantities import weighted_quantile
from luodi.diagnosis.waiting import department_waiting
from tests.diagnosis.d1d2_rows import (
    at,
    case,
    clause,
    context,
    d2_dataset,
    dataset,
    department,
    event,
    person,
)


@pytest.fixture(scope="module")
def departments() -> dict[str, dict[str, Any]]:
    d2 = obstruction(context(d2_dataset())).to_dict()
    assert d2["steps_source"] == "case_steps"
    return {d["department_id"]: d for d in d2["departments"]}


def test_waiting_by_hand(departments: dict[str, dict[str, Any]]) -> None:
    hr = departments["D-HR"]
    # 30 min rounds up to 1 h; 3.5 d; 7 d; the pending step waits to the end of the data's
    # last day (31 Jan): 11 d 15 h.
    assert (hr["steps"], hr["decided"]) == (4, 3)
    assert hr["waiting_days_median"] == pytest.approx((3.5 + 7.0) / 2)
    assert hr["waiting_days_p90"] == pytest.approx(7.0 + 0.7 * (11.625 - 7.0))
    assert (hr["over_deadline"], hr["with_deadline"]) == (3, 4)
    assert hr["over_deadline_share"] == pytest.approx(0.75)
    to = departments["D-TO"]
    # C4's cancelled step was never worked and is left out.
    assert to["steps"] == 4
    assert (to["waiting_days_median"], to["waiting_days_p90"]) == (1.0, pytest.approx(1.7))
    assert to["over_deadline_share"] == 0.0
    aud = departments["D-AUD"]
    # 12 h 29 min rounds to 12 h; a block is the step's decision.
    assert aud["waiting_days_median"] == pytest.approx(0.75)
    assert aud["waiting_days_p90"] == pytest.approx(0.95)
    assert (aud["blocked"], aud["is_veto"]) == (1, True)
    assert aud["over_deadline_evidence"] == {
        "kind": "cases",
        "filters": {"overdue_department_id": "D-AUD"},
    }


def test_departments_with_blocks_but_no_steps(departments: dict[str, dict[str, Any]]) -> None:
    dis = departments["D-DIS"]
    assert (dis["steps"], dis["blocked"], dis["waiting_days_median"]) == (0, 1, None)
    assert dis["over_deadline_share"] is None
    assert "D-FIN" not in departments
    assert list(departments) == sorted(departments)


def test_steps_from_the_event_log() -> None:
    """Without case_steps: received → next decision at the same department.

    K has a 3-working-day deadline. D-A: received Mon 1 Jan 2018 (New Year's Day) 09:00,
    approved Wed 3 Jan 09:00 → 2.0 d, due Thu 4 Jan → on time. D-B: received 3 Jan 10:00,
    rejected Fri 12 Jan 10:00 → 9.0 d, due Mon 8 Jan → over. D-C: received 12 Jan, never
    decided; the data ends 12 Jan → 12 h 50 min → 13 h, due 17 Jan → on time.
    """
    data = dataset(
        {
            "departments": [department("D-A"), department("D-B"), department("D-C")],
            "persons": [person("P1", "general")],
            "clauses": [clause("K", deadline_days=3)],
            "cases": [case("C1", "K", person_id="P1", status="open")],
            "events": [
                event("E1", "C1", "D-A", at(1), "received"),
                event("E2", "C1", "D-A", at(2), None),
                event("E3", "C1", "D-A", at(3), "approved"),
                event("E4", "C1", "D-B", at(3, 10), "received"),
                event("E5", "C1", "D-B", at(12, 10), "rejected"),
                event("E6", "C1", "D-C", at(12, 11, 10), "received"),
            ],
        }
    )
    ctx = context(data)
    assert ctx.as_of == dt.date(2018, 1, 12)
    waits = {w.department_id: w for w in department_waiting(ctx)}
    assert (waits["D-A"].median_days, waits["D-A"].over_deadline) == (2.0, 0)
    assert (waits["D-B"].median_days, waits["D-B"].over_deadline) == (9.0, 1)
    assert waits["D-C"].median_days == pytest.approx(13 / 24)
    assert (waits["D-C"].decided, waits["D-C"].over_deadline, waits["D-C"].with_deadline) == (
        0,
        0,
        1,
    )
    d2 = obstruction(ctx).to_dict()
    assert d2["steps_source"] == "events"


def test_weighted_quantile_matches_numpy() -> None:
    rng = np.random.default_rng(6)
    for _ in range(200):
        values = rng.integers(0, 500, size=rng.integers(1, 8)) / 24
        counts = rng.integers(0, 6, size=len(values))
        repeated = np.repeat(values, counts)
        for q in (0.5, 0.9):
            expected = float(np.quantile(repeated, q)) if len(repeated) else None
            assert weighted_quantile(list(values), list(counts), q) == expected
