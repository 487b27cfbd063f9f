"""The platform's CLI commands: manage, export, demo and serve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from luodi.cli import main
from luodi.contract import Dataset


def test_manage_passes_arguments_through(db: None) -> None:
    result = CliRunner().invoke(main, ["manage", "check"])
    assert result.exit_code == 0, result.output


def test_export_writes_contract_tables(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{name}.csv" for name in Dataset.empty().tables
    )


def test_demo_load_prints_accounts(
    db: None, small_dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    import luodi.demo

    seeds: list[int] = []

    def generate(*, seed: int = 0) -> Dataset:
        seeds.append(seed)
        return small_dataset

    monkeypatch.setattr(luodi.demo, "generate", generate, raising=False)
    result = CliRunner().invoke(main, ["demo", "load", "--seed", "7", "--password", "pw-123456"])
    assert result.exit_code == 0, result.output
    assert seeds == [7]
    for username in ("demo-talent", "demo-officer", "demo-admin"):
        assert username in result.output
    assert "人才办" in result.output
    assert "pw-123456" in result.output


def test_serve_collects_static_when_stale(tmp_path: Path) -> None:
    from luodi.cli.serve import _static_stale

    source = tmp_path / "src"
    source.mkdir()
    (source / "a.css").write_text("x")
    root = tmp_path / "static"
    assert _static_stale(root, [source])
    root.mkdir()
    (root / "staticfiles.json").write_text("{}")
    assert not _static_stale(root, [source])
