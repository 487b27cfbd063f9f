"""Candidate conflicts in the stored library: the policy text analyser over every clause.

The analyser (``luodi.text.conflict_candidates``) ranks pairs of clauses of different issuers
on one subject with opposing modality or incompatible numbers; the talent office reads them
here and sends the real ones to the conflicts register. A registered rule starts with its
clause id and the policy's title (``CL-1《…》第一条：…``), so the page knows which candidates
are registered already and the register refuses them twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luodi.platform.coordination.models import Conflict
from luodi.platform.policies.models import Clause
from luodi.text import ClauseInput, conflict_candidates

__all__ = [
    "CANDIDATE_LIMIT",
    "KIND_LABELS",
    "CandidateRow",
    "conflict_candidate_list",
    "conflict_of_pair",
    "rule_text",
]

# The page shows the best-ranked candidates; more are seldom read and cost time to render.
CANDIDATE_LIMIT = 50
KIND_LABELS = {
    "modality": _("规范方向相反（允许与禁止）"),
    "number": _("数量标准不一致"),
}


def rule_text(clause: Clause) -> str:
    """The clause as a rule of the conflicts register: id, policy title, number, text."""
    return f"{clause.clause_id}《{clause.policy.title}》{clause.number}：{clause.text}"


def conflict_of_pair(clause_a_id: str, clause_b_id: str) -> Conflict | None:
    """The register's entry for these two clauses (in either order), if there is one."""
    prefix_a, prefix_b = f"{clause_a_id}《", f"{clause_b_id}《"
    return (
        Conflict.objects.filter(
            Q(rule_a__startswith=prefix_a, rule_b__startswith=prefix_b)
            | Q(rule_a__startswith=prefix_b, rule_b__startswith=prefix_a)
        )
        .order_by("raised_on", "conflict_id")
        .first()
    )


def _registered() -> dict[frozenset[str], str]:
    pairs: dict[frozenset[str], str] = {}
    rows = Conflict.objects.filter(rule_a__contains="《", rule_b__contains="《")
    for conflict_id, rule_a, rule_b in rows.values_list("conflict_id", "rule_a", "rule_b"):
        pair = frozenset({rule_a.split("《", 1)[0], rule_b.split("《", 1)[0]})
        pairs.setdefault(pair, conflict_id)
    return pairs


@dataclass(frozen=True, kw_only=True)
class CandidateRow:
    """One ranked candidate with both clauses, and its register entry once sent there."""

    rank: int
    score: float
    kind: str
    kind_label: str
    why: str
    subject: str
    clause_a: Clause
    clause_b: Clause
    conflict_id: str | None


def conflict_candidate_list(*, limit: int = CANDIDATE_LIMIT) -> list[CandidateRow]:
    """The analyser's ranked candidates over every stored clause, best first."""
    clauses = {
        clause.clause_id: clause
        for clause in Clause.objects.select_related("policy__issuer").order_by("clause_id")
        if clause.text.strip()
    }
    inputs = [
        ClauseInput(
            id=clause.clause_id,
            text=clause.text,
            issuer=clause.policy.issuer_id,
            level=clause.policy.level,
        )
        for clause in clauses.values()
    ]
    registered = _registered()
    rows: list[CandidateRow] = []
    for candidate in conflict_candidates(inputs, limit=limit):
        clause_a, clause_b = clauses.get(candidate.a), clauses.get(candidate.b)
        if clause_a is None or clause_b is None:
            continue
        rows.append(
            CandidateRow(
                rank=len(rows) + 1,
                score=candidate.score,
                kind=candidate.kind,
                kind_label=str(KIND_LABELS.get(candidate.kind, candidate.kind)),
                why=candidate.why,
                subject=candidate.subject,
                clause_a=clause_a,
                clause_b=clause_b,
                conflict_id=registered.get(frozenset({candidate.a, candidate.b})),
            )
        )
    return rows
