"""Bad input stops `luodi diagnose` with the validator's messages before anything is computed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

import luodi.diagnosis
from luodi.cli import main
from luodi.contract.io import write_dataset
from luodi.demo import generate


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-csv")
    write_dataset(generate(), directory=path, formats=("csv",))
    return path


def _copy(folder: Path, target: Path) -> Path:
    target.mkdir()
    for file in folder.iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    return target


def _edit(path: Path, *, row: int, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0])
    rows[row - 2][column] = value  # row as the validator counts it: the header is line 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _never(**_: object) -> None:
    raise AssertionError("the diagnosis ran on data that failed validation")


def test_broken_folder_is_reported_and_nothing_is_computed_or_written(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _copy(folder, tmp_path / "broken")
    (broken / "inquiries.csv").unlink()
    _edit(broken / "persons.csv", row=3, column="birth_year", value="一九八五")
    _edit(broken / "cases.csv", row=2, column="clause_id", value="CL-NOWHERE")
    monkeypatch.setattr(luodi.diagnosis, "diagnose", _never)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        main, ["diagnose", "--source", str(broken), "--json", str(out), "--quiet"]
    )
    assert result.exit_code == 2, result.output
    assert not out.exists()
    assert not (tmp_path / "out.json.partial").exists()
    text = result.output
    assert "table inquiries has no csv file" in text
    assert "persons.csv:3:birth_year" in text
    assert "一九八五" in text
    assert "cases.csv:2:clause_id" in text
    assert "CL-NOWHERE" in text


def test_an_unknown_source_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["diagnose", "--source", str(tmp_path / "nowhere"), "--quiet"]
    )
    assert result.exit_code == 1
    assert "neither 'demo', an existing folder nor a database URL" in result.output
