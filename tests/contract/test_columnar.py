"""The columnar Parquet checks report exactly what the cell-by-cell checks report.

Each test breaks a valid Parquet folder in one way, asserts the problem the break must cause
(so the test can fail) and that the columnar path (the default) and the cell-by-cell path
(``columnar=False``) give identical problems: code, file, row, column and message, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from luodi.contract import TABLE_ORDER, Dataset, ValidationFailed, read_dataset, validate_directory
from luodi.contract.columnar import ColumnarTable, read_columnar
from luodi.contract.problems import MAX_PER_COLUMN, ProblemCollector
from luodi.contract.tables import table
from luodi.contract.validate import Problem

Where = tuple[str, int | None, str | None, str]


def both(directory: Path) -> tuple[Problem, ...]:
    """The problems, after checking that both paths report exactly the same ones."""
    fast = validate_directory(directory).problems
    slow = validate_directory(directory, columnar=False).problems
    assert fast == slow
    return fast


def where(problems: tuple[Problem, ...]) -> list[Where]:
    return [(p.file, p.row, p.column, p.code) for p in problems]


def edit(path: Path, change: Callable[[pa.Table], pa.Table]) -> None:
    pq.write_table(change(pq.read_table(path)), path)


def put(path: Path, name: str, values: pa.Array) -> None:
    def change(data: pa.Table) -> pa.Table:
        return data.set_column(data.schema.get_field_index(name), name, values)

    edit(path, change)


def grow(path: Path, times: int) -> None:
    """Repeat the file's rows; ids made distinct by a row number suffix where needed."""
    edit(path, lambda data: pa.concat_tables([data] * times))


def test_valid_folder_reads_the_same_on_both_paths(parquet_dir: Path) -> None:
    assert both(parquet_dir) == ()
    fast, slow = read_dataset(parquet_dir), read_dataset(parquet_dir, columnar=False)
    for spec in TABLE_ORDER:
        assert fast[spec.name].equals(slow[spec.name]), spec.name
        assert fast[spec.name].schema == slow[spec.name].schema, spec.name


def test_the_columnar_path_is_taken(parquet_dir: Path) -> None:
    collector = ProblemCollector()
    path = parquet_dir / "persons.parquet"
    read = read_columnar(path, file=path.name, table=table("persons"), collector=collector)
    assert isinstance(read, ColumnarTable)
    assert read.invalid == {}


def test_missing_required_value(parquet_dir: Path) -> None:
    put(parquet_dir / "departments.parquet", "name", pa.array(["人才办", None]))
    assert where(both(parquet_dir)) == [("departments.parquet", 2, "name", "missing_value")]


def test_empty_text_is_an_empty_cell(parquet_dir: Path) -> None:
    put(parquet_dir / "departments.parquet", "name", pa.array(["", "审计局"]))
    put(parquet_dir / "inquiries.parquet", "text", pa.array(["问", "答"]))
    put(parquet_dir / "events.parquet", "reason", pa.array(["", None]))
    assert where(both(parquet_dir)) == [("departments.parquet", 1, "name", "missing_value")]
    (parquet_dir / "departments.parquet").unlink()
    write_valid_departments(parquet_dir)
    fast, slow = read_dataset(parquet_dir), read_dataset(parquet_dir, columnar=False)
    assert fast["events"].equals(slow["events"])
    assert fast["events"].column("reason").null_count == 2


def write_valid_departments(directory: Path) -> None:
    from tests.contract.conftest import valid_rows

    data = Dataset.from_rows({"departments": valid_rows()["departments"]})["departments"]
    pq.write_table(data, directory / "departments.parquet")


def test_unknown_choice(parquet_dir: Path) -> None:
    put(parquet_dir / "persons.parquet", "gender", pa.array(["male", "x"]))
    put(parquet_dir / "staff.parquet", "role", pa.array(["boss"]))
    assert where(both(parquet_dir)) == [
        ("persons.parquet", 2, "gender", "unknown_choice"),
        ("staff.parquet", 1, "role", "unknown_choice"),
    ]


def test_choice_with_spaces_is_accepted_and_trimmed(parquet_dir: Path) -> None:
    put(parquet_dir / "persons.parquet", "gender", pa.array([" male", "female "]))
    put(parquet_dir / "inquiries.parquet", "category", pa.array(["", None]))
    assert both(parquet_dir) == ()
    fast, slow = read_dataset(parquet_dir), read_dataset(parquet_dir, columnar=False)
    assert fast["persons"].column("gender").to_pylist() == ["male", "female"]
    assert fast["persons"].equals(slow["persons"])
    assert fast["inquiries"].equals(slow["inquiries"])


