"""Errors of the dialogue desk, and their messages (Chinese; English from the locale catalogue).

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
    "ALREADY_HANDLED",
    "ANSWER_REQUIRED",
    "ATTACHMENT_EMPTY",
    "ATTACHMENT_TOO_BIG",
    "ATTACHMENT_TOO_MANY",
    "ATTACHMENT_TYPE",
    "CASE_NOT_OWN",
    "CATEGORY_UNKNOWN",
    "CHANNEL_UNKNOWN",
    "CLAUSE_UNKNOWN",
    "CONTACT_PHONE_INVALID",
    "CONTACT_PHONE_REQUIRED",
    "CONTEST_NOT_ALLOWED",
    "CONTEST_NOT_PENDING",
    "DEPARTMENT_UNKNOWN",
    "EMAIL_INVALID",
    "FIELD_BINARY",
    "FIELD_TOO_LONG",
    "INQUIRY_NOT_FOUND",
    "KIND_UNKNOWN",
    "NOTE_REQUIRED",
    "NOT_ALLOWED",
    "NOT_ESCALATED_TO_LEADERSHIP",
    "NOT_SUBMITTER",
    "OFFICER_REROUTE_TO_TRIAGE",
    "RATE_LIMITED",
    "RATING_CONTESTED",
    "RATING_OUT_OF_RANGE",
    "REASON_REQUIRED",
    "TEXT_BINARY",
    "TEXT_EMPTY",
    "TEXT_TOO_LONG",
    "TOKEN_WRONG",
    "WRONG_STATUS",
    "AttachmentRejected",
    "DialogueError",
    "DialogueNotFound",
    "DialoguePermissionError",
    "InquiryInvalid",
    "InquiryStateError",
    "SubmissionRateLimited",
]

# Submitting.
TEXT_EMPTY = _("诉求内容为空；请写明您要咨询或反映的问题后再提交。")
TEXT_TOO_LONG = _(
    "诉求内容共%(length)s字，超过%(limit)s字的上限；请精简内容，详细材料可作为附件上传。"
)
TEXT_BINARY = _(
    "诉求内容第%(position)s个字符是控制字符或二进制数据，无法保存；"
    "请直接输入文字，不要粘贴文件内容，文件请作为附件上传。"
)
FIELD_TOO_LONG = _("“%(field)s”超过%(limit)s字的上限；请精简后再提交。")
FIELD_BINARY = _("“%(field)s”含有控制字符或二进制数据；请只填写文字。")
KIND_UNKNOWN = _(
    "“%(kind)s”不是可用的诉求类型；请选择咨询（inquiry）、诉求（appeal）、"
    "投诉（complaint）或建议（suggestion）。"
)
CHANNEL_UNKNOWN = _("“%(channel)s”不是可用的提交渠道；请选择 %(channels)s 之一。")
CATEGORY_UNKNOWN = _("“%(category)s”不是可用的诉求分类；请从分类列表中选择（%(categories)s）。")
CLAUSE_UNKNOWN = _("条款“%(clause_id)s”不存在；请核对条款编号，或不关联条款提交。")
DEPARTMENT_UNKNOWN = _("部门“%(department_id)s”不存在；请从部门列表中选择，或选“不清楚”。")
CASE_NOT_OWN = _(
    "办件“%(case_id)s”不是您本人或本单位的办件（或不存在），不能关联；"
    "请从“我的办件”中选择，或不关联办件提交。"
)
CONTACT_PHONE_REQUIRED = _(
    "未登录提交须留下联系电话，以便承办部门答复和回访；请填写手机号或固定电话。"
)
CONTACT_PHONE_INVALID = _(
    "联系电话“%(phone)s”格式不正确；请填写7至15位数字的手机号或固定电话（可含区号和“-”）。"
)
EMAIL_INVALID = _("电子邮箱“%(email)s”格式不正确；请改正或留空。")
ATTACHMENT_TOO_MANY = _("最多上传%(limit)s个附件，本次有%(count)s个；请合并或删减后再提交。")
ATTACHMENT_TOO_BIG = _("附件“%(name)s”大小为%(size)s，超过%(limit)s的上限；请压缩或拆分后再上传。")
ATTACHMENT_EMPTY = _("附件“%(name)s”是空文件；请重新选择文件。")
ATTACHMENT_TYPE = _(
    "附件“%(name)s”不是PDF、PNG或JPEG文件（按文件内容判断，与文件名无关）；"
    "请转换为这三种格式之一后再上传。"
)
RATE_LIMITED = _(
    "未登录提交过于频繁：%(minutes)s分钟内最多提交%(limit)s件；请稍后再试，或登录后提交。"
)

# Finding and acting on an inquiry.
INQUIRY_NOT_FOUND = _("诉求“%(inquiry_id)s”不存在；请核对查询编号。")
TOKEN_WRONG = _(
    "诉求“%(inquiry_id)s”的查询密钥不正确；请使用提交时给出的完整链接，或登录提交时的账户。"
)
NOT_SUBMITTER = _(
    "只有诉求“%(inquiry_id)s”的提交人可以%(action)s；请以提交时的账户登录，或使用查询密钥链接。"
)
NOT_ALLOWED = _(
    "账户 %(username)s（角色：%(role)s）不能对诉求“%(inquiry_id)s”%(action)s；该操作由%(who)s办理。"
)
WRONG_STATUS = _(
    "诉求“%(inquiry_id)s”当前状态为“%(status)s”，不能%(action)s；请刷新页面查看最新进展。"
)
ALREADY_HANDLED = _(
    "诉求“%(inquiry_id)s”已由%(who)s于%(when)s%(done)s（当前状态：“%(status)s”），"
    "不能再%(action)s；请刷新页面查看最新进展。"
)
ANSWER_REQUIRED = _("答复内容为空；请写明办理结果或政策解答后再提交。")
REASON_REQUIRED = _("须写明理由（%(action)s）；请填写“理由”后再提交。")
NOTE_REQUIRED = _("须写明说明（%(action)s）；请填写“说明”后再提交。")
OFFICER_REROUTE_TO_TRIAGE = _(
    "部门经办人只能将诉求退回人才办重新分拣，不能直接改派给其他部门；请选择“退回人才办”并写明理由。"
)
RATING_OUT_OF_RANGE = _("满意度须为1至5的整数（填写的是%(value)s）；请重新选择。")
RATING_CONTESTED = _(
    "诉求“%(inquiry_id)s”的评价已被承办部门提出异议（%(contest)s），不能再修改评价。"
)
CONTEST_NOT_ALLOWED = _(
    "只有满意度为1或2分的评价可以提出异议（诉求“%(inquiry_id)s”的评价：%(satisfaction)s）。"
)
CONTEST_NOT_PENDING = _(
    "诉求“%(inquiry_id)s”没有待裁定的评价异议（当前：%(contest)s）；请刷新页面查看。"
)
NOT_ESCALATED_TO_LEADERSHIP = _(
    "诉求“%(inquiry_id)s”尚未超期提请领导小组，领导小组不能作出批示；由人才办督办即可。"
)


class DialogueError(MessageError):
    """A dialogue desk request that cannot be carried out as asked.

    ``message`` is one of this module's constants and ``params`` fill it in; both stay on the
    error so a page can show it in the reader's language and a test can name the constant.
    """


class InquiryInvalid(DialogueError):
    """What was submitted or entered cannot be stored (empty, too long, unknown value)."""


class AttachmentRejected(InquiryInvalid):
    """An attachment is too big, empty, too many, or not a PDF, PNG or JPEG by its content."""


class SubmissionRateLimited(DialogueError):
    """Too many anonymous submissions from one client in the window."""


class DialogueNotFound(DialogueError):
    """No inquiry with that id."""


class DialoguePermissionError(DialogueError):
    """The account (or token) may not take this action on this inquiry."""


class InquiryStateError(DialogueError):
    """The inquiry's status (or its rating's contest) does not allow the action now."""
