"""P1 政策模糊性: vague wording and missing elements per clause, and what vagueness did downstream.

The study's first proposition: a vague superior clause makes the level below its re-maker.
Per clause this lists the vague terms (luodi.policy.vague) and which of four elements the
clause leaves unstated — who executes it (a lead department on its route), how much (an
amount or cap, for money benefits), when (a deadline) and how (a route of steps). Then, over
every superior → local link of the policy library, it compares how often local clauses
modified a vague superior clause with how often they modified a clear one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.values import Evidence
from luodi.policy.lineage import ClauseDiff, clause_diff
from luodi.policy.vague import vague_terms

__all__ = ["AMBIGUITY_MARKS", "ELEMENTS", "MONEY_KINDS", "Ambiguity", "ambiguity"]

ELEMENTS = ("who", "how_much", "when", "how")
# Benefits paid in money must say how much; a school place or a service need not.
MONEY_KINDS = frozenset({"cash_award", "subsidy", "funding", "housing", "tax_deduction"})
# The marks of an ambiguous clause: vague wording, and each element it leaves unstated. The
# clause's ``ambiguity`` is the share of the five it carries (0 = clear, 1 = all five).
AMBIGUITY_MARKS = 1 + len(ELEMENTS)
NO_RULES = "未提供政策规则，无法比较上下级条款 — no policy rules given to compare clauses"


@dataclass(frozen=True, kw_only=True)
class Ambiguity:
    """The ``factors.p1_ambiguity`` value."""

    clauses: tuple[Mapping[str, Any], ...]
    links: tuple[Mapping[str, Any], ...]
    reason: str | None

    def _modified(self, vague: bool) -> tuple[int, int, float | None]:
        chosen = [link for link in self.links if link["superior_vague"] is vague]
        modified = sum(1 for link in chosen if link["modified"])
        changes = sum(int(link["changes"]) for link in chosen)
        return len(chosen), modified, (changes / len(chosen) if chosen else None)

    def to_dict(self) -> dict[str, Any]:
        vague_n, vague_mod, vague_changes = self._modified(True)
        clear_n, clear_mod, clear_changes = self._modified(False)
        return {
            "clauses": [dict(c) for c in self.clauses],
            "vague_clauses": sum(1 for c in self.clauses if c["vague_terms"]),
            "clauses_with_missing_elements": sum(1 for c in self.clauses if c["missing_elements"]),
            "links": [dict(link) for link in self.links],
            "vague_superior_links": vague_n,
            "vague_superior_modified": vague_mod,
            "vague_superior_modified_share": vague_mod / vague_n if vague_n else None,
            "vague_superior_changes_mean": vague_changes,
            "clear_superior_links": clear_n,
            "clear_superior_modified": clear_mod,
            "clear_superior_modified_share": clear_mod / clear_n if clear_n else None,
            "clear_superior_changes_mean": clear_changes,
            "reason": self.reason,
        }


def _change_count(diff: ClauseDiff) -> int:
    """Criteria and amount changes one by one, plus each other field that changed."""
    fields = (diff.benefit_kind, diff.route, diff.deadline_days, diff.delivery, diff.phases)
    return len(diff.criteria) + len(diff.amounts) + sum(1 for f in fields if f is not None)


def _facts(ctx: DiagnosisContext) -> dict[str, dict[str, Any]]:
    """Per clause: text, level, refines, kind, amount stated, deadline, route roles."""
    levels = {
        str(r["policy_id"]): r["level"]
        for r in ctx.dataset["policies"].select(["policy_id", "level"]).to_pylist()
    }
    roles: dict[str, list[str]] = {}
    for r in ctx.dataset["clause_routes"].select(["clause_id", "role"]).to_pylist():
        roles.setdefault(str(r["clause_id"]), []).append(str(r["role"]))
    facts: dict[str, dict[str, Any]] = {}
    for r in ctx.dataset["clauses"].to_pylist():
        cid = str(r["clause_id"])
        facts[cid] = {
            "text": r["text"],
            "level": levels.get(str(r["policy_id"])),
            "refines": r["refines"],
            "benefit_kind": r["benefit_kind"],
            "amount_stated": r["amount"] is not None,
            "deadline_days": r["deadline_days"],
            "roles": roles.get(cid, []),
        }
    library = ctx.library
    if library is not None:
        for cid, (clause, document) in library.clauses().items():
            resolved = library.resolve(cid, ctx.rules_on)
            known = facts.setdefault(cid, {"roles": [], "amount_stated": False})
            known.update(
                text=clause.text,
                level=document.level,
                refines=clause.refines,
                benefit_kind=resolved.benefit.kind,
                # A tiered table, a formula or a cap all state how much.
                amount_stated=bool(known.get("amount_stated"))
                or resolved.benefit.amount is not None
                or resolved.benefit.cap is not None,
                deadline_days=resolved.deadline_days,
                roles=known.get("roles") or [step.role for step in clause.route],
            )
    return facts


def _missing(fact: Mapping[str, Any]) -> list[str]:
    roles: Sequence[str] = fact.get("roles") or []
    missing = []
    if "lead" not in roles:
        missing.append("who")
    if fact.get("benefit_kind") in MONEY_KINDS and not fact.get("amount_stated"):
        missing.append("how_much")
    if fact.get("deadline_days") is None:
        missing.append("when")
    if not roles:
        missing.append("how")
    return missing


def ambiguity(ctx: DiagnosisContext) -> Ambiguity:
    """Vague terms and missing elements per clause; modification of vague vs clear superiors."""
    facts = _facts(ctx)
    clauses = []
    vague: dict[str, bool] = {}
    for cid in sorted(facts):
        fact = facts[cid]
        terms = vague_terms(str(fact.get("text") or ""))
        missing = _missing(fact)
        vague[cid] = bool(terms)
        clauses.append(
            {
                "clause_id": cid,
                "level": fact.get("level"),
                "vague_terms": [{"term": t, "start": s, "end": e} for t, s, e in terms],
                "missing_elements": missing,
                "ambiguity": (int(bool(terms)) + len(missing)) / AMBIGUITY_MARKS,
                "evidence": Evidence(kind="clause", filters={"clause_id": cid}).to_dict(),
            }
        )
    library = ctx.library
    if library is None:
        return Ambiguity(clauses=tuple(clauses), links=(), reason=NO_RULES)
    known = library.clauses()
    links = []
    for cid in sorted(known):
        parent = known[cid][0].refines
        if parent is None or parent not in known:
            continue
        diff = clause_diff(
            parent=library.resolve(parent, ctx.rules_on),
            child=library.resolve(cid, ctx.rules_on),
        )
        links.append(
            {
                "superior_clause_id": parent,
                "clause_id": cid,
                "superior_vague": vague.get(parent, False),
                "modified": not diff.unchanged,
                "changes": _change_count(diff),
            }
        )
    return Ambiguity(clauses=tuple(clauses), links=tuple(links), reason=None)
