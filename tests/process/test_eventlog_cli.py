"""`luodi process export|import` end to end through click."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from luodi.cli import main
from luodi.contract import Dataset, read_table_file, write_dataset
from tests.process.test_eventlog import log_rows


def _valid_rows() -> dict[str, list[dict[str, Any]]]:
    """A dataset that passes `luodi validate`: the platform suite's tables, our events."""
    from tests.platform.conftest import small_rows

    rows = small_rows()
    rows["events"] = log_rows()["events"]
    return rows


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "tables"
    write_dataset(Dataset.from_rows(_valid_rows()), directory=folder, formats=("csv",))
    return folder


def test_export_then_import_passes_validate(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    runner = CliRunner()
    out = tmp_path / "log.xes.gz"
    result = runner.invoke(main, ["process", "export", "--source", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Exported 7 events (xes)" in result.output
    (folder / "events.csv").unlink()
    result = runner.invoke(main, ["process", "import", str(out), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    original = Dataset.from_rows(_valid_rows())["events"]
    back = read_table_file(folder / "events.csv")
    assert back.sort_by("event_id").equals(original.sort_by("event_id"))
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output


def test_csv_and_ocel_exports(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    runner = CliRunner()
    for name in ("log.csv", "log.jsonocel"):
        result = runner.invoke(
            main, ["process", "export", "--source", str(folder), "--out", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
        assert "Exported 7 events" in result.output
    result = runner.invoke(
        main, ["process", "import", str(tmp_path / "log.csv"), "--out", str(tmp_path / "back")]
    )
    assert result.exit_code == 0, result.output
    back = read_table_file(tmp_path / "back" / "events.csv")
    assert back.sort_by("event_id").equals(
        Dataset.from_rows(log_rows())["events"].sort_by("event_id")
    )


def test_unknown_suffix_asks_for_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["process", "export", "--source", "demo", "--out", str(tmp_path / "log.txt")]
    )
    assert result.exit_code == 2
    assert "pass --format xes|csv|ocel2" in result.output


def test_import_of_a_log_without_roles_says_what_is_missing(tmp_path: Path) -> None:
    log = tmp_path / "foreign.csv"
    log.write_text(
        "case_id,activity,timestamp,group,lifecycle\na,x,2024-01-01T09:00:00,D1,complete\n"
    )
    result = CliRunner().invoke(main, ["process", "import", str(log), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no role column" in result.output
    assert not (tmp_path / "o" / "events.csv").exists()


def test_import_needs_exactly_one_target(tmp_path: Path) -> None:
    log = tmp_path / "l.csv"
    log.write_text("case_id,activity,timestamp\n")
    result = CliRunner().invoke(main, ["process", "import", str(log)])
    assert result.exit_code == 2
    assert "exactly one of --out DIR or --database" in result.output
    result = CliRunner().invoke(main, ["process", "import", str(log), "--database"])
    assert "--database needs --by USERNAME" in result.output
