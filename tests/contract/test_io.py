"""Writing a Dataset and reading it back gives equal tables; a failed write changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from luodi.contract import (
    TABLE_ORDER,
    ContractError,
    Dataset,
    ValidationFailed,
    read_dataset,
    read_table_file,
    write_dataset,
)


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_round_trip(dataset: Dataset, tmp_path: Path, ext: str) -> None:
    written = write_dataset(dataset, directory=tmp_path / "out", formats=(ext,))
    assert sorted(p.name for p in written) == sorted(f"{t.name}.{ext}" for t in TABLE_ORDER)
    back = read_dataset(tmp_path / "out")
    for spec in TABLE_ORDER:
        assert back[spec.name].equals(dataset[spec.name]), spec.name
    clause_text = back["clauses"].column("text").to_pylist()[1]
    assert "\n" in clause_text
    assert "“逗号,”" in clause_text
    assert back["cases"].column("closed_at").to_pylist()[1] is None


def test_xlsx_round_trip_keeps_formula_like_text(dataset: Dataset, tmp_path: Path) -> None:
    write_dataset(dataset, directory=tmp_path, formats=("xlsx",))
    back = read_dataset(tmp_path)
    assert back["inquiries"].column("text").to_pylist()[1] == "=SUM(A1) 不是公式"
    # Excel keeps milliseconds, so microseconds are not compared here.
    assert back["persons"].equals(dataset["persons"])
    assert back["clauses"].equals(dataset["clauses"])


def test_csv_layout(dataset: Dataset, tmp_path: Path) -> None:
    write_dataset(dataset, directory=tmp_path, formats=("csv",))
    with (tmp_path / "inquiries.csv").open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert records[0]["resolved"] == "true"
    assert records[0]["submitted_at"] == "2022-02-01T08:00:00"
    assert records[1]["resolved"] == ""
    assert records[0]["satisfaction"] == "4"


def test_read_dataset_prefers_parquet_when_both_are_there(dataset: Dataset, tmp_path: Path) -> None:
    write_dataset(dataset, directory=tmp_path)
    assert {p.suffix for p in tmp_path.iterdir()} == {".csv", ".parquet"}
    assert read_dataset(tmp_path)["cases"].equals(dataset["cases"])
    assert read_dataset(tmp_path, file_format="csv")["cases"].equals(dataset["cases"])


def test_a_failed_write_leaves_the_folder_as_it_was(dataset: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "out"
    write_dataset(dataset, directory=target, formats=("csv",))
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    broken = Dataset.from_rows(
        {
            "staff": [
                {"staff_id": "S1", "name": "bad\x01name", "department_id": "D1", "role": "officer"}
            ]
        }
    )
    with pytest.raises(ContractError, match=r"staff\.xlsx"):
        write_dataset(broken, directory=target, formats=("csv", "xlsx"))
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


def test_unknown_format_is_refused(dataset: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ContractError, match="json"):
        write_dataset(dataset, directory=tmp_path, formats=("json",))


def test_read_table_file(dataset: Dataset, tmp_path: Path) -> None:
    write_dataset(dataset, directory=tmp_path, formats=("csv",))
    assert read_table_file(tmp_path / "persons.csv").equals(dataset["persons"])
    path = tmp_path / "persons.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("female", "f"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_table_file(path)
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [
        (3, "gender", "unknown_choice")
    ]
