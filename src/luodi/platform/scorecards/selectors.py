"""Reads of the scorecard pages: rounds with progress, raters' subjects, the scorecard itself.

The scorecard is computed by the core (``luodi.scorecard``) from the platform's data and cached
like the diagnosis, per data version, weights in force, period and subject kind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from luodi.platform.cases.models import CaseStep
from luodi.platform.diagnosis.selectors import cached, data_end, data_stamp, diagnosis_dataset
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.policies.models import ClauseRoute
from luodi.platform.registry.models import Department, Region
from luodi.platform.scorecards import errors as e
from luodi.platform.scorecards.models import (
    Rating,
    RatingComment,
    RatingInvitation,
    RatingRound,
    RatingRoundSetup,
    ScorecardWeights,
)
from luodi.scorecard import Catalogue, WeightingScheme, default_catalogue

__all__ = [
    "CACHE_PREFIX",
    "SUBJECT_KINDS",
    "RoundProgress",
    "ScorecardResult",
    "SubjectProgress",
    "comments_for",
    "criteria_of",
    "default_period",
    "invitation_done",
    "invitation_get",
    "invitation_subjects",
    "own_subject",
    "rateable_subjects",
    "round_get",
    "round_is_open",
    "round_progress",
    "round_subjects",
    "scheme_current",
    "scorecard_export",
    "scorecard_get",
    "today",
    "token_hash",
    "weights_current",
]

CACHE_PREFIX = "luodi:scorecard:"
SUBJECT_KINDS = ("department", "region")
ENGINE = "duckdb"


def today() -> dt.date:
    # USE_TZ is off: now() is naive local (Asia/Shanghai) time.
    return timezone.now().date()


def token_hash(token: str) -> str:
    """The stored form of an invitation token: its SHA-256, so a leaked table opens nothing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def round_get(round_id: str) -> RatingRound:
    try:
        return RatingRound.objects.get(pk=round_id)
    except RatingRound.DoesNotExist:
        raise e.ScorecardNotFound(e.ROUND_NOT_FOUND, round_id=round_id) from None


def round_is_open(rating_round: RatingRound) -> bool:
    """Run by the platform, not closed and started: an imported round takes no ratings."""
    setup = RatingRoundSetup.objects.filter(round=rating_round).first()
    return (
        setup is not None
        and setup.status == "open"
        and rating_round.closed_on is None
        and rating_round.opened_on <= today()
    )


def round_subjects(subject_kind: str) -> list[tuple[str, str]]:
    """(id, name) of what a round of ``subject_kind`` rates, ordered by id.

    The core's subjects (``luodi.scorecard.values``): departments that execute (on a clause
    route, a case step or an inquiry), never issuers above them that never act; or districts.
    """
    if subject_kind == "region":
        districts = Region.objects.filter(level="district").order_by("region_id")
        return list(districts.values_list("region_id", "name"))
    acting: set[str] = set(ClauseRoute.objects.values_list("department_id", flat=True))
    acting |= set(CaseStep.objects.values_list("department_id", flat=True).distinct())
    acting |= set(
        Inquiry.objects.exclude(department_id=None).values_list("department_id", flat=True)
    )
    rows = Department.objects.filter(department_id__in=acting).order_by("department_id")
    return list(rows.values_list("department_id", "name"))


def invitation_get(token: str, *, lock: bool = False) -> RatingInvitation:
    """The invitation of a token, with its round; ScorecardNotFound for any unknown token."""
    rows = RatingInvitation.objects.select_related("round", "rater_department")
    if lock:
        rows = rows.select_for_update(of=("self",))
    try:
        return rows.get(token_hash=token_hash(token))
    except RatingInvitation.DoesNotExist:
        raise e.ScorecardNotFound(e.TOKEN_UNKNOWN) from None


