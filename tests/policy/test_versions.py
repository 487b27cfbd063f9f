"""Versions and supersession: which rule applies on a date, which document is in force."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from luodi.policy.library import Library
from luodi.policy.loader import load_library
from tests.policy.conftest import VALID

D = dt.date

_VERSIONED = VALID.replace(
    "    deadline_days: 30\n",
    "    deadline_days: 30\n"
    "    versions:\n"
    "      - effective_from: 2018-01-01\n"
    "        effective_to: 2018-12-31\n"
    "        deadline_days: 20\n"
    "        benefit: {kind: cash_award, amount: 150000}\n"
    "      - effective_from: 2019-01-01\n"
    "        eligibility: {attribute: person.talent_tier, op: in, value: [A, B]}\n",
)

_NEW = """\
id: POL-T2
title: 测试政策（修订）
issuer: ISSUER
level: district
region: R
issued_on: 2019-06-01
effective_from: 2019-07-01
supersedes: [POL-T]
clauses:
  - id: CL-T2-1
    number: 第一条
    text: 对A类、B类人才给予奖励。
    benefit: {kind: cash_award, amount: 200000}
    eligibility: {attribute: person.talent_tier, op: in, value: [A, B]}
"""


def _library(tmp_path: Path) -> Library:
    (tmp_path / "old.yaml").write_text(_VERSIONED, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(_NEW, encoding="utf-8")
    return load_library([tmp_path], departments={"ISSUER", "D-LEAD", "D-AUD"}, regions={"R"})


def test_resolve_before_the_first_version(tmp_path: Path) -> None:
    resolved = _library(tmp_path).resolve("CL-T-1", D(2017, 6, 1))
    assert resolved.benefit.amount == 100000
    assert resolved.deadline_days == 30


def test_resolve_within_a_version(tmp_path: Path) -> None:
    resolved = _library(tmp_path).resolve("CL-T-1", D(2018, 6, 1))
    assert resolved.benefit.amount == 150000
    assert resolved.deadline_days == 20


def test_resolve_after_a_version_ended(tmp_path: Path) -> None:
    resolved = _library(tmp_path).resolve("CL-T-1", D(2019, 3, 1))
    assert resolved.benefit.amount == 100000  # the 2018 version ran to 2018-12-31
    assert resolved.deadline_days == 30
    assert resolved.eligibility is not None
    assert resolved.eligibility.model_dump()["value"] == ["A", "B"]


def test_in_force_with_supersedes(tmp_path: Path) -> None:
    library = _library(tmp_path)
    old, new = library.document("POL-T"), library.document("POL-T2")
    assert not library.in_force(old, D(2017, 2, 28))
    assert library.in_force(old, D(2019, 6, 30))
    assert not library.in_force(old, D(2019, 7, 1))
    assert library.in_force(new, D(2019, 7, 1))
    in_force = {c.id for c in library.clauses_in_force(D(2020, 1, 1))}
    assert in_force == {"CL-T2-1"}
