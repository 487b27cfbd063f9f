"""The demo desk's season: rows the lifecycle could have written, rates that match the survey."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from luodi.contract import Dataset
from luodi.contract.choices import INQUIRY_CATEGORIES
from luodi.demo import calibration as cal
from luodi.demo.inquiries import SOLVED_UNKNOWING
from luodi.demo.inquiry_topics import KIND_DEPARTMENTS
from luodi.demo.workflow import END
from luodi.dialogue.deadlines import inquiry_deadlines, overdue_level
from luodi.dialogue.rates import DialogueRates, dialogue_rates

TODAY = END.date()
CLOSED = ("confirmed", "closed", "unconfirmed")
LEVELS = (None, "talent_office", "leadership")


@pytest.fixture(scope="module")
def inquiries(demo: Dataset) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = demo["inquiries"].to_pylist()
    return rows


@pytest.fixture(scope="module")
def by_knew(demo: Dataset) -> DialogueRates:
    return dialogue_rates(inquiries=demo, by=("knew_department",), today=TODAY)


def test_a_season_of_inquiries(inquiries: list[dict[str, Any]]) -> None:
    assert 300 <= len(inquiries) <= 450
    assert len({row["text"] for row in inquiries}) > 150
    assert {row["category"] for row in inquiries} <= {c.value for c in INQUIRY_CATEGORIES}
    assert len({row["category"] for row in inquiries}) >= 10
    departments = {row["department_id"] for row in inquiries}
    assert departments <= set(KIND_DEPARTMENTS.values())
    assert len(departments) >= 11


def test_knew_the_department_share_is_the_surveys(demo: Dataset) -> None:
    total = dialogue_rates(inquiries=demo, today=TODAY).total
    share = total.knew_department_share
    assert share.denominator == total.submitted  # every inquiry has a department, even at triage
    assert share.value == pytest.approx(0.45, abs=0.03)
    # Quotas make it exact: it prints as the study's "45".
    assert cal.KNEW[1].admits(Fraction(100 * share.numerator, share.denominator))


def test_two_thirds_of_those_who_knew_were_solved(by_knew: DialogueRates) -> None:
    knew = by_knew.group(knew_department=True).resolution_rate
    did_not = by_knew.group(knew_department=False).resolution_rate
    assert knew.value == pytest.approx(float(cal.SOLVED[0].value / 100), abs=0.04)
    assert did_not.value == pytest.approx(float(SOLVED_UNKNOWING), abs=0.05)
    assert knew.value is not None
    assert did_not.value is not None
    assert did_not.value < knew.value - 0.1


def test_those_who_did_not_know_wait_and_are_misrouted(by_knew: DialogueRates) -> None:
    knew = by_knew.group(knew_department=True)
    did_not = by_knew.group(knew_department=False)
    for name in ("response_rate", "on_time_rate", "first_routing_accuracy", "satisfaction_rate"):
        better, worse = knew.rate(name).value, did_not.rate(name).value
        assert better is not None
        assert worse is not None
        assert worse < better, name
    assert (knew.first_routing_accuracy.value or 0) > 0.9


def test_the_lifecycle_leaves_its_traces(inquiries: list[dict[str, Any]]) -> None:
    statuses = Counter(row["status"] for row in inquiries)
    assert {"confirmed", "closed", "unconfirmed", "accepted"} <= set(statuses)
    assert sum(1 for row in inquiries if (row["reopen_count"] or 0) > 0) >= 20
    escalated = Counter(row["escalation_level"] for row in inquiries)
    assert escalated["talent_office"] > 0
    assert escalated["leadership"] > 0
    contests = Counter(row["rating_contest"] for row in inquiries if row["rating_contest"])
    rated = sum(1 for row in inquiries if row["satisfaction"] is not None)
    assert 3 <= sum(contests.values()) <= rated // 10  # a few, not a habit
    assert contests["upheld"] >= 1
    assert contests["rejected"] >= 1
    assert {row["routed_by"] for row in inquiries} == {"clause", "classifier", "keywords", "triage"}
    misrouted = [
        row
        for row in inquiries
        if row["first_department_id"] and row["first_department_id"] != row["department_id"]
    ]
    assert len(misrouted) >= 10


def _ordered(*moments: dt.datetime | None) -> bool:
    present = [m for m in moments if m is not None]
    return present == sorted(present)


def test_every_row_is_one_the_platform_could_have_written(
    inquiries: list[dict[str, Any]],
) -> None:
    for row in inquiries:
        where = row["inquiry_id"]
        status = row["status"]
        assert (row["closed_at"] is not None) == (status in CLOSED), where
        assert row["resolved"] == {"confirmed": True, "closed": False}.get(status), where
        answered = status in ("answered", "reopened", *CLOSED)
        assert (row["answered_at"] is not None) == answered, where
        if answered or status == "accepted":
            assert row["accepted_at"] is not None, where
        if status in ("submitted", "routed"):
            assert row["accepted_at"] is None, where
        assert _ordered(
            row["submitted_at"],
            row["routed_at"],
            row["accepted_at"],
            row["answered_at"],
            row["closed_at"],
        ), where
        assert row["closed_at"] is None or row["closed_at"] <= END, where
        if status == "submitted":  # waiting at the talent office's triage desk
            assert row["routed_by"] == "triage", where
            assert row["department_id"] == "C-TO", where
            assert row["first_department_id"] is None, where
        else:
            assert row["first_department_id"] is not None, where
            assert row["routed_at"] is not None, where
        if row["routed_by"] == "clause":
            assert row["clause_id"] is not None, where
        if status == "reopened":
            assert row["reopen_count"] >= 1, where
        if row["satisfaction"] is not None:
            assert row["answered_at"] is not None, where
            assert 1 <= row["satisfaction"] <= 5, where
        if row["rating_contest"] is not None:
            assert row["satisfaction"] <= 2, where
            assert status in CLOSED, where
        if row["named_department_id"] is not None:
            assert row["named_department_id"] in KIND_DEPARTMENTS.values(), where


def test_deadlines_come_from_the_deadline_rules(inquiries: list[dict[str, Any]]) -> None:
    for row in inquiries:
        due = inquiry_deadlines(submitted_at=row["submitted_at"], category=row["category"])
        assert row["accept_due_on"] == due.accept_due_on, row["inquiry_id"]
        if row["reopen_count"]:
            assert row["answer_due_on"] > due.answer_due_on, row["inquiry_id"]
        else:
            assert row["answer_due_on"] == due.answer_due_on, row["inquiry_id"]


def test_open_overdue_inquiries_are_escalated(inquiries: list[dict[str, Any]]) -> None:
    overdue = 0
    for row in inquiries:
        if row["status"] not in ("submitted", "routed", "accepted", "reopened"):
            continue
        level = overdue_level(
            accept_due_on=row["accept_due_on"],
            answer_due_on=row["answer_due_on"],
            accepted_at=row["accepted_at"],
            answered_at=None,
            today=TODAY,
        )
        overdue += level is not None
        # The scan has raised it at least as far as it stands late today.
        assert LEVELS.index(row["escalation_level"]) >= LEVELS.index(level), row["inquiry_id"]
    assert overdue >= 5


def test_other_seeds_are_calibrated_too() -> None:
    from luodi.demo import generate

    other = generate(seed=7)
    rates = dialogue_rates(inquiries=other, by=("knew_department",), today=TODAY)
    total = dialogue_rates(inquiries=other, by=(), today=TODAY).total
    assert total.knew_department_share.value == pytest.approx(0.45, abs=0.03)
    knew = rates.group(knew_department=True).resolution_rate.value
    assert knew == pytest.approx(0.66, abs=0.04)


def test_the_rates_command_on_the_demo(tmp_path: Path, demo: Dataset) -> None:
    from luodi.cli import main
    from luodi.contract.io import write_dataset

    result = CliRunner().invoke(main, ["dialogue", "rates", "--source", "demo", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["today"] == "2018-12-31"
    assert payload["total"]["submitted"] == demo["inquiries"].num_rows
    assert {g["group"]["department_id"] for g in payload["groups"]} >= {"C-TO", "C-HR", "C-TAX"}
    write_dataset(demo, directory=tmp_path, formats=("parquet",))
    text = CliRunner().invoke(
        main,
        ["dialogue", "rates", "--source", str(tmp_path), "--period", "quarter",
         "--today", "2018-12-31"],
    )  # fmt: skip
    assert text.exit_code == 0, text.output
    assert "2018Q4" in text.output
    assert "C产业集聚区人才办" in text.output
    assert "全区合计" in text.output
    bad = CliRunner().invoke(main, ["dialogue", "rates", "--source", str(tmp_path / "nowhere")])
    assert bad.exit_code != 0
    assert "unknown data source" in bad.output
