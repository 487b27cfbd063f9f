"""analyse_clause: output shape, ambiguity, suggestions, huge inputs, bad inputs."""

from __future__ import annotations

import json

import pytest

from luodi.text import ELEMENTS, ClauseAnalysis, TextInputError, ambiguity_score, analyse_clause
from luodi.text.sentences import HUGE_CHARS, split_sentences

PRECISE = "由市人社局审核后，对全职引进的博士给予每人20万元安家补贴，自认定之日起3个月内拨付"
VAGUE = "探索建立专家工作站制度，对认定的专家工作站给予一定资助"


def test_output_line_shape() -> None:
    line = analyse_clause(VAGUE, id="c1").to_dict()
    assert set(line) == {"id", "vague_terms", "elements", "ambiguity", "suggestions", "notes"}
    assert line["id"] == "c1"
    assert line["vague_terms"] == [
        {"term": "探索", "start": 0, "end": 2},
        {"term": "一定", "start": 23, "end": 25},
    ]
    assert list(line["elements"]) == list(ELEMENTS)
    assert line["elements"]["who"] == {"present": False, "span": None}
    assert line["elements"]["how"] == {
        "present": True,
        "span": {"term": "认定", "start": 13, "end": 15},
    }
    json.dumps(line, ensure_ascii=False)


def test_element_spans_slice_the_input() -> None:
    result = analyse_clause(PRECISE)
    for finding in result.elements.values():
        assert finding.present
        assert finding.span is not None
        assert PRECISE[finding.span.start : finding.span.end] == finding.span.term
    assert result.vague_terms == ()
    assert result.ambiguity == 0.0
    assert result.suggestions == ()


def test_ambiguity_formula() -> None:
    assert ambiguity_score(0, 0) == 0.0
    assert ambiguity_score(2, 6) == 1.0
    assert ambiguity_score(5, 6) == 1.0
    assert ambiguity_score(1, 3) == 0.5
    result = analyse_clause(VAGUE)
    assert result.missing == ("who", "how_much", "when")
    assert result.ambiguity == 0.75
    assert 0 <= analyse_clause("有关部门要妥善解决").ambiguity <= 1


def test_suggestions_for_each_vague_term_and_missing_element() -> None:
    result = analyse_clause("有关部门要积极解决，有关单位配合")
    vague = [s for s in result.suggestions if s.kind == "vague"]
    missing = [s for s in result.suggestions if s.kind == "missing"]
    assert [s.target for s in vague] == ["有关", "积极"]  # one per distinct term
    assert [s.target for s in missing] == list(result.missing)
    for s in result.suggestions:
        assert s.text_zh
        assert s.text_en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in s.text_zh)
    assert "部门" in next(s for s in missing if s.target == "who").text_zh


def test_huge_input_is_split_into_sentences_and_says_so() -> None:
    sentences = [
        VAGUE + "。",
        "由市人社局审核。",
        "对博士给予每人20万元安家补贴，3个月内拨付。",
    ] * 20
    text = "".join(sentences)
    assert len(text) > HUGE_CHARS
    result = analyse_clause(text, id="doc")
    assert len(result.notes) == 1
    assert "60 sentences" in result.notes[0]
    assert len(result.vague_terms) == 40
    for finding in result.elements.values():
        assert finding.present
        assert finding.span is not None
        assert text[finding.span.start : finding.span.end] == finding.span.term
    assert result.elements["who"].span is not None
    assert result.elements["who"].span.start == len(VAGUE) + 2  # 。由 then 市人社局


def test_short_clause_has_no_notes() -> None:
    assert analyse_clause(VAGUE).notes == ()


def test_split_sentences_offsets() -> None:
    text = "第一条 总则。第二条 补贴！\n\n第三条；"
    pieces = [text[s:e] for s, e in split_sentences(text)]
    assert pieces == ["第一条 总则。", "第二条 补贴！", "第三条；"]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(TextInputError, match="empty") as info:
        analyse_clause(text, id="c9")
    assert info.value.where == "clause 'c9'"
    assert info.value.how


@pytest.mark.parametrize(
    "text", ["Talents get a housing subsidy.", "12345", "Prämie für Forscher 人"]
)
def test_non_chinese_text_is_refused(text: str) -> None:
    with pytest.raises(TextInputError, match="not Chinese"):
        analyse_clause(text)


def test_mostly_chinese_with_latin_names_is_fine() -> None:
    assert isinstance(analyse_clause("入选ABC计划的A类人才给予100万元奖励"), ClauseAnalysis)


def test_text_beyond_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import luodi.text.sentences as sentences

    monkeypatch.setattr(sentences, "MAX_CHARS", 50)
    with pytest.raises(TextInputError, match="split the document"):
        analyse_clause("人才" * 30)
