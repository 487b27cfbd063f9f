"""D3 对话缺失: awareness, channels and the problem funnel, by hand and on the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.diagnosis import DiagnosisContext, Period
from luodi.diagnosis.awareness import FUNNEL_LABELS, dialogue_deficit
from luodi.engines import get_engine

PERIOD = Period(start=dt.date(2018, 1, 1), end=dt.date(2018, 6, 30))


def _answers(survey: str, item: str, values: list[str], start: int = 1) -> list[dict[str, Any]]:
    return [
        {"survey_id": survey, "respondent_id": f"{survey}-{i}", "item_code": item, "value": v}
        for i, v in enumerate(values, start=start)
    ]


def _surveys() -> list[dict[str, Any]]:
    return [
        {"survey_id": "S-OLD", "opened_on": dt.date(2017, 1, 1)},
        {"survey_id": "S-NEW", "opened_on": dt.date(2018, 1, 1)},
        {"survey_id": "S-LATE", "opened_on": dt.date(2019, 1, 1)},
    ]


def _responses() -> list[dict[str, Any]]:
    rows = []
    # An older survey: its answers give way to the newer one's.
    rows += _answers("S-OLD", "awareness", ["5", "5"])
    rows += _answers("S-OLD", "problem", ["yes", "yes"])
    # Blanks and codes off the scale are no answer; a stray space is not.
    rows += _answers("S-NEW", "awareness", ["1", "2", "2", "3", "5", " 4", "x", ""])
    rows += _answers("S-NEW", "channel", ["none", "active", "active", "outreach", "outreach",
                                          "outreach", "other"])  # fmt: skip
    rows += _answers("S-NEW", "problem", ["yes"] * 4 + ["no"] * 6)
    rows += _answers("S-NEW", "knew_department", ["yes", "no", "no", "no"])
    rows += _answers("S-NEW", "solved", ["yes"])
    # A later survey asking only the second funnel question: the funnel stays in S-NEW.
    rows += _answers("S-LATE", "knew_department", ["yes", "yes"])
    return rows


def _inquiry(iid: str, department: str) -> dict[str, Any]:
    return {
        "inquiry_id": iid,
        "kind": "inquiry",
        "channel": "web",
        "submitted_at": dt.datetime(2018, 3, 1, 9),
        "department_id": department,
        "named_department_id": department,
        "status": "confirmed",
        "answered_at": dt.datetime(2018, 3, 2, 9),
    }


def _context(*, inquiries: bool = False, engine: str = "duckdb") -> DiagnosisContext:
    rows: dict[str, list[dict[str, Any]]] = {
        "surveys": _surveys(),
        "survey_responses": _responses(),
    }
    if inquiries:
        rows["inquiries"] = [_inquiry("I1", "D-HR"), _inquiry("I2", "D-TO")]
    return DiagnosisContext(
        dataset=Dataset.from_rows(rows),
        engine=get_engine(engine),
        period=PERIOD,
        rules_on=PERIOD.end,
    )


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return dialogue_deficit(_context()).to_dict()


def test_awareness_mean_and_distribution(small: dict[str, Any]) -> None:
    awareness = small["awareness"]
    assert awareness["survey_id"] == "S-NEW"
    assert awareness["valid_n"] == 6
    assert small["awareness_mean"] == awareness["mean"] == pytest.approx(17 / 6)
    assert [(d["value"], d["count"]) for d in awareness["distribution"]] == [
        (1, 1),
        (2, 2),
        (3, 1),
        (4, 1),
        (5, 1),
    ]
    assert awareness["distribution"][1]["share"] == pytest.approx(2 / 6)
    assert awareness["distribution"][1]["evidence"] == {
        "kind": "responses",
        "filters": {"item_code": "awareness", "survey_id": "S-NEW", "value": "2"},
    }


def test_channels_are_shares_of_valid_answers(small: dict[str, Any]) -> None:
    assert small["channel_counts"] == {"none": 1, "active": 2, "outreach": 3, "valid_n": 6}
    assert small["channels"] == pytest.approx({"none": 1 / 6, "active": 2 / 6, "outreach": 0.5})
    assert small["channel_evidence"]["outreach"]["filters"]["value"] == "outreach"


def test_problem_funnel_stage_by_stage(small: dict[str, Any]) -> None:
    funnel = small["problem_funnel"]
    assert funnel["counts"] == {
        "answered_problem": 10,
        "had_problem": 4,
        "answered_knew": 4,
        "knew": 1,
        "answered_solved": 1,
        "solved": 1,
    }
    assert (funnel["had_problem"], funnel["knew_department"], funnel["solved_among_knew"]) == (
        0.4,
        0.25,
        1.0,
    )
    assert funnel["derived"] == pytest.approx(
        {"solved_among_had_problem": 0.25, "knew_among_all": 0.1, "solved_among_all": 0.1}
    )
    assert (
        set(funnel["labels"])
        == set(FUNNEL_LABELS)
        == {
            "had_problem",
            "knew_department",
            "solved_among_knew",
            *funnel["derived"],
        }
    )
    assert all(label["zh"] and label["en"] for label in funnel["labels"].values())
    assert funnel["evidence"]["knew_department"]["filters"]["survey_id"] == "S-NEW"


def test_inquiries_are_null_without_a_desk(small: dict[str, Any]) -> None:
    assert small["inquiries"] is None
    assert "d3.desk" not in [f["code"] for f in small["findings"]]


def test_inquiry_rates_per_department() -> None:
    section = dialogue_deficit(_context(inquiries=True)).to_dict()
    rates = section["inquiries"]
    assert rates["by"] == ["department_id"]
    assert rates["today"] == "2018-06-30"
    assert [g["group"]["department_id"] for g in rates["groups"]] == ["D-HR", "D-TO"]
    assert rates["total"]["submitted"] == 2
    assert rates["total"]["knew_department_share"]["value"] == 1.0
    assert "d3.desk" in [f["code"] for f in section["findings"]]


def test_an_empty_survey_gives_nulls() -> None:
    ctx = DiagnosisContext(
        dataset=Dataset.empty(), engine=get_engine(), period=PERIOD, rules_on=PERIOD.end
    )
    section = dialogue_deficit(ctx).to_dict()
    assert section["awareness_mean"] is None
    assert section["channels"] == {"none": None, "active": None, "outreach": None}
    assert section["problem_funnel"]["derived"]["knew_among_all"] is None
    assert section["findings"] == []


def test_demo_calibration(duckdb_report: dict[str, Any]) -> None:
    d3 = duckdb_report["d3_dialogue"]
    assert d3["awareness_mean"] == pytest.approx(2.10, abs=0.005)
    assert d3["awareness"]["valid_n"] == 160
    channels = d3["channels"]
    assert channels["none"] == pytest.approx(0.14, abs=0.005)
    assert channels["active"] == pytest.approx(0.37, abs=0.005)
    assert channels["outreach"] == pytest.approx(0.49, abs=0.005)
    funnel = d3["problem_funnel"]
    assert funnel["had_problem"] == pytest.approx(0.47, abs=0.005)
    assert funnel["knew_department"] == pytest.approx(0.45, abs=0.005)
    assert funnel["solved_among_knew"] == pytest.approx(0.66, abs=0.005)
    # The study's derived figures, honestly labelled.
    assert funnel["derived"]["solved_among_had_problem"] == pytest.approx(0.297, abs=0.005)
    assert funnel["derived"]["knew_among_all"] == pytest.approx(0.21, abs=0.005)
    assert "21%" in funnel["labels"]["knew_among_all"]["zh"]
    assert d3["inquiries"]["total"]["submitted"] > 0
