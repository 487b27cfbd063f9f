"""`luodi policy check`: warnings pass (exit 0), errors fail (exit 1), JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from luodi.cli import main
from luodi.demo.policies import LIBRARY_DIR
from tests.policy.conftest import VALID

DEPARTMENTS = "- {id: ISSUER, name: 发文机关, kind: other, region: R}\n" + "".join(
    f"- {{id: {d}, name: {d}, kind: other, region: R}}\n" for d in ("D-LEAD", "D-AUD")
)


def _folder(tmp_path: Path, text: str) -> Path:
    (tmp_path / "departments.yaml").write_text(DEPARTMENTS, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_warnings_do_not_fail(tmp_path: Path) -> None:
    folder = _folder(tmp_path, VALID.replace("给予奖励", "给予一定奖励"))
    result = CliRunner().invoke(main, ["policy", "check", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{folder / 'p.yaml'}:11:" in result.output
    assert ": warning: " in result.output
    assert "valid: 1 file(s), 1 warning(s)" in result.output


def test_errors_fail(tmp_path: Path) -> None:
    folder = _folder(tmp_path, VALID.replace("role: lead", "role: co"))
    result = CliRunner().invoke(main, ["policy", "check", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'p.yaml'}:17:5: error: " in result.output
    assert "1 error(s) in 1 file(s)" in result.output


def test_departments_option(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(VALID, encoding="utf-8")
    departments = tmp_path / "elsewhere.yaml"
    departments.write_text(DEPARTMENTS.replace("D-AUD", "D-OTHER"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["policy", "check", str(tmp_path / "p.yaml"), "--departments", str(departments)]
    )
    assert result.exit_code == 1
    assert "'D-AUD' is not in the departments list" in result.output


def test_json_report(tmp_path: Path) -> None:
    folder = _folder(tmp_path, VALID.replace("region: R", "region: X"))
    result = CliRunner().invoke(main, ["policy", "check", "--json", str(folder)])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["ok"] is False
    assert payload["errors"] == 1
    assert payload["problems"][0]["code"] == "unknown_region"
    assert (payload["problems"][0]["line"], payload["problems"][0]["column"]) == (5, 9)


def test_demo_library_passes() -> None:
    result = CliRunner().invoke(main, ["policy", "check", str(LIBRARY_DIR)])
    assert result.exit_code == 0, result.output
    assert ": error: " not in result.output
