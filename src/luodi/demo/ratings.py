"""Two rating rounds of 2018 — departments and districts — rated by superiors, peers and targets.

Calibration, from the study (P2 and the remedy 层级性治理). The KPIs superiors hold executors to
count high-end talents and money; the people a policy is for, and the departments that work a
clause together, see whether it landed for the ordinary majority. So the latent score of a
subject (1–5, before noise and rounding) is:

* superiors (the cluster's and the city's leadership groups, and the city bureau of the same
  kind): ``2.4 + 2.2 × hard``, where ``hard`` is the mean of the subject's high-end talents
  served and money paid in 2018, each divided by the largest subject's;
* peers (the departments sharing a clause route with it, topped up with other executing
  departments to four; for districts, five of the cluster's executing departments):
  ``1.6 + 1.4 × majority + 1.8 × landing``;
* targets (the persons and employers with a 2018 case on its clauses, pseudonymous ``T-0001``):
  ``1.4 + 2.0 × majority + 1.6 × landing``,

where ``majority`` is the share of the subject's benefits received in 2018 that went to
general-tier talents and start-ups, and ``landing`` the share of its decided 2018 cases that
landed. Noise is normal with standard deviation 0.5 (superiors 0.4); scores are rounded and
clipped to 1–5, one per criterion. No one rates their own department or district (the
platform refuses it); a department with fewer than ``MIN_RATERS`` raters of a kind shows the
minimum-raters rule — on the demo the public security branch, the tax bureau and market
regulation have too few targets, because few of their clauses' cases reached anyone in 2018.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["MIN_RATERS", "RATING_PERIOD", "SubjectFeatures", "rating_features", "rating_tables"]

Row = dict[str, Any]

RATING_PERIOD = 2018
MIN_RATERS = 3
TARGETS_PER_SUBJECT = 6
PEERS_AT_LEAST = 4
_RECEIVED = ("approved", "closed")
_UNDECIDED = ("open", "withdrawn")
_HIGH_END = ("A", "B", "C")
_OPENED_ON = dt.date(RATING_PERIOD + 1, 1, 7)
_CLOSED_ON = dt.date(RATING_PERIOD + 1, 1, 31)
# Superiors of every executing department: the cluster's and the city's leadership groups.
_LEADERSHIP = ("C-LG", "H-LG")
_SUPERIOR_RATERS_PER_BODY = 2


@dataclass(frozen=True, kw_only=True)
class SubjectFeatures:
    """What raters see of a subject in the rating year."""

    high_end: int
    money: float
    majority: float
    landing: float


def _district(case: Row, persons: Mapping[str, Row], employers: Mapping[str, Row]) -> str | None:
    employer_id = case.get("employer_id")
    if employer_id is None and case.get("person_id"):
        employer_id = persons[case["person_id"]].get("employer_id")
    if employer_id is None or employer_id not in employers:
        return None
    region: str = employers[employer_id]["region_id"]
    return region


def _case_owners(rows: Mapping[str, Sequence[Row]], kind: str) -> dict[str, list[str]]:
    """Case id → the departments on its clause's route, or its district."""
    persons = {p["person_id"]: p for p in rows["persons"]}
    employers = {e["employer_id"]: e for e in rows["employers"]}
    owners: dict[str, list[str]] = {}
    if kind == "department":
        routes: dict[str, list[str]] = defaultdict(list)
        for route in rows["clause_routes"]:
            if route["department_id"] not in routes[route["clause_id"]]:
                routes[route["clause_id"]].append(route["department_id"])
        for case in rows["cases"]:
            owners[case["case_id"]] = routes.get(case["clause_id"], [])
    else:
        for case in rows["cases"]:
            district = _district(case, persons, employers)
            owners[case["case_id"]] = [district] if district else []
    return owners


