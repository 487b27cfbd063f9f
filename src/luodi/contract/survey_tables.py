"""Contract tables of surveys: surveys, items, options and responses."""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.columns import col
from luodi.contract.schema import ColumnType as T
from luodi.contract.schema import Table

__all__ = ["SURVEYS", "SURVEY_ITEMS", "SURVEY_OPTIONS", "SURVEY_RESPONSES"]


SURVEYS = Table(
    name="surveys",
    zh="问卷调查",
    en="Surveys fielded in a region.",
    primary_key=("survey_id",),
    columns=(
        col("survey_id", T.STRING, "问卷编号", "Survey id."),
        col("title", T.STRING, "标题", "Title."),
        col("region_id", T.STRING, "调查区域", "Region surveyed.", ref="regions.region_id"),
        col("opened_on", T.DATE, "开始日期", "First day of fieldwork."),
        col("closed_on", T.DATE, "结束日期", "Last day of fieldwork.", required=False),
    ),
)

SURVEY_ITEMS = Table(
    name="survey_items",
    zh="问卷题目",
    en="Items (questions) of a survey.",
    primary_key=("survey_id", "item_code"),
    columns=(
        col("survey_id", T.STRING, "问卷", "Survey.", ref="surveys.survey_id"),
        col("item_code", T.STRING, "题目编码", "Stable item code, e.g. gender."),
        col("position", T.INTEGER, "题号", "Order in the questionnaire.", minimum=1),
        col("section", T.STRING, "部分", "Section heading."),
        col("text", T.STRING, "题目", "Question as asked."),
        col("kind", T.CHOICE, "题型", "Kind of item.", choices=ch.SURVEY_ITEM_KINDS),
    ),
)

SURVEY_OPTIONS = Table(
    name="survey_options",
    zh="题目选项",
    en="Answer options of choice items.",
    primary_key=("survey_id", "item_code", "code"),
    columns=(
        col("survey_id", T.STRING, "问卷", "Survey.", ref="surveys.survey_id"),
        col("item_code", T.STRING, "题目编码", "Item."),
        col("code", T.STRING, "选项编码", "Option code stored in responses."),
        col("position", T.INTEGER, "顺序", "Order of the option.", minimum=1),
        col("label", T.STRING, "选项", "Option as printed."),
    ),
)

SURVEY_RESPONSES = Table(
    name="survey_responses",
    zh="问卷答案",
    en="Answers in long form: one row per respondent and item; a missing row is no answer.",
    primary_key=("survey_id", "respondent_id", "item_code"),
    columns=(
        col("survey_id", T.STRING, "问卷", "Survey.", ref="surveys.survey_id"),
        col("respondent_id", T.STRING, "答卷编号", "Respondent (anonymous) id."),
        col("item_code", T.STRING, "题目编码", "Item."),
        col(
            "value",
            T.STRING,
            "答案",
            "Option code, number, or text; several codes of a "
            "multiple-choice item are separated by ';'.",
            personal=True,
        ),
    ),
)
