"""Input checks and sentence splitting for clause texts.

A clause is a sentence or a few. A longer text (a whole document pasted as one clause) is
split into sentences at 。！？；and line breaks; the analyser says so in its notes.

>>> split_sentences("第一条 总则。第二条 补贴标准；详见附件")
[(0, 7), (7, 16), (16, 20)]
"""

from __future__ import annotations

import re

from luodi.text.model import TextInputError

__all__ = ["HUGE_CHARS", "MAX_CHARS", "check_text", "is_huge", "split_sentences"]

# Longer than this, a "clause" is a document: it is analysed sentence by sentence.
HUGE_CHARS = 400
# Longer than this, the text is refused (about a 600-page document).
MAX_CHARS = 1_000_000
# At least this share of the letters must be Chinese characters.
MIN_CHINESE_SHARE = 0.2

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\n+")


def check_text(text: str, *, where: str = "") -> None:
    """Raise ``TextInputError`` unless ``text`` is a non-empty Chinese text of sane length."""
    if not text or not text.strip():
        raise TextInputError(
            "the clause text is empty", where=where, how="give the clause's Chinese text in 'text'"
        )
    if len(text) > MAX_CHARS:
        raise TextInputError(
            f"the text has {len(text):,} characters, more than {MAX_CHARS:,}",
            where=where,
            how="split the document into clauses (one JSON line each)",
        )
    han = len(_HAN.findall(text))
    letters = len(_LETTER.findall(text))
    if han == 0 or han < MIN_CHINESE_SHARE * letters:
        raise TextInputError(
            f"the text is not Chinese ({han} Chinese characters of {letters} letters)",
            where=where,
            how="the analyser reads Chinese policy text; give the clause in Chinese",
        )


def is_huge(text: str) -> bool:
    """Whether ``text`` is too long to be one clause (it is then analysed by sentence)."""
    return len(text) > HUGE_CHARS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character offsets of each sentence of ``text`` (end punctuation
    included, blank pieces left out)."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
