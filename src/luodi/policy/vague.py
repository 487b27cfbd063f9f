"""Vague wording in clause texts: the words that leave a standard open (the study's P1).

The policy text analyser (``luodi.text``) finds them; this module keeps the ``(term, start,
end)`` tuples the checker and older callers use.

>>> vague_terms("对在我市实施的项目，按要求给予配套补助")
[('按要求', 10, 13)]
"""

from __future__ import annotations

from luodi.text import vague_spans

__all__ = ["vague_terms"]


def vague_terms(text: str) -> list[tuple[str, int, int]]:
    """Each vague term in ``text`` as ``(term, start, end)`` character offsets, in order."""
    return [(span.term, span.start, span.end) for span in vague_spans(text)]
