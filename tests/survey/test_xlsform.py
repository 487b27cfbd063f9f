"""XLSForm import: a small workbook built here, read back; problems name sheet, row and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from luodi.survey import (
    TEMPLATE_PATH,
    Condition,
    InstrumentError,
    instrument_from_xlsform,
    instrument_tables,
    load_instrument,
    visible_items,
)


def _workbook(path: Path, survey: list[list[Any]], choices: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    choice_sheet = book.create_sheet("choices")
    for row in choices:
        choice_sheet.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append(["小问卷", "SV-X"])
    book.save(path)
    return path


_SURVEY: list[list[Any]] = [
    [
        "type",
        "name",
        "label::中文",
        "relevant",
        "required",
        "appearance",
        "constraint",
        "scale",
        "personal",
    ],
    ["begin group", "s1", "一、基本信息"],
    ["select_one gender", "gender", "您的性别", None, "yes"],
    ["integer", "years", "工作年限", None, None, None, ". >= 0 and . <= 60"],
    ["end group"],
    ["begin_group", "s2", "二、政府服务"],
    ["select_one likert", "awareness", "了解程度", None, None, "likert", None, "aware"],
    ["select_one yes_no", "problem", "是否遇到过问题？"],
    ["select_one yes_no", "knew_department", "是否知道归属部门？", "${problem} = 'yes'"],
    ["select_multiple help", "help", "需要哪些帮助？", "${knew_department}='yes'"],
    ["text", "comments", "意见和建议", None, None, None, None, None, "yes"],
    ["end_group"],
]
_CHOICES: list[list[Any]] = [
    ["list_name", "name", "label"],
    ["gender", "male", "男性"],
    ["gender", "female", "女性"],
    *[["likert", i, label] for i, label in enumerate("一二三四五", start=1)],
    ["yes_no", "yes", "是"],
    ["yes_no", "no", "否"],
    ["help", "money", "资金"],
    ["help", "housing", "住房"],
]


def test_xlsform_round_trip(tmp_path: Path) -> None:
    instrument = instrument_from_xlsform(_workbook(tmp_path / "form.xlsx", _SURVEY, _CHOICES))
    assert (instrument.survey_id, instrument.title) == ("SV-X", "小问卷")
    assert [s.title for s in instrument.sections] == ["一、基本信息", "二、政府服务"]
    kinds = {item.code: item.kind for item in instrument.items}
    assert kinds == {
        "gender": "single",
        "years": "numeric",
        "awareness": "likert",
        "problem": "single",
        "knew_department": "single",
        "help": "multiple",
        "comments": "text",
    }
    assert instrument.item("gender").required
    assert (instrument.item("years").minimum, instrument.item("years").maximum) == (0, 60)
    assert [o.code for o in instrument.item("awareness").options] == ["1", "2", "3", "4", "5"]
    assert instrument.item("awareness").scale == "aware"
    assert instrument.item("comments").personal
    assert instrument.item("help").show_if == Condition(item="knew_department", equals="yes")
    shown = [
        i.code for i in visible_items(instrument, {"problem": "yes", "knew_department": "yes"})
    ]
    assert shown[-3:] == ["knew_department", "help", "comments"]
    # Written out as YAML, the questionnaire loads back equal.
    yaml_path = tmp_path / "form.yaml"
    dumped = instrument.model_dump(mode="json", exclude_defaults=True)
    yaml_path.write_text(yaml.safe_dump(dumped, allow_unicode=True), encoding="utf-8")
    assert load_instrument(yaml_path) == instrument
    tables = instrument_tables(instrument)
    assert [row["item_code"] for row in tables["survey_items"]] == list(kinds)
    assert len(tables["survey_options"]) == 2 + 5 + 2 + 2 + 2


def test_xlsform_problems_name_sheet_row_and_column(tmp_path: Path) -> None:
    survey = [list(row) for row in _SURVEY]
    survey[3][0] = "geopoint"
    survey[8][3] = "${problem} = 'yes' and ${gender} = 'male'"
    survey[9][3] = "${problem} = 'maybe'"
    survey[2][0] = "select_one sex"
    path = _workbook(tmp_path / "bad.xlsx", survey, _CHOICES)
    with pytest.raises(InstrumentError) as raised:
        instrument_from_xlsform(path)
    message = str(raised.value)
    assert (
        "sheet survey, row 3, column type: choice list 'sex' is not in the choices sheet" in message
    )
    assert "sheet survey, row 4, column type: type 'geopoint' is not supported" in message
    assert "sheet survey, row 9, column relevant: relevant" in message
    assert (
        "sheet survey, row 10, column relevant: "
        "show_if of item 'help': item 'problem' has no option 'maybe'" in message
    )
    with pytest.raises(InstrumentError, match=r"not an \.xlsx workbook"):
        instrument_from_xlsform(TEMPLATE_PATH)
