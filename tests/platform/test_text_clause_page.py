"""Clause pages: vague spans marked at the analyser's offsets, missing elements with advice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from luodi.platform.policies.models import Clause, Policy
from luodi.platform.policies.wording import clause_wording, highlight_spans
from luodi.text import Span, analyse_clause


def _store(clause_id: str, text: str) -> str:
    policy = Policy.objects.create(
        policy_id=f"POL-{clause_id}",
        title="测试文件",
        issuer_id="D-HR",
        level="district",
        region_id="R2",
        issued_on=dt.date(2017, 1, 5),
        effective_from=dt.date(2017, 2, 1),
    )
    Clause.objects.create(
        clause_id=clause_id,
        policy=policy,
        number="第一条",
        text=text,
        benefit_kind="none",
        delivery_mode="application",
    )
    return reverse("portal:clause", args=[clause_id])


def test_spans_are_marked_at_their_offsets_not_by_searching_the_term() -> None:
    text = "一定期限<内>一定"
    # Only the second 一定 is a span: the first must stay unmarked.
    marked = highlight_spans(text, [Span("一定", 7, 9)])
    assert marked == '一定期限&lt;内&gt;<mark class="vague">一定</mark>'


def test_text_around_and_inside_marks_is_escaped() -> None:
    text = '<b>&"按要求</b>'
    start = text.index("按要求")
    marked = highlight_spans(text, [Span("按要求", start, start + 3), Span("<b>", 0, 3)])
    assert marked == (
        '<mark class="vague">&lt;b&gt;</mark>&amp;&quot;<mark class="vague">按要求</mark>&lt;/b&gt;'
    )


def test_overlapping_and_out_of_range_spans_are_left_unmarked() -> None:
    text = "按要求给予支持"
    marked = highlight_spans(text, [Span("按要求", 0, 3), Span("要求", 1, 3), Span("x", 6, 99)])
    assert marked == '<mark class="vague">按要求</mark>给予支持'


def test_clause_wording_follows_the_analyser() -> None:
    text = "对引进的人才，按要求给予一定支持。"
    analysis = analyse_clause(text)
    wording = clause_wording(text)
    assert wording.vague == tuple(dict.fromkeys(s.term for s in analysis.vague_terms))
    assert [m.element for m in wording.missing] == list(analysis.missing)
    assert wording.ambiguity == analysis.ambiguity
    for span in analysis.vague_terms:
        assert f'<mark class="vague">{span.term}</mark>' in wording.text


def test_clause_page_marks_and_escapes(demo: Any) -> None:
    text = "对<A&B>类人才，按要求给予一定支持。"
    page = Client().get(_store("CL-ESC", text)).content.decode()
    assert "对&lt;A&amp;B&gt;类人才，" in page
    assert '<mark class="vague">按要求</mark>' in page
    assert "<A&B>" not in page


def test_clause_page_lists_missing_elements_with_the_suggestion(demo: Any) -> None:
    text = "对引进的人才，按要求给予一定支持。"
    analysis = analyse_clause(text)
    assert analysis.missing, "the example must miss an element"
    advice = {s.target: s for s in analysis.suggestions if s.kind == "missing"}
    url = _store("CL-MISS", text)
    page = Client().get(url).content.decode()
    assert "条款未写明的要素" in page
    for element in analysis.missing:
        assert f'data-element="{element}"' in page
        if element in advice:
            assert advice[element].text_zh in page
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "Elements the clause does not state" in english
    for element in analysis.missing:
        if element in advice:
            assert advice[element].text_en.replace("'", "&#x27;") in english


def test_a_complete_clause_lists_no_missing_element(demo: Any) -> None:
    text = (
        "对经区人社局认定的A类人才，给予安家补贴50万元，由本人向区人社局提出申请，"
        "经审核后于30个工作日内一次性发放。"
    )
    analysis = analyse_clause(text)
    page = Client().get(_store("CL-FULL", text)).content.decode()
    assert ("条款未写明的要素" in page) == bool(analysis.missing)
