"""Reads of the survey pages: summaries with response counts, instruments, invitations.

Who may read what is decided in ``accounts.roles`` (the page) and here only for personal
answers, which the survey's owner alone reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from luodi.platform.accounts.models import User
from luodi.platform.surveys import errors as e
from luodi.platform.surveys.models import (
    Survey,
    SurveyInvitation,
    SurveyPersonalAnswer,
    SurveyResponse,
    SurveySetup,
)
from luodi.survey.instrument import Instrument

__all__ = [
    "SurveySummary",
    "instrument_of",
    "invitation_get",
    "personal_answers",
    "survey_get",
    "survey_is_open",
    "survey_summaries",
    "today",
    "token_hash",
]


def today() -> dt.date:
    # USE_TZ is off: now() is naive local (Asia/Shanghai) time.
    return timezone.now().date()


def token_hash(token: str) -> str:
    """The stored form of an invitation token: its SHA-256, so a leaked table opens nothing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, kw_only=True)
class SurveySummary:
    survey: Survey
    is_open: bool
    responses: int  # distinct respondents with at least one coded answer
    invited: int
    submitted: int
    has_setup: bool  # fielded on the platform (imported surveys have no form)
    anonymous: bool
    owner_id: int | None


def survey_is_open(survey: Survey) -> bool:
    """Open from its first day until it is closed; closing today closes it at once."""
    now = today()
    return survey.opened_on <= now and (survey.closed_on is None or survey.closed_on > now)


def survey_get(survey_id: str) -> Survey:
    try:
        return Survey.objects.select_related("region").get(pk=survey_id)
    except Survey.DoesNotExist:
        raise e.SurveyNotFound(e.SURVEY_NOT_FOUND, survey_id=survey_id) from None


def instrument_of(survey: Survey) -> Instrument:
    """The instrument stored with the survey."""
    return Instrument.model_validate(SurveySetup.objects.get(survey=survey).instrument)


def survey_summaries(survey_id: str | None = None) -> list[SurveySummary]:
    """Every survey (or one) with its response and invitation counts, newest first."""
    surveys = Survey.objects.select_related("region").order_by("-opened_on", "survey_id")
    if survey_id is not None:
        surveys = surveys.filter(pk=survey_id)
    ids = [survey.pk for survey in surveys]
    responses = dict(
        SurveyResponse.objects.filter(survey_id__in=ids)
        .values_list("survey_id")
        .annotate(n=Count("respondent_id", distinct=True))
    )
    invitations: dict[str, tuple[int, int]] = {
        row["survey_id"]: (row["invited"], row["submitted"])
        for row in SurveyInvitation.objects.filter(survey_id__in=ids)
        .values("survey_id")
        .annotate(invited=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False)))
    }
    setups = {setup.survey_id: setup for setup in SurveySetup.objects.filter(survey_id__in=ids)}
    return [
        SurveySummary(
            survey=survey,
            is_open=survey_is_open(survey),
            responses=responses.get(survey.pk, 0),
            invited=invitations.get(survey.pk, (0, 0))[0],
            submitted=invitations.get(survey.pk, (0, 0))[1],
            has_setup=survey.pk in setups,
            anonymous=setups[survey.pk].anonymous if survey.pk in setups else True,
            owner_id=setups[survey.pk].owner_id if survey.pk in setups else None,
        )
        for survey in surveys
    ]


def invitation_get(token: str, *, lock: bool = False) -> SurveyInvitation:
    """The invitation of a token, with its survey; SurveyNotFound for any unknown token."""
    rows = SurveyInvitation.objects.select_related("survey")
    if lock:
        rows = rows.select_for_update(of=("self",))
    try:
        return rows.get(token_hash=token_hash(token))
    except SurveyInvitation.DoesNotExist:
        raise e.SurveyNotFound(e.TOKEN_UNKNOWN) from None


def personal_answers(*, survey: Survey, user: User) -> dict[str, dict[str, str]]:
    """Respondent id → item code → personal answer; only for the survey's owner."""
    if not SurveySetup.objects.filter(survey=survey, owner=user).exists():
        raise e.SurveyPermissionError(e.NOT_OWNER)
    found: dict[str, dict[str, str]] = {}
    for row in SurveyPersonalAnswer.objects.filter(survey=survey).order_by(
        "respondent_id", "item_code"
    ):
        found.setdefault(row.respondent_id, {})[row.item_code] = row.value
    return found