def rating_features(
    rows: Mapping[str, Sequence[Row]], *, kind: str, subjects: Iterable[str]
) -> dict[str, SubjectFeatures]:
    """Each subject's high-end talents, money, majority share and landing in the rating year."""
    persons = {p["person_id"]: p for p in rows["persons"]}
    employers = {e["employer_id"]: e for e in rows["employers"]}
    owners = _case_owners(rows, kind)
    paid: dict[str, float] = defaultdict(float)
    paid_this_year: dict[str, float] = defaultdict(float)
    for payment in rows["disbursements"]:
        paid[payment["case_id"]] += payment["amount"]
        if payment["paid_on"].year == RATING_PERIOD:
            paid_this_year[payment["case_id"]] += payment["amount"]
    high_end: dict[str, set[str]] = defaultdict(set)
    money: dict[str, float] = defaultdict(float)
    received: dict[str, int] = defaultdict(int)
    majority: dict[str, int] = defaultdict(int)
    decided: dict[str, int] = defaultdict(int)
    landed: dict[str, int] = defaultdict(int)
    for case in rows["cases"]:
        case_id = case["case_id"]
        got = case["status"] in _RECEIVED or paid[case_id] > 0
        person = persons.get(case["person_id"]) if case.get("person_id") else None
        employer = employers.get(case["employer_id"]) if case.get("employer_id") else None
        is_majority = (person is not None and person["talent_tier"] == "general") or (
            person is None and employer is not None and employer["stage"] == "startup"
        )
        opened_this_year = case["opened_at"].year == RATING_PERIOD
        for owner in owners[case_id]:
            money[owner] += paid_this_year[case_id]
            if not opened_this_year:
                continue
            if case["status"] not in _UNDECIDED:
                decided[owner] += 1
                landed[owner] += int(got)
            if got:
                received[owner] += 1
                majority[owner] += int(is_majority)
                if person is not None and person["talent_tier"] in _HIGH_END:
                    high_end[owner].add(person["person_id"])
    return {
        s: SubjectFeatures(
            high_end=len(high_end[s]),
            money=money[s],
            majority=majority[s] / received[s] if received[s] else 0.0,
            landing=landed[s] / decided[s] if decided[s] else 0.0,
        )
        for s in subjects
    }


def _executing(rows: Mapping[str, Sequence[Row]]) -> list[str]:
    acting = {r["department_id"] for r in rows["clause_routes"]}
    acting |= {r["department_id"] for r in rows["case_steps"]}
    acting |= {r["department_id"] for r in rows["inquiries"] if r.get("department_id")}
    return sorted(d["department_id"] for d in rows["departments"] if d["department_id"] in acting)


@dataclass(frozen=True, kw_only=True)
class _Rater:
    rater_id: str
    kind: str
    department_id: str | None
    region_id: str | None


class _Writer:
    """Numbers ratings and draws each score from a latent mean."""

    def __init__(self, rng: random.Random, criteria: Sequence[str]) -> None:
        self.rng = rng
        self.criteria = tuple(criteria)
        self.rows: list[Row] = []

    def rate(self, *, round_id: str, subject: str, rater: _Rater, latent: float) -> None:
        spread = 0.4 if rater.kind == "superior" else 0.5
        day = _OPENED_ON + dt.timedelta(days=self.rng.randint(0, (_CLOSED_ON - _OPENED_ON).days))
        at = dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(
            minutes=self.rng.randint(0, 540)
        )
        for criterion in self.criteria:
            score = min(5, max(1, round(self.rng.gauss(latent, spread))))
            self.rows.append(
                {
                    "rating_id": f"RT-{len(self.rows) + 1:05d}",
                    "round_id": round_id,
                    "subject_id": subject,
                    "rater_kind": rater.kind,
                    "rater_id": rater.rater_id,
                    "rater_department_id": rater.department_id,
                    "rater_region_id": rater.region_id,
                    "criterion": criterion,
                    "score": score,
                    "submitted_at": at,
                }
            )