def own_subject(
    *, subject_kind: str, rater_kind: str, department_id: str | None, region_id: str | None
) -> str:
    """The subject a rater sits in, which they may not rate ("" if none).

    Policy targets sit in no department or district government: the district where they live
    and work is the one they are asked about, not one they have an interest in."""
    if subject_kind == "department":
        return department_id or ""
    if rater_kind == "target":
        return ""
    return region_id or ""


def rateable_subjects(
    *, subject_kind: str, rater_kind: str, department_id: str | None, region_id: str | None
) -> list[tuple[str, str]]:
    """The subjects a rater may rate: the round's, minus the one they sit in; a policy target
    rates its own district only (it knows no other)."""
    subjects = round_subjects(subject_kind)
    if subject_kind == "region" and rater_kind == "target":
        return [(i, name) for i, name in subjects if i == region_id]
    own = own_subject(
        subject_kind=subject_kind,
        rater_kind=rater_kind,
        department_id=department_id,
        region_id=region_id,
    )
    return [(i, name) for i, name in subjects if i != own]


def invitation_subjects(invitation: RatingInvitation) -> list[tuple[str, str]]:
    """The subjects this invitation's rater may rate."""
    return rateable_subjects(
        subject_kind=invitation.round.subject_kind,
        rater_kind=invitation.rater_kind,
        department_id=invitation.rater_department_id,
        region_id=invitation.rater_region_id,
    )


def invitation_done(invitation: RatingInvitation) -> set[str]:
    """Subjects this rater has rated already."""
    rows = Rating.objects.filter(round=invitation.round, rater_id=invitation.rater_id)
    return set(rows.values_list("subject_id", flat=True).distinct())


def criteria_of(rating_round: RatingRound) -> list[tuple[str, str]]:
    """(code, zh name) of the round's criteria, in the round's order."""
    setup = RatingRoundSetup.objects.filter(round=rating_round).first()
    names = {c.code: c.name_zh for c in default_catalogue().criteria}
    # An imported round has no setup: its criteria are those its ratings carry.
    codes: Iterable[str] = (
        setup.criteria
        if setup is not None
        else Rating.objects.filter(round=rating_round)
        .order_by("criterion")
        .values_list("criterion", flat=True)
        .distinct()
    )
    return [(code, names.get(code, code)) for code in codes]


@dataclass(frozen=True, kw_only=True)
class SubjectProgress:
    subject_id: str
    name: str
    # Rater kind → distinct raters who rated this subject.
    raters: dict[str, int]


@dataclass(frozen=True, kw_only=True)
class RoundProgress:
    rating_round: RatingRound
    is_open: bool
    run_here: bool  # the platform runs it (has a setup); imported rounds do not
    criteria: list[tuple[str, str]]
    invited: dict[str, int]  # rater kind → invitations issued
    subjects: list[SubjectProgress]

    @property
    def short(self) -> int:
        """Subject × kind pairs rated by someone but by fewer than the round's minimum."""
        least = self.rating_round.min_raters
        return sum(1 for s in self.subjects for n in s.raters.values() if 0 < n < least)


def round_progress() -> list[RoundProgress]:
    """Every round, newest period first, with raters per subject and kind."""
    rounds = list(RatingRound.objects.order_by("-period", "-opened_on", "round_id"))
    ids = [r.pk for r in rounds]
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for row in (
        Rating.objects.filter(round_id__in=ids)
        .values("round_id", "subject_id", "rater_kind")
        .annotate(n=Count("rater_id", distinct=True))
    ):
        at = counts.setdefault(row["round_id"], {}).setdefault(row["subject_id"], {})
        at[row["rater_kind"]] = row["n"]
    invited: dict[str, dict[str, int]] = {}
    for issued in (
        RatingInvitation.objects.filter(round_id__in=ids)
        .values("round_id", "rater_kind")
        .annotate(n=Count("pk"))
    ):
        invited.setdefault(issued["round_id"], {})[issued["rater_kind"]] = issued["n"]
    setups = set(RatingRoundSetup.objects.filter(round_id__in=ids).values_list("pk", flat=True))
    names = {kind: dict(round_subjects(kind)) for kind in SUBJECT_KINDS}
    found = []
    for rating_round in rounds:
        rated = counts.get(rating_round.pk, {})
        subject_ids = sorted(set(names[rating_round.subject_kind]) | set(rated))
        found.append(
            RoundProgress(
                rating_round=rating_round,
                is_open=round_is_open(rating_round),
                run_here=rating_round.pk in setups,
                criteria=criteria_of(rating_round),
                invited=invited.get(rating_round.pk, {}),
                subjects=[
                    SubjectProgress(
                        subject_id=i,
                        name=names[rating_round.subject_kind].get(i, i),
                        raters=rated.get(i, {}),
                    )
                    for i in subject_ids
                ],
            )
        )
    return found


