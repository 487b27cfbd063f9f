"""Small policy files for the checker tests: a valid document and helpers to locate problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from luodi.policy.loader import check_paths
from luodi.policy.problems import CheckReport

DEPARTMENTS = frozenset({"ISSUER", "D-LEAD", "D-CO", "D-AUD"})
REGIONS = frozenset({"R"})

# Line 9 opens the first clause; tests replace parts of this text and locate what they broke.
# The clause text states all six elements, so the valid file has no wording warning either.
VALID = """\
id: POL-T
title: 测试政策
issuer: ISSUER
level: district
region: R
issued_on: 2017-01-01
effective_from: 2017-03-01
clauses:
  - id: CL-T-1
    number: 第一条
    text: 对A类人才给予奖励10万元，由区人社局审核，自申请之日起30个工作日内发放。
    benefit: {kind: cash_award, amount: 100000}
    eligibility:
      attribute: person.talent_tier
      op: in
      value: [A]
    route:
      - {department: D-LEAD, role: lead}
      - {department: D-AUD, role: veto}
    deadline_days: 30
"""


def at(text: str, needle: str, *, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def where(report: CheckReport, code: str) -> list[tuple[str, int, int]]:
    """(file name, line, column) of every problem with ``code``."""
    return [(Path(p.file).name, p.line, p.column) for p in report.problems if p.code == code]


Check = Callable[[Mapping[str, str]], CheckReport]


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """Write files (name → text) into a fresh folder and check the folder."""

    def run(files: Mapping[str, str]) -> CheckReport:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return check_paths([tmp_path], departments=DEPARTMENTS, regions=REGIONS)

    return run
