"""Search the public texts: every stored policy's clauses and the published FAQ entries."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from luodi.dialogue.search import MAX_QUERY_LENGTH, Document, Hit, QueryTooLong, SearchIndex
from luodi.platform.dialogue.models import FaqEntry
from luodi.platform.policies.models import Clause

__all__ = [
    "MAX_QUERY_LENGTH",
    "SEARCH_TOO_LONG",
    "QueryTooLong",
    "SiteHit",
    "search_index_get",
    "site_search",
]

SEARCH_TOO_LONG = _(
    "搜索词共 %(length)s 字，超过上限 %(limit)s 字；请只输入几个关键词，如“租房补贴”。"
)

_lock = threading.Lock()
_cached: tuple[str, SearchIndex] | None = None


@dataclass(frozen=True, kw_only=True)
class SiteHit:
    """One result: ``kind`` is "clause" or "faq", ``key`` the clause id or the entry id."""

    kind: str
    key: str
    hit: Hit


def _documents() -> list[Document]:
    documents = [
        Document(doc_id=f"clause:{clause_id}", title=f"{title} {number}", text=text)
        for clause_id, title, number, text in Clause.objects.order_by(
            "policy_id", "clause_id"
        ).values_list("clause_id", "policy__title", "number", "text")
    ]
    documents += [
        Document(doc_id=f"faq:{pk}", title=question, text=answer)
        for pk, question, answer in FaqEntry.objects.filter(published=True)
        .order_by("id")
        .values_list("id", "question", "answer")
    ]
    return documents


def _fingerprint(documents: list[Document]) -> str:
    digest = hashlib.sha256()
    for doc in documents:
        for part in (doc.doc_id, doc.title, doc.text):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
    return digest.hexdigest()


def search_index_get() -> SearchIndex:
    """The index of the current texts; rebuilt only when a text changed (an import, a FAQ
    edit), since cutting every text into words costs more than reading them."""
    global _cached
    documents = _documents()
    key = _fingerprint(documents)
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    index = SearchIndex.build(documents)
    with _lock:
        _cached = (key, index)
    return index


def site_search(*, query: str, limit: int = 20) -> list[SiteHit]:
    """Clauses and FAQ entries matching ``query``, best first; raises ``QueryTooLong``."""
    hits = search_index_get().search(query, limit=limit)
    results = []
    for hit in hits:
        kind, _sep, key = hit.doc_id.partition(":")
        results.append(SiteHit(kind=kind, key=key, hit=hit))
    return results
