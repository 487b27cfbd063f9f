"""The conflicts register of the demo: the study's two pairs of rules that cannot both be followed.

P3: the school green channel runs into H市教育局's "公办中小学不收择校生", and in-post
entrepreneurship into the rule that serving cadres may not hold posts in firms, which the
discipline inspection commission applies. The rules are quoted from the demo policy library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from luodi.demo.policies import POLICIES, clause

__all__ = ["CONFLICTS", "POSTS_CONFLICT", "SCHOOL_CONFLICT", "ConflictSpec", "conflict_rows"]

Row = dict[str, Any]

SCHOOL_CONFLICT = "CF-01"
POSTS_CONFLICT = "CF-02"


@dataclass(frozen=True, kw_only=True)
class ConflictSpec:
    """Two clauses of the library that contradict each other, and who holds each side."""

    conflict_id: str
    title: str
    clause_a: str
    department_a: str
    clause_b: str
    department_b: str
    clause_id: str


CONFLICTS: tuple[ConflictSpec, ...] = (
    ConflictSpec(
        conflict_id=SCHOOL_CONFLICT,
        title="高层次人才子女入学绿色通道与“公办中小学不收择校生”",
        clause_a="CL-C-08",
        department_a="C-TO",
        clause_b="CL-H-EDU-01",
        department_b="H-EDU",
        clause_id="CL-C-08",
    ),
    ConflictSpec(
        conflict_id=POSTS_CONFLICT,
        title="科研人员在职创业取酬与党政领导干部不得在企业兼职（任职）",
        clause_a="CL-ZJ-01",
        department_a="C-TO",
        clause_b="CL-CN-06",
        department_b="C-DIS",
        clause_id="CL-ZJ-01",
    ),
)


def _cited(clause_id: str) -> str:
    """A clause as a register cites it: document number, clause number, text."""
    spec = clause(clause_id)
    policy = next(p for p in POLICIES if p.policy_id == spec.policy_id)
    return f"{policy.document_number or policy.title}{spec.number}：{spec.text}"


def _effective(clause_id: str) -> dt.date:
    policy_id = clause(clause_id).policy_id
    return next(p.effective_from for p in POLICIES if p.policy_id == policy_id)


def conflict_rows(raised: Mapping[str, dt.date]) -> list[Row]:
    """The register, each conflict raised on the day it first blocked a case.

    A conflict that blocked nothing (another seed) is dated from when both rules were in force.
    """
    return [
        {
            "conflict_id": c.conflict_id,
            "title": c.title,
            "rule_a": _cited(c.clause_a),
            "department_a": c.department_a,
            "rule_b": _cited(c.clause_b),
            "department_b": c.department_b,
            "clause_id": c.clause_id,
            # Open: the leadership group that could settle either never met (P3).
            "status": "open",
            "raised_on": raised.get(
                c.conflict_id, max(_effective(c.clause_a), _effective(c.clause_b))
            ),
            "resolved_on": None,
            "resolution": None,
        }
        for c in CONFLICTS
    ]