def comments_for(*, period: str, subject_kind: str) -> dict[str, list[RatingComment]]:
    """Subject id → raters' comments in the period's rounds (for the leadership group only)."""
    rows = RatingComment.objects.filter(
        round__period=period, round__subject_kind=subject_kind
    ).order_by("subject_id", "created_at", "pk")
    found: dict[str, list[RatingComment]] = {}
    for comment in rows:
        found.setdefault(comment.subject_id, []).append(comment)
    return found


def default_period(subject_kind: str) -> str:
    """The period a page shows without one asked for: the latest rated period of the kind, or
    else the year the data ends in."""
    latest = (
        RatingRound.objects.filter(subject_kind=subject_kind)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    return latest or str(data_end().year)


def weights_current() -> ScorecardWeights | None:
    """The leadership group's weights in force: the latest row, None if never set."""
    return ScorecardWeights.objects.order_by("-set_at", "-pk").first()


def scheme_current(catalogue: Catalogue | None = None) -> WeightingScheme:
    """The balanced scheme as the leadership group last set it, else the catalogue's."""
    base = (catalogue or default_catalogue()).scheme("balanced")
    weights = weights_current()
    if weights is None:
        return base
    return base.model_copy(
        update={
            "group_weights": dict(weights.group_weights),
            "indicator_weights": dict(weights.indicator_weights),
        }
    )


@dataclass(frozen=True, kw_only=True)
class ScorecardResult:
    """The scorecard JSON (``luodi scorecard --json``) and the version it was computed on."""

    report: dict[str, Any]
    key: str
    cached: bool


def _key(period: str, subject_kind: str) -> str:
    # The data stamp counts every contract table's rows; the ratings' latest time and the
    # weights row make the key change on every submission and every new scheme regardless.
    weights = weights_current()
    ratings = Rating.objects.aggregate(n=Count("pk"), last=Max("submitted_at"))
    scheme = [weights.pk, weights.set_at, weights.group_weights] if weights else None
    parts = [data_stamp(), scheme, ratings["n"], ratings["last"]]
    text = json.dumps(parts, default=str)
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    return f"{CACHE_PREFIX}{version}:{period}:{subject_kind}"


def _build(period: str, subject_kind: str) -> Any:
    from luodi.scorecard import period_parse, scorecard_build

    catalogue = default_catalogue()
    return scorecard_build(
        dataset=diagnosis_dataset(),
        period=period_parse(period),
        subject_kind=subject_kind,
        catalogue=catalogue,
        scheme=scheme_current(catalogue),
        engine=ENGINE,
    )


def scorecard_get(*, period: str, subject_kind: str) -> ScorecardResult:
    """The scorecard of ``period`` (a valid label) for departments or districts, cached."""
    key = _key(period, subject_kind)
    report, found = cached(key, lambda: _build(period, subject_kind).to_dict())
    return ScorecardResult(report=report, key=key, cached=found)


def scorecard_export(*, period: str, subject_kind: str) -> bytes:
    """The scorecard as an XLSX workbook in the offices' layout, cached like the page."""
    from luodi.scorecard import scorecard_xlsx

    key = _key(period, subject_kind) + ":xlsx"
    content, _ = cached(key, lambda: bytes(scorecard_xlsx(_build(period, subject_kind))))
    return content
