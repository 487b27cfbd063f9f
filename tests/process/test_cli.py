"""`luodi process …` end to end through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from luodi.cli import main


def test_metrics_json(roadtraffic: Path) -> None:
    result = CliRunner().invoke(
        main, ["process", "metrics", "--log", str(roadtraffic), "--engine", "polars", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["cases"], data["events"], data["variants"]) == (100, 390, 10)


def test_conformance_text(roadtraffic: Path) -> None:
    route = "Create Fine,Send Fine,Insert Fine Notification,Add penalty,Payment"
    result = CliRunner().invoke(
        main,
        [
            "process",
            "conformance",
            "--log",
            str(roadtraffic),
            "--route",
            route,
            "--veto",
            "Send Fine",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "cases 100" in result.output


def test_log_or_source_required() -> None:
    result = CliRunner().invoke(main, ["process", "metrics"])
    assert result.exit_code == 2
    assert "exactly one of --log FILE or --source demo" in result.output


def test_bad_deadline(roadtraffic: Path) -> None:
    result = CliRunner().invoke(
        main, ["process", "metrics", "--log", str(roadtraffic), "--deadline", "Payment"]
    )
    assert result.exit_code == 2
    assert "is not NAME=SECONDS" in result.output
