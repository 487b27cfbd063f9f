"""A season of inquiries and appeals at district C's desk, calibrated to the study's survey.

D3/P4 (对话缺失): of the talents who met a problem, 45 % knew which department handles it, and
of those who knew, 66 % got it solved (``calibration.KNEW``, ``calibration.SOLVED``). The demo
reproduces that in the desk's own rates: the share of inquiries whose submitter named the
department that handles it is 45 %, and of those inquiries the citizen confirmed solved two in
three of the closed ones. Who did not know fare worse: their inquiries wait at triage or go to
the wrong department first, are answered late, and are solved less often (``SOLVED_UNKNOWING``,
not printed by the study, chosen well below the knowing).

Quotas, not coin flips, fix who knew and how the closed ones end, so the rates land on the
figures for any seed; which inquiries get the solved outcomes is drawn with each topic's
solvability as weight, so stalled clauses (tax deduction, school places, start-up phases) keep
most of the unsolved ones.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from luodi.demo.calibration import KNEW, SOLVED
from luodi.demo.inquiry_lifecycle import (
    AS_OF,
    OUTCOMES,
    SOLVED_OUTCOMES,
    Walk,
    finish,
    start,
)
from luodi.demo.inquiry_topics import (
    TOPICS,
    Subject,
    Topic,
    corpus_subjects,
    topic_subject,
)
from luodi.demo.workflow import START

__all__ = [
    "INQUIRY_COUNT",
    "KNEW_SHARE",
    "OUTCOME_SHARES",
    "SOLVED_KNOWING",
    "SOLVED_UNKNOWING",
    "TOPICS",
    "Topic",
    "inquiry_rows",
]

Row = dict[str, Any]

INQUIRY_COUNT = 340
KNEW_SHARE = KNEW[1].value / 100
SOLVED_KNOWING = SOLVED[0].value / 100
SOLVED_UNKNOWING = Fraction(45, 100)
# How the closed inquiries end, per group; the solved outcomes add up to the group's figure.
OUTCOME_SHARES: Mapping[bool, Mapping[str, Fraction]] = {
    True: {
        "confirmed": SOLVED_KNOWING - Fraction(8, 100),
        "reopened_confirmed": Fraction(8, 100),
        "closed": Fraction(10, 100),
        "reopened_closed": Fraction(4, 100),
        "unconfirmed": Fraction(15, 100),
        "reopened_unconfirmed": Fraction(5, 100),
    },
    False: {
        "confirmed": SOLVED_UNKNOWING - Fraction(7, 100),
        "reopened_confirmed": Fraction(7, 100),
        "closed": Fraction(16, 100),
        "reopened_closed": Fraction(7, 100),
        "unconfirmed": Fraction(24, 100),
        "reopened_unconfirmed": Fraction(8, 100),
    },
}
# Half the desk's inquiries are about a district clause, the other half anything else.
_TOPIC_SHARE = 0.55
# An answer this long before the season's end has had time to close, even after a reopening.
_SETTLED_AFTER = dt.timedelta(days=75)
_CHANNEL_WEIGHTS = {"web": 35, "wechat": 25, "phone": 25, "onsite": 15}


def _submitted(rng: random.Random) -> dt.datetime:
    # Up to the season's last days, so that some are still open when it is read.
    span = (AS_OF - START).days - 2
    day = START.date() + dt.timedelta(days=rng.randrange(span))
    return dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=rng.randint(0, 660))


def _apportion(total: int, shares: Mapping[str, Fraction]) -> dict[str, int]:
    """Largest remainders: counts adding up to ``total``, each within one of its share."""
    exact = {name: share * total for name, share in shares.items()}
    counts = {name: int(value) for name, value in exact.items()}
    by_remainder = sorted(exact, key=lambda name: (counts[name] - exact[name], name))
    for name in by_remainder[: total - sum(counts.values())]:
        counts[name] += 1
    return counts


def _settled_outcomes(rng: random.Random, walks: Sequence[Walk], *, knew: bool) -> list[str]:
    """Outcomes of answered inquiries by quota; the solved ones drawn weighted by solvability.

    Weighted sampling without replacement (Efraimidis–Spirakis): each walk draws
    ``u ** (1 / weight)`` and the largest keys are solved.
    """
    counts = _apportion(len(walks), OUTCOME_SHARES[knew])
    keys = [rng.random() ** (1 / w.subject.solvable) for w in walks]
    order = sorted(range(len(walks)), key=lambda i: keys[i], reverse=True)
    solved = [o for o in OUTCOMES if o in SOLVED_OUTCOMES for _ in range(counts[o])]
    unsolved = [o for o in OUTCOMES if o not in SOLVED_OUTCOMES for _ in range(counts[o])]
    rng.shuffle(solved)
    rng.shuffle(unsolved)
    outcomes = [""] * len(walks)
    for rank, index in enumerate(order):
        outcomes[index] = solved[rank] if rank < len(solved) else unsolved[rank - len(solved)]
    return outcomes


def _drawn_outcome(rng: random.Random, *, knew: bool) -> str:
    shares = OUTCOME_SHARES[knew]
    return rng.choices(list(shares), [float(s) for s in shares.values()])[0]


def _subjects(
    *, rng: random.Random, count: int, persons: list[Row]
) -> list[tuple[Subject, Row | None]]:
    topics = count - round(count * (1 - _TOPIC_SHARE))
    subjects: list[tuple[Subject, Row | None]] = []
    weights = [t.weight for t in TOPICS]
    for _ in range(topics):
        topic = rng.choices(TOPICS, weights)[0]
        person = None if topic.from_firm else rng.choice(persons)
        subjects.append((topic_subject(rng=rng, topic=topic, person=person), person))
    for subject in corpus_subjects(rng=rng, count=count - topics):
        person = None if subject.from_firm else rng.choice(persons)
        subjects.append((subject, person))
    rng.shuffle(subjects)
    return subjects


def _row(walk: Walk, *, person: Row | None, employer_id: str | None, channel: str) -> Row:
    subject = walk.subject
    return {
        "inquiry_id": "",
        "kind": subject.kind,
        "channel": channel,
        "submitted_at": walk.submitted_at,
        "person_id": person["person_id"] if person else None,
        "employer_id": employer_id,
        "clause_id": walk.clause_id,
        "text": subject.text,
        "department_id": walk.department_id,
        "status": walk.status,
        "answered_at": walk.answered_at,
        "resolved": walk.resolved,
        "satisfaction": walk.satisfaction,
        "category": subject.category,
        "named_department_id": walk.named_department_id,
        "first_department_id": walk.first_department_id,
        "routed_by": walk.routed_by,
        "routed_at": walk.routed_at,
        "accepted_at": walk.accepted_at,
        "accept_due_on": walk.accept_due_on,
        "answer_due_on": walk.answer_due_on,
        "closed_at": walk.closed_at,
        "reopen_count": walk.reopen_count,
        "escalation_level": walk.escalation_level,
        "rating_contest": walk.rating_contest,
    }


def inquiry_rows(
    *, rng: random.Random, persons: list[Row], employers: list[Row], count: int = INQUIRY_COUNT
) -> list[Row]:
    """``count`` inquiries ordered by submission time, ids INQ-0001…, as they stand at the
    season's end."""
    firms = [e for e in employers if e["kind"] != "research_university"]
    subjects = _subjects(rng=rng, count=count, persons=persons)
    knowing = set(rng.sample(range(count), round(KNEW_SHARE * count)))
    walks: list[Walk] = []
    extras: list[tuple[Row | None, str | None, str]] = []
    for index, (subject, person) in enumerate(subjects):
        knew = index in knowing
        # A clause is linked by those who know the policy well enough to find it.
        linked = subject.clause_id is not None and rng.random() < (0.7 if knew else 0.35)
        walk = start(
            rng=rng,
            subject=subject,
            submitted_at=_submitted(rng),
            knew=knew,
            clause_linked=linked,
        )
        walks.append(walk)
        channel = rng.choices(list(_CHANNEL_WEIGHTS), list(_CHANNEL_WEIGHTS.values()))[0]
        employer = rng.choice(firms)["employer_id"] if subject.from_firm else None
        # A few phone callers give no name: an anonymous inquiry with contact details only.
        anonymous = person is not None and channel == "phone" and rng.random() < 0.2
        extras.append((None if anonymous else person, employer, channel))
    for knew in (True, False):
        group = [
            w for i, w in enumerate(walks) if (i in knowing) == knew and w.answered_at is not None
        ]
        settled = [w for w in group if w.answered_at and w.answered_at + _SETTLED_AFTER <= AS_OF]
        for walk, outcome in zip(settled, _settled_outcomes(rng, settled, knew=knew), strict=True):
            finish(rng, walk, outcome=outcome)
        settled_ids = {id(w) for w in settled}
        for walk in group:
            if id(walk) not in settled_ids:
                finish(rng, walk, outcome=_drawn_outcome(rng, knew=knew))
    rows = [
        _row(walk, person=person, employer_id=employer, channel=channel)
        for walk, (person, employer, channel) in zip(walks, extras, strict=True)
    ]
    rows.sort(key=lambda row: row["submitted_at"])
    for number, row in enumerate(rows, start=1):
        row["inquiry_id"] = f"INQ-{number:04d}"
    return rows
