"""Survey tables of the data contract, and the platform's own records around them.

The contract tables keep exactly their columns. The platform adds a survey's setup (its
instrument, owner and anonymity), invitations (hashed tokens, one response each), drafts
(answers saved before submitting) and personal answers (free text and contact details), which
live apart from the coded answers and are read only by the survey's owner.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Region

__all__ = [
    "Survey",
    "SurveyAnswerCoding",
    "SurveyDraft",
    "SurveyInvitation",
    "SurveyItem",
    "SurveyOption",
    "SurveyPersonalAnswer",
    "SurveyResponse",
    "SurveySetup",
]

CODE_LENGTH = 64


class Survey(models.Model):
    survey_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="survey_id")
    title = models.CharField(max_length=500, db_column="title")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="surveys", db_column="region_id"
    )
    opened_on = models.DateField(db_column="opened_on")
    closed_on = models.DateField(null=True, blank=True, db_column="closed_on")

    class Meta:
        db_table = "surveys"
        verbose_name = "问卷调查"
        verbose_name_plural = "问卷调查"

    def __str__(self) -> str:
        return self.title


class SurveyItem(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="items", db_column="survey_id"
    )
    item_code = models.CharField(max_length=CODE_LENGTH, db_column="item_code")
    position = models.IntegerField(db_column="position")
    section = models.CharField(max_length=200, db_column="section")
    text = models.TextField(db_column="text")
    kind = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.SURVEY_ITEM_KINDS), db_column="kind"
    )

    class Meta:
        db_table = "survey_items"
        verbose_name = "问卷题目"
        verbose_name_plural = "问卷题目"
        constraints = (
            models.UniqueConstraint(
                fields=["survey", "item_code"], name="survey_items_primary_key"
            ),
        )

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.item_code}"


class SurveyOption(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="options", db_column="survey_id"
    )
    item_code = models.CharField(max_length=CODE_LENGTH, db_column="item_code")
    code = models.CharField(max_length=CODE_LENGTH, db_column="code")
    position = models.IntegerField(db_column="position")
    label = models.CharField(max_length=500, db_column="label")

    class Meta:
        db_table = "survey_options"
        verbose_name = "题目选项"
        verbose_name_plural = "题目选项"
        constraints = (
            models.UniqueConstraint(
                fields=["survey", "item_code", "code"], name="survey_options_primary_key"
            ),
        )

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.item_code}={self.code}"


class SurveyResponse(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="responses", db_column="survey_id"
    )
    respondent_id = models.CharField(max_length=ID_LENGTH, db_column="respondent_id")
    item_code = models.CharField(max_length=CODE_LENGTH, db_column="item_code")
    value = models.TextField(db_column="value")

    class Meta:
        db_table = "survey_responses"
        verbose_name = "问卷答案"
        verbose_name_plural = "问卷答案"
        constraints = (
            models.UniqueConstraint(
                fields=["survey", "respondent_id", "item_code"],
                name="survey_responses_primary_key",
            ),
        )

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.respondent_id}:{self.item_code}"


class SurveySetup(models.Model):
    """The platform's side of a survey: the instrument it renders, its owner, anonymity."""

    survey = models.OneToOneField(
        Survey, on_delete=models.CASCADE, primary_key=True, related_name="setup"
    )
    # ``luodi.survey.instrument.Instrument`` as JSON: sections, items, options, skip logic.
    instrument = models.JSONField()
    # Only the owner reads personal answers; an owner's deleted account leaves nobody.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys_owned",
    )
    # Anonymous: nothing links an invitation to the respondent id its answers are stored under.
    anonymous = models.BooleanField(default=True)

    class Meta:
        db_table = "surveys_setups"
        verbose_name = "问卷设置"
        verbose_name_plural = "问卷设置"

    def __str__(self) -> str:
        return self.survey_id


class SurveyInvitation(models.Model):
    """One invitation link: the token's SHA-256 only, and at most one submitted response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Set on submit only when the survey is not anonymous.
    respondent_id = models.CharField(max_length=ID_LENGTH, blank=True, default="")

    class Meta:
        db_table = "surveys_invitations"
        verbose_name = "问卷邀请"
        verbose_name_plural = "问卷邀请"

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class SurveyDraft(models.Model):
    """Answers saved before submitting, so a dropped connection loses nothing."""

    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.CASCADE, primary_key=True, related_name="draft"
    )
    # Item code → option code, number or text; a list for multiple choice.
    answers = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "surveys_drafts"
        verbose_name = "问卷草稿"
        verbose_name_plural = "问卷草稿"

    def __str__(self) -> str:
        return f"draft {self.invitation_id}"


class SurveyPersonalAnswer(models.Model):
    """A personal answer (free text, contact details): personal information, kept apart."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="personal_answers")
    respondent_id = models.CharField(max_length=ID_LENGTH)
    item_code = models.CharField(max_length=CODE_LENGTH)
    value = models.TextField()

    class Meta:
        db_table = "surveys_personal_answers"
        verbose_name = "问卷个人信息"
        verbose_name_plural = "问卷个人信息"
        constraints = (
            models.UniqueConstraint(
                fields=["survey", "respondent_id", "item_code"],
                name="surveys_personal_answers_unique",
            ),
        )

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.respondent_id}:{self.item_code}"


class SurveyAnswerCoding(models.Model):
    """The evaluator's themes (the study's Table 2) for one free-text answer.

    Kept by respondent and item, not by answer row: the answer itself is personal and may be
    deleted on request, and the coding goes with it (``personal_delete``).
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codings")
    respondent_id = models.CharField(max_length=ID_LENGTH)
    item_code = models.CharField(max_length=CODE_LENGTH)
    tags = models.JSONField(default=list)
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    coded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "surveys_answer_codings"
        verbose_name = "开放题编码"
        verbose_name_plural = "开放题编码"
        constraints = (
            models.UniqueConstraint(
                fields=["survey", "respondent_id", "item_code"],
                name="surveys_answer_codings_unique",
            ),
        )

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.respondent_id}:{self.item_code}"
