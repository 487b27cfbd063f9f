"""The anonymised export: personal items dropped, small groups suppressed, ids not traceable."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from luodi.demo import generate
from luodi.survey import study_template
from luodi.survey.anonymise import responses_anonymise

ROWS = [
    {"survey_id": "S", "respondent_id": f"R{i}", "item_code": "gender", "value": v}
    for i, v in enumerate(["male"] * 6 + ["female"] * 2)
] + [
    {
        "survey_id": "S",
        "respondent_id": "R0",
        "item_code": "comments",
        "value": "我的电话13800000000",
    },
]


def test_small_groups_and_personal_items_are_left_out() -> None:
    result = responses_anonymise(responses=ROWS, instrument=study_template(), threshold=5)
    assert result.dropped_items == ("comments",)
    assert [(s.item_code, s.value, s.count) for s in result.suppressed] == [("gender", "female", 2)]
    assert [r["value"] for r in result.rows] == ["male"] * 6
    assert all("138" not in r["value"] for r in result.rows)
    assert {r["respondent_id"] for r in result.rows} <= {f"A{i:05d}" for i in range(1, 9)}
    assert result.to_dict()["suppressed"] == [
        {"item_code": "gender", "value": "female", "count": 2}
    ]


def test_new_ids_keep_each_respondents_answers_together() -> None:
    dataset = generate()
    original = dataset["survey_responses"].to_pylist()
    result = responses_anonymise(responses=original, instrument=study_template(), threshold=1)
    assert len(result.rows) == len(original)
    before = Counter(
        tuple(sorted((r["item_code"], r["value"]) for r in original if r["respondent_id"] == rid))
        for rid in {r["respondent_id"] for r in original}
    )
    after = Counter(
        tuple(
            sorted((r["item_code"], r["value"]) for r in result.rows if r["respondent_id"] == rid)
        )
        for rid in {r["respondent_id"] for r in result.rows}
    )
    assert before == after
    assert not {r["respondent_id"] for r in original} & {r["respondent_id"] for r in result.rows}


def test_a_threshold_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        responses_anonymise(responses=ROWS, threshold=0)


def test_the_command_writes_the_survey_tables(tmp_path: Path) -> None:

    from click.testing import CliRunner

    from luodi.cli import main
    from luodi.contract.io import read_table_file

    result = CliRunner().invoke(main, ["survey", "anonymise", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["threshold"] == 5
    assert summary["suppressed"], "the demo has answers given by fewer than 5 respondents"
    responses = read_table_file(tmp_path / "survey_responses.csv")
    assert responses.num_rows == summary["rows"]
    assert all(r.startswith("A") for r in responses.column("respondent_id").to_pylist())
