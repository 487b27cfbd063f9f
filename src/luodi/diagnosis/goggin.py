"""Goggin's three questions per local clause: intent carried out, delayed, modified on the way.

A clause is asked about when it refines a superior clause and someone applied for it.

* Intent: the superior clause's eligible subjects by group (tier group for talents, stage for
  employers; the policy engine over the whole population) against the clause's actual
  recipients by group. The distance between the two compositions is the total variation
  distance (half the sum of absolute share differences); at ``INTENT_DRIFT_DISTANCE`` or more
  the intent drifted, and ``direction`` says whether towards higher-status groups.
* Delay: time to benefit in working days against the deadline (``goggin_delay``).
* Modification: ``luodi.policy.lineage.clause_diff`` of the clause against its superior, and
  the coverage it cost: superior eligible minus local eligible on the same population
  (negative when the local rule covers more); narrowed when it cost coverage, widened when
  it gained, changed when the rules differ but the count does not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import pyarrow.compute as pc

from luodi.diagnosis.context import (
    EMPLOYER_STAGES,
    TIER_GROUPS,
    DiagnosisContext,
    tier_group_expr,
)
from luodi.diagnosis.goggin_delay import case_benefits, clause_delays
from luodi.diagnosis.quantities import to_int
from luodi.diagnosis.values import Evidence, Finding
from luodi.engines import Frame
from luodi.policy.lineage import clause_diff

__all__ = [
    "INTENT_DRIFT_DISTANCE",
    "INTENT_VERDICTS",
    "MODIFICATION_VERDICTS",
    "Goggin",
    "goggin",
]

INTENT_VERDICTS = ("carried_out", "drifted", "not_carried_out", "unknown")
MODIFICATION_VERDICTS = ("unchanged", "narrowed", "widened", "changed", "unknown")
DELAY_ORDER = ("on_time", "delayed", "unknown")
# A fifth of the recipients in other groups than the superior clause meant is a visible drift.
INTENT_DRIFT_DISTANCE = 0.2

NO_RULES = "未提供政策规则，无法计算上级条款的适用对象 — no policy rules given"
NOT_IN_FORCE = "上级条款在规则日期未生效 — the superior clause is not in force on the rules date"
OTHER_SUBJECT = "上级条款与本条款的对象类别不同 — the superior clause is for another subject kind"
NO_SUPERIOR_ELIGIBLE = "上级条款没有适用对象 — nobody is eligible under the superior clause"


@dataclass(frozen=True, kw_only=True)
class Goggin:
    """The ``goggin`` section of the report."""

    clauses: tuple[Mapping[str, Any], ...]
    findings: tuple[Finding, ...]

    def summary(self) -> dict[str, dict[str, int]]:
        orders = {
            "intent": INTENT_VERDICTS,
            "delay": DELAY_ORDER,
            "modification": MODIFICATION_VERDICTS,
        }
        out: dict[str, dict[str, int]] = {}
        for question, verdicts in orders.items():
            counts = {verdict: 0 for verdict in verdicts}
            for clause in self.clauses:
                counts[clause[question]["verdict"]] += 1
            out[question] = counts
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "clauses": [dict(c) for c in self.clauses],
            "summary": self.summary(),
            "findings": [f.to_dict() for f in self.findings],
        }


def _table_rows(ctx: DiagnosisContext, name: str, columns: list[str]) -> list[dict[str, Any]]:
    # Clause and policy tables are small (one row per clause): read them directly.
    rows: list[dict[str, Any]] = ctx.dataset[name].select(columns).to_pylist()
    return rows


def _chain(clause_id: str, refines: Mapping[str, str | None]) -> list[str]:
    chain = [clause_id]
    current = refines.get(clause_id)
    while current is not None and current not in chain:
        chain.append(current)
        current = refines.get(current)
    return list(reversed(chain))


def _recipients(ctx: DiagnosisContext, benefits: Frame) -> dict[tuple[str, str], dict[str, int]]:
    """(clause, subject kind) → group → distinct recipients."""
    received = benefits.filter(nw.col("received"))
    groups = {
        "person": ctx.frame("persons").select(
            nw.col("person_id").alias("g_id"), tier_group_expr().alias("tier_group")
        ),
        "employer": ctx.frame("employers").select(
            nw.col("employer_id").alias("g_id"), nw.col("stage").alias("employer_stage")
        ),
    }
    out: dict[tuple[str, str], dict[str, int]] = {}
    for kind, key, subject in (
        ("person", "tier_group", "person_id"),
        ("employer", "employer_stage", "employer_id"),
    ):
        # Distinct recipients first, so the population table joins one row per recipient.
        grouped = (
            received.filter(~nw.col(subject).is_null())
            .select("clause_id", subject)
            .unique()
            .join(groups[kind], left_on=subject, right_on="g_id", how="inner")
            .filter(~nw.col(key).is_null())
            .group_by("clause_id", key)
            .agg(nw.len().alias("n"))
        )
        for row in ctx.rows(grouped):
            counts = out.setdefault((str(row["clause_id"]), kind), {})
            counts[str(row[key])] = to_int(row["n"])
    return out


def _eligible_by_group(ctx: DiagnosisContext, clause_id: str) -> tuple[str, dict[str, int]] | None:
    if ctx.coverage is None:
        return None
    try:
        clause = ctx.coverage.clause(clause_id)
    except KeyError:
        return None
    key = "tier_group" if clause.subject == "person" else "employer_stage"
    totals: dict[str, int] = {}
    for group in clause.groups:
        value = group.group.get(key)
        if value is not None:
            totals[str(value)] = totals.get(str(value), 0) + group.eligible
    return clause.subject, totals


def _shares(counts: Mapping[str, int], order: Sequence[str]) -> dict[str, float | None]:
    total = sum(counts.get(g, 0) for g in order)
    return {g: (counts.get(g, 0) / total if total else None) for g in order}


def _intent(
    ctx: DiagnosisContext,
    clause_id: str,
    superior_id: str,
    recipients: Mapping[tuple[str, str], dict[str, int]],
) -> dict[str, Any]:
    evidence = Evidence(kind="cases", filters={"clause_id": clause_id, "received": "yes"})
    base: dict[str, Any] = {
        "verdict": "unknown",
        "superior_clause_id": superior_id,
        "groups": [],
        "general_share_superior": None,
        "general_share_recipients": None,
        "startup_share_superior": None,
        "startup_share_recipients": None,
        "distance": None,
        "direction": None,
        "evidence": evidence.to_dict(),
    }
    if ctx.coverage is None:
        return {**base, "reason": NO_RULES}
    superior, local = _eligible_by_group(ctx, superior_id), _eligible_by_group(ctx, clause_id)
    if superior is None or local is None:
        return {**base, "reason": NOT_IN_FORCE}
    subject, superior_counts = superior
    if subject != local[0]:
        return {**base, "reason": OTHER_SUBJECT}
    order = TIER_GROUPS if subject == "person" else EMPLOYER_STAGES
    if sum(superior_counts.get(g, 0) for g in order) == 0:
        return {**base, "reason": NO_SUPERIOR_ELIGIBLE}
    got = recipients.get((clause_id, subject), {})
    intended, actual = _shares(superior_counts, order), _shares(got, order)
    groups = [
        {
            "group": g,
            "superior_eligible": superior_counts.get(g, 0),
            "superior_eligible_share": intended[g],
            "recipients": got.get(g, 0),
            "recipient_share": actual[g],
        }
        for g in order
    ]
    lowest = order[0]
    shares = {
        "general_share_superior": intended[lowest] if subject == "person" else None,
        "general_share_recipients": actual[lowest] if subject == "person" else None,
        "startup_share_superior": intended[lowest] if subject == "employer" else None,
        "startup_share_recipients": actual[lowest] if subject == "employer" else None,
    }
    if sum(got.values()) == 0:
        return {**base, **shares, "groups": groups, "verdict": "not_carried_out"}
    distance = sum(abs((actual[g] or 0.0) - (intended[g] or 0.0)) for g in order) / 2
    # Mean status rank (0 = lowest group) of recipients against the superior's eligible.
    rank_gap = sum(i * ((actual[g] or 0.0) - (intended[g] or 0.0)) for i, g in enumerate(order))
    direction = "higher_status" if rank_gap > 0 else "lower_status" if rank_gap < 0 else "none"
    verdict = "drifted" if distance >= INTENT_DRIFT_DISTANCE else "carried_out"
    return {
        **base,
        **shares,
        "groups": groups,
        "verdict": verdict,
        "distance": distance,
        "direction": direction,
    }


def _modification(ctx: DiagnosisContext, clause_id: str, superior_id: str) -> dict[str, Any]:
    base: dict[str, Any] = {
        "verdict": "unknown",
        "changes": [],
        "veto_steps_added": None,
        "superior_eligible": None,
        "local_eligible": None,
        "coverage_cost": None,
        "coverage_cost_share": None,
        "evidence": Evidence(kind="clause", filters={"clause_id": clause_id}).to_dict(),
    }
    library = ctx.library
    if library is None or superior_id not in library.clauses():
        return {**base, "reason": NO_RULES}
    diff = clause_diff(
        parent=library.resolve(superior_id, ctx.rules_on),
        child=library.resolve(clause_id, ctx.rules_on),
    )
    eligible: dict[str, tuple[str, int]] = {}
    if ctx.coverage is not None:
        subjects = {c.clause_id: c.subject for c in ctx.coverage.clauses}
        eligible = {
            n.clause_id: (subjects[n.clause_id], n.eligible) for n in ctx.coverage.not_received
        }
    superior, local = eligible.get(superior_id), eligible.get(clause_id)
    cost: int | None = None
    if superior is not None and local is not None and superior[0] == local[0]:
        cost = superior[1] - local[1]
    if diff.unchanged:
        verdict = "unchanged"
    elif cost is None or cost == 0:
        verdict = "changed"
    else:
        verdict = "narrowed" if cost > 0 else "widened"
    return {
        **base,
        "verdict": verdict,
        "changes": [diff.to_dict()],
        "veto_steps_added": diff.veto_steps_added,
        "superior_eligible": superior[1] if superior else None,
        "local_eligible": local[1] if local else None,
        "coverage_cost": cost,
        # The share of the superior's eligible the local rule leaves out; a widening (a
        # negative cost) leaves nobody out.
        "coverage_cost_share": (
            max(cost, 0) / superior[1] if cost is not None and superior and superior[1] else None
        ),
    }


def _clause_facts(ctx: DiagnosisContext) -> dict[str, dict[str, Any]]:
    """clause_id → refines, level, deadline on the rules date (library first, else tables)."""
    levels = {
        str(r["policy_id"]): r["level"]
        for r in _table_rows(ctx, "policies", ["policy_id", "level"])
    }
    facts = {
        str(r["clause_id"]): {
            "refines": r["refines"],
            "level": levels.get(str(r["policy_id"])),
            "deadline_days": r["deadline_days"],
        }
        for r in _table_rows(ctx, "clauses", ["clause_id", "policy_id", "refines", "deadline_days"])
    }
    if ctx.library is not None:
        for cid, (clause, document) in ctx.library.clauses().items():
            resolved = ctx.library.resolve(cid, ctx.rules_on)
            facts[cid] = {
                "refines": clause.refines,
                "level": document.level,
                "deadline_days": resolved.deadline_days,
            }
    return facts


def goggin(ctx: DiagnosisContext) -> Goggin:
    """Goggin's three questions for every clause that refines another and has cases."""
    # The clauses applied for, read off the column as the coverage engine does: a distinct
    # over a million case rows costs the engine more than Arrow's unique.
    cased = {str(c) for c in pc.unique(ctx.dataset["cases"].column("clause_id")).to_pylist()}
    facts = _clause_facts(ctx)
    refines = {cid: f["refines"] for cid, f in facts.items()}
    targets = sorted(cid for cid in cased if facts.get(cid, {}).get("refines"))
    benefits = case_benefits(ctx, targets)
    recipients = _recipients(ctx, benefits) if targets else {}
    delays = clause_delays(
        ctx, benefits, targets, {cid: facts[cid]["deadline_days"] for cid in targets}
    )
    clauses = tuple(
        {
            "clause_id": cid,
            "level": facts[cid]["level"],
            "refines": facts[cid]["refines"],
            "chain": _chain(cid, refines),
            "intent": _intent(ctx, cid, str(facts[cid]["refines"]), recipients),
            "delay": delays[cid],
            "modification": _modification(ctx, cid, str(facts[cid]["refines"])),
        }
        for cid in targets
    )
    return Goggin(clauses=clauses, findings=tuple(_findings(clauses)))


