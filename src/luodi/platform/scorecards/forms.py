"""Forms of the scorecard pages, and the page's query (period, subject kind) checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.scorecards import errors as e
from luodi.platform.scorecards.selectors import SUBJECT_KINDS, default_period
from luodi.scorecard import PeriodError, period_parse

__all__ = [
    "QUERY_KEYS",
    "InvitationForm",
    "RoundCreateForm",
    "ScorecardQuery",
    "WeightsForm",
    "query_parse",
]

QUERY_KEYS = frozenset({"period", "subjects"})


@dataclass(frozen=True, kw_only=True)
class ScorecardQuery:
    period: str  # a valid label, normalised by the core's parser
    subject_kind: str


def query_parse(query: Mapping[str, list[str]]) -> ScorecardQuery:
    """The page's period and subject kind from the query string; defaults when left out.

    Raises ``RatingInvalid`` with the accepted forms for anything else, which the page
    answers with 400.
    """
    unknown = sorted(set(query) - QUERY_KEYS)
    if unknown or any(len(values) != 1 for values in query.values()):
        raise e.RatingInvalid(
            _("查询参数只能是 period（评价期）和 subjects（department 或 region），各一个。")
        )
    kind = query.get("subjects", ["department"])[0].strip() or "department"
    if kind not in SUBJECT_KINDS:
        raise e.RatingInvalid(e.SUBJECTS_INVALID, kind=kind)
    text = query.get("period", [""])[0].strip() or default_period(kind)
    try:
        period = period_parse(text).label
    except PeriodError as error:
        raise e.RatingInvalid(e.PERIOD_INVALID, period=text, why=str(error)) from None
    return ScorecardQuery(period=period, subject_kind=kind)


class WeightsForm(forms.Form):
    hard = forms.FloatField(label=_("硬指标（结果）权重"), min_value=0, max_value=100)
    process = forms.FloatField(label=_("过程指标权重"), min_value=0, max_value=100)
    rated = forms.FloatField(label=_("评价指标权重"), min_value=0, max_value=100)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        values = [data.get(name) for name in ("hard", "process", "rated")]
        if all(isinstance(v, float) for v in values) and sum(v or 0.0 for v in values) <= 0:
            raise forms.ValidationError(e.WEIGHTS_ALL_ZERO)
        return data


class RoundCreateForm(forms.Form):
    name = forms.CharField(label=_("轮次名称"), max_length=200)
    period = forms.CharField(label=_("评价期"), max_length=16, help_text=_("例如 2018、2018-H1"))
    subject_kind = forms.ChoiceField(
        label=_("评价对象"), choices=field_choices(ch.SCORE_SUBJECT_KINDS)
    )
    min_raters = forms.IntegerField(label=_("最少评价人数"), min_value=1, max_value=100, initial=3)
    criteria = forms.MultipleChoiceField(label=_("评价维度"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: object, criteria: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["criteria"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = criteria
        field.initial = [code for code, _ in criteria]


class InvitationForm(forms.Form):
    round_id = forms.CharField(widget=forms.HiddenInput)
    rater_kind = forms.ChoiceField(label=_("评价人类别"), choices=field_choices(ch.RATER_KINDS))
    rater_department_id = forms.ChoiceField(label=_("评价人所在部门"), required=False)
    rater_region_id = forms.ChoiceField(label=_("评价人所在区域"), required=False)
    count = forms.IntegerField(label=_("邀请链接数量"), min_value=1, max_value=200, initial=1)

    def __init__(
        self,
        *args: object,
        departments: list[tuple[str, str]],
        regions: list[tuple[str, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        blank = [("", "—")]
        department = self.fields["rater_department_id"]
        region = self.fields["rater_region_id"]
        assert isinstance(department, forms.ChoiceField)
        assert isinstance(region, forms.ChoiceField)
        department.choices = blank + departments
        region.choices = blank + regions