def test_out_of_range(parquet_dir: Path) -> None:
    put(parquet_dir / "inquiries.parquet", "satisfaction", pa.array([6, None], pa.int64()))
    put(parquet_dir / "employers.parquet", "employees", pa.array([-1, 3], pa.int32()))
    put(parquet_dir / "clause_phases.parquet", "share", pa.array([1.5, -0.5]))
    assert where(both(parquet_dir)) == [
        ("employers.parquet", 1, "employees", "out_of_range"),
        ("clause_phases.parquet", 1, "share", "out_of_range"),
        ("clause_phases.parquet", 2, "share", "out_of_range"),
        ("inquiries.parquet", 1, "satisfaction", "out_of_range"),
    ]


def test_numbers_that_are_not_finite(parquet_dir: Path) -> None:
    put(parquet_dir / "employers.parquet", "revenue", pa.array([float("nan"), float("inf")]))
    assert where(both(parquet_dir)) == [
        ("employers.parquet", 1, "revenue", "wrong_type"),
        ("employers.parquet", 2, "revenue", "wrong_type"),
    ]


def test_duplicate_primary_key(parquet_dir: Path) -> None:
    edit(parquet_dir / "regions.parquet", lambda d: pa.concat_tables([d, d.slice(0, 1)]))
    # Rows referring to the repeated region still find it: only the key is reported.
    problems = both(parquet_dir)
    assert where(problems) == [("regions.parquet", 4, "region_id", "duplicate_key")]
    assert "row 1" in problems[0].message


def test_duplicate_unique_key_of_two_columns(parquet_dir: Path) -> None:
    put(parquet_dir / "case_steps.parquet", "position", pa.array([2, 2], pa.int64()))
    assert where(both(parquet_dir)) == [("case_steps.parquet", 2, "case_id", "duplicate_key")]


def test_duplicates_out_of_order_and_with_failed_cells(parquet_dir: Path) -> None:
    # Not in id order, so the hashing check runs; a failed cell's key is not compared.
    path = parquet_dir / "staff.parquet"
    grow(path, 4)
    put(path, "staff_id", pa.array(["S2", "S1", None, "S1"]))
    assert where(both(parquet_dir)) == [
        ("staff.parquet", 3, "staff_id", "missing_value"),
        ("staff.parquet", 4, "staff_id", "duplicate_key"),
    ]


def test_dangling_references_are_capped(parquet_dir: Path) -> None:
    path = parquet_dir / "events.parquet"
    extra = MAX_PER_COLUMN + 7

    def change(data: pa.Table) -> pa.Table:
        grown = pa.concat_tables([data.slice(0, 1)] * (extra + 1))
        ids = pa.array([f"EV{n}" for n in range(extra + 1)])
        cases = pa.array(["CA1"] + [f"CX{n}" for n in range(extra)])
        grown = grown.set_column(0, "event_id", ids)
        return grown.set_column(grown.schema.get_field_index("case_id"), "case_id", cases)

    edit(path, change)
    problems = both(parquet_dir)
    assert len(problems) == MAX_PER_COLUMN + 1
    assert where(problems)[0] == ("events.parquet", 2, "case_id", "dangling_reference")
    assert "'CX0'" in problems[0].message
    assert where(problems)[-1] == ("events.parquet", None, "case_id", "too_many_problems")
    assert "7 more" in problems[-1].message


def test_dangling_self_reference_and_into_a_broken_table(parquet_dir: Path) -> None:
    put(parquet_dir / "regions.parquet", "parent_id", pa.array([None, "CN", "Y"]))
    # A failed status leaves the case ids of the file good to refer to.
    put(parquet_dir / "cases.parquet", "status", pa.array(["approved", "???"]))
    put(parquet_dir / "events.parquet", "case_id", pa.array(["CA1", "CA9"]))
    assert where(both(parquet_dir)) == [
        ("regions.parquet", 3, "parent_id", "dangling_reference"),
        ("cases.parquet", 2, "status", "unknown_choice"),
        ("events.parquet", 2, "case_id", "dangling_reference"),
    ]


def test_reference_into_a_column_that_failed_entirely(parquet_dir: Path) -> None:
    put(parquet_dir / "employers.parquet", "employer_id", pa.array([None, None], pa.string()))
    problems = where(both(parquet_dir))
    assert problems[:2] == [
        ("employers.parquet", 1, "employer_id", "missing_value"),
        ("employers.parquet", 2, "employer_id", "missing_value"),
    ]
    assert ("persons.parquet", 1, "employer_id", "dangling_reference") in problems


def test_reference_into_a_file_read_cell_by_cell(parquet_dir: Path) -> None:
    put(parquet_dir / "cases.parquet", "opened_at", pa.array(["2021-04-01", "2022-01-04"]))
    put(parquet_dir / "disbursements.parquet", "case_id", pa.array(["CA7"]))
    assert where(both(parquet_dir)) == [
        ("cases.parquet", None, "opened_at", "wrong_column_type"),
        ("disbursements.parquet", 1, "case_id", "dangling_reference"),
    ]


