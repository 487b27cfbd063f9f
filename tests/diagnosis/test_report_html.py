"""The HTML report: self-contained, laid out as the study, figures formatted and traceable."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from luodi.diagnosis.report import SECTION_KEYS, render_section, report_css, report_html
from luodi.diagnosis.values import EVIDENCE_KINDS

SAMPLE = Path(__file__).parent / "fixtures" / "diagnosis_sample.json"
HEADINGS = (
    "一、执行偏差现象",
    "D1 层级传递中的政策功能异化",
    "D2 多部门执行中的政策实施梗阻",
    "图1 人才政策执行的序列型执行网络",
    "D3 政策对话中的信息传送阻塞",
    "Goggin 三问",
    "二、成因",
    "P1 执行起点的政策模糊性",
    "P4 政策对话中的组织配备与服务理念",
    "三、对策建议",
    "层级性治理",
    "多属性治理",
    "公共对话",
    "附录",
)


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def page(sample: dict[str, Any]) -> str:
    return report_html(sample)


class _Collector(HTMLParser):
    """Every element's attributes, and the text of each table row."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[str] = []
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.append((tag, dict(attrs)))
        if tag == "tr":
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join(self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row is not None and data.strip():
            self._row.append(data.strip())


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def _evidence(html: str) -> list[dict[str, Any]]:
    return [
        json.loads(attrs["data-evidence"] or "")
        for _, attrs in _parse(html).attrs
        if "data-evidence" in attrs
    ]


def test_the_page_has_no_external_reference(page: str) -> None:
    assert "http://" not in page
    assert "https://" not in page
    assert "<script" not in page
    assert "<link" not in page
    assert "<img" not in page
    assert "@import" not in page
    assert "url(http" not in page
    for _, attrs in _parse(page).attrs:
        for name in ("src", "href"):
            value = attrs.get(name)
            # Only in-page anchors (the table of contents), and SVG's own references.
            assert value is None or value.startswith("#"), (name, value)


def test_the_sections_follow_the_study(page: str) -> None:
    body = page[page.index("</nav>") :]  # after the table of contents
    positions = [body.find(h) for h in HEADINGS]
    missing = [h for h, p in zip(HEADINGS, positions, strict=True) if p < 0]
    assert not missing
    assert positions == sorted(positions)


def test_key_figures_are_printed(page: str) -> None:
    text = re.sub(r"<[^>]+>", " ", page)
    assert "46.7%" in text  # landing poor, 70 of 150
    assert "2.10" in text  # mean awareness
    funnel = re.search(r'<p class="funnel-line">(.*?)</p>', page, re.S)
    assert funnel is not None
    stages = re.findall(r">(\d+)</span><span class=\"stage\">", funnel.group(1))
    assert stages == ["14", "11", "6", "2", "0"]
    # The derived shares of the problem funnel, each with its precise label.
    assert "有问题者中知道部门且问题得到解决的比例" in text
    assert "29.7%" in text
    assert "全体受访者中有问题且知道部门的比例" in text
    assert "21.0%" in text


def test_shares_have_one_decimal_and_nulls_a_dash(page: str) -> None:
    rows = _parse(page).rows
    general = next(r for r in rows if r.startswith("一般人才 general 864"))
    assert general.split()[3] == "72.0%"  # population share 864 / 1200
    police = next(r for r in rows if r.startswith("H市公安局C产业集聚区分局 0"))
    # No step at the police: median, p90 and the overdue share are unknown, not zero.
    assert police.count("—") == 3
    landing = next(r for r in rows if r.startswith("CL-C-03"))
    assert "30.0%" in landing.split()  # 12 received of 40 eligible
    nothing = next(r for r in rows if r.startswith("CL-C-10"))
    assert nothing.split()[6] == "—"  # no eligible subject: no landing rate


def test_every_figure_with_evidence_carries_it(sample: dict[str, Any], page: str) -> None:
    found = _evidence(page)
    assert len(found) > 60
    for evidence in found:
        assert evidence["kind"] in EVIDENCE_KINDS
        assert all(isinstance(v, str) for v in evidence["filters"].values())
    landing = sample["d2_obstruction"]["landing"]["evidence"]
    assert landing in found
    assert (
        sample["d1_function_alienation"]["funnel"]["attrition"][1]["reasons"][0]["evidence"]
        in found
    )
    assert {"kind": "cases", "filters": {"overdue_department_id": "C-AUD"}} in found


def test_link_for_turns_figures_into_links(sample: dict[str, Any]) -> None:
    asked: list[dict[str, Any]] = []

    def link_for(evidence: Any) -> str | None:
        asked.append(dict(evidence))
        if evidence["kind"] != "cases":
            return None
        query = "&".join(f"{k}={v}" for k, v in evidence["filters"].items())
        return f"/diagnosis/cases/?{query}"

    html = report_html(sample, link_for=link_for)
    links = [a for tag, a in _parse(html).attrs if tag == "a" and "data-evidence" in a]
    assert links
    assert all((a["href"] or "").startswith("/diagnosis/cases/?") for a in links)
    assert any(
        a["href"] == "/diagnosis/cases/?clause_id=CL-C-03&stopped_department_id=C-AUD"
        for a in links
    )
    # Other kinds stay spans with their evidence.
    assert '<span class="fig" data-evidence="{&#34;filters&#34;' in html
    assert {e["kind"] for e in asked} >= {"cases", "clause", "responses", "department"}


def test_recommendations_are_grouped_by_remedy_with_their_evidence(page: str) -> None:
    body = page[page.index('id="recommendations"') : page.index('id="appendix"')]
    order = [body.find(t) for t in ("层级性治理", "多属性治理", "公共对话")]
    assert order == sorted(order)
    assert order[0] >= 0
    multi = body[body.find("多属性治理") : body.find("公共对话")]
    assert "审计局出台科研经费审计办法" in multi
    # The pointer /d2_obstruction/blocks_by_veto_department/0/count links to C-AUD's blocks.
    blocks = {"kind": "cases", "filters": {"decision": "blocked_no_rule", "department_id": "C-AUD"}}
    assert blocks in _evidence(multi)
    assert "/d2_obstruction/blocks_by_veto_department/0/count" in multi


def test_charts_are_inline_svg_with_chinese_text(page: str) -> None:
    svgs = re.findall(r"<svg\b.*?</svg>", page, re.S)
    assert len(svgs) >= 9  # 2 allocation, funnel, landing, waiting, network, 3 dialogue
    assert all('role="img"' in s for s in svgs)
    assert all("aria-label" in s for s in svgs)
    assert "Noto Sans CJK SC" in svgs[0]
    network = next(s for s in svgs if "图1" in s)
    assert re.search(r"<text[^>]*>[^<]*审计局", network)  # a department, kept as text
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "element ids must be unique across charts"


def test_the_page_works_on_a_phone_and_in_print(page: str) -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width: 40rem)" in page
    assert "size: A4" in page
    assert "counter(page)" in page
    assert "break-after: avoid" in page
    assert page.count('<div class="scroll"><table') >= 10
    assert report_css() in page


