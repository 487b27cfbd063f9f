"""Every indicator of the default catalogue against values worked out by hand.

The rows are in tests/scorecard/values_fixture.py (its docstring tabulates them); the
arithmetic of each expected value is in the comment beside it. Each indicator runs on DuckDB
and Polars (and Spark when marked), the same call everywhere.
"""

from __future__ import annotations

from functools import cache

import pytest

from luodi.engines import get_engine
from luodi.scorecard import (
    IndicatorTable,
    SubjectKindError,
    default_catalogue,
    indicator_values,
)
from luodi.scorecard.metrics_base import NO_ROUNDS, NOTHING_TO_COUNT
from tests.conftest import require_or_skip
from tests.engines.conftest import _spark_missing
from tests.scorecard.values_fixture import PERIOD, values_dataset

ENGINES = ["duckdb", "polars", pytest.param("spark", marks=pytest.mark.spark)]
N = None  # no value: nothing to count

# indicator id -> subject id -> expected value, departments A, B, Q, V.
DEPARTMENTS: dict[str, dict[str, float | None]] = {
    # Received in 2018 on K1 (A, B): C1 and C8 by P1 (tier A) -> 1 distinct person.
    "talents_high_end": {"A": 1, "B": 1, "Q": 0, "V": 0},
    # C3 by P2 (tier D), approved without payment, received on its opening day.
    "talents_middle": {"A": 1, "B": 1, "Q": 0, "V": 0},
    # K2 funding, employer cases received in 2018: C4 (E1) and C10 (E2); K3's C7 is open.
    "projects_supported": {"A": 2, "B": 0, "Q": 0, "V": 2},
    # A: C1 1000 + C4 5000 (its 2019 phase 2 is out) + C8 500 = 6500;
    # B: C1 1000 + C8 500 + C6 300 = 1800; V: C4 5000.
    "money_disbursed": {"A": 6500, "B": 1800, "Q": 0, "V": 5000},
    # A: K1 3/4 (C2 rejected), K2 2/3 (C5 blocked) -> (0.75 + 0.6667) / 2;
    # B: K1 3/4, K3 has no decided 2018 case (C7 open, C9 withdrawn, C6 opened 2017).
    "landing_rate": {"A": (3 / 4 + 2 / 3) / 2, "B": 3 / 4, "Q": N, "V": 2 / 3},
    # A: S1 on time, S3 on time, S5 late (S8 has no due day) -> 2/3;
    # B: S2 late, S7 undecided past due -> 0/2; V: S4, S6 on time -> 2/2.
    "steps_on_time": {"A": 2 / 3, "B": 0.0, "Q": N, "V": 1.0},
    # V blocked on C4 (then approved at S6) and C5 (still blocked) -> 1/2; B's block is 2017.
    "blocked_resolved": {"A": N, "B": N, "Q": N, "V": 1 / 2},
    # A: X1 / 7 cases opened in 2018 on K1, K2 x 100; B: X3 / 6 x 100; V: 0 / 3.
    "exceptions_per_100": {"A": 100 / 7, "B": 100 / 6, "Q": N, "V": 0.0},
    # A: I1 on time, I2 late, I3 unanswered past due -> 1/3; Q: I4 -> 1/1; B: I6 not yet due.
    "inquiry_on_time": {"A": 1 / 3, "B": N, "Q": 1.0, "V": N},
    # A: I1 confirmed of I1, I2 closed -> 1/2; Q: I4 unconfirmed -> 0/1.
    "inquiry_resolution": {"A": 1 / 2, "B": N, "Q": 0.0, "V": N},
    # A: (5 + 2) / 2; Q's only rating was contested and the contest upheld.
    "inquiry_satisfaction": {"A": 3.5, "B": N, "Q": N, "V": N},
    # A: C1, C3, C8 (P1, P2, P1) -> 0 general of 3; B: plus C6 by P4 (general) -> 1/4.
    "coverage_general": {"A": 0.0, "B": 1 / 4, "Q": N, "V": N},
    # A and V: C4 (E1 startup), C10 (E2 mature) -> 1/2.
    "coverage_startup": {"A": 1 / 2, "B": N, "Q": N, "V": 1 / 2},
}

