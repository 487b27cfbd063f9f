"""Survey services: create from an instrument, open and close, invite, save, submit, delete.

The talent office manages surveys (``Action.SURVEY_MANAGE``); respondents act through their
invitation token, which is the only access they need and is stored hashed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Action, may_act
from luodi.platform.registry.models import Region
from luodi.platform.surveys import errors as e
from luodi.platform.surveys.answers import answers_draft, answers_submitted
from luodi.platform.surveys.models import (
    Survey,
    SurveyAnswerCoding,
    SurveyDraft,
    SurveyInvitation,
    SurveyItem,
    SurveyOption,
    SurveyPersonalAnswer,
    SurveyResponse,
    SurveySetup,
)
from luodi.platform.surveys.selectors import (
    instrument_of,
    invitation_get,
    survey_get,
    survey_is_open,
    today,
    token_hash,
)
from luodi.survey.instrument import Instrument, instrument_tables, study_template
from luodi.survey.notes import allowed_tags

__all__ = [
    "MAX_INVITATIONS",
    "answer_coding_save",
    "invitation_create",
    "personal_delete",
    "response_save",
    "response_submit",
    "survey_close",
    "survey_create_from_template",
    "survey_open",
]

MAX_INVITATIONS = 500


def _manager(by: User) -> None:
    if not may_act(by, Action.SURVEY_MANAGE):
        raise e.SurveyPermissionError(e.NOT_ALLOWED)


@transaction.atomic
def survey_create_from_template(
    *,
    survey_id: str,
    region_id: str,
    by: User,
    instrument: Instrument | None = None,
    anonymous: bool = True,
    opened_on: dt.date | None = None,
) -> Survey:
    """A survey fielding ``instrument`` (default: the study's template), owned by ``by``.

    Items and options go into the contract tables, so reports read them like any survey's;
    the full instrument (skip logic, required, personal items) is kept with the setup.
    """
    _manager(by)
    if not Region.objects.filter(pk=region_id).exists():
        raise e.SurveyError(e.REGION_UNKNOWN, region_id=region_id)
    if Survey.objects.filter(pk=survey_id).exists():
        raise e.SurveyError(e.SURVEY_EXISTS, survey_id=survey_id)
    chosen = (instrument or study_template()).model_copy(update={"survey_id": survey_id})
    tables = instrument_tables(chosen, region_id=region_id, opened_on=opened_on or today())
    survey = Survey.objects.create(**tables["surveys"][0])
    SurveyItem.objects.bulk_create(SurveyItem(**row) for row in tables["survey_items"])
    SurveyOption.objects.bulk_create(SurveyOption(**row) for row in tables["survey_options"])
    SurveySetup.objects.create(
        survey=survey, instrument=chosen.model_dump(mode="json"), owner=by, anonymous=anonymous
    )
    return survey


def survey_open(*, survey_id: str, by: User) -> Survey:
    """Open the survey for answers: no closing date; fieldwork starts today at the latest."""
    _manager(by)
    survey = survey_get(survey_id)
    survey.closed_on = None
    survey.opened_on = min(survey.opened_on, today())
    survey.save(update_fields=["closed_on", "opened_on"])
    return survey


def survey_close(*, survey_id: str, by: User) -> Survey:
    """Close the survey: today is its last day of fieldwork; no more submissions."""
    _manager(by)
    survey = survey_get(survey_id)
    survey.closed_on = today()
    survey.save(update_fields=["closed_on"])
    return survey


def invitation_create(*, survey_id: str, by: User, count: int = 1) -> list[str]:
    """``count`` new invitation tokens; returned once, only their hashes are stored."""
    _manager(by)
    survey = survey_get(survey_id)
    count = max(1, min(count, MAX_INVITATIONS))
    tokens = [secrets.token_urlsafe(24) for _ in range(count)]
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(survey=survey, token_hash=token_hash(token)) for token in tokens
    )
    return tokens


def _answerable(invitation: SurveyInvitation) -> None:
    if invitation.submitted_at is not None:
        raise e.SurveyStateError(e.ALREADY_SUBMITTED)
    if not survey_is_open(invitation.survey):
        raise e.SurveyStateError(e.SURVEY_CLOSED)


@transaction.atomic
def response_save(*, token: str, answers: Mapping[str, str]) -> SurveyDraft:
    """Keep the answers given so far under the token; the latest save replaces the draft."""
    invitation = invitation_get(token, lock=True)
    _answerable(invitation)
    kept = answers_draft(instrument_of(invitation.survey), answers)
    draft, _ = SurveyDraft.objects.update_or_create(
        invitation=invitation, defaults={"answers": kept, "saved_at": timezone.now()}
    )
    return draft


def _respondent_id(invitation: SurveyInvitation, anonymous: bool) -> str:
    if anonymous:
        # Random, not derived from the invitation: nothing leads back to the token.
        return f"W-{secrets.token_hex(8)}"
    return f"W-{invitation.survey_id}-{invitation.pk}"


def response_submit(*, token: str, answers: Mapping[str, str]) -> str:
    """Store the response of the token's invitation; returns the respondent id.

    Coded answers go into ``survey_responses``; personal items into the separate personal
    table. The draft is deleted. In anonymous mode the invitation keeps only the time. Invalid
    answers are kept as the draft, so the corrections start from what was typed.
    """
    with transaction.atomic():
        invitation = invitation_get(token, lock=True)
        _answerable(invitation)
        setup = SurveySetup.objects.get(survey=invitation.survey)
        instrument = Instrument.model_validate(setup.instrument)
        clean, problems = answers_submitted(instrument, answers)
        if not problems:
            return _response_store(invitation, setup, instrument, clean)
        SurveyDraft.objects.update_or_create(
            invitation=invitation,
            defaults={"answers": answers_draft(instrument, answers), "saved_at": timezone.now()},
        )
    raise e.SurveyAnswersInvalid(problems)


def _response_store(
    invitation: SurveyInvitation, setup: SurveySetup, instrument: Instrument, clean: dict[str, str]
) -> str:
    survey = invitation.survey
    personal = {item.code for item in instrument.items if item.personal}
    respondent_id = _respondent_id(invitation, setup.anonymous)
    SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, respondent_id=respondent_id, item_code=c, value=v)
        for c, v in clean.items()
        if c not in personal
    )
    SurveyPersonalAnswer.objects.bulk_create(
        SurveyPersonalAnswer(survey=survey, respondent_id=respondent_id, item_code=c, value=v)
        for c, v in clean.items()
        if c in personal
    )
    SurveyDraft.objects.filter(invitation=invitation).delete()
    invitation.submitted_at = timezone.now()
    invitation.respondent_id = "" if setup.anonymous else respondent_id
    invitation.save(update_fields=["submitted_at", "respondent_id"])
    return respondent_id


@transaction.atomic
def personal_delete(*, survey_id: str, respondent_id: str, by: User) -> int:
    """Delete a respondent's personal answers on request; only the survey's owner may."""
    survey = survey_get(survey_id)
    if not SurveySetup.objects.filter(survey=survey, owner=by).exists():
        raise e.SurveyPermissionError(e.NOT_OWNER)
    deleted, _ = SurveyPersonalAnswer.objects.filter(
        survey=survey, respondent_id=respondent_id.strip()
    ).delete()
    # The themes coded on the deleted free text describe it; they go with it.
    SurveyAnswerCoding.objects.filter(survey=survey, respondent_id=respondent_id.strip()).delete()
    return deleted


def _free_text_exists(survey: Survey, respondent_id: str, item_code: str) -> bool:
    item = SurveyItem.objects.filter(survey=survey, item_code=item_code, kind="text")
    if not item.exists():
        return False
    where = {"survey": survey, "respondent_id": respondent_id, "item_code": item_code}
    return (
        SurveyPersonalAnswer.objects.filter(**where).exists()
        or SurveyResponse.objects.filter(**where).exists()
    )


@transaction.atomic
def answer_coding_save(
    *, survey_id: str, respondent_id: str, item_code: str, tags: list[str], by: User
) -> SurveyAnswerCoding | None:
    """Code one free-text answer with the study's themes (Table 2); no tags removes the
    coding. Only the survey's owner reads free text, so only the owner codes it."""
    survey = survey_get(survey_id)
    if not SurveySetup.objects.filter(survey=survey, owner=by).exists():
        raise e.SurveyPermissionError(e.NOT_OWNER)
    known = set(allowed_tags())
    for tag in tags:
        if tag not in known:
            raise e.SurveyError(e.CODING_TAG_UNKNOWN, tag=tag)
    if not _free_text_exists(survey, respondent_id, item_code):
        raise e.SurveyNotFound(
            e.CODING_ANSWER_UNKNOWN, respondent_id=respondent_id, item_code=item_code
        )
    codings = SurveyAnswerCoding.objects.filter(survey=survey)
    if not tags:
        codings.filter(respondent_id=respondent_id, item_code=item_code).delete()
        return None
    coding, _ = SurveyAnswerCoding.objects.update_or_create(
        survey=survey,
        respondent_id=respondent_id,
        item_code=item_code,
        defaults={"tags": list(dict.fromkeys(tags)), "coded_by": by, "coded_at": timezone.now()},
    )
    return coding
