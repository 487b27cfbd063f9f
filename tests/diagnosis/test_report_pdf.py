"""The PDF report: the demo's diagnosis typeset on A4 with an embedded Noto CJK font.

Needs Pango and fonts-noto-cjk from Debian: missing, the test fails in CI and skips elsewhere.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from luodi.diagnosis.report import PdfUnavailableError, missing_pdf_dependencies, report_pdf
from luodi.diagnosis.report import pdf as pdf_module
from tests.conftest import require_or_skip

A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def demo_pdf(duckdb_report: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = missing_pdf_dependencies()
    require_or_skip(not missing, "; ".join(missing))
    path = tmp_path_factory.mktemp("report") / "diagnosis.pdf"
    data = report_pdf(duckdb_report, path)
    assert path.read_bytes() == data
    return path


@pytest.fixture(scope="module")
def reader(demo_pdf: Path) -> PdfReader:
    return PdfReader(io.BytesIO(demo_pdf.read_bytes()))


@pytest.fixture(scope="module")
def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name → whether its file is embedded, over every page."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for ref in (resources.get("/Font") or {}).values():
            font: Any = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


@pytest.mark.slow
def test_the_pdf_has_the_chinese_headings(text: str) -> None:
    for heading in (
        "人才政策执行偏差诊断报告",
        "一、执行偏差现象",
        "D1 层级传递中的政策功能异化",
        "D2 多部门执行中的政策实施梗阻",
        "图1 人才政策执行的序列型执行网络",
        "D3 政策对话中的信息传送阻塞",
        "二、成因",
        "三、对策建议",
        "附录",
    ):
        assert heading in text, heading
    # Each part heading appears twice, in the contents and in the body; the body keeps the order.
    assert text.rindex("一、执行偏差现象") < text.rindex("二、成因") < text.rindex("三、对策建议")


@pytest.mark.slow
def test_the_pdf_has_the_study_figures(text: str) -> None:
    assert "46.7%" in text  # landing rated poor
    assert "2.10" in text  # mean awareness
    assert re.search(r"14\s*符合条件", text)  # the staged-funding funnel starts at 14
    assert re.search(r"\b0\s*第四期", text)  # … and ends at 0


@pytest.mark.slow
def test_the_pdf_embeds_a_cjk_font_on_a4_pages(reader: PdfReader, text: str) -> None:
    fonts = _fonts(reader)
    cjk = {
        name: embedded
        for name, embedded in fonts.items()
        if re.search(r"Noto.?Sans.?CJK|Noto.?Serif.?CJK", name)
    }
    assert cjk, fonts
    assert all(cjk.values()), fonts
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
    assert f"第 1 页 / 共 {len(reader.pages)} 页" in text


def test_a_missing_library_or_font_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "_weasyprint_error", lambda: pdf_module.PANGO_MISSING)
    monkeypatch.setattr(pdf_module, "_has_cjk_font", lambda: False)
    with pytest.raises(PdfUnavailableError, match=r"libpango-1\.0-0") as error:
        report_pdf({})
    assert "fonts-noto-cjk" in str(error.value)
