"""A loaded policy library: documents by id, clauses in force on a date, lineage up and down."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from luodi.policy.model import Benefit, Clause, Criterion, Phase, PolicyDocument

__all__ = ["Library", "ResolvedClause"]


@dataclass(frozen=True, kw_only=True)
class ResolvedClause:
    """A clause as it reads on one date: its document and the version in force applied."""

    clause: Clause
    document: PolicyDocument
    on: dt.date
    benefit: Benefit
    eligibility: Criterion | None
    phases: tuple[Phase, ...]
    deadline_days: int | None

    @property
    def id(self) -> str:
        return self.clause.id


@dataclass(frozen=True, kw_only=True)
class Library:
    """Policy documents, each with the file it came from (``None`` when built in code)."""

    documents: tuple[PolicyDocument, ...]
    files: Mapping[str, Path | None] = field(default_factory=dict)

    def document(self, policy_id: str) -> PolicyDocument:
        for document in self.documents:
            if document.id == policy_id:
                return document
        raise KeyError(f"no policy {policy_id!r} in the library")

    def clauses(self) -> dict[str, tuple[Clause, PolicyDocument]]:
        """Every clause by id, with its document, whatever its dates."""
        return {c.id: (c, d) for d in self.documents for c in d.clauses}

    def clause(self, clause_id: str) -> tuple[Clause, PolicyDocument]:
        try:
            return self.clauses()[clause_id]
        except KeyError:
            raise KeyError(f"no clause {clause_id!r} in the library") from None

    def in_force(self, document: PolicyDocument, on: dt.date) -> bool:
        """In force: within its own dates and not yet replaced by a document that supersedes it."""
        if on < document.effective_from:
            return False
        if document.effective_to is not None and on > document.effective_to:
            return False
        return not any(
            document.id in other.supersedes and other.effective_from <= on
            for other in self.documents
        )

    def resolve(self, clause_id: str, on: dt.date) -> ResolvedClause:
        """The clause as it reads on ``on``: the latest version that has started applies."""
        clause, document = self.clause(clause_id)
        benefit, eligibility = clause.benefit, clause.eligibility
        phases, deadline = tuple(clause.phases), clause.deadline_days
        for version in sorted(clause.versions, key=lambda v: v.effective_from):
            if version.effective_from > on:
                break
            if version.effective_to is not None and on > version.effective_to:
                continue
            benefit = version.benefit or benefit
            eligibility = version.eligibility if version.eligibility is not None else eligibility
            phases = tuple(version.phases) if version.phases is not None else phases
            deadline = version.deadline_days or deadline
        return ResolvedClause(
            clause=clause,
            document=document,
            on=on,
            benefit=benefit,
            eligibility=eligibility,
            phases=phases,
            deadline_days=deadline,
        )

    def clauses_in_force(self, on: dt.date) -> tuple[ResolvedClause, ...]:
        return tuple(
            self.resolve(c.id, on)
            for d in self.documents
            if self.in_force(d, on)
            for c in d.clauses
        )

    def parent(self, clause_id: str) -> str | None:
        return self.clause(clause_id)[0].refines

    def children(self, clause_id: str) -> tuple[str, ...]:
        return tuple(cid for cid, (c, _) in self.clauses().items() if c.refines == clause_id)

    def chain_up(self, clause_id: str) -> tuple[str, ...]:
        """The clause and its superiors, nearest first, up to the top (stops at a cycle)."""
        seen: list[str] = [clause_id]
        known = self.clauses()
        current = known[clause_id][0].refines
        while current is not None and current in known and current not in seen:
            seen.append(current)
            current = known[current][0].refines
        return tuple(seen)
