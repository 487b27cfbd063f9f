"""Vague wording in clause texts: the words that leave a standard open (the study's P1).

A small lexicon for the checker; the policy text analyser will replace it with a fuller one.

>>> vague_terms("对在我市实施的项目，按要求给予配套补助")
[('按要求', 10, 13)]
"""

from __future__ import annotations

import re

__all__ = ["VAGUE_TERMS", "vague_terms"]

# The study quotes 按要求, 探索 and 一定; the rest are the same register of open standards.
VAGUE_TERMS: tuple[str, ...] = (
    "按要求",
    "探索",
    "一定",
    "适当",
    "原则上",
    "酌情",
    "视情况",
    "相应",
    "有关",
    "积极",
    "鼓励",
    "妥善解决",
    "逐步",
)

# Longest first, so a longer term wins where two would start at the same place.
_PATTERN = re.compile("|".join(re.escape(t) for t in sorted(VAGUE_TERMS, key=len, reverse=True)))


def vague_terms(text: str) -> list[tuple[str, int, int]]:
    """Each vague term in ``text`` as ``(term, start, end)`` character offsets, in order."""
    return [(m.group(), m.start(), m.end()) for m in _PATTERN.finditer(text)]
