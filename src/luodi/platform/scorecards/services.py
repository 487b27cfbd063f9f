"""Scorecard services: run rating rounds, invite raters, take ratings, set the weights.

The talent office runs rounds (``Action.RATING_ROUND_MANAGE``); raters act through their
invitation token, stored hashed; the leadership group sets the weights
(``Action.SCORECARD_WEIGHTS_SET``). Every change writes a ``ScorecardLog`` row, never with a
rater's comment in it. Conflict of interest is refused twice: a rater is never offered their
own department or district, and a rating of it sent directly is refused.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, may_act
from luodi.platform.registry.models import Department, Region
from luodi.platform.scorecards import errors as e
from luodi.platform.scorecards.models import (
    Rating,
    RatingComment,
    RatingInvitation,
    RatingRound,
    RatingRoundSetup,
    ScorecardLog,
    ScorecardWeights,
)
from luodi.platform.scorecards.selectors import (
    SUBJECT_KINDS,
    invitation_done,
    invitation_get,
    invitation_subjects,
    own_subject,
    rateable_subjects,
    round_get,
    round_is_open,
    today,
    token_hash,
)
from luodi.scorecard import GROUPS, PeriodError, default_catalogue, period_parse

__all__ = [
    "COMMENT_LIMIT",
    "MAX_INVITATIONS",
    "rating_invitations_issue",
    "rating_round_close",
    "rating_round_create",
    "rating_submit",
    "scorecard_weights_set",
]

MAX_INVITATIONS = 200
COMMENT_LIMIT = 1000
MAX_MIN_RATERS = 100


def _log(*, by: User | None, action: str, round_id: str = "", **detail: object) -> None:
    ScorecardLog.objects.create(actor=by, action=action, round_id=round_id, detail=detail)


def _manager(by: User) -> None:
    if not may_act(by, Action.RATING_ROUND_MANAGE):
        raise e.ScorecardPermissionError(e.NOT_ALLOWED_ROUNDS)


@transaction.atomic
def rating_round_create(
    *,
    by: User,
    name: str,
    period: str,
    subject_kind: str,
    min_raters: int,
    criteria: list[str] | tuple[str, ...],
    opened_on: dt.date | None = None,
) -> RatingRound:
    """A new open round rating departments or districts on catalogue criteria in ``period``."""
    _manager(by)
    if not name.strip():
        raise e.RatingInvalid(e.NAME_MISSING)
    try:
        label = period_parse(period).label
    except PeriodError as error:
        raise e.RatingInvalid(e.PERIOD_INVALID, period=period, why=str(error)) from None
    if subject_kind not in SUBJECT_KINDS:
        raise e.RatingInvalid(e.SUBJECTS_INVALID, kind=subject_kind)
    if not 1 <= min_raters <= MAX_MIN_RATERS:
        raise e.RatingInvalid(e.MIN_RATERS_INVALID, value=min_raters)
    known = [c.code for c in default_catalogue().criteria]
    unknown = [code for code in criteria if code not in known]
    if unknown or not criteria:
        raise e.RatingInvalid(
            e.CRITERIA_UNKNOWN, codes=", ".join(unknown) or "—", known=", ".join(known)
        )
    round_id = f"RR-{label}-{secrets.token_hex(3)}"
    rating_round = RatingRound.objects.create(
        round_id=round_id,
        name=name.strip(),
        period=label,
        subject_kind=subject_kind,
        opened_on=opened_on or today(),
        min_raters=min_raters,
    )
    # Keep the order given, without repeats: it is the order the form asks in.
    ordered = list(dict.fromkeys(criteria))
    RatingRoundSetup.objects.create(round=rating_round, criteria=ordered, created_by=by)
    _log(by=by, action="round_create", round_id=round_id, period=label, kind=subject_kind)
    return rating_round


@transaction.atomic
def rating_round_close(*, by: User, round_id: str) -> RatingRound:
    """Close the round: today is its last day; no more ratings are taken."""
    _manager(by)
    rating_round = round_get(round_id)
    setup = RatingRoundSetup.objects.select_for_update().filter(round=rating_round).first()
    if setup is None:
        raise e.RatingInvalid(e.ROUND_NOT_RUN_HERE, round_id=round_id)
    setup.status = "closed"
    setup.save(update_fields=["status"])
    rating_round.closed_on = today()
    rating_round.save(update_fields=["closed_on"])
    _log(by=by, action="round_close", round_id=round_id)
    return rating_round


def _rater_place(
    rating_round: RatingRound,
    rater_kind: str,
    rater_department_id: str | None,
    rater_region_id: str | None,
) -> tuple[Department | None, Region | None]:
    department = region = None
    if rater_department_id:
        department = Department.objects.filter(pk=rater_department_id).first()
        if department is None:
            raise e.RatingInvalid(e.DEPARTMENT_UNKNOWN, department_id=rater_department_id)
    if rater_region_id:
        region = Region.objects.filter(pk=rater_region_id).first()
        if region is None:
            raise e.RatingInvalid(e.REGION_UNKNOWN, region_id=rater_region_id)
    if rater_kind in ("superior", "peer") and department is None:
        raise e.RatingInvalid(e.DEPARTMENT_NEEDED)
    if rater_kind == "target" and region is None:
        raise e.RatingInvalid(e.REGION_NEEDED)
    if rating_round.subject_kind == "region" and region is None and department is not None:
        # A department rating districts sits in its own district, which it may not rate.
        region = department.region
    return department, region


@transaction.atomic
def rating_invitations_issue(
    *,
    by: User,
    round_id: str,
    rater_kind: str,
    rater_department_id: str | None = None,
    rater_region_id: str | None = None,
    count: int = 1,
) -> list[str]:
    """``count`` new rater links of one kind and place; the raw tokens are returned once.

    Each invitation is one rater (its own pseudonymous id). What they may rate is the round's
    subjects minus the department or district they sit in; if that leaves nothing, refused.
    """
    _manager(by)
    rating_round = round_get(round_id)
    if not RatingRoundSetup.objects.filter(round=rating_round).exists():
        raise e.RatingInvalid(e.ROUND_NOT_RUN_HERE, round_id=round_id)
    if not round_is_open(rating_round):
        raise e.RatingRoundClosed(e.ROUND_CLOSED)
    if rater_kind not in ("superior", "peer", "target"):
        raise e.RatingInvalid(e.RATER_KIND_INVALID, kind=rater_kind)
    department, region = _rater_place(
        rating_round, rater_kind, rater_department_id, rater_region_id
    )
    rateable = rateable_subjects(
        subject_kind=rating_round.subject_kind,
        rater_kind=rater_kind,
        department_id=department.pk if department else None,
        region_id=region.pk if region else None,
    )
    if not rateable:
        raise e.RatingInvalid(e.NOTHING_TO_RATE)
    count = max(1, min(count, MAX_INVITATIONS))
    tokens = [secrets.token_urlsafe(24) for _ in range(count)]
    RatingInvitation.objects.bulk_create(
        RatingInvitation(
            round=rating_round,
            token_hash=token_hash(token),
            rater_kind=rater_kind,
            # Random, not derived from the token or the place: nothing leads back to a person.
            rater_id=f"R-{secrets.token_hex(8)}",
            rater_department=department,
            rater_region=region,
        )
        for token in tokens
    )
    _log(
        by=by,
        action="invitations_issue",
        round_id=round_id,
        kind=rater_kind,
        department_id=department.pk if department else None,
        region_id=region.pk if region else None,
        count=count,
    )
    return tokens


def _clean_scores(criteria: list[str], scores: Mapping[str, object]) -> dict[str, int]:
    missing = [code for code in criteria if str(scores.get(code, "")).strip() == ""]
    if missing:
        raise e.RatingInvalid(e.CRITERION_MISSING, codes=", ".join(missing))
    clean: dict[str, int] = {}
    for code in criteria:
        raw = scores[code]
        text = str(raw).strip()
        if isinstance(raw, bool) or not text.isdigit() or not 1 <= int(text) <= 5:
            raise e.RatingInvalid(e.SCORE_INVALID, code=code, value=text)
        clean[code] = int(text)
    return clean


def rating_submit(
    *, token: str, subject_id: str, scores: Mapping[str, object], comment: str | None = None
) -> list[Rating]:
    """The rater's scores of one subject on every criterion of the round, and their comment.

    Locks the invitation, so two submissions of one rater run one after the other and the
    second finds the first's ratings; the unique constraint stands behind it.
    """
    try:
        with transaction.atomic():
            return _rating_store(token, subject_id, scores, comment)
    except IntegrityError:
        # Only reachable if a rating of the same rater arrived outside this lock (e.g. import).
        raise e.RatingAlreadySubmitted(e.ALREADY_RATED, subject_id=subject_id) from None


def _rating_store(
    token: str, subject_id: str, scores: Mapping[str, object], comment: str | None
) -> list[Rating]:
    invitation = invitation_get(token, lock=True)
    rating_round = invitation.round
    if not round_is_open(rating_round):
        raise e.RatingRoundClosed(e.ROUND_CLOSED)
    own = own_subject(
        subject_kind=rating_round.subject_kind,
        rater_kind=invitation.rater_kind,
        department_id=invitation.rater_department_id,
        region_id=invitation.rater_region_id,
    )
    if subject_id == own:
        raise e.RatingConflictOfInterest(e.CONFLICT_OF_INTEREST, subject_id=subject_id)
    if subject_id not in {i for i, _ in invitation_subjects(invitation)}:
        raise e.RatingUnknownSubject(e.SUBJECT_UNKNOWN, subject_id=subject_id)
    setup = RatingRoundSetup.objects.get(round=rating_round)
    clean = _clean_scores(list(setup.criteria), scores)
    text = (comment or "").strip()
    if len(text) > COMMENT_LIMIT:
        raise e.RatingInvalid(e.COMMENT_TOO_LONG, limit=COMMENT_LIMIT)
    if subject_id in invitation_done(invitation):
        raise e.RatingAlreadySubmitted(e.ALREADY_RATED, subject_id=subject_id)
    now = timezone.now()
    ratings = Rating.objects.bulk_create(
        Rating(
            rating_id=f"RT-{secrets.token_hex(8)}",
            round=rating_round,
            subject_id=subject_id,
            rater_kind=invitation.rater_kind,
            rater_id=invitation.rater_id,
            rater_department_id=invitation.rater_department_id,
            rater_region_id=invitation.rater_region_id,
            criterion=code,
            score=score,
            submitted_at=now,
        )
        for code, score in clean.items()
    )
    if text:
        # No rater id: the comment cannot be tied to the rater's scores.
        RatingComment.objects.create(
            round=rating_round, subject_id=subject_id, rater_kind=invitation.rater_kind, text=text
        )
    # The log names the rater only by the pseudonymous id and never holds the comment.
    _log(
        by=None,
        action="rating_submit",
        round_id=rating_round.pk,
        subject_id=subject_id,
        rater_id=invitation.rater_id,
        commented=bool(text),
    )
    return ratings


@transaction.atomic
def scorecard_weights_set(
    *,
    by: User,
    group_weights: Mapping[str, float],
    indicator_weights: Mapping[str, float] | None = None,
) -> ScorecardWeights:
    """The balanced scheme's weights from now on; the earlier rows stay as the history."""
    if not may_act(by, Action.SCORECARD_WEIGHTS_SET):
        raise e.ScorecardPermissionError(e.NOT_ALLOWED_WEIGHTS)
    unknown_groups = sorted(set(group_weights) - set(GROUPS))
    if unknown_groups:
        raise e.RatingInvalid(e.WEIGHT_GROUP_UNKNOWN, groups=", ".join(unknown_groups))
    indicator_weights = dict(indicator_weights or {})
    known = {indicator.id for indicator in default_catalogue().indicators}
    unknown = sorted(set(indicator_weights) - known)
    if unknown:
        raise e.RatingInvalid(e.INDICATOR_UNKNOWN, ids=", ".join(unknown))
    for name, value in [*group_weights.items(), *indicator_weights.items()]:
        if float(value) < 0:
            raise e.RatingInvalid(e.WEIGHT_NEGATIVE, name=name, value=value)
    if sum(float(v) for v in group_weights.values()) <= 0:
        raise e.RatingInvalid(e.WEIGHTS_ALL_ZERO)
    groups = {group: float(group_weights.get(group, 0.0)) for group in GROUPS}
    weights = ScorecardWeights.objects.create(
        scheme_id="balanced",
        group_weights=groups,
        indicator_weights={k: float(v) for k, v in indicator_weights.items()},
        set_by=by,
    )
    _log(by=by, action="weights_set", groups=groups, indicators=weights.indicator_weights)
    return weights
