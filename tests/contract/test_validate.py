"""Breaking a valid folder in one way gives exactly the problem, file, row and column expected."""

from __future__ import annotations

import codecs
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from luodi.contract import (
    TABLE_ORDER,
    Dataset,
    ProblemCode,
    ValidationFailed,
    read_dataset,
    validate_directory,
    write_dataset,
)
from luodi.contract.errors import MESSAGES
from luodi.contract.problems import MAX_PER_COLUMN
from luodi.contract.validate import Problem, ValidationReport
from tests.contract.conftest import csv_cell, edit_csv

Where = tuple[str, int | None, str | None, str]


def where(problem: Problem) -> Where:
    return (problem.file, problem.row, problem.column, problem.code)


def only(report: ValidationReport) -> Problem:
    assert len(report.problems) == 1, [str(p) for p in report.problems]
    return report.problems[0]


def test_the_valid_folders_are_valid(csv_dir: Path, parquet_dir: Path, xlsx_dir: Path) -> None:
    for directory in (csv_dir, parquet_dir, xlsx_dir):
        report = validate_directory(directory)
        assert report.ok, [str(p) for p in report.problems]
        assert report.row_counts[f"regions.{directory.name}"] == 3
        assert len(report.tables_found) == len(TABLE_ORDER)


def test_wrong_type(csv_dir: Path) -> None:
    csv_cell(csv_dir / "employers.csv", record=1, column="employees", value="twelve")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("employers.csv", 2, "employees", ProblemCode.WRONG_TYPE)
    assert "'twelve'" in problem.message
    assert "whole number" in problem.message


def test_unknown_choice_lists_the_allowed_values(csv_dir: Path) -> None:
    csv_cell(csv_dir / "persons.csv", record=2, column="gender", value="M")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("persons.csv", 3, "gender", "unknown_choice")
    assert problem.message == MESSAGES[ProblemCode.UNKNOWN_CHOICE].format(
        value="'M'", column="gender", allowed="male (男性), female (女性)"
    )


def test_duplicate_primary_key_names_the_first_row(csv_dir: Path) -> None:
    edit_csv(csv_dir / "regions.csv", lambda records: records.append(records[1][:]))
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("regions.csv", 5, "region_id", "duplicate_key")
    assert "row 2" in problem.message


def test_rows_are_physical_lines_when_a_text_holds_a_newline(csv_dir: Path) -> None:
    # Clause K2 (data record 2) spans lines 3 and 4, so its copy starts on line 5.
    edit_csv(csv_dir / "clauses.csv", lambda records: records.append(records[2][:]))
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("clauses.csv", 5, "clause_id", "duplicate_key")
    assert "row 3" in problem.message


def test_dangling_reference(csv_dir: Path) -> None:
    csv_cell(csv_dir / "persons.csv", record=1, column="employer_id", value="E9")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("persons.csv", 2, "employer_id", "dangling_reference")
    assert "'E9'" in problem.message
    assert "employers.csv" in problem.message


def test_dangling_self_reference(csv_dir: Path) -> None:
    csv_cell(csv_dir / "regions.csv", record=3, column="parent_id", value="Y")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("regions.csv", 4, "parent_id", "dangling_reference")


def test_missing_required_value(csv_dir: Path) -> None:
    csv_cell(csv_dir / "departments.csv", record=2, column="name", value="")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("departments.csv", 3, "name", "missing_value")


def test_missing_column(csv_dir: Path) -> None:
    def drop(records: list[list[str]]) -> None:
        index = records[0].index("nationality")
        for record in records:
            del record[index]

    edit_csv(csv_dir / "persons.csv", drop)
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("persons.csv", 1, "nationality", "missing_column")


def test_unknown_column_suggests_a_name(csv_dir: Path) -> None:
    def add(records: list[list[str]]) -> None:
        records[0].append("rol")
        for record in records[1:]:
            record.append("x")

    edit_csv(csv_dir / "staff.csv", add)
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("staff.csv", 1, "rol", "unknown_column")
    assert "did you mean role?" in problem.message


def test_missing_table_file(csv_dir: Path) -> None:
    (csv_dir / "surveys.csv").unlink()
    # References into the missing table are not reported again: its absence is the problem.
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("surveys.csv", None, None, "missing_table")


def test_unknown_file_suggests_the_table(csv_dir: Path) -> None:
    (csv_dir / "person.csv").write_text("person_id\nP1\n", encoding="utf-8")
    (csv_dir / "README.md").write_text("not data", encoding="utf-8")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("person.csv", None, None, "unknown_file")
    assert "persons.csv" in problem.message


def test_empty_folder(tmp_path: Path) -> None:
    problem = only(validate_directory(tmp_path))
    assert where(problem) == (".", None, None, "no_tables")


def test_missing_folder(tmp_path: Path) -> None:
    problem = only(validate_directory(tmp_path / "nowhere"))
    assert where(problem) == (".", None, None, "folder_missing")