def test_sections_render_alone_for_the_dashboard(sample: dict[str, Any]) -> None:
    for key in SECTION_KEYS:
        fragment = render_section(key, sample)
        assert "<html" not in fragment
        assert fragment.strip()
    assert "<svg" in render_section("d2_obstruction", sample)
    with pytest.raises(KeyError, match="no report section 'd4'"):
        render_section("d4", sample)


def test_a_partial_diagnosis_renders_with_dashes(sample: dict[str, Any]) -> None:
    assert "一、执行偏差现象" in report_html({})
    partial = copy.deepcopy(sample)
    partial["d3_dialogue"] = {"awareness_mean": None, "inquiries": None, "findings": []}
    partial["d1_function_alienation"]["funnel"] = None
    partial["goggin"]["clauses"][0]["delay"] = {"verdict": "unknown", "reason": "无办件"}
    html = report_html(partial)
    assert "无办件" in html
    assert 'class="funnel-line"' not in html
    assert re.search(r'<div class="kpi-value">—</div><div class="kpi-label">政策总体知晓度', html)


def test_the_demo_diagnosis_renders(duckdb_report: dict[str, Any]) -> None:
    html = report_html(duckdb_report)
    assert "http://" not in html
    assert "https://" not in html
    text = re.sub(r"<[^>]+>", " ", html)
    assert "46.7%" in text
    assert "2.10" in text
    funnel = re.search(r'<p class="funnel-line">(.*?)</p>', html, re.S)
    assert funnel is not None
    stages = re.findall(r">(\d+)</span><span class=\"stage\">", funnel.group(1))
    assert stages[:2] == ["14", "11"]
    assert stages[-1] == "0"
    for evidence in _evidence(html):
        assert evidence["kind"] in EVIDENCE_KINDS
