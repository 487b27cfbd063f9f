"""`luodi validate` and `luodi contract` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from luodi.cli import main
from luodi.contract import TABLE_ORDER, contract_markdown
from tests.contract.conftest import csv_cell, valid_rows


def test_validate_a_valid_folder(csv_dir: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(csv_dir)])
    assert result.exit_code == 0, result.output
    rows = sum(len(table_rows) for table_rows in valid_rows().values())
    files = len(TABLE_ORDER)
    assert result.output.splitlines() == [f"数据有效 — valid: {files} files (csv), {rows} rows."]


def test_validate_lists_each_problem_and_exits_1(csv_dir: Path) -> None:
    csv_cell(csv_dir / "persons.csv", record=2, column="gender", value="M")
    csv_cell(csv_dir / "employers.csv", record=1, column="employees", value="-3")
    result = CliRunner().invoke(main, ["validate", str(csv_dir)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("employers.csv:2:employees: 数值超出范围 — '-3' ")
    assert lines[1].startswith("persons.csv:3:gender: 取值不在允许范围 — 'M' ")
    assert lines[2].startswith("发现 2 个问题 — 2 problem(s) in 2 file(s)")


def test_validate_json(csv_dir: Path) -> None:
    (csv_dir / "staff.csv").unlink()
    result = CliRunner().invoke(main, ["validate", str(csv_dir), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    assert report["problems"] == [
        {
            "file": "staff.csv",
            "row": None,
            "column": None,
            "code": "missing_table",
            "message": report["problems"][0]["message"],
        }
    ]
    assert report["row_counts"]["regions.csv"] == 3
    assert "staff.csv" not in report["row_counts"]


def test_validate_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_contract_docs_prints_and_writes(tmp_path: Path) -> None:
    printed = CliRunner().invoke(main, ["contract", "docs"])
    assert printed.exit_code == 0
    assert printed.output == contract_markdown()
    out = tmp_path / "docs" / "contract.md"
    written = CliRunner().invoke(main, ["contract", "docs", "--out", str(out)])
    assert written.exit_code == 0
    assert out.read_text(encoding="utf-8") == contract_markdown()


def test_contract_show() -> None:
    listing = CliRunner().invoke(main, ["contract", "show"])
    assert listing.exit_code == 0
    assert listing.output.splitlines()[0].startswith("regions ")
    one = CliRunner().invoke(main, ["contract", "show", "clause_phases"])
    assert one.exit_code == 0
    assert "| `share` | float |" in one.output
    unknown = CliRunner().invoke(main, ["contract", "show", "nope"])
    assert unknown.exit_code == 2
