"""Optional tables may be left out of a folder and read as empty; required columns may not."""

from __future__ import annotations

from pathlib import Path

import pytest

from luodi.contract import TABLE_ORDER, ProblemCode, arrow_schema, read_dataset, validate_directory
from luodi.contract.docs import OPTIONAL_NOTE, table_markdown
from tests.contract.conftest import edit_csv

OPTIONAL = ("conflicts", "case_steps", "escalations", "exceptions", "rating_rounds", "ratings")


def _drop_column(path: Path, name: str) -> None:
    def drop(records: list[list[str]]) -> None:
        index = records[0].index(name)
        for record in records:
            del record[index]

    edit_csv(path, drop)


def test_the_workflow_and_rating_tables_are_the_optional_ones() -> None:
    assert tuple(t.name for t in TABLE_ORDER if t.optional) == OPTIONAL


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_a_folder_without_the_optional_tables_validates_and_reads_them_empty(
    request: pytest.FixtureRequest, ext: str
) -> None:
    directory: Path = request.getfixturevalue(f"{ext}_dir")
    for name in OPTIONAL:
        (directory / f"{name}.{ext}").unlink()
    report = validate_directory(directory)
    assert report.ok, [str(p) for p in report.problems]
    assert not set(OPTIONAL) & set(report.tables_found)
    dataset = read_dataset(directory)
    for spec in TABLE_ORDER:
        if spec.optional:
            assert dataset[spec.name].num_rows == 0, spec.name
            assert dataset[spec.name].schema == arrow_schema(spec), spec.name
    assert dataset["events"].num_rows == 2


def test_an_optional_table_left_out_still_resolves_references(csv_dir: Path) -> None:
    # case_steps cites conflict CF1; without conflicts.csv there is no CF1 to point at.
    (csv_dir / "conflicts.csv").unlink()
    problems = validate_directory(csv_dir).problems
    assert [(p.file, p.row, p.column, p.code) for p in problems] == [
        ("case_steps.csv", 3, "conflict_id", ProblemCode.DANGLING_REFERENCE)
    ]


def test_a_present_optional_table_is_checked_like_any_other(csv_dir: Path) -> None:
    _drop_column(csv_dir / "case_steps.csv", "missing_rule")
    problems = validate_directory(csv_dir).problems
    assert [(p.file, p.row, p.column, p.code) for p in problems] == [
        ("case_steps.csv", 1, "missing_rule", ProblemCode.MISSING_COLUMN)
    ]


def test_events_without_the_role_column_fail(csv_dir: Path) -> None:
    _drop_column(csv_dir / "events.csv", "role")
    problems = validate_directory(csv_dir).problems
    assert [(p.file, p.row, p.column, p.code) for p in problems] == [
        ("events.csv", 1, "role", ProblemCode.MISSING_COLUMN)
    ]


def test_events_with_an_unknown_role_or_decision_fail(csv_dir: Path) -> None:
    def edit(records: list[list[str]]) -> None:
        header = records[0]
        records[1][header.index("role")] = "clerk"
        records[2][header.index("decision")] = "stamped"

    edit_csv(csv_dir / "events.csv", edit)
    problems = validate_directory(csv_dir).problems
    assert [(p.file, p.row, p.column, p.code) for p in problems] == [
        ("events.csv", 2, "role", ProblemCode.UNKNOWN_CHOICE),
        ("events.csv", 3, "decision", ProblemCode.UNKNOWN_CHOICE),
    ]


def test_the_docs_mark_exactly_the_optional_tables() -> None:
    for spec in TABLE_ORDER:
        assert (OPTIONAL_NOTE in table_markdown(spec)) is spec.optional, spec.name
