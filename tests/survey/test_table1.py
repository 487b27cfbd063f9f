"""Table 1 and the survey funnel computed from the demo questionnaires."""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction

import pytest
from click.testing import CliRunner

from luodi.contract import Dataset
from luodi.demo import calibration as cal
from luodi.demo import generate
from luodi.engines import get_engine
from luodi.sources import load_dataset
from luodi.survey import Table1, table1


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return generate()


@pytest.fixture(scope="module")
def result(demo: Dataset) -> Table1:
    return table1(dataset=demo, engine=get_engine("duckdb"))


def test_every_consistent_row_rounds_to_the_print(result: Table1) -> None:
    inconsistent = {entry.item for entry in result.inconsistent}
    checked = 0
    for row in result.rows:
        if row.item in inconsistent or row.printed_share is None:
            continue
        item = next(t for t in cal.TABLE1 if t.label == row.item)
        figure = next(c.printed for c in item.categories if c.label == row.category)
        assert figure is not None
        assert figure.admits(Fraction(100 * row.count, row.valid_n)), (row.item, row.category)
        assert abs(row.share - row.printed_share) < 0.0006
        checked += 1
    assert checked == 24  # the printed categories of the 8 consistent items


def test_items_and_labels_as_printed(result: Table1) -> None:
    items = list(dict.fromkeys(row.item for row in result.rows))
    assert items == [
        "性别",
        "年龄",
        "国籍",
        "人才层次",
        "学历",
        "籍贯",
        "政治面貌",
        "学科背景",
        "职称",
        "工作单位",
    ]
    categories = {row.category for row in result.rows}
    assert {"21—30岁", "高端人才（A类、B类、C类人才）", "无职称", "创新型企业"} <= categories
    unprinted = [row for row in result.rows if row.printed_share is None]
    assert [(r.item, r.category) for r in unprinted] == [("年龄", "51岁及以上")]
    gender = [row for row in result.rows if row.item == "性别"]
    assert {row.valid_n for row in gender} == {156}


def test_inconsistent_items_have_reasons(result: Table1) -> None:
    assert [entry.item for entry in result.inconsistent] == ["职称", "工作单位"]
    assert all(entry.reason for entry in result.inconsistent)
    for row in result.rows:
        if row.item in ("职称", "工作单位"):
            assert row.printed_share is not None
            assert abs(row.share - row.printed_share) < 0.004  # as close as counts allow


def test_json_shape(result: Table1) -> None:
    data = result.to_dict()
    assert set(data) == {"rows", "inconsistent"}
    assert data["rows"][0] == {
        "item": "性别",
        "category": "男性",
        "count": 99,
        "valid_n": 156,
        "share": 0.634615,
        "printed_share": 0.635,
    }
    assert set(data["inconsistent"][0]) == {"item", "reason"}


def _answers(demo: Dataset, item: str) -> Counter[str]:
    return Counter(
        str(r["value"]) for r in demo["survey_responses"].to_pylist() if r["item_code"] == item
    )


def test_service_funnel_from_the_responses(demo: Dataset) -> None:
    problem = _answers(demo, "problem")
    knew = _answers(demo, "knew_department")
    solved = _answers(demo, "solved")
    assert round(100 * problem["yes"] / problem.total()) == 47
    assert round(100 * knew["no"] / knew.total()) == 55
    assert round(100 * knew["yes"] / knew.total()) == 45
    assert round(100 * solved["yes"] / solved.total()) == 66
    assert round(100 * solved["no"] / solved.total()) == 34
    assert knew.total() <= problem["yes"]
    assert solved.total() <= knew["yes"]


def test_skip_logic(demo: Dataset) -> None:
    answers: dict[str, dict[str, str]] = {}
    for r in demo["survey_responses"].to_pylist():
        answers.setdefault(str(r["respondent_id"]), {})[str(r["item_code"])] = str(r["value"])
    assert len(answers) == 160
    for given in answers.values():
        if "knew_department" in given:
            assert given["problem"] == "yes"
        if "solved" in given:
            assert given["knew_department"] == "yes"


def test_awareness_channels_landing(demo: Dataset) -> None:
    awareness = _answers(demo, "awareness")
    mean = Fraction(sum(int(k) * v for k, v in awareness.items()), awareness.total())
    assert f"{float(mean):.2f}" == "2.10"
    assert cal.AWARENESS_MEAN.admits(mean)
    channels = _answers(demo, "channel")
    assert [
        round(100 * channels[c] / channels.total()) for c in ("none", "active", "outreach")
    ] == [14, 37, 49]
    landing = _answers(demo, "landing")
    assert cal.LANDING_POOR.admits(Fraction(100 * landing["poor"], landing.total()))


def test_satisfaction_per_policy_type(demo: Dataset) -> None:
    means = {}
    for kind in ("award", "funding", "housing", "schooling", "tax", "residence"):
        answers = _answers(demo, f"satisfaction_{kind}")
        means[kind] = sum(int(k) * v for k, v in answers.items()) / answers.total()
    assert means["award"] > means["funding"] > means["tax"]


def test_unknown_survey_is_an_error(demo: Dataset) -> None:
    with pytest.raises(ValueError, match="SV-C-2018"):
        table1(dataset=demo, engine=get_engine("duckdb"), survey_id="nope")


def test_sources(tmp_path: object) -> None:
    with pytest.raises(ValueError, match="demo"):
        load_dataset("/no/such/folder")


def test_sources_reads_a_folder(demo: Dataset, tmp_path: object) -> None:
    from pathlib import Path

    from luodi.contract.io import write_dataset

    folder = Path(str(tmp_path))
    write_dataset(demo, directory=folder, formats=("parquet",))
    assert load_dataset(str(folder)).row_counts() == demo.row_counts()


def test_cli_json_and_table() -> None:
    from luodi.cli import main

    runner = CliRunner()
    out = runner.invoke(main, ["survey", "table1", "--source", "demo", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["rows"][0]["item"] == "性别"
    out = runner.invoke(main, ["survey", "table1", "--source", "demo", "--engine", "polars"])
    assert out.exit_code == 0, out.output
    assert "表1" in out.output
    assert "高端人才（A类、B类、C类人才）" in out.output
    out = runner.invoke(main, ["survey", "table1", "--source", "nowhere"])
    assert out.exit_code != 0
    assert "demo" in out.output
