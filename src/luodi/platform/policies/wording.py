"""A clause's wording on its page: vague terms marked in the text, missing elements listed.

The policy text analyser (``luodi.text``) gives character offsets; the text is marked at those
offsets, not by searching the terms again, so a term that is vague in one place and precise in
another (``支持`` in a programme name) is marked only where the analyser found it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from luodi.policy.wording import ELEMENT_NAMES, missing_elements
from luodi.text import Span, TextInputError, analyse_clause

__all__ = ["ClauseWording", "MissingElement", "clause_wording", "highlight_spans"]


def _t(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") else zh


@dataclass(frozen=True, kw_only=True)
class MissingElement:
    """An element the clause does not state, named and with what to add, in the page's language."""

    element: str
    name: str
    suggestion: str


@dataclass(frozen=True, kw_only=True)
class ClauseWording:
    text: SafeString
    vague: tuple[str, ...]  # distinct terms, in order of appearance
    missing: tuple[MissingElement, ...]
    ambiguity: float | None  # None when the analyser could not read the text


def highlight_spans(text: str, spans: Sequence[Span]) -> SafeString:
    """``text`` escaped, with each span wrapped in ``<mark class="vague">`` at its offsets.

    Spans outside the text or overlapping an earlier one are left unmarked.
    """
    parts: list[str] = []
    last = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < last or span.end <= span.start or span.end > len(text):
            continue
        parts.append(escape(text[last : span.start]))
        parts.append(f'<mark class="vague">{escape(text[span.start : span.end])}</mark>')
        last = span.end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts only


def clause_wording(text: str) -> ClauseWording:
    """What the analyser finds in a clause text, ready for the clause page."""
    try:
        analysis = analyse_clause(text)
    except TextInputError:
        return ClauseWording(text=highlight_spans(text, ()), vague=(), missing=(), ambiguity=None)
    terms = tuple(dict.fromkeys(span.term for span in analysis.vague_terms))
    missing = tuple(
        MissingElement(
            element=element,
            name=_t(*ELEMENT_NAMES[element]),
            suggestion=_t(suggestion_zh, suggestion_en),
        )
        for element, suggestion_zh, suggestion_en in missing_elements(analysis)
    )
    return ClauseWording(
        text=highlight_spans(text, analysis.vague_terms),
        vague=terms,
        missing=missing,
        ambiguity=analysis.ambiguity,
    )
