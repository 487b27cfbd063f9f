"""The evidence filter vocabulary: what a drill-down accepts, checked at the edge, and its labels.

Every figure of the diagnosis that can be traced back carries ``{"kind", "filters"}``
(``luodi.diagnosis.Evidence``); the kind names a list page here and the filters, all strings,
select its rows. Anything outside the vocabulary is refused with a message saying why, so a
link that no longer matches the data fails loudly instead of listing the wrong rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luodi.contract import choices as ch
from luodi.contract.schema import Choice
from luodi.platform.accounts.roles import Page, may_open
from luodi.platform.cases.models import Case
from luodi.platform.common import choice_label
from luodi.platform.policies.models import Clause
from luodi.platform.registry.models import Department
from luodi.platform.surveys.models import Survey, SurveyItem

__all__ = [
    "KINDS",
    "KIND_PAGES",
    "TIER_GROUP_CHOICES",
    "AppliedFilter",
    "FilterError",
    "evidence_url",
    "filters_parse",
]

# The list page of each evidence kind.
KIND_PAGES: dict[str, Page] = {
    "cases": Page.DIAGNOSIS_CASES,
    "clause": Page.DIAGNOSIS_CLAUSE,
    "department": Page.DIAGNOSIS_DEPARTMENT,
    "responses": Page.DIAGNOSIS_RESPONSES,
    "inquiries": Page.DIAGNOSIS_INQUIRIES,
    "exceptions": Page.DIAGNOSIS_EXCEPTIONS,
    "conflicts": Page.DIAGNOSIS_CONFLICTS,
}
KINDS = tuple(KIND_PAGES)

# The core's tier groups (luodi.diagnosis.context): A–C high end, D–F middle, the rest general.
TIER_GROUP_CHOICES = (
    Choice(value="high_end", zh="高端人才（A–C类）", en="high end (tiers A–C)"),
    Choice(value="middle", zh="中端人才（D–F类）", en="middle (tiers D–F)"),
    Choice(value="general", zh="一般人才", en="general talent"),
)
_YES_NO = (Choice(value="yes", zh="是", en="yes"), Choice(value="no", zh="否", en="no"))
_YES = _YES_NO[:1]
# "open" means not resolved yet (open or being coordinated), as the diagnosis counts it.
_CONFLICT_STATUSES = (
    Choice(value="open", zh="未解决（含协调中）", en="not resolved (incl. being coordinated)"),
    *(c for c in ch.CONFLICT_STATUSES if c.value != "open"),
)
# Reasons are sentences a department wrote; ids and codes are much shorter.
_MAX_LENGTH = 1000
_MAX_NUMBER_DIGITS = 4
# The paging parameter of list pages travels with the filters but is not one.
PAGE_PARAMETER = "page"


class FilterError(ValueError):
    """A drill-down query outside the vocabulary; the message is for the user."""


@dataclass(frozen=True, kw_only=True)
class AppliedFilter:
    """One filter as the page shows it: what it is, and the value in words."""

    key: str
    label: str
    value: str
    value_label: str


def _clause_label(value: str) -> str | None:
    clause = Clause.objects.select_related("policy").filter(clause_id=value).first()
    return None if clause is None else f"{clause.policy.title} {clause.number}（{value}）"


def _department_label(value: str) -> str | None:
    name = Department.objects.filter(department_id=value).values_list("name", flat=True).first()
    return None if name is None else f"{name}（{value}）"


def _case_label(value: str) -> str | None:
    return value if Case.objects.filter(case_id=value).exists() else None


def _survey_label(value: str) -> str | None:
    title = Survey.objects.filter(survey_id=value).values_list("title", flat=True).first()
    return None if title is None else f"{title}（{value}）"


def _item_label(value: str) -> str | None:
    text = SurveyItem.objects.filter(item_code=value).values_list("text", flat=True).first()
    return None if text is None else f"{text}（{value}）"


def _number_label(value: str) -> str | None:
    ok = value.isascii() and value.isdigit() and len(value) <= _MAX_NUMBER_DIGITS
    return value if ok else None


def _text_label(value: str) -> str | None:
    return value


def _choices(choices: tuple[Choice, ...]) -> Callable[[str], str | None]:
    def label(value: str) -> str | None:
        known = any(choice.value == value for choice in choices)
        return choice_label(choices, value) if known else None

    return label


@dataclass(frozen=True, kw_only=True)
class _Key:
    name: str
    label: Promise
    # The value in words, or None when the value is not one this key accepts.
    value_label: Callable[[str], str | None]
    unknown: Promise


_UNKNOWN_CLAUSE = _("没有这个条款")
_UNKNOWN_DEPARTMENT = _("没有这个部门")
_NOT_A_NUMBER = _("应为非负整数")
_NOT_ALLOWED = _("不是可用的取值")


def _keys(*keys: _Key) -> dict[str, _Key]:
    return {key.name: key for key in keys}


_CLAUSE = _Key(
    name="clause_id", label=_("条款"), value_label=_clause_label, unknown=_UNKNOWN_CLAUSE
)
_DEPARTMENT = _Key(
    name="department_id",
    label=_("部门"),
    value_label=_department_label,
    unknown=_UNKNOWN_DEPARTMENT,
)

VOCABULARY: dict[str, dict[str, _Key]] = {
    "cases": _keys(
        _CLAUSE,
        _Key(
            name="department_id",
            label=_("经过部门"),
            value_label=_department_label,
            unknown=_UNKNOWN_DEPARTMENT,
        ),
        _Key(
            name="stopped_department_id",
            label=_("停在部门"),
            value_label=_department_label,
            unknown=_UNKNOWN_DEPARTMENT,
        ),
        _Key(
            name="stopped_position",
            label=_("停在第几个环节"),
            value_label=_number_label,
            unknown=_NOT_A_NUMBER,
        ),
        _Key(
            name="status",
            label=_("办件状态"),
            value_label=_choices(ch.CASE_STATUSES),
            unknown=_NOT_ALLOWED,
        ),
        _Key(
            name="decision",
            label=_("办理决定"),
            value_label=_choices(ch.DECISIONS),
            unknown=_NOT_ALLOWED,
        ),
        _Key(
            name="reason",
            label=_("理由"),
            value_label=_text_label,
            unknown=_NOT_ALLOWED,
        ),
        _Key(
            name="tier_group",
            label=_("人才层次"),
            value_label=_choices(TIER_GROUP_CHOICES),
            unknown=_NOT_ALLOWED,
        ),
        _Key(
            name="employer_stage",
            label=_("单位发展阶段"),
            value_label=_choices(ch.EMPLOYER_STAGES),
            unknown=_NOT_ALLOWED,
        ),
        _Key(
            name="received",
            label=_("已享受到待遇"),
            value_label=_choices(_YES_NO),
            unknown=_NOT_ALLOWED,
        ),
        _Key(
            name="paid",
            label=_("已兑现资金"),
            value_label=_choices(_YES_NO),
            unknown=_NOT_ALLOWED,
        ),
        _Key(
            name="phases_paid",
            label=_("已兑现到第几期"),
            value_label=_number_label,
            unknown=_NOT_A_NUMBER,
        ),
        _Key(
            name="paid_phase",
            label=_("兑现了第几期"),
            value_label=_number_label,
            unknown=_NOT_A_NUMBER,
        ),
        _Key(
            name="overdue_department_id",
            label=_("超期部门"),
            value_label=_department_label,
            unknown=_UNKNOWN_DEPARTMENT,
        ),
        _Key(
            name="exception",
            label=_("有例外办理"),
            value_label=_choices(_YES),
            unknown=_NOT_ALLOWED,
        ),
    ),
    "clause": _keys(_CLAUSE),
    "department": _keys(_DEPARTMENT),
    "responses": _keys(
        _Key(
            name="survey_id",
            label=_("问卷"),
            value_label=_survey_label,
            unknown=_("没有这个问卷"),
        ),
        _Key(
            name="item_code",
            label=_("题目"),
            value_label=_item_label,
            unknown=_("没有这个题目"),
        ),
        _Key(name="value", label=_("答案"), value_label=_text_label, unknown=_NOT_ALLOWED),
    ),
    "inquiries": _keys(
        _Key(
            name="department_id",
            label=_("承办部门"),
            value_label=_department_label,
            unknown=_UNKNOWN_DEPARTMENT,
        ),
        _Key(
            name="status",
            label=_("诉求状态"),
            value_label=_choices(ch.INQUIRY_STATUSES),
            unknown=_NOT_ALLOWED,
        ),
    ),
    "exceptions": _keys(
        _DEPARTMENT,
        _Key(name="case_id", label=_("办件"), value_label=_case_label, unknown=_("没有这个办件")),
    ),
    "conflicts": _keys(
        _Key(
            name="status",
            label=_("冲突状态"),
            value_label=_choices(_CONFLICT_STATUSES),
            unknown=_NOT_ALLOWED,
        ),
        _CLAUSE,
        _Key(
            name="department_id",
            label=_("涉及部门"),
            value_label=_department_label,
            unknown=_UNKNOWN_DEPARTMENT,
        ),
    ),
}


def filters_parse(*, kind: str, query: Mapping[str, list[str]]) -> tuple[AppliedFilter, ...]:
    """The filters of a drill-down request, each checked; ``FilterError`` says what is wrong.

    ``query`` maps each parameter to its values (``QueryDict.lists()``). A key outside the
    kind's vocabulary, a key given twice, an empty value or a value the key does not accept
    (an unknown clause, a status that does not exist …) is an error, never ignored.
    """
    vocabulary = VOCABULARY[kind]
    applied: list[AppliedFilter] = []
    for name, values in sorted(query.items()):
        if name == PAGE_PARAMETER:
            continue
        key = vocabulary.get(name)
        if key is None:
            raise FilterError(
                _("未知的筛选条件“%(key)s”；可用的条件：%(keys)s")
                % {"key": name[:64], "keys": "、".join(vocabulary)}
            )
        if len(values) != 1:
            raise FilterError(_("筛选条件“%(key)s”只能给一次。") % {"key": name})
        value = values[0]
        if not value or len(value) > _MAX_LENGTH:
            raise FilterError(
                _("筛选条件“%(key)s”的取值不能为空，也不能超过 %(n)s 个字符。")
                % {"key": name, "n": _MAX_LENGTH}
            )
        label = key.value_label(value)
        if label is None:
            raise FilterError(
                _("筛选条件“%(label)s”（%(key)s）的取值“%(value)s”%(why)s。")
                % {"label": key.label, "key": name, "value": value, "why": key.unknown}
            )
        applied.append(
            AppliedFilter(key=name, label=str(key.label), value=value, value_label=label)
        )
    return tuple(applied)


def evidence_url(evidence: Mapping[str, Any] | None, user: Any) -> str | None:
    """The drill-down URL of a figure's evidence, or None when ``user`` may not open it.

    Only the kind and the filter keys are checked here (cheaply, per figure); the values are
    checked when the list page is opened.
    """
    if not isinstance(evidence, Mapping):
        return None
    page = KIND_PAGES.get(str(evidence.get("kind")))
    if page is None or not may_open(user, page):
        return None
    filters = evidence.get("filters") or {}
    if not isinstance(filters, Mapping):
        return None
    query = urlencode(sorted((str(k), str(v)) for k, v in filters.items()))
    url = reverse(f"portal:{page.value}")
    return f"{url}?{query}" if query else url
