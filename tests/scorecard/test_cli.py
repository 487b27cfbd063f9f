"""`luodi scorecard`: JSON with both rankings, XLSX, located errors with exit 2, no partial
output files; `luodi scorecard indicators`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from luodi.cli import main
from luodi.scorecard import PERIOD_FORMS, default_catalogue


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["scorecard", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_on_the_demo_has_both_rankings_differing_as_predicted() -> None:
    code, out, _ = _run("--period", "2018", "--json", "-")
    assert code == 0
    report = json.loads(out)
    hard, balanced = report["rankings"]["hard_only"], report["rankings"]["balanced"]
    assert sorted(hard) == sorted(balanced)
    assert hard != balanced
    for chaser in ("C-TO", "C-ST"):  # departments chasing high-end counts fall
        assert balanced.index(chaser) > hard.index(chaser)
    assert report["meta"]["generated_by"] == "luodi scorecard"
    assert report["scheme"]["id"] == "balanced"


def test_hard_only_scheme_gives_the_hard_only_ranking() -> None:
    code, out, _ = _run("--period", "2018", "--scheme", "hard_only", "--json", "-")
    assert code == 0
    report = json.loads(out)
    assert report["rankings"]["balanced"] == report["rankings"]["hard_only"]
    assert report["movers"] == []


def test_files_and_the_summary(tmp_path: Path) -> None:
    json_path, xlsx_path = tmp_path / "out" / "card.json", tmp_path / "out" / "card.xlsx"
    code, out, _ = _run(
        "--period", "2018", "--subjects", "region", "--json", str(json_path),
        "--xlsx", str(xlsx_path),
    )  # fmt: skip
    assert code == 0
    assert "区域人才工作考核结果" in out
    report = json.loads(json_path.read_text(encoding="utf-8"))
    assert report["subject_kind"] == "region"
    book = openpyxl.load_workbook(io.BytesIO(xlsx_path.read_bytes()))
    assert book["综合排名"]["B3"].value == "区域"
    assert sorted(p.name for p in json_path.parent.iterdir()) == ["card.json", "card.xlsx"]


def test_bad_period_exits_2_naming_the_forms_and_writes_nothing(tmp_path: Path) -> None:
    out_path = tmp_path / "card.json"
    code, _, err = _run("--period", "2018-Q5", "--json", str(out_path))
    assert code == 2
    assert "2018-Q5" in err
    assert PERIOD_FORMS in err
    assert not out_path.exists()


def test_missing_period_exits_2() -> None:
    code, _, err = _run()
    assert code == 2
    assert "--period" in err


def test_unknown_scheme_exits_2_naming_the_schemes(tmp_path: Path) -> None:
    out_path = tmp_path / "card.xlsx"
    code, _, err = _run("--period", "2018", "--scheme", "kpi", "--xlsx", str(out_path))
    assert code == 2
    assert "'kpi'" in err
    assert "hard_only, balanced" in err
    assert not out_path.exists()


def test_invalid_source_folder_exits_2_with_located_problems(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "regions.csv").write_text("region_id,name\nX,\n", encoding="utf-8")
    out_path = tmp_path / "card.json"
    code, _, err = _run(
        "--period", "2018", "--source", str(tmp_path / "data"), "--json", str(out_path)
    )
    assert code == 2
    assert "regions" in err
    assert not out_path.exists()
    assert list(tmp_path.glob("*.partial")) == []


def test_bad_catalogue_exits_2_with_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "indicators.yaml"
    bad.write_text("indicators:\n  - id: x\n    metric: no_such_metric\n", encoding="utf-8")
    code, _, err = _run("indicators", "--catalogue", str(bad))
    assert code == 2
    assert str(bad) in err
    assert "line" in err


def test_indicators_lists_every_formula() -> None:
    code, out, _ = _run("indicators")
    assert code == 0
    catalogue = default_catalogue()
    for indicator in catalogue.indicators:
        assert f"{indicator.id}  {indicator.name_zh}（{indicator.unit}）" in out
        assert indicator.formula_zh in out
    assert "balanced  均衡方案" in out


def test_indicators_json() -> None:
    code, out, _ = _run("indicators", "--json")
    assert code == 0
    data = json.loads(out)
    assert [row["id"] for row in data["indicators"]] == [
        i.id for i in default_catalogue().indicators
    ]
    assert {s["id"] for s in data["schemes"]} >= {"hard_only", "balanced"}
