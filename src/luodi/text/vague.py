"""Vague terms in a clause: lexicon matches, minus the exceptions, checked against jieba words.

Candidates come from one regular expression over the lexicon (longest term first). A candidate
is dropped when an exception of ``lexicon.EXCEPTIONS`` matches around it, or when jieba, run
on a small window around the candidate only, says the characters are not that word (有关系 is
有 + 关系) or are part of a longer non-vague word (积极性). Segmenting only windows keeps the
analyser fast (the whole clause is never segmented).

>>> [(s.term, s.start, s.end) for s in vague_spans("对在我市实施的项目，按要求给予配套补助")]
[('按要求', 10, 13)]
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from luodi.text.lexicon import (
    EXCEPTIONS,
    JIEBA_WORDS,
    NON_VAGUE_WORDS,
    VAGUE_LEXICON,
    VagueException,
    VagueTerm,
)
from luodi.text.model import Span
from luodi.text.segmenter import jieba_tokenizer

__all__ = ["LEXICON", "exception_for", "segment", "vague_spans"]

LEXICON: Mapping[str, VagueTerm] = {t.term: t for t in VAGUE_LEXICON}
_PATTERN = re.compile("|".join(re.escape(t) for t in sorted(LEXICON, key=len, reverse=True)))
_EXCEPTIONS_BY_TERM: dict[str, list[VagueException]] = {}
for _exc in EXCEPTIONS:
    for _term in _exc.terms:
        _EXCEPTIONS_BY_TERM.setdefault(_term, []).append(_exc)

# Characters of context on each side: enough for jieba to see the words around the term.
WINDOW = 4
# How far an exception pattern may reach around the term.
EXCEPTION_REACH = 128

_lock = threading.Lock()
_tokenizer: Any = None


def _jieba() -> Any:
    """jieba's tokenizer with the lexicon's words, loaded once."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            _tokenizer = jieba_tokenizer(
                [*((word, None) for word in NON_VAGUE_WORDS), *((w, 100_000) for w in JIEBA_WORDS)]
            )
        return _tokenizer


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    """jieba's words of a short ``text`` (no HMM: dictionary words only, deterministic)."""
    return tuple(_jieba().lcut(text, HMM=False))


def _is_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word (or a run of whole words) for jieba."""
    lo = max(0, start - WINDOW)
    hi = min(len(text), end + WINDOW)
    bounds = {0}
    pos = 0
    containing = ""
    for word in segment(text[lo:hi]):
        w_start, pos = pos, pos + len(word)
        bounds.add(pos)
        if w_start <= start - lo and end - lo <= pos:
            containing = word
    if containing in NON_VAGUE_WORDS:
        return False
    if start - lo in bounds and end - lo in bounds:
        return True
    # The term is the start of a longer word (逐步提高): still the term unless listed.
    return start - lo in bounds and containing.startswith(text[start:end])


def exception_for(text: str, span: Span) -> str | None:
    """The name of the exception that makes ``span`` precise in ``text``, or None."""
    lo = max(0, span.start - EXCEPTION_REACH)
    hi = min(len(text), span.end + EXCEPTION_REACH)
    for exc in _EXCEPTIONS_BY_TERM.get(span.term, ()):
        for m in exc.pattern.finditer(text, lo, hi):
            if m.start("t") <= span.start and span.end <= m.end("t"):
                return exc.name
            if m.start("t") > span.start:
                break
    if not _is_word(text, span.start, span.end):
        return "word_boundary"
    return None


def vague_spans(text: str) -> list[Span]:
    """Each vague term in ``text`` with character offsets, in order."""
    found: list[Span] = []
    for m in _PATTERN.finditer(text):
        span = Span(m.group(), m.start(), m.end())
        if exception_for(text, span) is None:
            found.append(span)
    return found
