"""Reading the contract tables straight from a SQLite database, with the validator's checks."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pyarrow as pa
import pytest

from luodi.contract import Dataset
from luodi.contract.database import DatabaseSourceError, is_database_url, read_database
from luodi.contract.errors import ProblemCode, ValidationFailed
from luodi.contract.tables import TABLE_ORDER
from luodi.demo import generate
from luodi.sources import load_dataset


def _sql_value(value: object) -> object:
    # As Django's SQLite backend stores them: ISO text for dates, 0/1 for booleans.
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _write(dataset: Dataset, path: Path, *, skip: tuple[str, ...] = ()) -> str:
    connection = sqlite3.connect(path)
    for spec in TABLE_ORDER:
        if spec.name in skip:
            continue
        # An extra platform column, as Django models have: it must be ignored.
        columns = ", ".join([*(f'"{c}"' for c in spec.column_names), "platform_note"])
        connection.execute(f'CREATE TABLE "{spec.name}" ({columns})')
        marks = ", ".join("?" for _ in range(len(spec.column_names) + 1))
        rows = dataset[spec.name].to_pylist()
        connection.executemany(
            f'INSERT INTO "{spec.name}" VALUES ({marks})',
            [[*(_sql_value(row[c]) for c in spec.column_names), "x"] for row in rows],
        )
    connection.commit()
    connection.close()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return generate()


def test_a_sqlite_database_reads_as_the_same_dataset(demo: Dataset, tmp_path: Path) -> None:
    url = _write(demo, tmp_path / "luodi.sqlite3")
    assert url.startswith("sqlite:////")
    read = load_dataset(url)
    for spec in TABLE_ORDER:
        keys = list(spec.primary_key)
        expected = demo[spec.name].sort_by([(k, "ascending") for k in keys])
        assert read[spec.name].equals(expected), spec.name


def test_a_missing_required_table_is_named(demo: Dataset, tmp_path: Path) -> None:
    url = _write(demo, tmp_path / "db.sqlite3", skip=("cases",))
    with pytest.raises(ValidationFailed) as caught:
        read_database(url)
    codes = {(p.code, p.file) for p in caught.value.problems}
    assert (ProblemCode.MISSING_DB_TABLE, "cases (database)") in codes


def test_a_missing_optional_table_reads_as_empty(demo: Dataset, tmp_path: Path) -> None:
    url = _write(demo, tmp_path / "db.sqlite3", skip=("escalations",))
    assert read_database(url)["escalations"].num_rows == 0


def test_bad_cells_are_located_by_table_row_and_column(demo: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    url = _write(demo, path)
    connection = sqlite3.connect(path)
    first = sorted(demo["persons"].column("person_id").to_pylist())[1]
    connection.execute("UPDATE persons SET birth_year = 'abc' WHERE person_id = ?", (first,))
    connection.execute("UPDATE cases SET clause_id = 'NO-SUCH-CLAUSE' WHERE rowid = 1")
    connection.commit()
    connection.close()
    with pytest.raises(ValidationFailed) as caught:
        read_database(url)
    problems = caught.value.problems
    wrong = [p for p in problems if p.code == ProblemCode.WRONG_TYPE]
    assert [(p.file, p.row, p.column) for p in wrong] == [("persons (database)", 2, "birth_year")]
    dangling = [p for p in problems if p.code == ProblemCode.DANGLING_REFERENCE]
    assert [(p.file, p.column) for p in dangling] == [("cases (database)", "clause_id")]
    assert "NO-SUCH-CLAUSE" in dangling[0].message


def test_unreachable_databases_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DatabaseSourceError, match="does not exist"):
        read_database(f"sqlite:///{tmp_path / 'nothing.sqlite3'}")
    with pytest.raises(DatabaseSourceError, match="cannot connect"):
        read_database("postgresql://nobody@127.0.0.1:1/none")
    assert is_database_url("postgres://u@h/db")
    assert not is_database_url("demo")
    assert not is_database_url(str(tmp_path))


def test_boolean_and_datetime_columns_keep_their_types(demo: Dataset, tmp_path: Path) -> None:
    read = read_database(_write(demo, tmp_path / "db.sqlite3"))
    assert read["departments"].schema.field("is_veto").type == pa.bool_()
    assert read["events"].schema.field("timestamp").type == pa.timestamp("us")
