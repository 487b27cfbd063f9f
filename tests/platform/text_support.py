"""Clauses of different issuers that contradict each other, stored for the text analyser tests.

The study's two conflicts: the talent office's green channel to public schools against the
rule that public schools take no 择校生, and start-ups by employed staff against the ban on
cadres holding posts in firms.
"""

from __future__ import annotations

import datetime as dt

from luodi.platform.policies.models import Clause, Policy

__all__ = ["GREEN_CHANNEL", "NO_CHOICE_PUPILS", "clauses_store"]

GREEN_CHANNEL = "CL-TX-1"
NO_CHOICE_PUPILS = "CL-TX-2"

_CLAUSES = (
    # (clause id, issuer, level, text)
    (
        GREEN_CHANNEL,
        "D-TO",
        "district",
        "高层次人才子女就读义务教育阶段学校的，可以优先安排到区内公办中小学就读。",
    ),
    (
        NO_CHOICE_PUPILS,
        "D-AUD",
        "district",
        "公办中小学一律不得招收择校生，严禁以任何名义跨学区招生。",
    ),
)


def clauses_store() -> list[Clause]:
    """Store one policy per issuer with its clause (on top of the small dataset)."""
    stored: list[Clause] = []
    for clause_id, issuer, level, text in _CLAUSES:
        policy = Policy.objects.create(
            policy_id=f"POL-{clause_id}",
            title=f"{clause_id}所在文件",
            issuer_id=issuer,
            level=level,
            region_id="R2",
            issued_on=dt.date(2017, 1, 5),
            effective_from=dt.date(2017, 2, 1),
        )
        stored.append(
            Clause.objects.create(
                clause_id=clause_id,
                policy=policy,
                number="第一条",
                text=text,
                benefit_kind="none",
                delivery_mode="application",
            )
        )
    return stored