def _ids(clauses: Sequence[Mapping[str, Any]], question: str, verdict: str) -> list[str]:
    return [str(c["clause_id"]) for c in clauses if c[question]["verdict"] == verdict]


def _findings(clauses: Sequence[Mapping[str, Any]]) -> list[Finding]:
    found: list[Finding] = []
    asked = len(clauses)
    if not asked:
        return found
    drifted = [
        c
        for c in clauses
        if c["intent"]["verdict"] == "drifted" and c["intent"]["direction"] == "higher_status"
    ]
    if drifted:
        ids = "、".join(str(c["clause_id"]) for c in drifted)
        found.append(
            Finding(
                code="goggin.intent_drift_up",
                text_zh=f"{len(drifted)}/{asked} 条地方条款的实际受益者较上级条款的适用对象"
                f"明显偏向高层次人才或成熟期企业（{ids}）：锦上添花易、雪中送炭难。",
                text_en=f"{len(drifted)} of {asked} local clauses benefit higher-status groups "
                f"than their superior clause meant ({ids.replace('、', ', ')}).",
                value=len(drifted),
            )
        )
    not_done = _ids(clauses, "intent", "not_carried_out")
    if not_done:
        found.append(
            Finding(
                code="goggin.intent_not_carried_out",
                text_zh=f"有办件但无人受益的条款：{'、'.join(not_done)}。",
                text_en=f"Clauses with cases but no recipient: {', '.join(not_done)}.",
                value=len(not_done),
            )
        )
    delayed = _ids(clauses, "delay", "delayed")
    on_time = _ids(clauses, "delay", "on_time")
    found.append(
        Finding(
            code="goggin.delay",
            text_zh=f"{len(on_time)} 条条款按时兑现，{len(delayed)} 条延迟"
            + (f"（{'、'.join(delayed)}）" if delayed else "")
            + "。",
            text_en=f"{len(on_time)} clauses delivered on time, {len(delayed)} delayed"
            + (f" ({', '.join(delayed)})" if delayed else "")
            + ".",
            value=len(delayed),
        )
    )
    narrowed = _ids(clauses, "modification", "narrowed")
    if narrowed:
        found.append(
            Finding(
                code="goggin.narrowed",
                text_zh=f"{len(narrowed)} 条地方条款较上级条款收窄了适用对象"
                f"（{'、'.join(narrowed)}）。",
                text_en=f"{len(narrowed)} local clauses narrowed whom their superior clause "
                f"covers ({', '.join(narrowed)}).",
                value=len(narrowed),
            )
        )
    return found