def test_ragged_row(csv_dir: Path) -> None:
    with (csv_dir / "staff.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("S2,赵六,D1,officer,extra\r\n")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("staff.csv", 3, None, "ragged_row")
    assert "5 fields" in problem.message


def test_malformed_quotes(csv_dir: Path) -> None:
    with (csv_dir / "staff.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write('S2,"赵"六,D1,officer\r\n')
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("staff.csv", 3, None, "malformed_row")


def test_bad_utf8_names_the_line(csv_dir: Path) -> None:
    with (csv_dir / "staff.csv").open("ab") as handle:
        handle.write("S2,赵六,D1,officer\r\n".encode("gbk"))
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("staff.csv", 3, None, "bad_encoding")


def test_byte_order_mark_is_accepted(csv_dir: Path) -> None:
    path = csv_dir / "staff.csv"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert validate_directory(csv_dir).ok


def test_bad_date(csv_dir: Path) -> None:
    csv_cell(csv_dir / "policies.csv", record=1, column="issued_on", value="2016/03/21")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("policies.csv", 2, "issued_on", "wrong_type")
    assert "2024-03-31" in problem.message


def test_out_of_range(csv_dir: Path) -> None:
    csv_cell(csv_dir / "inquiries.csv", record=1, column="satisfaction", value="6")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("inquiries.csv", 2, "satisfaction", "out_of_range")
    assert "maximum 5" in problem.message


def test_phase_shares_must_sum_to_one(csv_dir: Path) -> None:
    csv_cell(csv_dir / "clause_phases.csv", record=2, column="share", value="0.6")
    problem = only(validate_directory(csv_dir))
    assert where(problem) == ("clause_phases.csv", 2, "share", "shares_not_one")
    assert "0.9" in problem.message


def test_corrupt_parquet(parquet_dir: Path) -> None:
    (parquet_dir / "events.parquet").write_bytes(b"PAR1 this is not parquet")
    problem = only(validate_directory(parquet_dir))
    assert where(problem) == ("events.parquet", None, None, "unreadable_file")


def test_parquet_column_of_the_wrong_type(parquet_dir: Path) -> None:
    path = parquet_dir / "persons.parquet"
    data = pq.read_table(path)
    index = data.schema.get_field_index("birth_year")
    as_text = pa.array(["1985", "1990"], type=pa.string())
    pq.write_table(data.set_column(index, "birth_year", as_text), path)
    problem = only(validate_directory(parquet_dir))
    assert where(problem) == ("persons.parquet", None, "birth_year", "wrong_column_type")


def test_parquet_rows_are_data_row_indexes(parquet_dir: Path) -> None:
    path = parquet_dir / "persons.parquet"
    data = pq.read_table(path)
    index = data.schema.get_field_index("gender")
    pq.write_table(data.set_column(index, "gender", pa.array(["male", "x"])), path)
    problem = only(validate_directory(parquet_dir))
    assert where(problem) == ("persons.parquet", 2, "gender", "unknown_choice")


def test_xlsx_wrong_type(xlsx_dir: Path) -> None:
    path = xlsx_dir / "employers.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("employees") + 1, value="many")
    workbook.save(path)
    problem = only(validate_directory(xlsx_dir))
    assert where(problem) == ("employers.xlsx", 3, "employees", "wrong_type")


def test_every_problem_in_a_file_is_reported(csv_dir: Path) -> None:
    path = csv_dir / "persons.csv"
    csv_cell(path, record=1, column="birth_year", value="1985.5")
    csv_cell(path, record=2, column="degree", value="phd")
    report = validate_directory(csv_dir)
    assert [where(p) for p in report.problems] == [
        ("persons.csv", 2, "birth_year", "wrong_type"),
        ("persons.csv", 3, "degree", "unknown_choice"),
    ]


def test_problems_per_column_are_capped(csv_dir: Path) -> None:
    extra = MAX_PER_COLUMN + 10

    def add(records: list[list[str]]) -> None:
        records += [[f"S{n + 10}", "某", "D1", "boss"] for n in range(extra)]

    edit_csv(csv_dir / "staff.csv", add)
    report = validate_directory(csv_dir)
    assert len(report.problems) == MAX_PER_COLUMN + 1
    assert {p.code for p in report.problems[:-1]} == {"unknown_choice"}
    summary = report.problems[-1]
    assert where(summary) == ("staff.csv", None, "role", "too_many_problems")
    assert "10 more" in summary.message


def test_each_format_in_a_folder_is_checked_on_its_own(dataset: Dataset, csv_dir: Path) -> None:
    parquet_files = write_dataset(dataset, directory=csv_dir, formats=("parquet",))
    assert len(parquet_files) == len(TABLE_ORDER)
    assert validate_directory(csv_dir).ok
    (csv_dir / "staff.parquet").unlink()
    csv_cell(csv_dir / "persons.csv", record=2, column="gender", value="M")
    report = validate_directory(csv_dir)
    # Parquet files come first: it is the format read_dataset prefers.
    assert [where(p) for p in report.problems] == [
        ("staff.parquet", None, None, "missing_table"),
        ("persons.csv", 3, "gender", "unknown_choice"),
    ]
    assert report.row_counts["persons.csv"] == 2
    assert report.row_counts["persons.parquet"] == 2


def test_read_dataset_fails_whole_with_every_problem(csv_dir: Path) -> None:
    csv_cell(csv_dir / "persons.csv", record=2, column="gender", value="M")
    (csv_dir / "surveys.csv").unlink()
    with pytest.raises(ValidationFailed) as caught:
        read_dataset(csv_dir)
    assert [p.code for p in caught.value.problems] == ["unknown_choice", "missing_table"]
    assert "persons.csv:3:gender" in str(caught.value)


def test_read_dataset_converts_zoned_timestamps_to_china_time(parquet_dir: Path) -> None:
    path = parquet_dir / "cases.parquet"
    data = pq.read_table(path)
    index = data.schema.get_field_index("opened_at")
    utc = pa.array([0, 3_600_000_000], type=pa.timestamp("us", tz="UTC"))
    pq.write_table(data.set_column(index, "opened_at", utc), path)
    opened = read_dataset(parquet_dir)["cases"].column("opened_at").to_pylist()
    assert [t.hour for t in opened] == [8, 9]
    assert opened[0].tzinfo is None