def _latents(features: Mapping[str, SubjectFeatures]) -> dict[str, dict[str, float]]:
    top_high = max((f.high_end for f in features.values()), default=0) or 1
    top_money = max((f.money for f in features.values()), default=0.0) or 1.0
    latents: dict[str, dict[str, float]] = {}
    for subject, f in features.items():
        hard = 0.5 * f.high_end / top_high + 0.5 * f.money / top_money
        latents[subject] = {
            "superior": 2.4 + 2.2 * hard,
            "peer": 1.6 + 1.4 * f.majority + 1.8 * f.landing,
            "target": 1.4 + 2.0 * f.majority + 1.6 * f.landing,
        }
    return latents


def _target_ids(rows: Mapping[str, Sequence[Row]]) -> dict[str, str]:
    """Applicant (person or employer) id → pseudonymous rater id, stable across runs."""
    applicants = sorted(
        {
            c["person_id"] or c["employer_id"]
            for c in rows["cases"]
            if c["person_id"] or c["employer_id"]
        }
    )
    return {applicant: f"T-{number:04d}" for number, applicant in enumerate(applicants, start=1)}


def _applicants(
    rows: Mapping[str, Sequence[Row]], kind: str
) -> dict[str, list[tuple[str, str | None]]]:
    """Subject → (applicant id, applicant's district) of its cases opened in the rating year."""
    persons = {p["person_id"]: p for p in rows["persons"]}
    employers = {e["employer_id"]: e for e in rows["employers"]}
    owners = _case_owners(rows, kind)
    found: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for case in sorted(rows["cases"], key=lambda c: c["case_id"]):
        if case["opened_at"].year != RATING_PERIOD:
            continue
        applicant = case["person_id"] or case["employer_id"]
        district = _district(case, persons, employers)
        for owner in owners[case["case_id"]]:
            if applicant and all(applicant != a for a, _ in found[owner]):
                found[owner].append((applicant, district))
    return found


def _superiors(rows: Mapping[str, Sequence[Row]], subject: str) -> list[_Rater]:
    departments = {d["department_id"]: d for d in rows["departments"]}
    bodies = list(_LEADERSHIP)
    kind = departments.get(subject, {}).get("kind")
    # The city bureau of the same kind oversees a cluster bureau in its line.
    bodies += sorted(
        d["department_id"]
        for d in rows["departments"]
        if d["region_id"] == "ZJ-H"
        and kind
        and d["kind"] == kind
        and d["kind"] != "leadership_group"
    )
    return [
        _Rater(
            rater_id=f"S-{body}-{number}",
            kind="superior",
            department_id=body,
            region_id=departments[body]["region_id"],
        )
        for body in bodies
        if body in departments and body != subject
        for number in range(1, _SUPERIOR_RATERS_PER_BODY + 1)
    ]


def _peers(
    rng: random.Random, subject: str, partners: set[str], subjects: Sequence[str]
) -> list[str]:
    """The departments sharing a route with the subject, topped up with others to PEERS_AT_LEAST.

    Every executing department takes part in the round (民主测评), so a department with few
    route partners is still rated by enough peers; none rates itself.
    """
    chosen = sorted(partners & set(subjects) - {subject})
    others = [s for s in subjects if s != subject and s not in chosen]
    return chosen + sorted(
        rng.sample(others, max(0, min(PEERS_AT_LEAST - len(chosen), len(others))))
    )


