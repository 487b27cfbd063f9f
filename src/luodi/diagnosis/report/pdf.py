"""The report as an A4 PDF: the same HTML, typeset by WeasyPrint with Debian's Noto CJK fonts.

WeasyPrint needs Pango and HarfBuzz from the system, and Chinese needs a CJK font: without
them it would fail on import or print boxes for every character, so ``report_pdf`` checks
first and says which Debian package to install (``scripts/install-system-deps`` does it).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from luodi.diagnosis.report.html import report_html

__all__ = [
    "CJK_FONT_MISSING",
    "PANGO_MISSING",
    "PdfUnavailableError",
    "missing_pdf_dependencies",
    "report_pdf",
]

PANGO_MISSING = (
    "WeasyPrint cannot load Pango/HarfBuzz: install the Debian packages libpango-1.0-0 "
    "libpangoft2-1.0-0 libharfbuzz-subset0 (bash scripts/install-system-deps)"
)
CJK_FONT_MISSING = (
    "no Noto CJK font found, Chinese would print as empty boxes: install the Debian package "
    "fonts-noto-cjk (bash scripts/install-system-deps)"
)

# File names of the Noto CJK collections (Debian: /usr/share/fonts/opentype/noto/).
_CJK_FONT_FILES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "SourceHanSerif")


class PdfUnavailableError(RuntimeError):
    """The system lacks a library or font the PDF needs; the message says what to install."""


def _weasyprint_error() -> str | None:
    try:
        import weasyprint  # noqa: F401 — importing it loads Pango through cffi
    except OSError as error:
        return f"{PANGO_MISSING} ({error})"
    return None


@functools.cache
def _has_cjk_font() -> bool:
    # Asks fontconfig (as WeasyPrint does) and scans the usual font directories.
    from matplotlib import font_manager

    return any(
        name in Path(path).name
        for path in font_manager.findSystemFonts()
        for name in _CJK_FONT_FILES
    )


def missing_pdf_dependencies() -> list[str]:
    """What the system lacks to print the PDF, one message each; empty when all is there."""
    problems = []
    error = _weasyprint_error()
    if error:
        problems.append(error)
    if not _has_cjk_font():
        problems.append(CJK_FONT_MISSING)
    return problems


def report_pdf(diagnosis: Mapping[str, Any], path: Path | str | None = None) -> bytes:
    """The report as PDF bytes, also written to ``path`` when given.

    Raises ``PdfUnavailableError`` naming the missing Debian packages. Nothing is fetched: the
    HTML is self-contained, and the fetcher refuses every URL, so the PDF needs no network.
    """
    problems = missing_pdf_dependencies()
    if problems:
        raise PdfUnavailableError("; ".join(problems))
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    document = HTML(string=report_html(diagnosis), url_fetcher=URLFetcher(allowed_protocols=()))
    # WeasyPrint reads the charts' SVG style attributes as CSS first and warns about every
    # SVG-only property; its SVG renderer then applies them. The warnings are noise.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        pdf: bytes = document.write_pdf()
    finally:
        logger.setLevel(level)
    if path is not None:
        Path(path).write_bytes(pdf)
    return pdf
