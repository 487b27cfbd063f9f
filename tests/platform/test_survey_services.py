"""Survey services: one response per token, drafts, skip logic, anonymity, personal answers."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.demo.services import DEMO_USERNAMES
from luodi.platform.surveys import errors as e
from luodi.platform.surveys.models import (
    SurveyDraft,
    SurveyInvitation,
    SurveyItem,
    SurveyPersonalAnswer,
    SurveyResponse,
)
from luodi.platform.surveys.selectors import personal_answers, survey_get, survey_summaries
from luodi.platform.surveys.services import (
    invitation_create,
    personal_delete,
    response_save,
    response_submit,
    survey_close,
    survey_open,
)
from tests.platform.survey_support import office, survey_make


def _user(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


@pytest.fixture
def survey(demo: Any) -> str:
    return survey_make()


def test_template_fills_the_contract_tables(demo: Any) -> None:
    survey_id = survey_make(survey_id="SV-STUDY", template=True)
    codes = set(SurveyItem.objects.filter(survey_id=survey_id).values_list("item_code", flat=True))
    assert {"awareness", "problem", "knew_department", "solved"} <= codes


def test_only_the_talent_office_manages(survey: str) -> None:
    for role in (Role.EVALUATOR, Role.OFFICER, Role.LEADERSHIP):
        with pytest.raises(e.SurveyPermissionError):
            invitation_create(survey_id=survey, by=_user(role))
        with pytest.raises(e.SurveyPermissionError):
            survey_close(survey_id=survey, by=_user(role))


def test_tokens_are_stored_hashed(survey: str) -> None:
    tokens = invitation_create(survey_id=survey, by=office(), count=3)
    assert len(set(tokens)) == 3
    stored = set(SurveyInvitation.objects.values_list("token_hash", flat=True))
    assert not stored & set(tokens)
    assert len(stored) == 3


def test_one_response_per_token(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    response_submit(token=token, answers={"problem": "no"})
    with pytest.raises(e.SurveyStateError) as raised:
        response_submit(token=token, answers={"problem": "yes", "knew_department": "no"})
    assert raised.value.message == e.ALREADY_SUBMITTED
    with pytest.raises(e.SurveyStateError):
        response_save(token=token, answers={"problem": "yes"})
    assert SurveyResponse.objects.filter(survey_id=survey).count() == 1


def test_unknown_token_is_not_found(survey: str) -> None:
    with pytest.raises(e.SurveyNotFound):
        response_save(token="nope", answers={})


def test_resume_keeps_the_answers(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    response_save(token=token, answers={"problem": "yes", "unknown": "x"})
    response_save(token=token, answers={"problem": "yes", "knew_department": "no", "years": "1."})
    draft = SurveyDraft.objects.get()
    assert draft.answers == {"problem": "yes", "knew_department": "no", "years": "1."}


def test_submit_validates_required_values_and_skip_logic(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    with pytest.raises(e.SurveyAnswersInvalid) as raised:
        response_submit(token=token, answers={"problem": "yes", "years": "many"})
    assert raised.value.problems == {
        "knew_department": e.ANSWER_REQUIRED,
        "years": e.NOT_A_NUMBER,
    }
    # What was typed is kept for the corrections.
    assert SurveyDraft.objects.get().answers["years"] == "many"
    with pytest.raises(e.SurveyAnswersInvalid) as raised:
        response_submit(token=token, answers={"problem": "maybe", "years": "99"})
    assert set(raised.value.problems) == {"problem", "years"}
    # A hidden item's answer is dropped, not stored.
    respondent = response_submit(token=token, answers={"problem": "no", "knew_department": "yes"})
    stored = dict(
        SurveyResponse.objects.filter(respondent_id=respondent).values_list("item_code", "value")
    )
    assert stored == {"problem": "no"}
    assert not SurveyDraft.objects.exists()


def test_anonymous_mode_leaves_no_link(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    respondent = response_submit(token=token, answers={"problem": "no", "contact": "138"})
    invitation = SurveyInvitation.objects.get()
    assert invitation.submitted_at is not None
    assert invitation.respondent_id == ""
    # Random, not derived from the invitation as in named mode.
    assert respondent != f"W-{survey}-{invitation.pk}"
    assert len(respondent.removeprefix("W-")) == 16


def test_named_mode_records_the_respondent(demo: Any) -> None:
    survey_id = survey_make(survey_id="SV-N", anonymous=False)
    (token,) = invitation_create(survey_id=survey_id, by=office())
    respondent = response_submit(token=token, answers={"problem": "no"})
    assert SurveyInvitation.objects.get().respondent_id == respondent


def test_personal_answers_apart_and_only_for_the_owner(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    respondent = response_submit(token=token, answers={"problem": "no", "contact": "13800001234"})
    assert not SurveyResponse.objects.filter(item_code="contact").exists()
    found = personal_answers(survey=survey_get(survey), user=office())
    assert found == {respondent: {"contact": "13800001234"}}
    with pytest.raises(e.SurveyPermissionError):
        personal_answers(survey=survey_get(survey), user=_user(Role.EVALUATOR))
    with pytest.raises(e.SurveyPermissionError):
        personal_delete(survey_id=survey, respondent_id=respondent, by=_user(Role.EVALUATOR))
    assert personal_delete(survey_id=survey, respondent_id=respondent, by=office()) == 1
    assert not SurveyPersonalAnswer.objects.exists()
    # The coded answers stay: deletion is of the personal information.
    assert SurveyResponse.objects.filter(respondent_id=respondent).exists()


def test_closed_survey_takes_no_answers_and_reopens(survey: str) -> None:
    (token,) = invitation_create(survey_id=survey, by=office())
    survey_close(survey_id=survey, by=office())
    assert not survey_summaries(survey)[0].is_open
    with pytest.raises(e.SurveyStateError) as raised:
        response_save(token=token, answers={"problem": "no"})
    assert raised.value.message == e.SURVEY_CLOSED
    survey_open(survey_id=survey, by=office())
    response_submit(token=token, answers={"problem": "no"})
    summary = survey_summaries(survey)[0]
    assert (summary.is_open, summary.responses, summary.invited, summary.submitted) == (
        True,
        1,
        1,
        1,
    )
