"""What the survey pages read beyond the counts: the report, free text to code, the
anonymised export.

The report runs the core's ``survey_report`` on this survey's tables only. Free text is
personal (``SurveyPersonalAnswer``): the owner's report and coding page include it, anyone
else's report leaves every free-text answer out.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from luodi.contract import Dataset
from luodi.contract.io import csv_text
from luodi.contract.tables import table
from luodi.engines import get_engine
from luodi.platform.accounts.models import User
from luodi.platform.surveys.models import (
    Survey,
    SurveyAnswerCoding,
    SurveyItem,
    SurveyOption,
    SurveyPersonalAnswer,
    SurveyResponse,
    SurveySetup,
)
from luodi.platform.surveys.selectors import instrument_of
from luodi.survey.anonymise import responses_anonymise
from luodi.survey.report import survey_report

__all__ = [
    "FreeTextAnswer",
    "free_text_answers",
    "is_owner",
    "survey_anonymised_zip",
    "survey_report_data",
]

_SURVEY_TABLES = ("surveys", "survey_items", "survey_options")


@dataclass(frozen=True, kw_only=True)
class FreeTextAnswer:
    respondent_id: str
    item_code: str
    item_text: str
    value: str
    tags: tuple[str, ...]


def is_owner(survey: Survey, user: User) -> bool:
    return SurveySetup.objects.filter(survey=survey, owner=user).exists()


def _text_items(survey: Survey) -> dict[str, str]:
    rows = SurveyItem.objects.filter(survey=survey, kind="text").order_by("position")
    return dict(rows.values_list("item_code", "text"))


def _codings(survey: Survey) -> dict[tuple[str, str], tuple[str, ...]]:
    return {
        (c.respondent_id, c.item_code): tuple(c.tags)
        for c in SurveyAnswerCoding.objects.filter(survey=survey)
    }


def free_text_answers(*, survey: Survey) -> list[FreeTextAnswer]:
    """Every free-text answer with its coded themes, by item then respondent. The caller
    checks ownership: this reads personal answers."""
    items = _text_items(survey)
    codings = _codings(survey)
    found = [
        (row.item_code, row.respondent_id, row.value)
        for model in (SurveyPersonalAnswer, SurveyResponse)
        for row in model.objects.filter(survey=survey, item_code__in=list(items))
    ]
    order = list(items)
    return [
        FreeTextAnswer(
            respondent_id=respondent_id,
            item_code=item_code,
            item_text=items[item_code],
            value=value,
            tags=codings.get((respondent_id, item_code), ()),
        )
        for item_code, respondent_id, value in sorted(
            found, key=lambda row: (order.index(row[0]), row[1])
        )
        if value.strip()
    ]


def _rows(survey: Survey, name: str) -> list[dict[str, Any]]:
    columns = table(name).column_names
    if name == "surveys":
        return [dict(row) for row in Survey.objects.filter(pk=survey.pk).values(*columns)]
    model = SurveyItem if name == "survey_items" else SurveyOption
    rows = model.objects.filter(survey=survey).order_by("position")
    return [dict(row) for row in rows.values(*columns)]


def _answers(survey: Survey, *, with_free_text: bool) -> list[dict[str, str]]:
    text_items = set(_text_items(survey))
    rows = [
        {"survey_id": survey.pk, "respondent_id": r, "item_code": i, "value": v}
        for r, i, v in SurveyResponse.objects.filter(survey=survey).values_list(
            "respondent_id", "item_code", "value"
        )
        if with_free_text or i not in text_items
    ]
    if with_free_text:
        rows += [
            {"survey_id": survey.pk, "respondent_id": r, "item_code": i, "value": v}
            for r, i, v in SurveyPersonalAnswer.objects.filter(
                survey=survey, item_code__in=list(text_items)
            ).values_list("respondent_id", "item_code", "value")
        ]
    return rows


def survey_report_data(*, survey: Survey, user: User) -> dict[str, Any]:
    """The report of ``luodi survey report`` for this survey; free text grouped by the coded
    themes for the owner, left out for anyone else."""
    owner = is_owner(survey, user)
    tables = {name: _rows(survey, name) for name in _SURVEY_TABLES}
    tables["survey_responses"] = _answers(survey, with_free_text=owner)
    report = survey_report(
        dataset=Dataset.from_rows(tables),
        engine=get_engine("duckdb"),
        survey_id=survey.pk,
        instrument=instrument_of(survey),
        tags=_codings(survey) if owner else None,
        personal_text=owner,
    )
    data = report.to_dict()
    data["free_text_visible"] = owner
    return data


def survey_anonymised_zip(*, survey: Survey, threshold: int) -> bytes:
    """A ZIP of the survey's four contract tables as CSV, answers anonymised (new ids, no
    personal or free-text items, answers of fewer than ``threshold`` respondents left out),
    with a JSON note of what was left out."""
    result = responses_anonymise(
        responses=_answers(survey, with_free_text=False),
        instrument=instrument_of(survey),
        threshold=threshold,
    )
    tables = {name: _rows(survey, name) for name in _SURVEY_TABLES}
    tables["survey_responses"] = [dict(row) for row in result.rows]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            columns = table(name).column_names
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(columns)
            writer.writerows([csv_text(row.get(c)) for c in columns] for row in rows)
            # A BOM so Excel opens the Chinese text as UTF-8.
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
        note = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        archive.writestr("suppressed.json", note)
    return buffer.getvalue()
