"""Wording warnings of a clause text: vague terms and missing elements (the study's P1).

The policy text analyser (``luodi.text``) reads the text; these checks turn what it finds into
warnings of ``luodi policy check``: each vague term at the term itself, each element the text
does not state (who, whom, what, how much, when, how) with the analyser's suggestion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from luodi.policy.errors import ProblemCode
from luodi.policy.vague import vague_terms
from luodi.policy.yamlpos import YamlPath, node_at
from luodi.text import ELEMENTS, ClauseAnalysis, TextInputError, analyse_clause

if TYPE_CHECKING:
    from luodi.policy.checks import Reporter
    from luodi.policy.model import Clause

__all__ = ["ELEMENT_NAMES", "missing_elements", "wording_check"]

# Each element's name in Chinese and English, as warnings and clause pages say it.
ELEMENT_NAMES: dict[str, tuple[str, str]] = {
    "who": ("责任部门", "the responsible body"),
    "whom": ("适用对象", "the target group"),
    "what": ("具体待遇或义务", "a concrete benefit, obligation or prohibition"),
    "how_much": ("标准或数额", "the amount or standard"),
    "when": ("时限", "the time limit or schedule"),
    "how": ("办理程序", "the procedure"),
}


def missing_elements(analysis: ClauseAnalysis) -> list[tuple[str, str, str]]:
    """``(element, suggestion_zh, suggestion_en)`` for each element the text does not state."""
    advice = {s.target: s for s in analysis.suggestions if s.kind == "missing"}
    missing: list[tuple[str, str, str]] = []
    for element in ELEMENTS:
        finding = analysis.elements.get(element)
        if finding is not None and finding.present:
            continue
        zh, en = ELEMENT_NAMES[element]
        found = advice.get(element)
        if found is not None:
            missing.append((element, found.text_zh, found.text_en))
        else:
            missing.append((element, f"写明{zh}", f"state {en}"))
    return missing


def wording_check(rep: Reporter, clause: Clause, path: YamlPath) -> None:
    """Warn about each vague term at the term, and each missing element at the text."""
    if rep.source.root is None:
        return
    node = node_at(rep.source.root, path)
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    # On one line, point at the term itself; in a folded block, at the start of the text.
    exact = isinstance(node, yaml.ScalarNode) and node.style in (None, "'", '"')
    exact = exact and node.start_mark.line == node.end_mark.line
    quote = 1 if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') else 0
    for term, offset, _ in vague_terms(clause.text):
        at = column + quote + offset if exact else column
        rep.add_at(ProblemCode.VAGUE_WORDING, line, at, path=path, term=term)
    try:
        analysis = analyse_clause(clause.text, id=clause.id)
    except TextInputError:
        return  # empty or not Chinese: nothing the element check can say
    for element, suggestion_zh, suggestion_en in missing_elements(analysis):
        zh, en = ELEMENT_NAMES[element]
        rep.add_at(
            ProblemCode.MISSING_ELEMENT,
            line,
            column,
            path=path,
            element=element,
            element_zh=zh,
            element_en=en,
            suggestion_zh=suggestion_zh,
            suggestion_en=suggestion_en,
        )