def _department_round(rows: Mapping[str, Sequence[Row]], writer: _Writer, round_id: str) -> None:
    subjects = _executing(rows)
    latents = _latents(rating_features(rows, kind="department", subjects=subjects))
    partners: dict[str, set[str]] = defaultdict(set)
    by_clause: dict[str, set[str]] = defaultdict(set)
    for route in rows["clause_routes"]:
        by_clause[route["clause_id"]].add(route["department_id"])
    for members in by_clause.values():
        for department in members:
            partners[department] |= members - {department}
    targets = _target_ids(rows)
    applicants = _applicants(rows, "department")
    cluster = {d["department_id"]: d["region_id"] for d in rows["departments"]}
    for subject in subjects:
        for rater in _superiors(rows, subject):
            writer.rate(
                round_id=round_id, subject=subject, rater=rater, latent=latents[subject]["superior"]
            )
        for peer in _peers(writer.rng, subject, partners[subject], subjects):
            rater = _Rater(
                rater_id=f"P-{peer}", kind="peer", department_id=peer, region_id=cluster[peer]
            )
            writer.rate(
                round_id=round_id, subject=subject, rater=rater, latent=latents[subject]["peer"]
            )
        pool = applicants.get(subject, [])
        for applicant, district in writer.rng.sample(pool, min(TARGETS_PER_SUBJECT, len(pool))):
            rater = _Rater(
                rater_id=targets[applicant], kind="target", department_id=None, region_id=district
            )
            writer.rate(
                round_id=round_id, subject=subject, rater=rater, latent=latents[subject]["target"]
            )


def _district_round(rows: Mapping[str, Sequence[Row]], writer: _Writer, round_id: str) -> None:
    subjects = sorted(r["region_id"] for r in rows["regions"] if r["level"] == "district")
    latents = _latents(rating_features(rows, kind="region", subjects=subjects))
    departments = {d["department_id"]: d for d in rows["departments"]}
    targets = _target_ids(rows)
    applicants = _applicants(rows, "region")
    peers = _executing(rows)
    for subject in subjects:
        for body in _LEADERSHIP:
            for number in range(1, _SUPERIOR_RATERS_PER_BODY + 1):
                rater = _Rater(
                    rater_id=f"S-{body}-{number}",
                    kind="superior",
                    department_id=body,
                    region_id=departments[body]["region_id"],
                )
                writer.rate(
                    round_id=round_id,
                    subject=subject,
                    rater=rater,
                    latent=latents[subject]["superior"],
                )
        for peer in writer.rng.sample(peers, min(5, len(peers))):
            rater = _Rater(
                rater_id=f"P-{peer}",
                kind="peer",
                department_id=peer,
                region_id=departments[peer]["region_id"],
            )
            writer.rate(
                round_id=round_id, subject=subject, rater=rater, latent=latents[subject]["peer"]
            )
        # Policy targets rate the district they live and work in (the platform asks them
        # about no other); its own departments are the ones kept from rating it.
        pool = applicants.get(subject, [])
        for applicant, district in writer.rng.sample(pool, min(TARGETS_PER_SUBJECT, len(pool))):
            rater = _Rater(
                rater_id=targets[applicant], kind="target", department_id=None, region_id=district
            )
            writer.rate(
                round_id=round_id, subject=subject, rater=rater, latent=latents[subject]["target"]
            )


def rating_tables(
    *, rng: random.Random, rows: Mapping[str, Sequence[Row]], criteria: Sequence[str]
) -> dict[str, list[Row]]:
    """rating_rounds and ratings of the demo, from the other tables' ``rows``."""
    rounds = [
        {
            "round_id": f"RR-{RATING_PERIOD}-D",
            "name": f"{RATING_PERIOD}年度部门人才工作评价",
            "period": str(RATING_PERIOD),
            "subject_kind": "department",
            "opened_on": _OPENED_ON,
            "closed_on": _CLOSED_ON,
            "min_raters": MIN_RATERS,
        },
        {
            "round_id": f"RR-{RATING_PERIOD}-R",
            "name": f"{RATING_PERIOD}年度县（区）人才工作评价",
            "period": str(RATING_PERIOD),
            "subject_kind": "region",
            "opened_on": _OPENED_ON,
            "closed_on": _CLOSED_ON,
            "min_raters": MIN_RATERS,
        },
    ]
    writer = _Writer(rng, criteria)
    _department_round(rows, writer, str(rounds[0]["round_id"]))
    _district_round(rows, writer, str(rounds[1]["round_id"]))
    return {"rating_rounds": rounds, "ratings": writer.rows}
