"""`luodi survey report` on the demo (the study's figures) and on a small hand-made survey."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from scipy import stats as sps

from luodi.contract import Dataset
from luodi.demo import generate
from luodi.engines import get_engine
from luodi.survey import table1
from luodi.survey.instrument import Condition, Instrument, Item, Option, Section
from luodi.survey.report import survey_report
from luodi.survey.report_html import report_html

TOL = 1e-9


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return generate()


@pytest.fixture(scope="module")
def report(demo: Dataset) -> dict[str, Any]:
    return survey_report(dataset=demo, engine=get_engine("duckdb")).to_dict()


def _answers(dataset: Dataset, item: str) -> list[str]:
    return [r["value"] for r in dataset["survey_responses"].to_pylist() if r["item_code"] == item]


def test_engines_agree(demo: Dataset, report: dict[str, Any]) -> None:
    polars = survey_report(dataset=demo, engine=get_engine("polars")).to_dict()
    assert polars == report


def test_profile_reproduces_table1(demo: Dataset, report: dict[str, Any]) -> None:
    rows = table1(dataset=demo, engine=get_engine("duckdb")).rows
    printed = [(r.count, r.valid_n, r.share) for r in rows]
    profile = {p["code"]: p for p in report["profile"]}
    ours = [
        (c["count"], profile[code]["valid_n"], round(c["share"], 6))
        for code in (
            "gender",
            "age",
            "nationality",
            "talent_level",
            "degree",
            "origin",
            "political_status",
            "discipline",
            "title",
            "employer_kind",
        )
        for c in profile[code]["categories"]
    ]
    assert ours == printed
    gender = profile["gender"]
    assert (gender["valid_n"], gender["missing"], gender["not_asked"]) == (156, 4, 0)


def test_study_figures(report: dict[str, Any]) -> None:
    awareness = next(item for item in report["likert"] if item["code"] == "awareness")
    assert round(awareness["mean"], 2) == 2.10
    channel = next(p for p in report["profile"] if p["code"] == "channel")
    assert [round(c["share"] * 100) for c in channel["categories"]] == [14, 37, 49]
    funnel = report["funnel"]
    assert [
        round(funnel[k], 2) for k in ("had_problem", "knew_department", "solved_among_knew")
    ] == [
        0.47,
        0.45,
        0.66,
    ]
    assert round(funnel["derived"]["knew_among_all"], 2) == 0.21
    assert "21%" in funnel["labels"]["knew_among_all"]["zh"]
    knew = next(p for p in report["profile"] if p["code"] == "knew_department")
    assert knew["not_asked"] == 160 - funnel["counts"]["had_problem"]  # skip logic, not missing


def test_likert_matches_scipy(demo: Dataset, report: dict[str, Any]) -> None:
    for item in report["likert"]:
        values = np.array([float(v) for v in _answers(demo, item["code"])])
        assert item["n"] == len(values)
        assert item["mean"] == pytest.approx(values.mean(), abs=TOL)
        assert item["sd"] == pytest.approx(values.std(ddof=1), abs=TOL)
        low, high = sps.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=sps.sem(values))
        assert item["ci95"] == pytest.approx([low, high], abs=TOL)
        assert sum(d["count"] for d in item["distribution"]) == item["n"]
        assert item["low_n"] is (item["n"] < 30)


def _wide(dataset: Dataset) -> pd.DataFrame:
    long = pd.DataFrame(dataset["survey_responses"].to_pylist())
    return long.pivot(index="respondent_id", columns="item_code", values="value")


@pytest.mark.filterwarnings("ignore:Low count", "ignore::RuntimeWarning")
def test_crosstabs_match_pingouin(demo: Dataset, report: dict[str, Any]) -> None:
    pg = pytest.importorskip("pingouin")
    wide = _wide(demo)
    assert [(t["row_item"], t["column_item"]) for t in report["crosstabs"]] == [
        ("talent_level", "landing"),
        ("talent_level", "channel"),
        ("employer_kind", "problem"),
    ]
    for table in report["crosstabs"]:
        data = wide[[table["row_item"], table["column_item"]]].dropna()
        _, _, tests = pg.chi2_independence(data, x=table["row_item"], y=table["column_item"])
        pearson = tests.set_index("test").loc["pearson"]
        assert table["n"] == len(data)
        assert table["chi2"] == pytest.approx(pearson["chi2"], abs=TOL)
        assert table["p"] == pytest.approx(pearson["pval"], abs=TOL)
        assert table["cramers_v"] == pytest.approx(pearson["cramer"], abs=TOL)
    landing = report["crosstabs"][0]
    assert landing["low_expected"]
    assert landing["expected_min"] < 5
    flagged = {(f["kind"], f["item"]) for f in report["flags"]}
    assert ("low_expected", "talent_level × landing") in flagged
    assert ("low_n", "satisfaction_residence") in flagged
    assert ("small_cells", "political_status") in flagged


def test_demo_satisfaction_scale_is_flagged_not_hidden(report: dict[str, Any]) -> None:
    (scale,) = report["scales"]
    assert scale["scale"] == "satisfaction"
    assert scale["k"] == 6
    assert scale["low_n"] is True  # each satisfaction item is asked only of users of the policy


# A small hand-made survey: a 3-item scale with one incomplete case, skip logic, free text.
HAND = [  # respondent, a, b, c, used, rating, note
    ("R1", "1", "2", "2", "yes", "4", "住房补贴到账慢"),
    ("R2", "2", "2", "3", "no", None, None),
    ("R3", "3", "4", "3", "yes", "2", "窗口不清楚"),
    ("R4", "4", "4", "5", "yes", None, "住房补贴到账慢"),
    ("R5", "5", "5", "4", "no", None, None),
    ("R6", "2", "1", "2", "yes", "5", None),
    ("R7", "4", "3", "4", "no", None, None),
    ("R8", "3", None, "1", "yes", "3", None),
]
LIKERT = tuple(Option(code=str(i), label=str(i)) for i in range(1, 6))
YES_NO = (Option(code="yes", label="是"), Option(code="no", label="否"))
INSTRUMENT = Instrument(
    survey_id="SV-T",
    title="测试问卷",
    sections=(
        Section(
            title="一",
            items=(
                *tuple(
                    Item(code=code, text=code, kind="likert", options=LIKERT, scale="trust")
                    for code in ("a", "b", "c")
                ),
                Item(code="used", text="用过吗", kind="single", options=YES_NO),
                Item(
                    code="rating",
                    text="评分",
                    kind="likert",
                    options=LIKERT,
                    show_if=Condition(item="used", equals="yes"),
                ),
                Item(code="note", text="意见", kind="text"),
            ),
        ),
    ),
)


@pytest.fixture(scope="module")
def hand() -> Dataset:
    codes = ("a", "b", "c", "used", "rating", "note")
    return Dataset.from_rows(
        {
            "surveys": [
                {
                    "survey_id": "SV-T",
                    "title": "测试问卷",
                    "region_id": "X",
                    "opened_on": dt.date(2024, 1, 1),
                }
            ],
            "survey_responses": [
                {"survey_id": "SV-T", "respondent_id": row[0], "item_code": code, "value": value}
                for row in HAND
                for code, value in zip(codes, row[1:], strict=True)
                if value is not None
            ],
        }
    )


@pytest.mark.parametrize("engine", ["duckdb", "polars"])
def test_hand_made_survey(hand: Dataset, engine: str) -> None:
    pg = pytest.importorskip("pingouin")
    tags = {("R1", "note"): ["住房"], ("R4", "note"): ["住房"], ("R3", "note"): ["对话缺失"]}
    report = survey_report(
        dataset=hand,
        engine=get_engine(engine),
        instrument=INSTRUMENT,
        crosstabs=[("used", "a")],
        tags=tags,
    ).to_dict()
    (scale,) = report["scales"]
    data = pd.DataFrame([row[1:4] for row in HAND], columns=["a", "b", "c"], dtype=float)
    alpha, _ = pg.cronbach_alpha(data=data, nan_policy="listwise")
    assert (scale["k"], scale["n"]) == (3, 7)
    assert scale["cronbach_alpha"] == pytest.approx(alpha, abs=TOL)
    rating = next(item for item in report["likert"] if item["code"] == "rating")
    values = np.array([4.0, 2.0, 5.0, 3.0])
    assert rating["ci95"] == pytest.approx(
        list(sps.t.interval(0.95, 3, loc=values.mean(), scale=sps.sem(values))), abs=TOL
    )
    used = next(p for p in report["profile"] if p["code"] == "used")
    assert [c["share"] for c in used["categories"]] == [5 / 8, 3 / 8]
    (table,) = report["crosstabs"]
    assert table["table"] == [[1, 1, 2, 1, 0], [0, 1, 0, 1, 1]]
    assert table["n"] == 8
    (note,) = report["free_text"]
    assert note["n"] == 3
    assert [(g["tag"], g["count"]) for g in note["by_tag"]] == [
        ("住房", 2),
        ("对话缺失", 1),
    ]
    assert Counter(f["kind"] for f in report["flags"])["low_n"] >= 1
    assert "<li>窗口不清楚</li>" in report_html(report)


def test_cli_json_and_html(tmp_path: Any) -> None:
    from luodi.cli.survey import command

    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        command, ["report", "--source", "demo", "--json", "--html", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"profile", "likert", "crosstabs", "scales", "funnel", "free_text", "flags"}
    assert "问题漏斗" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(command, ["report", "--source", "demo", "--survey", "NOPE"])
    assert bad.exit_code != 0
    assert "NOPE" in bad.output


def test_cli_groups_interview_notes_by_theme(tmp_path: Any) -> None:
    from luodi.cli.survey import command

    notes = Path(__file__).parent / "fixtures" / "interview_notes.csv"
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        command,
        ["report", "--source", "demo", "--notes", str(notes), "--json", "--html", str(out)],
    )
    assert result.exit_code == 0, result.output
    interviews = json.loads(result.output)["interviews"]
    assert interviews["notes"] == 5
    by_tag = {g["tag"]: [n["note_id"] for n in g["notes"]] for g in interviews["by_tag"]}
    # A note coded theme/sub-theme counts under its theme too; F03 carries two sub-themes.
    assert by_tag["功能异化"] == ["F01", "F02"]
    assert by_tag["实施梗阻"] == ["F03"]
    assert by_tag["实施梗阻/人情化执行"] == ["F03"]
    assert by_tag["对话缺失"] == ["F04", "F05"]
    counts = [g["count"] for g in interviews["by_tag"]]
    assert counts == sorted(counts, reverse=True)
    html = out.read_text(encoding="utf-8")
    assert "访谈记录" in html
    assert "不知道该找哪个部门" in html


def test_cli_refuses_notes_with_errors(tmp_path: Any) -> None:
    from luodi.cli.survey import command

    notes = tmp_path / "notes.csv"
    notes.write_text("访谈编号,受访者,访谈内容,标签\nF01,A,资金到位慢,宽进严助\n", encoding="utf-8")
    result = CliRunner().invoke(command, ["report", "--source", "demo", "--notes", str(notes)])
    assert result.exit_code != 0
    assert "宽进严助" in result.output
    assert "luodi survey notes" in result.output


def test_report_without_notes_has_no_interview_section() -> None:
    from luodi.cli.survey import command

    result = CliRunner().invoke(command, ["report", "--source", "demo", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["interviews"] is None
