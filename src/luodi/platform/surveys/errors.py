"""Errors of the survey pages and services, and their messages (Chinese; English from the locale).

Each message says what is wrong and how to fix it. The constants are the msgids, so tests and
pages reuse them; ``str(error)`` renders the message in the language active then.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from luodi.platform.exceptions import MessageError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "ALREADY_SUBMITTED",
    "ANSWERS_INVALID",
    "ANSWER_REQUIRED",
    "CODING_ANSWER_UNKNOWN",
    "CODING_TAG_UNKNOWN",
    "INSTRUMENT_FILE_KIND",
    "INSTRUMENT_FILE_TOO_BIG",
    "INSTRUMENT_INVALID",
    "NOT_ALLOWED",
    "NOT_A_NUMBER",
    "NOT_OWNER",
    "NUMBER_OUT_OF_RANGE",
    "OPTION_UNKNOWN",
    "REGION_UNKNOWN",
    "SURVEY_CLOSED",
    "SURVEY_EXISTS",
    "SURVEY_NOT_FOUND",
    "TEXT_TOO_LONG",
    "TOKEN_UNKNOWN",
    "SurveyAnswersInvalid",
    "SurveyError",
    "SurveyInstrumentInvalid",
    "SurveyNotFound",
    "SurveyPermissionError",
    "SurveyStateError",
]

NOT_ALLOWED = _("您的角色不能管理问卷；请由人才办开放、关闭问卷和发放邀请。")
NOT_OWNER = _("个人信息只有问卷负责人可以查看和删除。")
SURVEY_NOT_FOUND = _("没有编号为 %(survey_id)s 的问卷；请检查编号。")
SURVEY_EXISTS = _("问卷编号 %(survey_id)s 已存在；请换一个编号。")
REGION_UNKNOWN = _("没有编号为 %(region_id)s 的地区；请从列表中选择调查区域。")
TOKEN_UNKNOWN = _("问卷链接无效；请使用邀请中的完整链接，或向发放问卷的单位索取新链接。")
SURVEY_CLOSED = _("问卷已关闭，不再接收答卷。")
ALREADY_SUBMITTED = _("此链接的答卷已提交，每个链接只能提交一次。")
ANSWERS_INVALID = _("有 %(count)s 道题需要修改，请按提示修改后再提交。")
ANSWER_REQUIRED = _("此题必答，请作答。")
OPTION_UNKNOWN = _("请从列出的选项中选择。")
NOT_A_NUMBER = _("请填写数字，例如 3 或 2.5。")
NUMBER_OUT_OF_RANGE = _("请填写 %(minimum)s 到 %(maximum)s 之间的数。")
TEXT_TOO_LONG = _("最多 %(limit)s 个字，请删减。")
INSTRUMENT_FILE_KIND = _(
    "问卷文件 %(name)s 不是 YAML（.yaml、.yml）或 XLSForm（.xlsx）；请另存为其中一种格式再上传。"
)
INSTRUMENT_FILE_TOO_BIG = _("问卷文件 %(name)s 超过 %(limit)s KB；请检查是否选错了文件。")
INSTRUMENT_INVALID = _("问卷文件有 %(count)s 处问题，请按下列各条修改后重新上传。")
CODING_TAG_UNKNOWN = _("没有标签“%(tag)s”；请从研究表2的主题中选择。")
CODING_ANSWER_UNKNOWN = _(
    "答卷 %(respondent_id)s 没有开放题 %(item_code)s 的回答（可能已应要求删除）；请刷新页面。"
)


class SurveyError(MessageError):
    """A survey service refused; ``message`` is the msgid, ``params`` fill it in."""


class SurveyNotFound(SurveyError):
    """No such survey or invitation token (404)."""


class SurveyPermissionError(SurveyError):
    """The user's role may not do this (403)."""


class SurveyStateError(SurveyError):
    """The survey is closed or the invitation already used."""


class SurveyInstrumentInvalid(SurveyError):
    """An uploaded questionnaire file could not be read; ``problems`` says where and how to
    fix each problem (file, line or sheet row, column)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(INSTRUMENT_INVALID, count=len(self.problems))


class SurveyAnswersInvalid(SurveyError):
    """Answers failed validation; ``problems`` maps item codes to their messages."""

    def __init__(self, problems: Mapping[str, StrOrPromise]) -> None:
        self.problems = dict(problems)
        super().__init__(ANSWERS_INVALID, count=len(self.problems))
