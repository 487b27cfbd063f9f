"""Chinese full-text search over short documents: jieba words, BM25 ranking, marked snippets.

Chinese has no spaces between words, so documents and queries are cut into words with jieba's
search mode (which also yields the shorter words inside a long one: 人才公寓 → 人才, 公寓,
人才公寓) and ranked with Okapi BM25. A title counts more than the body: its words are
added ``TITLE_WEIGHT`` times. jieba's dictionary ships inside its wheel, so nothing is
downloaded; it is loaded once per process, quietly.

>>> index = SearchIndex.build(
...     [
...         Document(doc_id="a", title="人才公寓", text="符合条件的人才可申请租房补贴。"),
...         Document(doc_id="b", title="创业资助", text="对人才创办的企业给予资助。"),
...     ]
... )
>>> [hit.doc_id for hit in index.search("租房补贴")]
['a']
>>> snippet = index.search("租房")[0].snippet
>>> "".join(f"[{part.text}]" if part.marked else part.text for part in snippet)
'符合条件的人才可申请[租房]补贴。'
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from luodi.text.segmenter import jieba_tokenizer

__all__ = [
    "MAX_QUERY_LENGTH",
    "SNIPPET_LENGTH",
    "TITLE_WEIGHT",
    "Document",
    "Fragment",
    "Hit",
    "QueryTooLong",
    "SearchIndex",
    "words",
]

# Longer than any real question typed into a search box; a pasted essay is refused.
MAX_QUERY_LENGTH = 100
SNIPPET_LENGTH = 80
TITLE_WEIGHT = 3
# Okapi BM25's usual constants: term-frequency saturation and length normalisation.
_K1 = 1.5
_B = 0.75
# Words too common in policy text or questions to tell documents apart.
_STOP_WORDS = frozenset("的了和与及或在是为对把被按由于等其之以可我你他她们吗呢么") | frozenset(
    ("给予", "怎么", "什么", "哪些", "如何", "请问")
)
# Punctuation-only pieces have no word character; they are dropped.
_WORD = re.compile(r"[\w]", re.UNICODE)

_lock = threading.Lock()
_tokenizer: Any = None


class QueryTooLong(ValueError):
    """The query is longer than ``MAX_QUERY_LENGTH`` characters."""

    def __init__(self, length: int) -> None:
        self.length = length
        super().__init__(
            f"the query has {length} characters; search with at most {MAX_QUERY_LENGTH} "
            "(a few words, e.g. 租房补贴)"
        )


def _jieba() -> Any:
    """jieba's tokenizer, loaded once."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            _tokenizer = jieba_tokenizer()
        return _tokenizer


def words(text: str) -> list[str]:
    """The search words of ``text`` in order: jieba's search-mode cut, lower-cased, without
    punctuation and stop words."""
    cut: Iterable[str] = _jieba().cut_for_search(text)
    return [
        word
        for raw in cut
        if (word := raw.strip().lower()) and _WORD.search(word) and word not in _STOP_WORDS
    ]


@dataclass(frozen=True, kw_only=True)
class Document:
    """One searchable item; ``doc_id`` is the caller's key (e.g. ``clause:C2``)."""

    doc_id: str
    title: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Fragment:
    """A piece of a snippet; ``marked`` pieces are query words, shown highlighted."""

    text: str
    marked: bool


@dataclass(frozen=True, kw_only=True)
class Hit:
    doc_id: str
    title: str
    score: float
    terms: tuple[str, ...]
    title_parts: tuple[Fragment, ...]
    snippet: tuple[Fragment, ...]


def _fragments(text: str, terms: Sequence[str]) -> tuple[Fragment, ...]:
    """``text`` cut at every occurrence of a term, longest term first."""
    if not terms or not text:
        return (Fragment(text=text, marked=False),) if text else ()
    ordered = sorted(set(terms), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)
    parts: list[Fragment] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            parts.append(Fragment(text=text[last : match.start()], marked=False))
        parts.append(Fragment(text=match.group(), marked=True))
        last = match.end()
    if last < len(text):
        parts.append(Fragment(text=text[last:], marked=False))
    return tuple(parts)


def _snippet(text: str, terms: Sequence[str], length: int) -> tuple[Fragment, ...]:
    """About ``length`` characters of ``text`` around the first term found, terms marked."""
    lowered = text.lower()
    found = [i for t in terms if (i := lowered.find(t)) >= 0]
    start = 0
    if found and len(text) > length:
        # A little context before the first match, so the reader sees what it is about.
        start = max(0, min(min(found) - length // 4, len(text) - length))
    piece = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    parts = list(_fragments(piece, terms))
    if prefix:
        parts.insert(0, Fragment(text=prefix, marked=False))
    if suffix:
        parts.append(Fragment(text=suffix, marked=False))
    return tuple(parts)


@dataclass(frozen=True, kw_only=True)
class SearchIndex:
    """An inverted index over documents; build once, search many times (read-only)."""

    documents: tuple[Document, ...]
    postings: dict[str, tuple[tuple[int, int], ...]]
    lengths: tuple[int, ...]
    average_length: float

    @classmethod
    def build(cls, documents: Iterable[Document]) -> SearchIndex:
        docs = tuple(documents)
        postings: dict[str, list[tuple[int, int]]] = {}
        lengths: list[int] = []
        for position, doc in enumerate(docs):
            bag = Counter(words(doc.text))
            for word in words(doc.title):
                bag[word] += TITLE_WEIGHT
            lengths.append(sum(bag.values()))
            for word, count in bag.items():
                postings.setdefault(word, []).append((position, count))
        average = sum(lengths) / len(lengths) if lengths else 0.0
        return cls(
            documents=docs,
            postings={w: tuple(p) for w, p in postings.items()},
            lengths=tuple(lengths),
            average_length=average,
        )

    def _idf(self, word: str) -> float:
        n = len(self.documents)
        df = len(self.postings.get(word, ()))
        # BM25+'s floor: a word in most documents still counts a little, never negatively.
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The documents matching ``query``, best first (ties by document order).

        An empty query (or one of stop words and punctuation only) finds nothing; a query
        longer than ``MAX_QUERY_LENGTH`` raises :class:`QueryTooLong`.
        """
        query = query.strip()
        if len(query) > MAX_QUERY_LENGTH:
            raise QueryTooLong(len(query))
        terms = list(dict.fromkeys(words(query)))
        if not terms or not self.documents:
            return []
        scores: dict[int, float] = {}
        matched: dict[int, list[str]] = {}
        for term in terms:
            idf = self._idf(term)
            for position, count in self.postings.get(term, ()):
                norm = 1 - _B + _B * self.lengths[position] / (self.average_length or 1.0)
                gain = idf * count * (_K1 + 1) / (count + _K1 * norm)
                scores[position] = scores.get(position, 0.0) + gain
                matched.setdefault(position, []).append(term)
        best = sorted(scores, key=lambda p: (-scores[p], p))[:limit]
        hits = []
        for position in best:
            doc = self.documents[position]
            found = tuple(matched[position])
            hits.append(
                Hit(
                    doc_id=doc.doc_id,
                    title=doc.title,
                    score=round(scores[position], 6),
                    terms=found,
                    title_parts=_fragments(doc.title, found),
                    snippet=_snippet(doc.text, found, SNIPPET_LENGTH),
                )
            )
        return hits
