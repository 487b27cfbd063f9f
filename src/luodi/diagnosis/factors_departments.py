"""P3 按钮部门与人情关系 and P4 组织配备: blocks, conflicts and exceptions per department; staffing.

P3 per department: cases blocked there (a blocked step naming a missing rule or a "blocked:
no supporting rule" event, distinct cases), registered conflicts it is party to (open = not
resolved) and those its steps cite as the cause of a block, exceptions it made outside
procedure, decisions it took, and the share of the cases reaching it (its arrived steps, or
without steps the cases with an event there) that it blocked; ``veto_block_share`` is the
share of all block incidences (case × department) at veto departments. P4: talent-office
staff per 1,000 talents, inquiries per staff member and the share of respondents reached by
government outreach.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from luodi.diagnosis.awareness import CHANNEL_ITEM, channel_shares, item_counts
from luodi.diagnosis.context import DiagnosisContext
from luodi.diagnosis.values import Evidence

__all__ = ["DECISIONS", "Organisation", "Veto", "organisation", "veto"]

# Events that decide something at a department (an arrival or a submission does not).
DECISIONS = ("approved", "rejected", "returned", "blocked_no_rule")
_RESOLVED = "resolved"


def _int(value: object) -> int:
    return int(value) if value is not None else 0  # type: ignore[call-overload]


@dataclass(frozen=True, kw_only=True)
class Veto:
    """The ``factors.p3_veto`` value."""

    departments: tuple[Mapping[str, Any], ...]
    reached_source: str

    def to_dict(self) -> dict[str, Any]:
        blocks = sum(int(d["blocks"]) for d in self.departments)
        at_veto = sum(int(d["blocks"]) for d in self.departments if d["is_veto"])
        return {
            "departments": [dict(d) for d in self.departments],
            "reached_source": self.reached_source,
            "blocks": blocks,
            "veto_blocks": at_veto,
            "veto_block_share": at_veto / blocks if blocks else None,
        }


def _per_department(ctx: DiagnosisContext, frame: Any, column: str) -> dict[str, int]:
    rows = ctx.rows(frame)
    return {str(r["department_id"]): _int(r[column]) for r in rows if r["department_id"]}


def veto(ctx: DiagnosisContext) -> Veto:
    """P3 per department (see the module docstring); departments with any activity."""
    events = ctx.frame("events")
    steps = ctx.frame("case_steps")
    blocked_pairs = nw.concat(
        [
            events.filter(nw.col("decision") == "blocked_no_rule").select(
                "case_id", "department_id"
            ),
            # A blocked step names the rule it lacks; the platform's drill-down counts the same.
            steps.filter(
                (nw.col("status") == "blocked") & ~nw.col("missing_rule").is_null()
            ).select("case_id", "department_id"),
        ],
        how="vertical",
    )
    blocks = _per_department(
        ctx,
        blocked_pairs.group_by("department_id").agg(nw.col("case_id").n_unique().alias("n")),
        "n",
    )
    # Cases reaching a department: its steps that arrived (one per case and department on a
    # route), or without steps the distinct cases with an event there (a costlier count).
    if ctx.count("case_steps"):
        reached_source = "case_steps"
        reached_frame = (
            steps.filter(~nw.col("arrived_at").is_null())
            .group_by("department_id")
            .agg(nw.len().alias("n"))
        )
    else:
        reached_source = "events"
        reached_frame = events.group_by("department_id").agg(
            nw.col("case_id").n_unique().alias("n")
        )
    reached = _per_department(ctx, reached_frame, "n")
    decisions = _per_department(
        ctx,
        events.filter(nw.col("decision").is_in(DECISIONS))
        .group_by("department_id")
        .agg(nw.len().alias("n")),
        "n",
    )
    exceptions = _per_department(
        ctx, ctx.frame("exceptions").group_by("department_id").agg(nw.len().alias("n")), "n"
    )
    # Conflicts a department's blocked steps cite, beside those it is a registered party to.
    cited: dict[str, set[str]] = {}
    for row in ctx.rows(
        steps.filter(~nw.col("conflict_id").is_null())
        .select("department_id", "conflict_id")
        .unique()
    ):
        cited.setdefault(str(row["department_id"]), set()).add(str(row["conflict_id"]))
    conflicts: dict[str, list[Mapping[str, Any]]] = {}
    for row in ctx.dataset["conflicts"].to_pylist():
        for side in ("department_a", "department_b"):
            if row[side]:
                conflicts.setdefault(str(row[side]), []).append(row)
    departments = {
        str(r["department_id"]): r
        for r in ctx.dataset["departments"].select(["department_id", "is_veto"]).to_pylist()
    }
    active = set(blocks) | set(reached) | set(exceptions) | set(conflicts) | set(cited)
    out = []
    for did in sorted(active):
        # A block is a case that reached the department, whatever the log says of its arrival.
        cases = max(reached.get(did, 0), blocks.get(did, 0))
        mine = conflicts.get(did, [])
        out.append(
            {
                "department_id": did,
                "is_veto": bool(departments.get(did, {}).get("is_veto", False)),
                "cases": cases,
                "blocks": blocks.get(did, 0),
                "conflicts_open": sum(1 for c in mine if c["status"] != _RESOLVED),
                "conflicts": len(mine),
                "conflict_ids": sorted(str(c["conflict_id"]) for c in mine),
                "conflicts_cited": sorted(cited.get(did, set())),
                "exceptions": exceptions.get(did, 0),
                "decisions": decisions.get(did, 0),
                "block_share": blocks.get(did, 0) / cases if cases else None,
                "evidence": Evidence(kind="department", filters={"department_id": did}).to_dict(),
                "blocks_evidence": Evidence(
                    kind="cases", filters={"department_id": did, "decision": "blocked_no_rule"}
                ).to_dict(),
                "conflicts_evidence": Evidence(
                    kind="conflicts", filters={"department_id": did, "status": "open"}
                ).to_dict(),
                "exceptions_evidence": Evidence(
                    kind="exceptions", filters={"department_id": did}
                ).to_dict(),
            }
        )
    return Veto(departments=tuple(out), reached_source=reached_source)


@dataclass(frozen=True, kw_only=True)
class Organisation:
    """The ``factors.p4_organisation`` value."""

    values: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def organisation(ctx: DiagnosisContext) -> Organisation:
    """P4 indicators (see the module docstring)."""
    kinds = {
        str(r["department_id"]): r["kind"]
        for r in ctx.dataset["departments"].select(["department_id", "kind"]).to_pylist()
    }
    staff_rows = ctx.dataset["staff"].select(["department_id"]).to_pylist()
    office = [r for r in staff_rows if kinds.get(str(r["department_id"])) == "talent_office"]
    office_ids = sorted({str(r["department_id"]) for r in office})
    talents = ctx.count("persons")
    inquiries = ctx.count("inquiries")
    staff = len(staff_rows)
    shares, counts = channel_shares(item_counts(ctx, (CHANNEL_ITEM,))[CHANNEL_ITEM])
    return Organisation(
        values={
            "talent_office_staff": len(office),
            "talent_office_ids": office_ids,
            "talents": talents,
            "staff_per_1000_talents": (len(office) * 1000 / talents if talents else None),
            "staff": staff,
            "inquiries": inquiries,
            "inquiries_per_staff": _share(inquiries, staff),
            "inquiries_per_talent_office_staff": _share(inquiries, len(office)),
            "outreach_share": shares["outreach"],
            "outreach_respondents": counts["outreach"],
            "channel_valid_n": counts["valid_n"],
            "evidence": (
                Evidence(kind="department", filters={"department_id": office_ids[0]}).to_dict()
                if len(office_ids) == 1
                else None
            ),
        }
    )
