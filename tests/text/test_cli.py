"""`luodi text analyse|conflicts|eval` and `luodi bench text-analyse` (tiny sizes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from luodi.cli import main

GOOD = json.dumps(
    {"id": "c1", "text": "对在我市实施的项目，按要求给予配套补助。"}, ensure_ascii=False
)
OTHER = json.dumps(
    {"id": "c2", "text": "对新引进的博士，给予10万元生活补贴，分2年发放。", "issuer": "X"},
    ensure_ascii=False,
)


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _runner() -> CliRunner:
    return CliRunner()


def test_analyse_reads_stdin_and_writes_one_line_per_clause() -> None:
    result = _runner().invoke(main, ["text", "analyse", "-"], input=f"{GOOD}\n\n{OTHER}\n")
    assert result.exit_code == 0, result.stderr
    rows = _lines(result.stdout)
    assert [r["id"] for r in rows] == ["c1", "c2"]
    assert rows[0]["vague_terms"] == [{"term": "按要求", "start": 10, "end": 13}]
    assert set(rows[0]["elements"]) == {"who", "whom", "what", "how_much", "when", "how"}
    assert 0 <= rows[0]["ambiguity"] <= 1
    assert rows[0]["suggestions"]


def test_analyse_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "clauses.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    result = _runner().invoke(main, ["text", "analyse", str(path)])
    assert result.exit_code == 0
    assert len(_lines(result.stdout)) == 1


def test_invalid_json_stops_with_the_line_number() -> None:
    result = _runner().invoke(main, ["text", "analyse"], input=f"{GOOD}\n{{oops\n{OTHER}\n")
    assert result.exit_code == 1
    assert "line 2: invalid JSON" in result.stderr
    assert [r["id"] for r in _lines(result.stdout)] == ["c1"]


def test_keep_going_skips_bad_lines_and_says_so() -> None:
    bad_text = json.dumps({"id": "c3", "text": "   "})
    result = _runner().invoke(
        main,
        ["text", "analyse", "--keep-going"],
        input=f"{GOOD}\n{{oops\n[1]\n{bad_text}\n{OTHER}\n",
    )
    assert result.exit_code == 0
    assert [r["id"] for r in _lines(result.stdout)] == ["c1", "c2"]
    for number in (2, 3, 4):
        assert f"line {number}:" in result.stderr
    assert "skipped 3 bad line(s)" in result.stderr


def test_a_whole_document_as_one_clause_is_split_and_said() -> None:
    text = "对新引进的博士，给予10万元生活补贴，分2年发放，由本人向区人才办申请。" * 40
    line = json.dumps({"id": "doc", "text": text}, ensure_ascii=False)
    result = _runner().invoke(main, ["text", "analyse"], input=line + "\n")
    assert result.exit_code == 0
    assert _lines(result.stdout)[0]["notes"]
    assert "line 1: note:" in result.stderr


def test_conflicts_on_the_study_pair_with_limit() -> None:
    clauses = [
        {
            "id": "a",
            "issuer": "C区人才办",
            "text": "对A类人才子女，开辟入学绿色通道，可择校就读区内公办中小学。",
        },
        {"id": "b", "issuer": "C区教育局", "text": "公办中小学一律不得招收择校生。"},
        {"id": "c", "issuer": "C区教育局", "text": "对新引进的博士，给予10万元生活补贴。"},
    ]
    source = "\n".join(json.dumps(c, ensure_ascii=False) for c in clauses) + "\n"
    result = _runner().invoke(main, ["text", "conflicts", "--limit", "5"], input=source)
    assert result.exit_code == 0, result.stderr
    rows = _lines(result.stdout)
    assert len(rows) <= 5
    for row in rows:
        assert set(row) == {"a", "b", "score", "kind", "why"}
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_conflicts_stop_on_invalid_json() -> None:
    result = _runner().invoke(main, ["text", "conflicts"], input=f"{GOOD}\nnot json\n")
    assert result.exit_code == 1
    assert "line 2" in result.stderr


def test_eval_json_and_table() -> None:
    as_json = _runner().invoke(main, ["text", "eval", "--json", "--k", "10"])
    assert as_json.exit_code == 0
    result = json.loads(as_json.stdout)
    assert result["conflicts"]["k"] == 10
    assert result["split"] == "test"
    table = _runner().invoke(main, ["text", "eval"])
    assert table.exit_code == 0
    assert "targets met:" in table.stdout


def test_bench_text_analyse_json_shape() -> None:
    result = _runner().invoke(
        main, ["bench", "text-analyse", "--clauses", "20", "--runs", "1", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["benchmark"] == "text-analyse"
    assert data["params"]["clauses"] == 20
    keys = {"name", "median_s", "min_s", "max_s", "runs", "peak_rss_mb", "clauses_per_s"}
    assert [set(r) for r in data["results"]] == [keys, keys, keys]
    assert {"peer/luodi", "luodi_clauses_per_s"} <= set(data["ratios"])
