"""Analyse one clause: vague terms, the six elements, an ambiguity score and suggestions.

ambiguity = 0.5 · min(1, vague terms / 2) + 0.5 · missing elements / 6, in 0..1: two vague
terms, or all six elements missing, each take half the scale.

>>> a = analyse_clause("探索建立专家工作站制度，对认定的专家工作站给予一定资助", id="s1")
>>> [s.term for s in a.vague_terms], a.missing, a.ambiguity
(['探索', '一定'], ('who', 'how_much', 'when'), 0.75)
"""

from __future__ import annotations

from luodi.text.elements import find_elements
from luodi.text.model import ELEMENTS, ClauseAnalysis, ElementFinding, Span, Suggestion
from luodi.text.sentences import check_text, is_huge, split_sentences
from luodi.text.vague import LEXICON, vague_spans

__all__ = ["MISSING_SUGGESTIONS", "ambiguity_score", "analyse_clause"]

# element → (zh, en): what a drafter should add when the clause does not state it
MISSING_SUGGESTIONS: dict[str, tuple[str, str]] = {
    "who": (
        "写明负责或审批的具体部门（如市人社局、区财政局），不用“有关部门”",
        "name the responsible or approving department (e.g. 市人社局), not '有关部门'",
    ),
    "whom": (
        "写明适用对象及其条件（如全职引进的博士、注册未满3年的企业）",
        "state whom the clause is for and the conditions (e.g. full-time PhDs, young firms)",
    ),
    "what": (
        "写明具体待遇、义务或禁止事项（如租房补贴、不得兼职），不用“给予政策倾斜”",
        "state the concrete benefit, duty or prohibition (e.g. rent subsidy), not 'preference'",
    ),
    "how_much": (
        "写明数额、比例、上限或名额（如每人每月2000元，最高50万元）",
        "state the amount, ratio, cap or quota (e.g. 2,000 yuan a month, at most 500,000 yuan)",
    ),
    "when": (
        "写明期限、有效期或兑现时间（如自认定之日起3年内，按季度拨付）",
        "state the period, validity or payment schedule (e.g. 3 years from approval, quarterly)",
    ),
    "how": (
        "写明申请和兑现程序（向哪个部门申报、提交什么材料、如何拨付）",
        "state the procedure (where to apply, which documents, how the money is paid)",
    ),
}


def ambiguity_score(vague_count: int, missing_count: int) -> float:
    """0.5 · min(1, vague / 2) + 0.5 · missing / 6, rounded to 3 decimals."""
    score = 0.5 * min(1.0, vague_count / 2) + 0.5 * missing_count / len(ELEMENTS)
    return round(score, 3)


def _elements_by_sentence(text: str, sentences: list[tuple[int, int]]) -> dict[str, ElementFinding]:
    """Elements of a long text: present when a sentence states them, first span kept."""
    result = {e: ElementFinding(False) for e in ELEMENTS}
    for start, end in sentences:
        for element, finding in find_elements(text[start:end]).items():
            if finding.span is not None and not result[element].present:
                s = finding.span
                result[element] = ElementFinding(True, Span(s.term, s.start + start, s.end + start))
    return result


def analyse_clause(
    text: str, *, id: str = "", issuer: str | None = None, level: str | None = None
) -> ClauseAnalysis:
    """The analysis of one clause; raises ``TextInputError`` for empty or non-Chinese text.

    ``issuer`` and ``level`` are accepted for symmetry with the input lines; the analysis of a
    clause does not depend on them.
    """
    del issuer, level
    check_text(text, where=f"clause {id!r}" if id else "")
    notes: list[str] = []
    if is_huge(text):
        sentences = split_sentences(text)
        elements = _elements_by_sentence(text, sentences)
        notes.append(
            f"the text has {len(text)} characters, more than one clause: analysed as "
            f"{len(sentences)} sentences; an element is present when one sentence states it"
        )
    else:
        elements = find_elements(text)
    spans = tuple(vague_spans(text))
    missing = [e for e in ELEMENTS if not elements[e].present]
    suggestions: list[Suggestion] = []
    seen: set[str] = set()
    for span in spans:
        if span.term not in seen:
            seen.add(span.term)
            entry = LEXICON[span.term]
            suggestions.append(Suggestion("vague", span.term, entry.text_zh, entry.text_en))
    for element in missing:
        zh, en = MISSING_SUGGESTIONS[element]
        suggestions.append(Suggestion("missing", element, zh, en))
    return ClauseAnalysis(
        id=id,
        vague_terms=spans,
        elements=elements,
        ambiguity=ambiguity_score(len(spans), len(missing)),
        suggestions=tuple(suggestions),
        notes=tuple(notes),
    )
