"""The dashboard on the demo district: the study's figures, each linked to its records, and the
report to download."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from luodi.platform.diagnosis.selectors import diagnosis_get
from tests.platform.diagnosis_support import full_demo_module, hit_count, login

pytestmark = pytest.mark.slow

STOP = re.compile(r'<span class="stop">[^<]*：<a class="fig" href="([^"]+)"[^>]*>(\d+)</a>')


@pytest.fixture(scope="module")
def demo_db(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    yield from full_demo_module(django_db_setup, django_db_blocker, tmp_path_factory)


@pytest.fixture(autouse=True)
def _shared_cache(settings: Any, demo_db: Path) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(demo_db / "cache"),
        }
    }


def _link(page: str, element_id: str) -> tuple[str, str]:
    """The href and text of the figure link inside the element with ``element_id``."""
    found = re.search(
        rf'id="{re.escape(element_id)}"[^>]*>\s*<a class="fig" href="([^"]+)"[^>]*>([^<]+)</a>',
        page,
    )
    assert found is not None, element_id
    return found.group(1).replace("&amp;", "&"), found.group(2)


@pytest.mark.django_db
def test_the_dashboard_shows_the_study_figures() -> None:
    page = login("demo-talent-office").get("/diagnosis/").content.decode()
    for heading in ("D1 功能异化", "D2 实施梗阻", "D3 对话缺失", "Goggin 三问", "成因 P1–P4"):
        assert heading in page
    assert "治理建议" in page
    assert re.search(r'id="awareness-mean">\s*<span class="fig">2\.10</span>', page)
    assert "46.7%" in page
    for channel, share in (("none", "13.8%"), ("active", "36.9%"), ("outreach", "49.4%")):
        assert re.search(rf'id="channel-{channel}">.*?{re.escape(share)}', page, re.S)
    # Charts come inline, from the report's own drawing code.
    assert page.count("<svg") >= 8


@pytest.mark.django_db
def test_funnel_figures_link_to_their_cases() -> None:
    client = login("demo-talent-office")
    page = client.get("/diagnosis/").content.decode()
    report = diagnosis_get().report
    funnel = report["d1_function_alienation"]["funnel"]
    assert (funnel["eligible"], funnel["phase_1"], funnel["phase_4"]) == (14, 11, 0)
    href, text = _link(page, "funnel-CL-C-06-phase_1")
    assert text == "11"
    assert href == "/diagnosis/cases/?clause_id=CL-C-06&paid_phase=1"
    assert hit_count(client.get(href).content.decode()) == 11
    href, text = _link(page, "funnel-CL-C-06-eligible")
    assert text == "14"
    assert href == "/diagnosis/clause/?clause_id=CL-C-06"
    clause = client.get(href).content.decode()
    assert "第七条" in clause
    assert "/policies/clauses/CL-C-06/" in clause  # the clause's own page: text and rules


@pytest.mark.django_db
def test_a_clause_stop_links_to_the_cases_stopped_there() -> None:
    client = login("demo-leadership")
    page = client.get("/diagnosis/").content.decode()
    row = re.search(r'<tr id="clause-CL-ZJ-01">(.*?)</tr>', page, re.S)
    assert row is not None
    stop = re.search(
        r'<span class="stop">[^<]*：<a class="fig" href="([^"]+)"[^>]*>(\d+)</a>', row[1]
    )
    assert stop is not None
    listed = client.get(stop[1].replace("&amp;", "&")).content.decode()
    assert hit_count(listed) == int(stop[2]) > 0
    assert "停在部门" in listed


@pytest.mark.django_db
def test_the_department_page_gathers_its_figures() -> None:
    page = login("demo-evaluator").get("/diagnosis/department/?department_id=C-AUD")
    assert page.status_code == 200
    text = page.content.decode()
    assert "C产业集聚区审计局" in text
    assert "stopped_department_id=C-AUD" in text
    assert "decision=blocked_no_rule&amp;department_id=C-AUD" in text


@pytest.mark.django_db
def test_the_report_downloads() -> None:
    client = login("demo-evaluator")
    response = client.get("/diagnosis/report/?format=html")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="luodi-diagnosis-2018-12-27.html"'
    )
    html = response.content.decode()
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "46.7%" in html
    from luodi.diagnosis.report import missing_pdf_dependencies

    pdf = client.get("/diagnosis/report/?format=pdf")
    if missing_pdf_dependencies():
        assert pdf.status_code == 503
        assert "PDF" in pdf.content.decode()
    else:
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
        assert pdf["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_the_dashboard_in_english() -> None:
    client = login("demo-talent-office")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/diagnosis/").content.decode()
    assert "Deviation diagnosis" in page
    assert "high-end (A–C)" in page
    assert "Download the report (PDF)" in page
