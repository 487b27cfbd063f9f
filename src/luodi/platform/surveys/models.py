"""Survey tables of the data contract; table and column names are the contract's."""

from __future__ import annotations

from django.db import models

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Region

__all__ = ["Survey", "SurveyItem", "SurveyOption", "SurveyResponse"]

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