REGIONS: dict[str, dict[str, float | None]] = {
    # D1: P1 (C1, C8); D2: none.
    "talents_high_end": {"D1": 1, "D2": 0},
    "talents_middle": {"D1": 0, "D2": 1},
    # D1: C4 (E1); D2: C10 (E2).
    "projects_supported": {"D1": 1, "D2": 1},
    # D1: 1000 + 5000 + 500; D2: C6 300.
    "money_disbursed": {"D1": 6500, "D2": 300},
    # D1: K1 2/3 (C1, C2, C8), K2 1/1 (C4); D2: K1 1/1 (C3), K2 1/2 (C5, C10).
    "landing_rate": {"D1": (2 / 3 + 1) / 2, "D2": (1 + 1 / 2) / 2},
    # D1: S1 on, S2 late, S5 late, S6 on -> 2/4; D2: S3 on, S4 on, S7 late -> 2/3.
    "steps_on_time": {"D1": 2 / 4, "D2": 2 / 3},
    # (C4, V) is D1's and resolved; (C5, V) is D2's and not.
    "blocked_resolved": {"D1": 1.0, "D2": 0.0},
    # D1: X1 (C2) / 5 cases opened in 2018 x 100; D2: X3 (C7) / 4 x 100.
    "exceptions_per_100": {"D1": 20.0, "D2": 25.0},
    # D1: I1 on time, I2 late; D2: I3 late, I4 on time, I6 not yet due.
    "inquiry_on_time": {"D1": 1 / 2, "D2": 1 / 2},
    "inquiry_resolution": {"D1": 1 / 2, "D2": 0.0},
    "inquiry_satisfaction": {"D1": 3.5, "D2": N},
    # D1: C1, C8 by P1 -> 0/2; D2: C3 (P2), C6 (P4 general) -> 1/2.
    "coverage_general": {"D1": 0.0, "D2": 1 / 2},
    # D1: C4 startup; D2: C10 mature.
    "coverage_startup": {"D1": 1.0, "D2": 0.0},
}


@cache
def _table(engine_name: str, kind: str) -> IndicatorTable:
    return indicator_values(
        dataset=values_dataset(),
        catalogue=default_catalogue(),
        period=PERIOD,
        subject_kind=kind,
        engine=get_engine(engine_name),
    )


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name == "spark":
        missing = _spark_missing()
        require_or_skip(missing is None, missing or "")
    return name


def test_subjects_are_the_executing_departments(engine_name: str) -> None:
    table = _table(engine_name, "department")
    # LG issues the policy but never acts; Q only answers inquiries and is still a subject.
    assert [s.id for s in table.subjects] == ["A", "B", "Q", "V"]
    assert {s.kind for s in table.subjects} == {"department"}
    assert table.subject("A").name == "部门A"


def test_region_subjects_are_the_districts(engine_name: str) -> None:
    table = _table(engine_name, "region")
    assert [s.id for s in table.subjects] == ["D1", "D2"]


@pytest.mark.parametrize("indicator_id", sorted(DEPARTMENTS))
def test_department_values(engine_name: str, indicator_id: str) -> None:
    table = _table(engine_name, "department")
    for subject, expected in DEPARTMENTS[indicator_id].items():
        got = table.value(indicator_id, subject)
        if expected is None:
            assert got.value is None, (indicator_id, subject, got)
            assert got.note
        else:
            assert got.value == pytest.approx(expected), (indicator_id, subject, got)


@pytest.mark.parametrize("indicator_id", sorted(REGIONS))
def test_region_values(engine_name: str, indicator_id: str) -> None:
    table = _table(engine_name, "region")
    for subject, expected in REGIONS[indicator_id].items():
        got = table.value(indicator_id, subject)
        if expected is None:
            assert got.value is None, (indicator_id, subject, got)
        else:
            assert got.value == pytest.approx(expected), (indicator_id, subject, got)


def test_every_non_rated_indicator_is_checked() -> None:
    ids = {i.id for i in default_catalogue().indicators if i.group != "rated"}
    assert set(DEPARTMENTS) == ids
    assert set(REGIONS) == ids


def test_parts_are_reported() -> None:
    table = _table("duckdb", "department")
    steps = table.value("steps_on_time", "A")
    assert (steps.numerator, steps.denominator, steps.n) == (2, 3, 3)
    # Clause average: the numerator sums the clause rates, the denominator counts clauses.
    landing = table.value("landing_rate", "A")
    assert landing.numerator == pytest.approx(3 / 4 + 2 / 3)
    assert (landing.denominator, landing.n) == (2, 7)
    exceptions = table.value("exceptions_per_100", "B")
    assert (exceptions.numerator, exceptions.denominator) == (1, 6)
    nothing = table.value("exceptions_per_100", "Q")
    assert nothing.note == NOTHING_TO_COUNT


def test_rated_indicators_without_rounds_say_so() -> None:
    table = _table("duckdb", "department")
    assert table.rating_rounds == ()
    assert table.min_raters is None
    for indicator_id in ("rating_superior", "rating_peer", "rating_target"):
        got = table.value(indicator_id, "A")
        assert got.value is None
        assert got.note == NO_ROUNDS


def test_every_pair_has_a_value() -> None:
    table = _table("duckdb", "department")
    assert len(table.values) == len(table.indicator_ids) * len(table.subjects)


def test_outside_the_period_nothing_counts() -> None:
    from luodi.scorecard import period_parse

    table = indicator_values(
        dataset=values_dataset(),
        catalogue=default_catalogue(),
        period=period_parse("2016"),
        subject_kind="department",
    )
    assert table.value("talents_high_end", "A").value == 0
    assert table.value("money_disbursed", "B").value == 0
    assert table.value("landing_rate", "A").value is None


def test_unknown_subject_kind() -> None:
    with pytest.raises(SubjectKindError, match="department, region"):
        indicator_values(
            dataset=values_dataset(),
            catalogue=default_catalogue(),
            period=PERIOD,
            subject_kind="city",
        )
