"""The questionnaire as data: the study's template, YAML errors, skip logic."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from luodi.demo import calibration as cal
from luodi.demo.survey import survey_tables
from luodi.survey import (
    TEMPLATE_PATH,
    Condition,
    Instrument,
    InstrumentError,
    Item,
    Option,
    Section,
    instrument_tables,
    load_instrument,
    study_template,
    visible_items,
)

# sha256 of the demo's survey_items / survey_options as generated before they were built from
# the template (JSON, sorted keys): the demo's published tables must not change.
_DEMO_ITEMS_SHA = "f3b9bfd88af2d43a5094f703c878e173638064671faa9cdb1167fb98bf30a864"
_DEMO_OPTIONS_SHA = "4eaf28f16934be9a60ad58d892c68619d799d190da45dcee5de6eb8ab3a44bb6"


def _sha(rows: list[dict[str, Any]]) -> str:
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


# --- the study's template ----------------------------------------------------------------


def test_template_has_the_study_items_in_order() -> None:
    template = study_template()
    assert TEMPLATE_PATH.name == "chen_fu_2018.yaml"
    assert template.survey_id == "SV-C-2018"
    codes = [item.code for item in template.items]
    assert codes[:10] == [target.code for target in cal.TABLE1]
    assert codes[10:] == [
        "awareness",
        "channel",
        "landing",
        "satisfaction_award",
        "satisfaction_funding",
        "satisfaction_housing",
        "satisfaction_schooling",
        "satisfaction_tax",
        "satisfaction_residence",
        "problem",
        "knew_department",
        "solved",
        "comments",
    ]
    assert [o.code for o in template.item("channel").options] == ["none", "active", "outreach"]
    assert template.item("awareness").kind == "likert"
    assert template.item("knew_department").show_if == Condition(item="problem", equals="yes")
    assert template.item("solved").show_if == Condition(item="knew_department", equals="yes")
    scales = {item.code for item in template.items if item.scale == "satisfaction"}
    assert scales == {c for c in codes if c.startswith("satisfaction_")}
    comments = template.item("comments")
    assert (comments.kind, comments.personal, comments.required) == ("text", True, False)
    assert [item.code for item in template.items if item.personal] == ["comments"]


def test_template_profile_options_are_table1_categories() -> None:
    template = study_template()
    for target in cal.TABLE1:
        options = [(o.code, o.label) for o in template.item(target.code).options]
        assert options == [(c.code, c.label) for c in target.categories], target.code


def test_instrument_tables_match_the_demo() -> None:
    template = study_template()
    demo = survey_tables(rng=random.Random(7))
    tables = instrument_tables(template)
    non_personal = {item.code for item in template.items if not item.personal}
    items = [row for row in tables["survey_items"] if row["item_code"] in non_personal]
    options = [row for row in tables["survey_options"] if row["item_code"] in non_personal]
    assert items == demo["survey_items"]
    assert options == demo["survey_options"]
    assert tables["survey_items"][-1] == {
        "survey_id": "SV-C-2018",
        "item_code": "comments",
        "position": 23,
        "section": "五、意见和建议",
        "text": template.item("comments").text,
        "kind": "text",
    }
    assert tables["surveys"][0]["title"] == demo["surveys"][0]["title"]


def test_demo_items_and_options_are_unchanged() -> None:
    demo = survey_tables(rng=random.Random(7))
    assert _sha(demo["survey_items"]) == _DEMO_ITEMS_SHA
    assert _sha(demo["survey_options"]) == _DEMO_OPTIONS_SHA


def test_demo_responses_fit_the_template() -> None:
    template = study_template()
    demo = survey_tables(rng=random.Random(7))
    answers: dict[str, dict[str, str]] = {}
    for row in demo["survey_responses"]:
        item = template.item(row["item_code"])
        assert item.option(row["value"]) is not None, row
        answers.setdefault(row["respondent_id"], {})[row["item_code"]] = row["value"]
    for respondent, given in answers.items():
        shown = {item.code for item in visible_items(template, given)}
        assert set(given) <= shown, respondent


# --- skip logic --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        ({}, []),
        ({"problem": "no"}, []),
        ({"problem": "yes"}, ["knew_department"]),
        ({"problem": "yes", "knew_department": "no"}, ["knew_department"]),
        ({"problem": "yes", "knew_department": "yes"}, ["knew_department", "solved"]),
        # A stale answer below a hidden item does not show what depends on it.
        ({"problem": "no", "knew_department": "yes", "solved": "yes"}, []),
    ],
)
def test_visible_items_follow_the_funnel(answers: dict[str, str], shown: list[str]) -> None:
    visible = [item.code for item in visible_items(study_template(), answers)]
    assert [c for c in visible if c in {"knew_department", "solved"}] == shown
    assert "problem" in visible
    assert "comments" in visible


def test_visible_items_multiple_choice_includes() -> None:
    instrument = Instrument(
        survey_id="S",
        title="t",
        sections=(
            Section(
                title="s",
                items=(
                    Item(
                        code="help",
                        text="Which help?",
                        kind="multiple",
                        options=(Option(code="a", label="A"), Option(code="b", label="B")),
                    ),
                    Item(
                        code="b_detail",
                        text="?",
                        kind="text",
                        show_if=Condition(item="help", equals="b"),
                    ),
                ),
            ),
        ),
    )
    assert [i.code for i in visible_items(instrument, {"help": "a;b"})] == ["help", "b_detail"]
    assert [i.code for i in visible_items(instrument, {"help": "a"})] == ["help"]


# --- YAML errors -------------------------------------------------------------------------

_GOOD = """\
survey_id: S1
title: Test
sections:
  - title: A
    items:
      - code: problem
        text: Problem?
        kind: single
        options:
          - {code: 'yes', label: 是}
          - {code: 'no', label: 否}
      - code: age
        text: Age
        kind: numeric
        minimum: 16
        maximum: 99
      - code: knew
        text: Knew?
        kind: single
        show_if: {item: problem, equals: 'yes'}
        options:
          - {code: 'yes', label: 是}
