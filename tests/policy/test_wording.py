"""Wording warnings of `luodi policy check`: vague terms and missing elements (the analyser)."""

from __future__ import annotations

from luodi.policy.errors import MESSAGES, ProblemCode
from luodi.policy.vague import vague_terms
from luodi.policy.wording import ELEMENT_NAMES, missing_elements
from luodi.text import ELEMENTS, analyse_clause, vague_spans
from tests.policy.conftest import VALID, Check, at, where

C = ProblemCode
VALID_TEXT = VALID.split("    text: ", 1)[1].split("\n", 1)[0]


def _with_text(text: str) -> str:
    return VALID.replace(f"text: {VALID_TEXT}", f"text: {text}", 1)


def test_vague_terms_keep_their_tuple_api_and_follow_the_analyser() -> None:
    text = "对获得国家科技支撑计划支持的项目，按要求给予一定配套。"
    assert vague_terms(text) == [(s.term, s.start, s.end) for s in vague_spans(text)]
    assert all(text[start:end] == term for term, start, end in vague_terms(text))
    assert ("按要求", text.index("按要求"), text.index("按要求") + 3) in vague_terms(text)


def test_the_valid_text_states_every_element() -> None:
    assert analyse_clause(VALID_TEXT).missing == ()


def test_missing_elements_are_warnings_at_the_text(check: Check) -> None:
    text = _with_text("对A类人才给予奖励。")  # no who, how much, when or how
    analysis = analyse_clause("对A类人才给予奖励。")
    assert analysis.missing, "the short text must miss elements"
    report = check({"p.yaml": text})
    assert report.ok
    found = [p for p in report.problems if p.code == C.MISSING_ELEMENT]
    assert [p.severity for p in found] == ["warning"] * len(analysis.missing)
    assert where(report, C.MISSING_ELEMENT) == [("p.yaml", *at(text, "对A类人才"))] * len(
        analysis.missing
    )
    expected = missing_elements(analysis)
    for problem, (element, suggestion_zh, suggestion_en) in zip(found, expected, strict=True):
        zh, en = ELEMENT_NAMES[element]
        assert problem.message.startswith(f"缺少{zh}：{suggestion_zh} — ")
        assert f"({element}); {suggestion_en}" in problem.message
        assert en in problem.message


def test_missing_elements_follow_the_analyser_order_and_advice() -> None:
    analysis = analyse_clause("鼓励用人单位引进人才。")
    advice = {s.target: s for s in analysis.suggestions if s.kind == "missing"}
    rows = missing_elements(analysis)
    assert [element for element, _, _ in rows] == list(analysis.missing)
    assert [e for e, _, _ in rows] == [e for e in ELEMENTS if e in analysis.missing]
    for element, zh, en in rows:
        if element in advice:
            assert (zh, en) == (advice[element].text_zh, advice[element].text_en)


def test_every_element_has_a_name_and_the_message_has_its_fields() -> None:
    assert set(ELEMENT_NAMES) == set(ELEMENTS)
    MESSAGES[C.MISSING_ELEMENT].format(
        where="p.yaml",
        element="who",
        element_zh="责任部门",
        element_en="the responsible body",
        suggestion_zh="写明责任部门",
        suggestion_en="name the responsible body",
    )
