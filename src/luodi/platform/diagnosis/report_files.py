"""The diagnosis report as a file to download: the core's HTML or PDF, cached per data version."""

from __future__ import annotations

from luodi.platform.diagnosis.selectors import CACHE_PREFIX, DiagnosisResult, cached

__all__ = ["REPORT_FORMATS", "report_file"]

# Format → content type. The HTML is self-contained (charts inline, no external files).
REPORT_FORMATS: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def _render(report: dict[str, object], kind: str) -> bytes:
    # Imported here: the PDF renderer (WeasyPrint) loads only when a report is downloaded.
    from luodi.diagnosis.report import report_html, report_pdf

    if kind == "pdf":
        return report_pdf(report)
    return report_html(report).encode("utf-8")


def report_file(*, result: DiagnosisResult, kind: str) -> tuple[bytes, str, str]:
    """The report's bytes, content type and file name, e.g. ``luodi-diagnosis-2018-12-27.pdf``."""
    if kind not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {kind!r}; use html or pdf")
    key = f"{CACHE_PREFIX}{result.stamp}:report.{kind}"
    content, _ = cached(key, lambda: _render(result.report, kind))
    period = result.report.get("meta", {}).get("period", {})
    end = str(period.get("end", "")) if isinstance(period, dict) else ""
    name = f"luodi-diagnosis-{end}.{kind}" if end else f"luodi-diagnosis.{kind}"
    return content, REPORT_FORMATS[kind], name
