"""The Chinese full-text index: jieba words, BM25 ranking, snippets, quiet loading."""

from __future__ import annotations

import subprocess
import sys

import pytest

from luodi.dialogue.search import (
    MAX_QUERY_LENGTH,
    Document,
    QueryTooLong,
    SearchIndex,
    words,
)

DOCUMENTS = [
    Document(
        doc_id="startup",
        title="C区人才新政 第五条",
        text="对A、B类人才创办的企业给予创业资助，资助金额最高100万元，分两期兑现。",
    ),
    Document(
        doc_id="rent",
        title="C区人才安居办法 第二条",
        text="新引进的全职人才在本区租房居住且无自有住房的，按月发放租房补贴，最长三年。",
    ),
    Document(
        doc_id="living",
        title="C区人才生活补贴 第一条",
        text="博士研究生每月发放生活补贴3000元，硕士研究生每月1500元；补贴与房租无关。",
    ),
    Document(
        doc_id="school",
        title="高层次人才子女入学 第三条",
        text="A类至C类人才子女申请义务教育阶段入学的，由教育局统筹安排学位。",
    ),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(DOCUMENTS)


def _ids(index: SearchIndex, query: str) -> list[str]:
    return [hit.doc_id for hit in index.search(query)]


def test_rent_subsidy_finds_the_rent_clause_first(index: SearchIndex) -> None:
    found = _ids(index, "租房补贴")
    assert found[0] == "rent"
    # "补贴" alone also matches the living allowance, ranked below.
    assert "living" in found[1:]
    assert "school" not in found


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("子女上学怎么安排学位", "school"),
        ("创业资助分几期", "startup"),
        ("博士生活补贴", "living"),
        ("我想问问租房子有没有补贴", "rent"),
    ],
)
def test_colloquial_queries_rank_the_right_clause_first(
    index: SearchIndex, query: str, first: str
) -> None:
    assert _ids(index, query)[0] == first


def test_title_words_count_more_than_body_words() -> None:
    body = Document(doc_id="body", title="其他事项", text="关于安居的说明。")
    title = Document(doc_id="title", title="人才安居", text="具体办法另行制定。")
    assert _ids(SearchIndex.build([body, title]), "安居") == ["title", "body"]


def test_snippet_marks_the_query_words(index: SearchIndex) -> None:
    hit = index.search("租房补贴")[0]
    marked = [part.text for part in hit.snippet if part.marked]
    assert set(marked) == {"租房", "补贴"}
    assert "".join(part.text for part in hit.snippet).replace("…", "") in DOCUMENTS[1].text
    assert [p.text for p in hit.title_parts if p.marked] == []


def test_long_text_snippet_is_cut_around_the_first_match() -> None:
    text = "无关内容。" * 40 + "人才公寓租金减半。" + "其他说明。" * 40
    hit = SearchIndex.build([Document(doc_id="x", title="安居", text=text)]).search("公寓")[0]
    shown = "".join(part.text for part in hit.snippet)
    assert shown.startswith("…")
    assert shown.endswith("…")
    assert "公寓" in shown
    assert len(shown) <= 80 + 2


def test_empty_and_meaningless_queries_find_nothing(index: SearchIndex) -> None:
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search("的，。？") == []
    assert index.search("火星移民") == []


def test_too_long_query_is_refused(index: SearchIndex) -> None:
    with pytest.raises(QueryTooLong, match=str(MAX_QUERY_LENGTH)):
        index.search("补贴" * MAX_QUERY_LENGTH)
    assert index.search("补贴" * (MAX_QUERY_LENGTH // 2))  # at the limit is fine


def test_limit_and_empty_index() -> None:
    assert SearchIndex.build([]).search("补贴") == []
    many = [Document(doc_id=str(i), title="补贴", text="补贴") for i in range(30)]
    hits = SearchIndex.build(many).search("补贴", limit=5)
    assert [h.doc_id for h in hits] == ["0", "1", "2", "3", "4"]


def test_words_are_search_mode_and_drop_punctuation() -> None:
    assert words("人才公寓租赁补贴！") == ["人才", "公寓", "租赁", "补贴"]
    assert "的" not in words("人才的补贴")
    assert words("ABC类人才")[0] == "abc"


def test_loading_jieba_prints_nothing() -> None:
    # A fresh interpreter: jieba loads its dictionary once per process, and that first load
    # is what would log "Building prefix dict ..." to stderr.
    code = "from luodi.dialogue.search import words; print(len(words('租房补贴')))"
    run = subprocess.run(
        [sys.executable, "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert run.stdout == "2\n"
    assert run.stderr == ""
