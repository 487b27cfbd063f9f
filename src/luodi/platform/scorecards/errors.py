"""Errors of the scorecard pages and services, and their messages (Chinese; English from locale).

Each message says what is wrong, where, and how to fix it. The constants are the msgids, so
tests and pages reuse them; ``str(error)`` renders the message in the language active then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from luodi.platform.exceptions import MessageError

if TYPE_CHECKING:
    pass

__all__ = [
    "ALREADY_RATED",
    "COMMENT_TOO_LONG",
    "CONFLICT_OF_INTEREST",
    "CRITERIA_UNKNOWN",
    "CRITERION_MISSING",
    "DEPARTMENT_NEEDED",
    "DEPARTMENT_UNKNOWN",
    "INDICATOR_UNKNOWN",
    "MIN_RATERS_INVALID",
    "NAME_MISSING",
    "NOTHING_TO_RATE",
    "NOT_ALLOWED_ROUNDS",
    "NOT_ALLOWED_WEIGHTS",
    "PERIOD_INVALID",
    "RATER_KIND_INVALID",
    "REGION_NEEDED",
    "REGION_UNKNOWN",
    "ROUND_CLOSED",
    "ROUND_NOT_FOUND",
    "ROUND_NOT_RUN_HERE",
    "SCORE_INVALID",
    "SUBJECTS_INVALID",
    "SUBJECT_UNKNOWN",
    "TOKEN_UNKNOWN",
    "WEIGHTS_ALL_ZERO",
    "WEIGHT_GROUP_UNKNOWN",
    "WEIGHT_NEGATIVE",
    "RatingAlreadySubmitted",
    "RatingConflictOfInterest",
    "RatingInvalid",
    "RatingRoundClosed",
    "RatingUnknownSubject",
    "ScorecardError",
    "ScorecardNotFound",
    "ScorecardPermissionError",
]

NOT_ALLOWED_ROUNDS = _("您的角色不能管理评价轮次；请由人才办新建轮次、发放邀请和结束轮次。")
NOT_ALLOWED_WEIGHTS = _("只有领导小组可以设置考核权重。")
NAME_MISSING = _("请填写评价轮次名称，例如“2018年度部门人才工作评价”。")
PERIOD_INVALID = _("评价期“%(period)s”无法识别：%(why)s 请写成 2018、2018-H1、2018-Q3 或 2018-05。")
SUBJECTS_INVALID = _("评价对象类别只能是 department（部门）或 region（区域），收到“%(kind)s”。")
RATER_KIND_INVALID = _(
    "评价人类别只能是 superior（上级部门）、peer（同级部门）或 target（政策对象），收到“%(kind)s”。"
)
MIN_RATERS_INVALID = _("最少评价人数须为 1 到 100 之间的整数，收到 %(value)s。")
CRITERIA_UNKNOWN = _("评价维度 %(codes)s 不在指标目录中；可选：%(known)s。")
ROUND_NOT_FOUND = _("没有编号为 %(round_id)s 的评价轮次；请从列表中选择。")
ROUND_NOT_RUN_HERE = _("评价轮次 %(round_id)s 是导入的数据，平台不为它发放邀请或接收评价。")
ROUND_CLOSED = _("评价轮次已结束，不再接收评价。")
DEPARTMENT_NEEDED = _("上级部门和同级部门评价人须指定其所在部门；请选择部门。")
REGION_NEEDED = _("政策对象评价人须指定其所在区域（用人单位所在区县）；请选择区域。")
DEPARTMENT_UNKNOWN = _("没有编号为 %(department_id)s 的部门；请从列表中选择。")
REGION_UNKNOWN = _("没有编号为 %(region_id)s 的区域；请从列表中选择。")
NOTHING_TO_RATE = _("排除评价人自己的单位后，本轮没有可评价的对象；请检查评价人所在单位。")
TOKEN_UNKNOWN = _("评价链接无效；请使用邀请中的完整链接，或向人才办索取新链接。")
SUBJECT_UNKNOWN = _("“%(subject_id)s”不是本轮的评价对象；请从页面列出的对象中选择。")
CONFLICT_OF_INTEREST = _("回避规定：评价人不能评价本人所在的单位（%(subject_id)s）。")
CRITERION_MISSING = _("请为每个评价维度打分（1–5 分）；缺少：%(codes)s。")
SCORE_INVALID = _("评价维度“%(code)s”的分数须为 1 到 5 的整数，收到“%(value)s”。")
COMMENT_TOO_LONG = _("意见最多 %(limit)s 个字，请删减。")
ALREADY_RATED = _("您已评价过 %(subject_id)s，每位评价人对每个对象只能评价一次。")
WEIGHT_GROUP_UNKNOWN = _(
    "权重类别 %(groups)s 无法识别；只能是 hard（硬指标）、process（过程指标）、rated（评价指标）。"
)
INDICATOR_UNKNOWN = _("指标 %(ids)s 不在指标目录中；请用“luodi scorecard indicators”查看指标编号。")
WEIGHT_NEGATIVE = _("权重不能为负数（%(name)s = %(value)s）。")
WEIGHTS_ALL_ZERO = _("各类权重不能全为 0；至少给一类指标正的权重。")


class ScorecardError(MessageError):
    """A scorecard service refused; ``message`` is the msgid, ``params`` fill it in."""


class ScorecardNotFound(ScorecardError):
    """No such round or invitation token (404)."""


class ScorecardPermissionError(ScorecardError):
    """The user's role may not do this (403)."""


class RatingInvalid(ScorecardError):
    """The round's setup, an invitation or a submitted rating is not acceptable as given."""


class RatingRoundClosed(ScorecardError):
    """The round takes no more ratings."""


class RatingUnknownSubject(ScorecardError):
    """The subject is not rated in this round."""


class RatingConflictOfInterest(ScorecardError):
    """The rater sits in the subject rated: no one rates their own department or district."""


class RatingAlreadySubmitted(ScorecardError):
    """The rater has rated this subject already: one rating per rater and subject."""
