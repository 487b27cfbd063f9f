"""The questionnaire form: POST data to answers, and answers to what the template renders.

The form is built from the instrument, not from a Django form class: every item becomes a
``Question`` with its inputs' names and ids, its current value, its error and whether skip
logic shows it, so the template can render labels, fieldsets and linked errors directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from luodi.survey.instrument import Instrument, Item, visible_items

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "FIELD_PREFIX",
    "AnonymisedExportForm",
    "InvitationForm",
    "Question",
    "SurveyCreateForm",
    "SurveySection",
    "answers_from_post",
    "questions",
]

FIELD_PREFIX = "q-"


def answers_from_post(instrument: Instrument, data: QueryDict) -> dict[str, str]:
    """Item code → value from the form's fields; several boxes of one item joined by ';'."""
    answers: dict[str, str] = {}
    for item in instrument.items:
        name = FIELD_PREFIX + item.code
        if item.kind == "multiple":
            value = ";".join(part for part in data.getlist(name) if part.strip())
        else:
            value = data.get(name, "")
        if value.strip():
            answers[item.code] = value.strip()
    return answers


@dataclass(frozen=True, kw_only=True)
class Choice:
    code: str
    label: str
    input_id: str
    checked: bool


@dataclass(frozen=True, kw_only=True)
class Question:
    item: Item
    number: int
    name: str  # the inputs' name
    input_id: str  # the text/number input's id, or the first choice's
    error_id: str
    value: str
    error: StrOrPromise | None
    shown: bool
    choices: tuple[Choice, ...]

    @property
    def fieldset(self) -> bool:
        return bool(self.choices)


@dataclass(frozen=True, kw_only=True)
class SurveySection:
    title: str
    questions: tuple[Question, ...]


def _question(
    item: Item, number: int, value: str, error: StrOrPromise | None, shown: bool
) -> Question:
    name = FIELD_PREFIX + item.code
    picked = {part for part in value.split(";")} if item.kind == "multiple" else {value}
    choices = tuple(
        Choice(
            code=option.code,
            label=option.label,
            input_id=f"{name}-{position}",
            checked=option.code in picked,
        )
        for position, option in enumerate(item.options, start=1)
    )
    return Question(
        item=item,
        number=number,
        name=name,
        input_id=choices[0].input_id if choices else name,
        error_id=f"{name}-error",
        value=value,
        error=error,
        shown=shown,
        choices=choices,
    )


def questions(
    instrument: Instrument,
    answers: Mapping[str, str],
    problems: Mapping[str, StrOrPromise] | None = None,
) -> list[SurveySection]:
    """The sections to render, items numbered, hidden ones marked by the answers' skip logic."""
    shown = {item.code for item in visible_items(instrument, answers)}
    sections: list[SurveySection] = []
    number = 0
    for section in instrument.sections:
        rendered = []
        for item in section.items:
            number += 1
            rendered.append(
                _question(
                    item,
                    number,
                    answers.get(item.code, ""),
                    (problems or {}).get(item.code),
                    item.code in shown,
                )
            )
        sections.append(SurveySection(title=section.title, questions=tuple(rendered)))
    return sections


class AnonymisedExportForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("小组抑制阈值"),
        min_value=1,
        max_value=100,
        initial=5,
        help_text=_("少于此人数的同一答案不导出。"),
    )


class InvitationForm(forms.Form):
    count = forms.IntegerField(label=_("邀请链接数量"), min_value=1, max_value=500, initial=1)


class SurveyCreateForm(forms.Form):
    survey_id = forms.SlugField(label=_("问卷编号"), max_length=60)
    region_id = forms.ChoiceField(label=_("调查区域"))
    instrument_file = forms.FileField(
        label=_("自定义问卷文件（可选）"),
        required=False,
        help_text=_("YAML 或 XLSForm（.xlsx）问卷；不上传则使用研究问卷模板。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.xlsx"}),
    )
    anonymous = forms.BooleanField(
        label=_("匿名问卷"),
        required=False,
        initial=True,
        help_text=_("匿名：提交后邀请链接与答卷编号之间不留任何关联。"),
    )

    def __init__(self, *args: object, regions: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region_id"].choices = regions  # type: ignore[attr-defined]
