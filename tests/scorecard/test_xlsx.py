"""The XLSX export opens with openpyxl and its Chinese headers, titles and numbers read back."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from luodi.scorecard import default_catalogue, scorecard_xlsx
from luodi.scorecard.scorecard import Scorecard, scorecard_from_tables
from luodi.scorecard.xlsx import EXPLANATION_HEADERS, SHEET_NAMES
from tests.scorecard.scoring_support import PREVIOUS, catalogue_table

DAY = dt.date(2019, 1, 15)


@pytest.fixture(scope="module")
def scorecard() -> Scorecard:
    catalogue = default_catalogue()
    indicators = catalogue.for_subject("department")
    rated = next(i.id for i in indicators if i.group == "rated")
    return scorecard_from_tables(
        table=catalogue_table(indicators, missing=(rated, "C-B")),
        previous=catalogue_table(indicators, period=PREVIOUS),
        indicators=indicators,
        scheme=catalogue.scheme("balanced"),
        hard_only=catalogue.scheme("hard_only"),
        area="C产业集聚区",
    )


@pytest.fixture(scope="module")
def workbook(scorecard: Scorecard) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(scorecard, generated_on=DAY)))


def test_four_sheets_in_order(workbook: openpyxl.Workbook) -> None:
    assert (
        tuple(workbook.sheetnames)
        == SHEET_NAMES
        == ("综合排名", "指标明细", "指标说明", "敏感性分析")
    )


def test_ranking_sheet_title_headers_and_numbers(
    workbook: openpyxl.Workbook, scorecard: Scorecard
) -> None:
    sheet = workbook["综合排名"]
    assert sheet["A1"].value == "C产业集聚区2018年度部门人才工作考核结果（均衡方案）"
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert "制表日期：2019年01月15日" in sheet["A2"].value
    assert "硬指标40%、过程指标35%、评价指标25%" in sheet["A2"].value
    headers = [cell.value for cell in sheet[3]]
    assert headers == [
        "序号",
        "部门",
        "综合得分",
        "排名",
        "仅硬指标得分",
        "仅硬指标排名",
        "名次变化",
    ]
    assert sheet.freeze_panes == "A4"
    assert sheet["A3"].font.name == "黑体"
    assert sheet["B4"].font.name == "宋体"
    assert sheet["A3"].border.left.style == "thin"
    for row, card in enumerate(scorecard.subjects, start=4):
        values = [cell.value for cell in sheet[row]]
        assert values[0] == row - 3
        assert values[1] == card.name
        assert values[2] == pytest.approx(card.score * 100)  # type: ignore[operator]
        assert values[3] == card.rank
        assert values[4] == pytest.approx(card.hard_only_score * 100)  # type: ignore[operator]
        assert values[5] == card.hard_only_rank
        assert values[6] == card.change
    # the subject that counts most and serves worst falls under the balanced scheme
    assert sheet["B4"].value != scorecard.subject(scorecard.hard_only_ranking[0]).name
    assert sheet["G4"].number_format == '"↑"0;"↓"0;"—"'


def test_detail_sheet_groups_units_and_missing_values(
    workbook: openpyxl.Workbook, scorecard: Scorecard
) -> None:
    sheet = workbook["指标明细"]
    groups = [cell.value for cell in sheet[3]][3:]
    names = [cell.value for cell in sheet[4]][3:]
    ordered = sorted(
        scorecard.indicators, key=lambda i: ("hard", "process", "rated").index(i.group)
    )
    assert names == [f"{i.name_zh}（{i.unit}）" for i in ordered]
    assert [g for g in groups if g] == ["硬指标", "过程指标", "评价指标"]
    hard_count = sum(1 for i in ordered if i.group == "hard")
    assert f"D3:{openpyxl.utils.get_column_letter(3 + hard_count)}3" in {
        str(r) for r in sheet.merged_cells.ranges
    }
    assert sheet.freeze_panes == "D5"
    rows = {sheet.cell(row=r, column=2).value: r for r in range(5, 5 + len(scorecard.subjects))}
    for card in scorecard.subjects:
        for column, indicator in enumerate(ordered, start=4):
            cell = sheet.cell(row=rows[card.name], column=column)
            value = card.values[indicator.id].value
            if value is None:
                assert cell.value == "—"
                assert cell.comment is not None
                assert "评价人数不足" in cell.comment.text
            else:
                assert cell.value == pytest.approx(value)
                if indicator.unit == "%":
                    assert cell.number_format == "0.0%"


def test_explanation_sheet_states_every_formula(
    workbook: openpyxl.Workbook, scorecard: Scorecard
) -> None:
    sheet = workbook["指标说明"]
    assert tuple(cell.value for cell in sheet[3]) == EXPLANATION_HEADERS
    formulas = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=6).value
        for r in range(4, 4 + len(scorecard.indicators))
    }
    assert formulas == {i.id: i.formula_zh for i in scorecard.indicators}
    assert any(sheet.cell(row=r, column=4).value == "越低越好" for r in range(4, sheet.max_row + 1))


def test_sensitivity_sheet(workbook: openpyxl.Workbook, scorecard: Scorecard) -> None:
    sheet = workbook["敏感性分析"]
    assert sheet["C3"].value == "过程指标与评价指标合计权重"
    assert sheet["C4"].value == "0%（仅硬指标）"
    assert sheet["M4"].value == "100%"
    for row, card in enumerate(scorecard.subjects, start=5):
        assert sheet.cell(row=row, column=2).value == card.name
        ranks = [sheet.cell(row=row, column=c).value for c in range(3, 14)]
        assert ranks == list(scorecard.sensitivity.ranks[card.id])
    tau_row = 5 + len(scorecard.subjects)
    assert sheet.cell(row=tau_row, column=1).value == "与仅硬指标排名的肯德尔τ"
    assert sheet.cell(row=tau_row, column=3).value == pytest.approx(1.0)


def test_region_scorecard_says_region(scorecard: Scorecard) -> None:
    import dataclasses

    regional = dataclasses.replace(scorecard, subject_kind="region", area="C产业集聚区")
    book = openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(regional, generated_on=DAY)))
    assert book["综合排名"]["B3"].value == "区域"
    assert "区域人才工作考核结果" in book["综合排名"]["A1"].value
