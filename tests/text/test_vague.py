"""Vague terms: the lexicon, every exception class, jieba word boundaries, offsets."""

from __future__ import annotations

import pytest

from luodi.text import Span, vague_spans
from luodi.text.lexicon import EXCEPTIONS, VAGUE_LEXICON, VagueTerm
from luodi.text.vague import exception_for


def terms(text: str) -> list[str]:
    spans = vague_spans(text)
    for s in spans:
        assert text[s.start : s.end] == s.term
    return [s.term for s in spans]


def test_the_studys_three_examples() -> None:
    assert terms("对在我市实施的项目，按要求给予配套补助") == ["按要求"]
    assert terms("鼓励设立人才创新创业的引导基金子基金，拓展海外天使投资基金") == ["鼓励"]
    assert terms("探索建立专家工作站制度，对认定的专家工作站给予一定资助") == ["探索", "一定"]


@pytest.mark.parametrize("entry", VAGUE_LEXICON, ids=lambda e: e.term)
def test_every_lexicon_term_is_found_in_a_plain_sentence(entry: VagueTerm) -> None:
    term = entry.term
    text = f"对引进人才，{term}给予补助。"
    assert term in terms(text)
    assert entry.text_zh
    assert entry.text_en


def test_offsets_slice_the_input() -> None:
    text = "有关部门要妥善解决高层次人才子女入学，逐步提高补贴标准"
    spans = vague_spans(text)
    assert spans == [Span("有关", 0, 2), Span("妥善解决", 5, 9), Span("逐步", 19, 21)]
    assert all(text[s.start : s.end] == s.term for s in spans)


def test_longest_term_wins_and_adjacent_terms_are_separate() -> None:
    assert terms("视情况给予补助") == ["视情况"]
    assert terms("视情给予补助") == ["视情"]
    assert terms("积极鼓励用人单位引才") == ["积极", "鼓励"]
    assert terms("给予适当支持") == ["适当"]
    assert terms("对符合条件的给予支持") == ["给予支持"]


def test_bare_support_words_are_not_terms() -> None:
    assert terms("支持高层次人才承担国家973计划、国家科技支撑计划等项目") == []


# One case per exception class: (name, precise text, the same term left vague).
EXCEPTION_CASES = {
    "quoted_name": (
        "按照《关于进一步支持人才创业的若干意见》第五条执行，获“科学探索奖”者另行奖励",
        "进一步支持人才创业",
    ),
    "programme_name": ("获得科学探索奖的青年科学家给予100万元奖励", "探索建立专家工作站"),
    "numbered_period": (
        "在一定期限（3年）内免收租金；一定比例即30%用于奖励",
        "在一定期限内免收租金",
    ),
    "modal_must": ("申报材料一定要真实", "给予一定资助"),
    "cited_rule": (
        "按《浙江省人才发展条例》（浙政发〔2016〕12号）有关规定执行",
        "按有关规定执行",
    ),
    "relational": ("从事与本人专业有关的工作满2年", "有关部门负责审核"),
    "word_boundary": ("充分调动人才积极性；执行统一定价；鼓励类产业；与此有关系", "积极引进人才"),
}


def test_every_exception_class_has_a_case() -> None:
    assert {e.name for e in EXCEPTIONS} == set(EXCEPTION_CASES)


@pytest.mark.parametrize("name", sorted(EXCEPTION_CASES))
def test_exception_makes_the_term_precise(name: str) -> None:
    precise, vague = EXCEPTION_CASES[name]
    assert terms(precise) == []
    assert terms(vague) != []


@pytest.mark.parametrize(
    ("text", "term", "start", "exception"),
    [
        ("获“科学探索奖”者", "探索", 4, "quoted_name"),
        ("获得科学探索奖的", "探索", 4, "programme_name"),
        ("在一定期限（3年）内", "一定", 1, "numbered_period"),
        ("一定要真实", "一定", 0, "modal_must"),
        ("按《条例》有关规定", "有关", 5, "cited_rule"),
        ("与本人专业有关的工作", "有关", 5, "relational"),
        ("调动人才积极性", "积极", 4, "word_boundary"),
        ("执行统一定价", "一定", 3, "word_boundary"),
    ],
)
def test_exception_names_the_class(text: str, term: str, start: int, exception: str) -> None:
    assert exception_for(text, Span(term, start, start + len(term))) == exception


def test_exception_needs_its_context_right_there() -> None:
    # a number far away does not fix 一定期限; a citation elsewhere does not fix 有关部门
    assert terms("在一定期限内给予补贴，补贴总额为3万元") == ["一定"]
    assert terms("按《条例》执行，有关部门配合") == ["有关"]
    assert terms("积极推进人才工作") == ["积极"]


def test_no_terms_in_a_precise_clause() -> None:
    text = "由市人社局审核后，对全职引进的博士给予每人20万元安家补贴，自认定之日起3个月内拨付"
    assert vague_spans(text) == []


def test_jieba_dictionary_additions_keep_short_terms_whole() -> None:
    # jieba alone cuts 可视|情; JIEBA_WORDS makes it 可|视情
    assert terms("对企业引进的急需人才，可视情给予一定的薪酬补贴。") == ["视情", "一定"]


def test_a_term_late_in_a_long_title_is_inside_the_title() -> None:
    text = (
        "根据《关于进一步支持和鼓励事业单位科研人员创新创业的指导意见》"
        "（人社部发〔2019〕137号），科研人员可申请离岗创办企业"
    )
    assert terms(text) == []
