"""The 44 employer units and about 2,000 talents of demo district C."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from luodi.demo.names import firm_brand, person_name
from luodi.demo.policies import STAGED_ELIGIBLE_KINDS, STAGED_FOUNDED_FROM
from luodi.demo.regions import DISTRICTS

__all__ = [
    "REFERENCE_DATE",
    "REFERENCE_YEAR",
    "STAGED_ELIGIBLE_KINDS",
    "STAGED_FOUNDED_FROM",
    "STAGED_REVENUE_PLAN",
    "TIER_COUNTS",
    "employer_rows",
    "person_rows",
    "staged_eligible",
]

Row = dict[str, Any]

REFERENCE_YEAR = 2018  # the year of the fieldwork; ages are counted against it
# The day analyses of the demo read its rules on by default: mid-way through the fieldwork year,
# so ages and firm ages mean what they meant then, not what they mean today.
REFERENCE_DATE = dt.date(REFERENCE_YEAR, 6, 30)

# The 44 interviewed units (section 二): institutes and universities, traditional firms, maker
# spaces and high-tech firms. Start-ups exist only among maker spaces and high-tech firms, and
# there are exactly 14 of them: the study's 14 units that met the start-up funding standard.
_EMPLOYER_PLAN: tuple[tuple[str, str, int], ...] = (
    ("research_university", "mature", 4),
    ("research_university", "growth", 1),
    ("traditional_firm", "mature", 8),
    ("traditional_firm", "growth", 4),
    ("maker_space", "startup", 4),
    ("maker_space", "growth", 2),
    ("maker_space", "mature", 1),
    ("high_tech_firm", "startup", 10),
    ("high_tech_firm", "growth", 5),
    ("high_tech_firm", "mature", 5),
)

# Eligibility for the staged start-up funding (STAGED_ELIGIBLE_KINDS, STAGED_FOUNDED_FROM) comes
# from the clause in the demo library; start-ups are founded on or after that date.

# Last year's revenue of the 14 start-ups, in yuan. The phase conditions (the library) test
# revenue, so these decide how far each firm gets: 3 never reach phase 1, 4 stop after phase 1,
# 5 after phase 2, 2 after phase 3 and none meets the phase-4 bar of 10 million and a profit.
STAGED_REVENUE_PLAN: tuple[int, ...] = (
    150_000,
    420_000,
    0,  # no phase 1 (withdrawn, audit hold, financial review)
    310_000,
    560_000,
    780_000,
    930_000,  # phase 1 only
    1_200_000,
    1_850_000,
    2_600_000,
    3_400_000,
    4_700_000,  # up to phase 2
    6_300_000,
    8_900_000,  # up to phase 3
)

_KIND_SUFFIXES: dict[str, tuple[str, ...]] = {
    "research_university": ("研究院", "技术研究所", "大学C校区", "产业技术研究院"),
    "traditional_firm": (
        "纺织有限公司",
        "机械制造有限公司",
        "化纤股份有限公司",
        "建材有限公司",
        "五金制品有限公司",
        "印染有限公司",
    ),
    "maker_space": ("众创空间", "创客空间", "创业孵化器"),
    "high_tech_firm": (
        "科技有限公司",
        "生物医药有限公司",
        "智能装备有限公司",
        "信息技术有限公司",
        "新材料有限公司",
        "微电子有限公司",
    ),
}

_EMPLOYEES: dict[str, tuple[int, int]] = {
    "startup": (6, 40),
    "growth": (40, 300),
    "mature": (300, 3000),
}


def _founded(*, rng: random.Random, stage: str) -> dt.date:
    if stage == "startup":
        start, end = STAGED_FOUNDED_FROM, dt.date(2016, 12, 31)
    elif stage == "growth":
        start, end = dt.date(2008, 1, 1), dt.date(2013, 12, 31)
    else:
        start, end = dt.date(1985, 1, 1), dt.date(2007, 12, 31)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _revenue(*, rng: random.Random, kind: str, stage: str) -> float | None:
    if kind == "research_university":
        return None  # public institutions report budgets, not revenue
    low, high = {"growth": (12_000_000, 90_000_000), "mature": (150_000_000, 2_400_000_000)}[stage]
    return float(round(rng.uniform(low, high), -4))


def employer_rows(*, rng: random.Random) -> list[Row]:
    """The 44 employers, ids E01…E44 in plan order; start-ups take the revenue plan in turn."""
    taken: set[str] = set()
    rows: list[Row] = []
    startup_revenues = list(STAGED_REVENUE_PLAN)
    rng.shuffle(startup_revenues)
    for kind, stage, count in _EMPLOYER_PLAN:
        for _ in range(count):
            number = len(rows) + 1
            brand = firm_brand(rng=rng, taken=taken)
            prefix = "Z省" if kind == "research_university" else "H市"
            revenue = (
                float(startup_revenues.pop())
                if stage == "startup"
                else _revenue(rng=rng, kind=kind, stage=stage)
            )
            rows.append(
                {
                    "employer_id": f"E{number:02d}",
                    "name": prefix + brand + rng.choice(_KIND_SUFFIXES[kind]),
                    "kind": kind,
                    "stage": stage,
                    "region_id": DISTRICTS[rng.randrange(len(DISTRICTS))],
                    "founded_on": _founded(rng=rng, stage=stage),
                    "employees": rng.randint(*_EMPLOYEES[stage]),
                    "revenue": revenue,
                }
            )
    return rows


def staged_eligible(employer: Row) -> bool:
    """Whether an employer meets the staged start-up funding standard (see the constants)."""
    return bool(
        employer["kind"] in STAGED_ELIGIBLE_KINDS and employer["founded_on"] >= STAGED_FOUNDED_FROM
    )


# Few high-end talents, most general (Table 1: 2.8 % / 25.2 % / 72 % of respondents).
TIER_COUNTS: dict[str, int] = {
    "A": 4,
    "B": 12,
    "C": 34,
    "D": 140,
    "E": 170,
    "F": 190,
    "general": 1450,
}


@dataclass(frozen=True, kw_only=True)
class _Profile:
    ages: tuple[int, int]
    degrees: tuple[float, float, float, float]  # doctorate, master, bachelor, below
    titles: tuple[float, float, float, float, float]  # senior … none
    employer_kinds: tuple[float, float, float, float]  # research, traditional, maker, high-tech
    foreign: float


_PROFILES = {
    "high": _Profile(
        ages=(34, 62),
        degrees=(0.85, 0.12, 0.03, 0.0),
        titles=(0.6, 0.3, 0.08, 0.0, 0.02),
        employer_kinds=(0.4, 0.05, 0.1, 0.45),
        foreign=0.15,
    ),
    "middle": _Profile(
        ages=(27, 50),
        degrees=(0.25, 0.5, 0.25, 0.0),
        titles=(0.08, 0.25, 0.4, 0.17, 0.1),
        employer_kinds=(0.2, 0.2, 0.15, 0.45),
        foreign=0.02,
    ),
    "general": _Profile(
        ages=(21, 45),
        degrees=(0.01, 0.1, 0.65, 0.24),
        titles=(0.0, 0.01, 0.12, 0.22, 0.65),
        employer_kinds=(0.08, 0.4, 0.15, 0.37),
        foreign=0.005,
    ),
}
_KINDS = ("research_university", "traditional_firm", "maker_space", "high_tech_firm")
_DEGREES = ("doctorate", "master", "bachelor", "below_bachelor")
_TITLES = ("senior", "associate_senior", "intermediate", "junior", "none")
_STAGE_WEIGHT = {"startup": 1.0, "growth": 3.0, "mature": 8.0}


def _level(tier: str) -> str:
    return "high" if tier in "ABC" else "middle" if tier in "DEF" else "general"


def _political(*, rng: random.Random, age: int) -> str:
    statuses = ("cpc_member", "cyl_member", "democratic_party", "non_party", "masses")
    weights = (0.08, 0.62, 0.0, 0.01, 0.29) if age <= 28 else (0.3, 0.1, 0.015, 0.045, 0.54)
    return rng.choices(statuses, weights)[0]


def person_rows(*, rng: random.Random, employers: list[Row]) -> list[Row]:
    """About 2,000 talents; each employer has at least one, start-ups their founders."""
    by_kind: dict[str, list[Row]] = {kind: [] for kind in _KINDS}
    for employer in employers:
        by_kind[employer["kind"]].append(employer)
    rows: list[Row] = []
    for tier, count in TIER_COUNTS.items():
        profile = _PROFILES[_level(tier)]
        for _ in range(count):
            age = rng.randint(*profile.ages)
            if _level(tier) == "general" and rng.random() < 0.7:
                age = rng.randint(21, 32)  # most general talents are recent graduates
            kind = rng.choices(_KINDS, profile.employer_kinds)[0]
            pool = by_kind[kind]
            employer = rng.choices(pool, [_STAGE_WEIGHT[e["stage"]] for e in pool])[0]
            foreign = rng.random() < profile.foreign
            arrived = dt.date(
                rng.choice((2009, 2011, 2013, 2014, 2015, 2016, 2016, 2017, 2017, 2018)),
                rng.randint(1, 12),
                rng.randint(1, 28),
            )
            rows.append(
                {
                    "person_id": "",
                    "name": person_name(rng=rng),
                    "gender": "male" if rng.random() < 0.635 else "female",
                    "birth_year": REFERENCE_YEAR - age,
                    "nationality": "US" if foreign else "CN",
                    "talent_tier": tier,
                    "degree": rng.choices(_DEGREES, profile.degrees)[0],
                    "title": rng.choices(_TITLES, profile.titles)[0],
                    "discipline": rng.choices(
                        ("science_engineering", "humanities", "social_science"),
                        (0.85, 0.03, 0.12) if tier in "ABC" else (0.56, 0.07, 0.37),
                    )[0],
                    "political_status": _political(rng=rng, age=age),
                    "origin": "in_province" if rng.random() < 0.612 else "out_of_province",
                    "employer_id": None if rng.random() < 0.01 else employer["employer_id"],
                    "arrived_on": arrived,
                }
            )
    rng.shuffle(rows)
    _staff_every_employer(rows=rows, employers=employers)
    for number, row in enumerate(rows, start=1):
        row["person_id"] = f"P{number:04d}"
    for employer in employers:
        # Talents are a subset of the head count.
        hired = sum(1 for row in rows if row["employer_id"] == employer["employer_id"])
        employer["employees"] = max(employer["employees"], hired + 3)
    return rows


def _staff_every_employer(*, rows: list[Row], employers: list[Row]) -> None:
    """Give each employer without a talent one, a middle-tier founder for each start-up."""
    staffed = {row["employer_id"] for row in rows}
    spare = [row for row in rows if row["talent_tier"] in "DEF"]
    for employer in employers:
        if employer["stage"] == "startup" or employer["employer_id"] not in staffed:
            founder = spare.pop()
            founder["employer_id"] = employer["employer_id"]