def test_reference_from_a_file_read_cell_by_cell(parquet_dir: Path) -> None:
    path = parquet_dir / "staff.parquet"
    put(path, "role", pa.array([1], pa.int64()))
    put(path, "department_id", pa.array(["D9"]))
    assert where(both(parquet_dir)) == [
        ("staff.parquet", None, "role", "wrong_column_type"),
        ("staff.parquet", 1, "department_id", "dangling_reference"),
    ]


def test_phase_shares_must_sum_to_one(parquet_dir: Path) -> None:
    put(parquet_dir / "clause_phases.parquet", "share", pa.array([0.3, 0.6]))
    problems = both(parquet_dir)
    assert where(problems) == [("clause_phases.parquet", 1, "share", "shares_not_one")]
    assert "0.9" in problems[0].message


def test_phase_shares_within_the_tolerance(parquet_dir: Path) -> None:
    put(parquet_dir / "clause_phases.parquet", "share", pa.array([0.3, 0.7000004]))
    assert both(parquet_dir) == ()


def test_header_problems_are_left_to_the_cell_checks(parquet_dir: Path) -> None:
    edit(parquet_dir / "staff.parquet", lambda d: d.drop_columns(["role"]))
    edit(parquet_dir / "regions.parquet", lambda d: d.append_column("extra", pa.array([1, 2, 3])))
    edit(parquet_dir / "persons.parquet", lambda d: d.rename_columns([*d.column_names[:-1], "x"]))
    codes = {p.code for p in both(parquet_dir)}
    assert {"missing_column", "unknown_column"} <= codes


def test_unreadable_file_and_missing_table(parquet_dir: Path) -> None:
    (parquet_dir / "events.parquet").write_bytes(b"PAR1 this is not parquet")
    (parquet_dir / "surveys.parquet").unlink()
    assert where(both(parquet_dir)) == [
        ("events.parquet", None, None, "unreadable_file"),
        ("surveys.parquet", None, None, "missing_table"),
    ]


def test_stored_types_the_contract_reads(parquet_dir: Path) -> None:
    """Dictionary text, narrower integers, zoned timestamps and all-null columns."""
    path = parquet_dir / "events.parquet"
    put(path, "activity", pa.array(["受理", "审核"]).dictionary_encode())
    put(path, "reason", pa.nulls(2))
    put(path, "timestamp", pa.array([0, 3_600_000_000_123], pa.timestamp("ns", tz="UTC")))
    put(parquet_dir / "survey_items.parquet", "position", pa.array([1], pa.uint8()))
    put(parquet_dir / "employers.parquet", "revenue", pa.array([1, None], pa.int32()))
    assert both(parquet_dir) == ()
    fast, slow = read_dataset(parquet_dir), read_dataset(parquet_dir, columnar=False)
    for name in ("events", "survey_items", "employers"):
        assert fast[name].equals(slow[name]), name
    assert [t.hour for t in fast["events"].column("timestamp").to_pylist()] == [8, 9]


def test_wrong_column_type(parquet_dir: Path) -> None:
    put(parquet_dir / "persons.parquet", "birth_year", pa.array(["1985", "1990"]))
    put(parquet_dir / "staff.parquet", "staff_id", pa.array([2**64 - 1], pa.uint64()))
    assert where(both(parquet_dir)) == [
        ("persons.parquet", None, "birth_year", "wrong_column_type"),
        ("staff.parquet", None, "staff_id", "wrong_column_type"),
    ]


def test_read_dataset_fails_the_same_way(parquet_dir: Path) -> None:
    put(parquet_dir / "persons.parquet", "gender", pa.array(["male", "x"]))
    caught = []
    for columnar in (True, False):
        with pytest.raises(ValidationFailed) as error:
            read_dataset(parquet_dir, columnar=columnar)
        caught.append(error.value.problems)
    assert caught[0] == caught[1]
    assert [p.code for p in caught[0]] == ["unknown_choice"]


def test_many_problems_in_one_column_are_capped_alike(parquet_dir: Path) -> None:
    path = parquet_dir / "survey_responses.parquet"
    grow(path, 40)
    rows = pq.read_table(path).num_rows
    put(path, "respondent_id", pa.array([f"R{n}" for n in range(rows)]))
    put(path, "survey_id", pa.array(["SV9"] * rows))
    problems = both(parquet_dir)
    assert where(problems)[-1] == (
        "survey_responses.parquet",
        None,
        "survey_id",
        "too_many_problems",
    )
    assert pc.sum(pa.array([p.code == "dangling_reference" for p in problems])).as_py() == 50