"""


def _load(tmp_path: Path, text: str) -> Instrument:
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    return load_instrument(path)


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(InstrumentError) as raised:
        _load(tmp_path, text)
    return str(raised.value)


def test_good_yaml_loads(tmp_path: Path) -> None:
    instrument = _load(tmp_path, _GOOD)
    assert instrument.item("age").minimum == 16
    assert instrument.item("knew").show_if == Condition(item="problem", equals="yes")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "kind: numeric",
            "kind: number",
            "line 14, column 15: unknown kind 'number' — "
            "use one of single, multiple, likert, numeric, text",
        ),
        ("code: age", "code: problem", "line 12, column 15: item code 'problem' is used twice"),
        (
            "show_if: {item: problem,",
            "show_if: {item: problm,",
            "line 20, column 25: show_if of item 'knew' refers to item 'problm', "
            "which is not in the questionnaire",
        ),
        (
            "equals: 'yes'}",
            "equals: 'maybe'}",
            "line 20, column 42: show_if of item 'knew': item 'problem' has no option 'maybe' "
            "— use one of its option codes: yes, no",
        ),
        (
            "maximum: 99",
            "maximum: 99\n        options: [{code: a, label: A}]",
            "line 17, column 18: item 'age' is numeric and cannot have options",
        ),
        (
            "{code: 'no', label: 否}",
            "{code: 'yes', label: 否}",
            "line 11, column 20: item 'problem' has option code 'yes' twice",
        ),
        (
            "{code: 'no', label: 否}",
            "{code: no, label: 否}",
            "line 11, column 20: code is the boolean False, not text — quote it ('yes')",
        ),
        (
            "text: Age",
            "text: Age\n        colour: red",
            "line 14, column 9: unknown key 'colour' — the keys here are code, text, kind",
        ),
        ("        text: Knew?\n", "", "line 17, column 9: 'text' is missing"),
        ("minimum: 16", "minimum: 100", "item 'age' has minimum 100 above its maximum 99"),
        (
            "kind: numeric",
            "kind: text\n        scale: s",
            "item 'age' is text; only numeric items have a minimum or maximum",
        ),
    ],
)
def test_bad_yaml_is_reported_precisely(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in _GOOD
    message = _error(tmp_path, _GOOD.replace(old, new, 1))
    assert str(tmp_path / "q.yaml") in message
    assert expected in message


def test_show_if_on_a_later_item(tmp_path: Path) -> None:
    text = _GOOD.replace("show_if: {item: problem,", "show_if: {item: knew,")
    assert "refers to item 'knew', which is not in the questionnaire" not in _error(tmp_path, text)
    later = _GOOD.replace(
        "      - code: age",
        "      - code: first\n        text: F\n        kind: text\n"
        "        show_if: {item: knew, equals: 'yes'}\n      - code: age",
    )
    assert "show_if of item 'first' refers to item 'knew', which comes later" in _error(
        tmp_path, later
    )


def test_every_problem_is_listed_and_syntax_errors_located(tmp_path: Path) -> None:
    text = _GOOD.replace("kind: numeric", "kind: number").replace(
        "text: Knew?", "text: Knew?\n        extra: 1"
    )
    message = _error(tmp_path, text)
    assert "2 个错误" in message
    assert "unknown kind 'number'" in message
    assert "unknown key 'extra'" in message
    assert "line 3, column" in _error(tmp_path, "survey_id: S\ntitle: [unclosed\nsections: []\n")
    assert "the file is not a mapping" in _error(tmp_path, "- a\n- b\n")
    dup = _GOOD.replace("title: Test", "title: Test\ntitle: Again")
    assert "line 3, column 1: key 'title' appears twice in one mapping (first on line 2)" in _error(
        tmp_path, dup
    )
    with pytest.raises(InstrumentError, match="no such file"):
        load_instrument(tmp_path / "missing.yaml")


def test_models_check_themselves() -> None:
    with pytest.raises(ValidationError, match="cannot have options"):
        Item(code="n", text="N", kind="numeric", options=(Option(code="a", label="A"),))
    with pytest.raises(ValidationError, match="likert but its option codes are a"):
        Item(code="l", text="L", kind="likert", options=(Option(code="a", label="A"),))
    with pytest.raises(ValidationError, match="only likert items form a scale"):
        Item(code="s", text="S", kind="single", options=(Option(code="a", label="A"),), scale="x")
    item = Item(code="t", text="T", kind="text", show_if=Condition(item="ghost", equals="x"))
    with pytest.raises(ValidationError, match="refers to item 'ghost'"):
        Instrument(survey_id="S", title="T", sections=(Section(title="A", items=(item,)),))
    with pytest.raises(ValidationError, match="frozen"):
        item.code = "u"
