"""Dashboard pages on the small dataset: names from the database are escaped everywhere (the
charts too), index pages without a filter, and a server without the PDF libraries."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.platform.accounts.roles import Role
from luodi.platform.registry.models import Department

EVIL = '<script>alert("x")</script>审计局'


def test_names_are_escaped_in_pages_and_charts(client_for: Any) -> None:
    Department.objects.filter(department_id="D-AUD").update(name=EVIL)
    client = client_for(Role.EVALUATOR)
    for url in ("/diagnosis/", "/diagnosis/department/?department_id=D-AUD", "/diagnosis/cases/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
    dashboard = client.get("/diagnosis/").content.decode()
    assert "&lt;script&gt;" in dashboard  # shown, as text
    assert "◆ &lt;scrip" in dashboard  # in the network chart's SVG too (veto marked ◆)


def test_index_pages_without_a_filter(client_for: Any) -> None:
    client = client_for(Role.TALENT_OFFICE)
    clauses = client.get("/diagnosis/clause/").content.decode()
    assert "?clause_id=C2" in clauses
    departments = client.get("/diagnosis/department/").content.decode()
    assert "?department_id=D-AUD" in departments
    assert "未加筛选条件" in client.get("/diagnosis/exceptions/").content.decode()


def test_without_the_pdf_libraries_the_download_says_why(
    client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from luodi.diagnosis.report import PdfUnavailableError
    from luodi.platform.diagnosis import report_files

    def unavailable(report: Any, kind: str) -> bytes:
        raise PdfUnavailableError("apt install fonts-noto-cjk")

    monkeypatch.setattr(report_files, "_render", unavailable)
    response = client_for(Role.LEADERSHIP).get("/diagnosis/report/?format=pdf")
    assert response.status_code == 503
    assert "fonts-noto-cjk" in response.content.decode()
