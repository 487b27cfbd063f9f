"""D1's staged-funding funnel (宽进严助): the eligible, those paid each phase, and why others left.

Stages are sets of subjects (persons or employers): the eligible (from the rules over the
whole population, else the applicants), then for each phase ``k`` the subjects paid phase
``k`` of the clause (``disbursements.phase == k``). Between two stages, the subjects of the
first missing from the second are *lost*, each under the reason of its last stopping event on
the clause (a rejection, a block, a withdrawal or a failed phase check), or 未申请 when an
eligible subject never applied. Everything row-scaled is one engine query per staged clause.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.quantities import to_int
from luodi.diagnosis.values import Evidence, EvidenceKind
from luodi.engines import Frame
from luodi.policy.compile import SUBJECT_ID, compile_clauses, subject_frame

__all__ = [
    "IN_PROCESS",
    "NO_APPLICATION",
    "NO_REASON",
    "STOP_DECISIONS",
    "Attrition",
    "Funnel",
    "LostReason",
    "staged_clauses",
    "staged_funnels",
]

# Event decisions that end a subject's way through the phases; a phase check ends it only
# when it gives a reason (a passed check has none).
STOP_DECISIONS = ("rejected", "blocked_no_rule", "withdrawn")
NO_APPLICATION = "未申请 no application"
IN_PROCESS = "办理中 still in process"
NO_REASON = "未记录原因 no reason recorded"
# The study's staged funding has four phases; the funnel always shows at least that many.
SHOWN_PHASES = 4


@dataclass(frozen=True, kw_only=True)
class LostReason:
    """Subjects lost between two stages for one reason at one department."""

    reason: str
    decision: str | None
    department_id: str | None
    count: int
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "decision": self.decision,
            "department_id": self.department_id,
            "count": self.count,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, kw_only=True)
class Attrition:
    """``lost`` subjects of stage ``source`` missing from stage ``target``."""

    source: str
    target: str
    lost: int
    reasons: tuple[LostReason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "lost": self.lost,
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True, kw_only=True)
class Funnel:
    """One staged clause: ``paid[k - 1]`` subjects were paid phase ``k``."""

    clause_id: str
    eligible: int
    eligible_source: str
    phases: int
    paid: tuple[int, ...]
    attrition: tuple[Attrition, ...]

    def phase(self, k: int) -> int:
        return self.paid[k - 1] if 1 <= k <= len(self.paid) else 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"clause_id": self.clause_id, "eligible": self.eligible}
        for k in range(1, max(SHOWN_PHASES, self.phases) + 1):
            out[f"phase_{k}"] = self.phase(k)
        out |= {
            "phases": self.phases,
            "eligible_source": self.eligible_source,
            "attrition": [a.to_dict() for a in self.attrition],
            "evidence": Evidence(kind="cases", filters={"clause_id": self.clause_id}).to_dict(),
            "stage_evidence": self.stage_evidence(),
        }
        return out

    def stage_evidence(self) -> dict[str, dict[str, Any]]:
        """Per stage, the records behind its count: the clause when the rules give the
        eligible (they are not cases), else its cases; then the cases paid phase ``k``."""
        clause = {"clause_id": self.clause_id}
        kind: EvidenceKind = "clause" if self.eligible_source == "rules" else "cases"
        out = {"eligible": Evidence(kind=kind, filters=clause).to_dict()}
        for k in range(1, max(SHOWN_PHASES, self.phases) + 1):
            paid = {**clause, "paid_phase": str(k)}
            out[f"phase_{k}"] = Evidence(kind="cases", filters=paid).to_dict()
        return out


def staged_clauses(ctx: DiagnosisContext) -> dict[str, int]:
    """Clauses paid in more than one phase, with their number of phases (a small table)."""
    rows = ctx.rows(
        ctx.frame("clause_phases").group_by("clause_id").agg(nw.col("phase").max().alias("n"))
    )
    return {str(r["clause_id"]): to_int(r["n"]) for r in rows if to_int(r["n"]) > 1}


def _subject_id() -> nw.Expr:
    # The same subject as case_outcomes: the person when there is one, else the employer.
    person = nw.col("person_id")
    return nw.when(~person.is_null()).then(person).otherwise(nw.col("employer_id"))


def _eligible_subjects(ctx: DiagnosisContext, clause_id: str) -> Frame | None:
    """The subjects the rules make eligible for ``clause_id``; None without rules for it."""
    if ctx.library is None or ctx.coverage is None:
        return None
    in_force = {c.id: c for c in ctx.library.clauses_in_force(ctx.rules_on)}
    resolved = in_force.get(clause_id)
    if resolved is None:
        return None
    subject = resolved.clause.subject
    compiled = compile_clauses([resolved], on=ctx.rules_on, subject=subject)
    frame = compiled.prepare(
        subject_frame(dataset=ctx.dataset, engine=ctx.engine, subject=subject),
        keep=[nw.col(SUBJECT_ID[subject]).alias("subject_id")],
    )
    eligible = compiled.clauses[0].eligible.fill_null(value=False)
    return frame.filter(eligible).select("subject_id", nw.lit(1).alias("eligible"))


def _subject_stages(ctx: DiagnosisContext, clause_id: str, phases: int) -> tuple[Frame, str]:
    """One row per combination of stage flags and last stopping event, with its subjects."""
    cases = (
        ctx.frame("cases")
        .filter(nw.col("clause_id") == clause_id)
        .select("case_id", "status", _subject_id().alias("subject_id"))
    )
    applied = cases.group_by("subject_id").agg(
        nw.len().alias("applied"),
        (nw.col("status") == "open").cast(nw.Int64()).max().alias("open"),
    )
    eligible = _eligible_subjects(ctx, clause_id)
    source = "rules"
    if eligible is None:
        source = "applications"
        eligible = applied.select("subject_id", nw.lit(1).alias("eligible"))
    paid = (
        ctx.frame("disbursements")
        .join(cases.select("case_id", "subject_id"), on="case_id")
        .group_by("subject_id")
        .agg(
            *[
                (nw.col("phase") == k).cast(nw.Int64()).max().alias(f"p{k}")
                for k in range(1, phases + 1)
            ]
        )
    )
    stops = (
        ctx.frame("events")
        .join(cases.select("case_id", "subject_id"), on="case_id")
        .filter(
            nw.col("decision").is_in(STOP_DECISIONS)
            | ((nw.col("decision") == "phase_checked") & ~nw.col("reason").is_null())
        )
        .with_columns(
            following=nw.col("event_id")
            .shift(-1)
            .over("subject_id", order_by=["timestamp", "event_id"])
        )
        .filter(nw.col("following").is_null())
        .select(
            "subject_id",
            "reason",
            "decision",
            nw.col("department_id").alias("reason_department_id"),
        )
    )
    subjects = nw.concat(
        [eligible.select("subject_id"), applied.select("subject_id"), paid.select("subject_id")],
        how="vertical",
    ).unique()
    flags = ["eligible", "applied", "open", *[f"p{k}" for k in range(1, phases + 1)]]
    combined = (
        subjects.join(eligible, on="subject_id", how="left")
        .join(applied, on="subject_id", how="left")
        .join(paid, on="subject_id", how="left")
        .join(stops, on="subject_id", how="left")
        .with_columns(*[nw.col(f).fill_null(0) for f in flags])
        .with_columns((nw.col("applied") > 0).cast(nw.Int64()).alias("applied"))
        .group_by(*flags, "reason", "decision", "reason_department_id")
        .agg(nw.len().alias("n"))
    )
    return combined, source


def _reason(row: Mapping[str, Any]) -> tuple[str, str | None, str | None]:
    if not row["applied"]:
        return NO_APPLICATION, None, None
    if row["reason"] is not None:
        return str(row["reason"]), row["decision"], row["reason_department_id"]
    if row["open"]:
        return IN_PROCESS, None, None
    return NO_REASON, None, None


def _evidence(
    clause_id: str, paid_phases: int, key: tuple[str, str | None, str | None]
) -> Evidence:
    reason, decision, department_id = key
    if reason == NO_APPLICATION:
        return Evidence(kind="clause", filters={"clause_id": clause_id})
    filters = {"clause_id": clause_id, "phases_paid": str(paid_phases)}
    if decision is not None:
        # The reason text tells apart subjects stopped by the same decision and department.
        filters |= {"decision": decision, "reason": reason}
    if department_id is not None:
        filters["department_id"] = department_id
    if reason == IN_PROCESS:
        filters["status"] = "open"
    return Evidence(kind="cases", filters=filters)


def _attrition(
    rows: Sequence[Mapping[str, Any]], clause_id: str, stages: Sequence[str]
) -> tuple[Attrition, ...]:
    out = []
    for k, (source, target) in enumerate(itertools.pairwise(stages)):
        lost: Counter[tuple[str, str | None, str | None]] = Counter()
        for row in rows:
            if row[source] and not row[target]:
                lost[_reason(row)] += to_int(row["n"])
        ranked = sorted(lost.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2] or ""))
        reasons = tuple(
            LostReason(
                reason=key[0],
                decision=key[1],
                department_id=key[2],
                count=count,
                evidence=_evidence(clause_id, k, key),
            )
            for key, count in ranked
        )
        names = [_stage_name(s) for s in (source, target)]
        out.append(
            Attrition(source=names[0], target=names[1], lost=sum(lost.values()), reasons=reasons)
        )
    return tuple(out)


def _stage_name(column: str) -> str:
    return column if column == "eligible" else f"phase_{column.removeprefix('p')}"


def staged_funnel(ctx: DiagnosisContext, *, clause_id: str, phases: int) -> Funnel:
    frame, source = _subject_stages(ctx, clause_id, phases)
    rows = ctx.rows(frame)
    stages = ["eligible", *[f"p{k}" for k in range(1, phases + 1)]]
    counts = {s: sum(to_int(r["n"]) for r in rows if r[s]) for s in stages}
    return Funnel(
        clause_id=clause_id,
        eligible=counts["eligible"],
        eligible_source=source,
        phases=phases,
        paid=tuple(counts[f"p{k}"] for k in range(1, phases + 1)),
        attrition=_attrition(rows, clause_id, stages),
    )


def staged_funnels(ctx: DiagnosisContext) -> tuple[Funnel, ...]:
    """A funnel per staged clause, by clause id."""
    return tuple(
        staged_funnel(ctx, clause_id=clause_id, phases=phases)
        for clause_id, phases in sorted(staged_clauses(ctx).items())
    )
