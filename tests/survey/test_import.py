"""Import of 问卷星-style exports and coded interview notes: each bad row reported precisely."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from luodi.cli import main
from luodi.contract.io import read_table_file
from luodi.survey.importer import ImportResult, responses_import, write_survey_tables
from luodi.survey.instrument import Instrument, Item, Option, Section, study_template
from luodi.survey.mapping import MappingError, load_mapping, mapping_from_text
from luodi.survey.notes import notes_by_tag, notes_import

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "wjx_export.csv"
MAPPING = FIXTURES / "wjx_mapping.yaml"
NOTES = FIXTURES / "interview_notes.csv"

GENDER = "1、您的性别"
AWARENESS = "11、您对本地区人才政策的总体了解程度"
KNEW = "16、您是否知道解决该问题的归属部门？"
COMMENTS = "18、您对本地区人才政策及其执行还有哪些意见和建议？"

# (row as seen in the file, column header, value, code): one kind of bad row each.
EXPECTED = [
    (8, GENDER, "未知", "unknown_option"),
    (9, GENDER, "男┋女", "several_for_single"),
    (10, AWARENESS, "7", "out_of_scale"),
    (11, AWARENESS, "很了解", "not_a_number"),
    (12, "序号", "3", "duplicate_respondent"),
    (13, KNEW, "yes", "answer_to_hidden_item"),
    (14, None, None, "empty_row"),
    (15, COMMENTS, "政策" * 130, "text_too_long"),
    (16, "序号", None, "missing_respondent"),
    (17, None, "多余", "ragged_row"),
]


def _import(path: Path = EXPORT, **kwargs: object) -> ImportResult:
    return responses_import(
        path=path,
        instrument=study_template(),
        mapping=MAPPING,
        max_text=200,
        **kwargs,  # type: ignore[arg-type]
    )


def _located(result: ImportResult) -> list[tuple[int | None, str | None, str | None, str]]:
    return [(p.row, p.column, p.value, p.code) for p in result.problems]


def test_ten_kinds_of_bad_rows_are_each_reported_precisely() -> None:
    result = _import()
    assert _located(result) == EXPECTED
    assert len({code for *_, code in EXPECTED}) == 10
    for problem in result.problems:
        assert problem.file == "wjx_export.csv"
        assert problem.message
        assert problem.fix
        assert str(problem).startswith(f"wjx_export.csv:{problem.row}")
    assert result.rejected_rows == tuple(range(8, 18))
    assert not result.ok


def test_messages_say_what_is_wrong_and_how_to_fix_it() -> None:
    by_code = {p.code: p for p in _import().problems}
    assert "男、女" in by_code["unknown_option"].fix  # the labels that would be accepted
    assert "wjx_mapping.yaml" in by_code["unknown_option"].fix
    assert "第 4 行" in by_code["duplicate_respondent"].message  # where the first one is
    hidden = by_code["answer_to_hidden_item"]
    assert "problem = yes" in hidden.message
    assert "problem = no" in hidden.message
    assert "15、您在创业创新过程中是否遇到过问题？" in hidden.fix
    assert "260" in by_code["text_too_long"].message
    assert "…" in str(by_code["text_too_long"])  # a long value is shortened in the message


def test_good_rows_become_contract_survey_responses(tmp_path: Path) -> None:
    result = _import()
    assert result.respondents == 6
    assert {r["respondent_id"] for r in result.rows} == {"1", "2", "3", "4", "5", "6"}
    first = {r["item_code"]: r["value"] for r in result.rows if r["respondent_id"] == "1"}
    assert first["gender"] == "male"  # 男 through the mapping
    assert first["age"] == "31_40"
    assert first["nationality"] == "CN"  # the instrument's own label 中国
    assert first["channel"] == "outreach"
    assert first["awareness"] == "2"
    assert first["satisfaction_award"] == "4"
    assert "satisfaction_funding" not in first  # (跳过) is no answer: no row
    assert (first["problem"], first["knew_department"], first["solved"]) == ("yes", "yes", "no")
    assert "comments" not in first
    written = write_survey_tables(
        result,
        instrument=study_template(),
        directory=tmp_path,
        region_id="C",
        opened_on=dt.date(2018, 3, 1),
    )
    assert {p.name for p in written} == {
        "surveys.csv",
        "survey_items.csv",
        "survey_options.csv",
        "survey_responses.csv",
    }
    responses = read_table_file(tmp_path / "survey_responses.csv")
    assert responses.num_rows == len(result.rows)


def _recode(target: Path, encoding: str) -> Path:
    target.write_bytes(EXPORT.read_text(encoding="utf-8-sig").encode(encoding))
    return target


def test_gbk_export_is_read_with_a_note(tmp_path: Path) -> None:
    result = _import(_recode(tmp_path / "wjx_export.csv", "gb18030"))
    assert result.problems[0].code == "gbk_encoding"
    assert result.problems[0].severity == "warning"
    assert _located(result)[1:] == EXPECTED
    assert result.respondents == 6


def test_gbk_export_read_as_utf8_names_the_line(tmp_path: Path) -> None:
    result = _import(_recode(tmp_path / "wjx_export.csv", "gb18030"), encoding="utf-8")
    assert _located(result) == [(1, None, result.problems[0].value, "bad_encoding")]
    assert "CSV UTF-8" in result.problems[0].fix
    assert result.rows == ()


def test_bytes_neither_utf8_nor_gbk_are_a_bad_encoding(tmp_path: Path) -> None:
    data = EXPORT.read_bytes().split(b"\r\n")
    data[4] += b"\xff\xff"
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\r\n".join(data))
    result = _import(path)
    assert [(p.row, p.code) for p in result.problems] == [(5, "bad_encoding")]


def test_xlsx_export_reports_the_same_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with EXPORT.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.reader(handle):
            sheet.append([int(v) if v.isdigit() else (v or None) for v in record])
    path = tmp_path / "wjx_export.xlsx"
    workbook.save(path)
    result = _import(path)
    assert [(p.row, p.column, p.code) for p in result.problems] == [
        (row, column, code) for row, column, _, code in EXPECTED
    ]
    assert result.rows == _import().rows


def test_header_problems_point_at_the_header(tmp_path: Path) -> None:
    lines = EXPORT.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].replace(GENDER, "1、您的性别：").replace("来自IP", "联系方式")
    path = tmp_path / "wjx_export.csv"
    path.write_text("\n".join([header + ",3、您的国籍", *lines[1:7]]), encoding="utf-8")
    codes = [(p.row, p.column, p.code) for p in _import(path).problems]
    assert (1, "1、您的性别：", "unknown_header") in codes
    assert (1, "联系方式", "unknown_header") in codes
    assert (1, "3、您的国籍", "duplicate_header") in codes
    assert (1, GENDER, "missing_column") in codes
    missing = next(p for p in _import(path).problems if p.code == "missing_column")
    assert "1、您的性别：" in missing.fix  # the near match in the file


def _extended() -> Instrument:
    base = study_template()
    extra = Section(
        title="五、补充",
        items=(
            Item(
                code="channels_all",
                text="您获取政策信息的全部渠道",
                kind="multiple",
                options=(
                    Option(code="web", label="政府网站"),
                    Option(code="wechat", label="微信公众号"),
                    Option(code="peers", label="同行介绍"),
                ),
            ),
            Item(code="years", text="您在本地工作的年数", kind="numeric", minimum=0, maximum=60),
            Item(code="email", text="联系邮箱", kind="text", required=True, personal=True),
        ),
    )
    return base.model_copy(update={"sections": (*base.sections, extra)})


def test_multiple_numeric_and_required_items(tmp_path: Path) -> None:
    mapping = MAPPING.read_text(encoding="utf-8") + (
        "  19、您获取政策信息的全部渠道: {item: channels_all}\n"
        "  20、您在本地工作的年数: {item: years}\n"
        "  21、联系邮箱: {item: email}\n"
    )
    (tmp_path / "mapping.yaml").write_text(mapping, encoding="utf-8")
    lines = EXPORT.read_text(encoding="utf-8-sig").splitlines()
    rows = [lines[0] + ",19、您获取政策信息的全部渠道,20、您在本地工作的年数,21、联系邮箱"]
    rows += [
        lines[1] + ",政府网站┋微信公众号,5,a@example.org",
        lines[2] + ",政府网站┋报纸,5,b@example.org",
        lines[3] + ",同行介绍,八年,c@example.org",
        lines[4] + ",同行介绍,75,d@example.org",
        lines[5] + ",同行介绍,3.5,",
    ]
    path = tmp_path / "wjx.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    result = responses_import(path=path, instrument=_extended(), mapping=tmp_path / "mapping.yaml")
    assert [(p.row, p.value, p.code) for p in result.problems] == [
        (3, "政府网站┋报纸", "unknown_option_part"),
        (4, "八年", "not_a_number"),
        (5, "75", "out_of_range"),
        (6, None, "required_missing"),
    ]
    first = {r["item_code"]: r["value"] for r in result.rows if r["respondent_id"] == "1"}
    assert first["channels_all"] == "web;wechat"
    assert first["years"] == "5"


def test_mapping_problems_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(MappingError) as caught:
        mapping_from_text("columns:\n  a: {item: gender}\n  b: [1, 2]\n  a: {item: age}\n")
    found = [(p.row, p.code) for p in caught.value.problems]
    assert (4, "duplicate_key") in found
    assert (3, "no_item") in found
    with pytest.raises(MappingError) as caught:
        mapping_from_text("columns:\n  a: {item: gender\n")
    assert caught.value.problems[0].code == "mapping_syntax"
    mapping = mapping_from_text(
        "columns:\n  x: {item: nosuch}\n  y: {item: gender, options: {男: m}}\n"
    )
    path = tmp_path / "x.csv"
    path.write_text("序号,x,y\n1,a,男\n", encoding="utf-8")
    result = responses_import(path=path, instrument=study_template(), mapping=mapping)
    codes = [(p.file, p.row, p.code) for p in result.problems]
    assert ("mapping.yaml", 2, "unknown_item") in codes
    assert ("mapping.yaml", 3, "unknown_option_code") in codes
    assert load_mapping(MAPPING).respondent_column == "序号"


def test_cli_import_writes_tables_only_when_clean_or_asked(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["survey", "import", str(EXPORT), "--mapping", str(MAPPING), "--region", "C"]
    refused = runner.invoke(main, [*args, "--out", str(tmp_path / "a")])
    assert refused.exit_code == 1
    assert "wjx_export.csv:8:1、您的性别" in refused.output
    assert not (tmp_path / "a").exists()
    written = runner.invoke(main, [*args, "--out", str(tmp_path / "b"), "--skip-bad-rows"])
    assert written.exit_code == 1
    assert (tmp_path / "b" / "survey_responses.csv").exists()


def test_interview_notes_coded_with_table2_themes() -> None:
    result = notes_import(path=NOTES)
    assert result.ok
    assert result.problems == ()
    grouped = notes_by_tag(result.notes)
    assert [n.note_id for n in grouped["功能异化"]] == ["F01", "F02"]
    assert [n.note_id for n in grouped["实施梗阻/人情化执行"]] == ["F03"]
    assert [n.note_id for n in grouped["对话缺失"]] == ["F04", "F05"]


def test_bad_interview_notes_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        "访谈编号,受访者,访谈内容,标签\n"
        "F01,A,资金到位慢,宽进严助\n"
        "F01,B,部门推诿,实施梗阻\n"
        ",C,不知道政策,对话缺失\n"
        "F04,D,,对话缺失\n"
        "F05,E,还没编码,\n"
        "F06,F,人情办事,实施梗阻/人情化执行；实施梗阻/人情化执行\n",
        encoding="utf-8",
    )
    result = notes_import(path=path)
    assert [(p.row, p.column, p.value, p.code, p.severity) for p in result.problems] == [
        (2, "标签", "宽进严助", "unknown_tag", "error"),
        (3, "访谈编号", "F01", "duplicate_id", "error"),
        (4, "访谈编号", None, "missing_id", "error"),
        (5, "访谈内容", None, "empty_text", "error"),
        (6, "标签", None, "no_tags", "warning"),
        (7, "标签", "实施梗阻/人情化执行；实施梗阻/人情化执行", "duplicate_tag", "warning"),
    ]
    assert "'功能异化/宽进严助'" in result.problems[0].fix
    assert [n.note_id for n in result.notes] == ["F05", "F06"]


def test_interview_notes_in_yaml(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text(
        "- id: F01\n  text: 资金配套兑现难\n  tags: [功能异化/宽进严助]\n"
        "- id: F02\n  text: 不知道找哪个部门\n  tags: [对话不畅]\n",
        encoding="utf-8",
    )
    result = notes_import(path=path)
    assert [(p.row, p.code) for p in result.problems] == [(4, "unknown_tag")]
    assert [n.note_id for n in result.notes] == ["F01"]
