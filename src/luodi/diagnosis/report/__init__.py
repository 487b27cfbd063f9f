"""The diagnosis report: a self-contained HTML page, an A4 PDF, and sections a dashboard reuses.

Input is the dict of ``luodi diagnose --json`` (``Diagnosis.to_dict()``). Laid out as the study:
一、执行偏差现象 (D1–D3, Goggin), 二、成因 (P1–P4), 三、对策建议, 附录.

The names below load on first use (PEP 562): rendering pulls in Jinja and matplotlib, which
take seconds to import, while ``luodi.diagnosis.report.format`` alone must stay cheap for the
platform's template tags.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from luodi.diagnosis.report.html import (
        SECTION_KEYS,
        LinkFor,
        pointer_evidence,
        render_section,
        report_css,
        report_html,
    )
    from luodi.diagnosis.report.pdf import (
        PdfUnavailableError,
        missing_pdf_dependencies,
        report_pdf,
    )

__all__ = [
    "SECTION_KEYS",
    "LinkFor",
    "PdfUnavailableError",
    "missing_pdf_dependencies",
    "pointer_evidence",
    "render_section",
    "report_css",
    "report_html",
    "report_pdf",
]

_HOME = {
    "SECTION_KEYS": "html",
    "LinkFor": "html",
    "pointer_evidence": "html",
    "render_section": "html",
    "report_css": "html",
    "report_html": "html",
    "PdfUnavailableError": "pdf",
    "missing_pdf_dependencies": "pdf",
    "report_pdf": "pdf",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value
