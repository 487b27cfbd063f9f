"""Errors of the case workflow, and their messages (Chinese; English from the locale catalogue).

Each message says what is wrong, where, and how to fix it. The constants are the msgids, so
tests and pages reuse them; an exception formats its message in the active language.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from luodi.platform.exceptions import PlatformError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "ALREADY_DISBURSED",
    "AMOUNT_NOT_POSITIVE",
    "AMOUNT_OVER_SHARE",
    "APPLICANT_MISMATCH",
    "APPLICANT_ROLE",
    "AUTOMATIC_NOT_ALLOWED",
    "BLOCK_RULE_REQUIRED",
    "CASE_NOT_APPROVED",
    "CASE_NOT_FOUND",
    "CASE_SUBJECT_MISSING",
    "CLAUSE_NOT_FOUND",
    "CLAUSE_NO_ROUTE",
    "CONFLICT_NOT_FOUND",
    "DECISION_UNKNOWN",
    "FIGURES_MISSING",
    "FIGURE_INVALID",
    "FIGURE_UNKNOWN",
    "NOTHING_TO_RESUBMIT",
    "PHASE_NOT_PASSED",
    "PHASE_PERMISSION",
    "PHASE_RULE_MISSING",
    "PHASE_UNKNOWN",
    "REJECT_REASON_REQUIRED",
    "REOPEN_DECISION_UNKNOWN",
    "REOPEN_NOTE_REQUIRED",
    "REOPEN_PERMISSION",
    "RESUBMIT_PERMISSION",
    "RETURN_REASON_REQUIRED",
    "STEP_ALREADY_DECIDED",
    "STEP_NOT_FOUND",
    "STEP_NOT_PENDING",
    "STEP_NOT_REOPENABLE",
    "STEP_PERMISSION",
    "SUBJECT_NOT_FOUND",
    "CaseNotFound",
    "CaseStateError",
    "DecisionInvalid",
    "DisbursementRefused",
    "FiguresInvalid",
    "OpenRefused",
    "PhaseCheckError",
    "StepAlreadyDecided",
    "StepNotFound",
    "StepNotPending",
    "StepPermissionError",
    "WorkflowError",
    "WorkflowPermissionError",
]

# Finding things.
CASE_NOT_FOUND = _("办件“%(case_id)s”不存在；请从办件列表重新打开。")
STEP_NOT_FOUND = _("办件环节“%(step_id)s”不存在；请从部门待办列表重新打开该环节。")
CLAUSE_NOT_FOUND = _("条款“%(clause_id)s”不存在；请核对条款编号，或先导入其政策文件。")
SUBJECT_NOT_FOUND = _("%(what)s“%(record_id)s”不在名录中；请核对编号。")
CONFLICT_NOT_FOUND = _(
    "规定冲突“%(conflict_id)s”未登记；请先在规定冲突登记簿中登记，或不填冲突编号。"
)

# Opening a case.
CLAUSE_NO_ROUTE = _(
    "条款“%(clause_id)s”没有办理路径，无法立案；请在政策文件中为该条款写明 route 后重新导入。"
)
AUTOMATIC_NOT_ALLOWED = _(
    "条款“%(clause_id)s”须申请办理，不能免申即享自动立案；请由人才或用人单位提交申请。"
)
APPLICANT_ROLE = _("只有人才或用人单位可以提交申请（当前角色：%(role)s）；请以申请人账号登录。")
APPLICANT_MISMATCH = _(
    "申请人只能为本人或本单位申请：账号关联的是“%(own)s”，申请写的是“%(given)s”；请改为本人或本单位。"
)
CASE_SUBJECT_MISSING = _("办件须写明申请人（person_id）或申请单位（employer_id），请至少填写一项。")

# Deciding a step.
STEP_ALREADY_DECIDED = _(
    "该环节已由%(who)s于%(when)s作出决定（%(status)s）；请刷新页面查看办件的最新进展。"
)
STEP_NOT_PENDING = _(
    "环节“%(step_id)s”当前为“%(status)s”，不在待办状态，不能办理；请刷新页面查看。"
)
STEP_PERMISSION = _("只有%(department)s的经办人可以办理该环节；请以该部门经办人账号登录。")
DECISION_UNKNOWN = _("“%(decision)s”不是可用的办理决定；请选择 approve、reject、return 或 block。")
REJECT_REASON_REQUIRED = _("不予通过须写明理由（哪项条件不符合、依据哪条规定），请填写“理由”。")
RETURN_REASON_REQUIRED = _("退回补正须写明需补正的材料，请在“理由”中列出。")
BLOCK_RULE_REQUIRED = _(
    "以“无配套规定”受阻须写明本部门缺少的配套规定（名称或文号），请填写“缺少的配套规定”。"
)

# Answering a return, driving a blocked or overdue step on.
NOTHING_TO_RESUBMIT = _("办件“%(case_id)s”没有退回补正的环节，无需重新提交；请在办件页面查看进展。")
RESUBMIT_PERMISSION = _("只有办件“%(case_id)s”的申请人可以补正后重新提交；请以申请人账号登录。")
REOPEN_PERMISSION = _(
    "只有领导小组或人才办可以推动受阻或超期的环节继续办理（当前角色：%(role)s）。"
)
REOPEN_DECISION_UNKNOWN = _(
    "“%(decision)s”不是可用的协调决定；请选择 instructed、rule_issued 或 clause_amended。"
)
REOPEN_NOTE_REQUIRED = _("须写明协调决定的内容：责成哪个部门、出台了哪项规定或如何修订条款。")
STEP_NOT_REOPENABLE = _(
    "环节“%(step_id)s”当前为“%(status)s”，只有受阻或待办的环节可以重新启动；请刷新页面查看。"
)

# Staged funding.
CASE_NOT_APPROVED = _(
    "办件“%(case_id)s”尚未通过全部部门审核（状态：%(status)s），不能核验分期兑现条件或拨付资金。"
)
PHASE_PERMISSION = _("只有办理路径上部门（%(departments)s）的经办人可以核验兑现条件或登记拨付。")
PHASE_UNKNOWN = _("条款“%(clause_id)s”没有第%(phase)s期；该条款的期次为：%(phases)s。")
PHASE_RULE_MISSING = _(
    "条款“%(clause_id)s”所在的政策文件未导入，读不到第%(phase)s期的兑现条件；请先导入该政策文件。"
)
FIGURE_UNKNOWN = _(
    "申报数据“%(name)s”不是数据规范中的字段；请写成 employer.<字段> 或 person.<字段>。"
)
FIGURE_INVALID = _("申报数据“%(name)s”的值 %(value)s 无效；请填写数字。")
FIGURES_MISSING = _("第%(phase)s期兑现条件需要以下数据：%(names)s；请补充后重新核验。")
PHASE_NOT_PASSED = _(
    "第%(phase)s期兑现条件尚未核验通过，不能拨付；请先完成第%(phase)s期兑现条件核验。"
)
ALREADY_DISBURSED = _("第%(phase)s期资金已于%(paid_on)s拨付（%(disbursement_id)s），不能重复拨付。")
AMOUNT_NOT_POSITIVE = _("拨付金额须大于0（填写的是%(amount)s）；请核对金额。")
AMOUNT_OVER_SHARE = _(
    "拨付金额%(amount)s元超过第%(phase)s期应拨%(limit)s元（%(total)s元 × %(share)s）；请核对金额。"
)


class WorkflowError(PlatformError):
    """A case workflow request that cannot be carried out as asked."""

    def __init__(self, message: StrOrPromise, **params: object) -> None:
        # Formatted now, in the language of the request that raised it.
        self.params = params
        super().__init__(str(message) % params if params else str(message))


class CaseNotFound(WorkflowError):
    """A case, step, clause, applicant or conflict named in the request does not exist."""


class StepNotFound(CaseNotFound):
    pass


class WorkflowPermissionError(WorkflowError):
    """The user's role or department may not take this action."""


class StepPermissionError(WorkflowPermissionError):
    """Only an officer of the step's department may decide it."""


class DecisionInvalid(WorkflowError):
    """The decision is unknown or lacks what it needs (a reason, the missing rule)."""


class OpenRefused(WorkflowError):
    """A case cannot be opened for this clause and applicant."""


class CaseStateError(WorkflowError):
    """The case or step is not in a state that allows the action."""


class StepNotPending(CaseStateError):
    """The step is not waiting for a decision (not reached yet, or cancelled)."""


class StepAlreadyDecided(StepNotPending):
    """Someone decided the step first; says who and when."""

    def __init__(self, *, step_id: str, who: str, when: dt.datetime, status: str) -> None:
        self.step_id = step_id
        self.who = who
        self.when = when
        self.status = status
        super().__init__(
            STEP_ALREADY_DECIDED, who=who, when=when.strftime("%Y-%m-%d %H:%M"), status=status
        )


class PhaseCheckError(WorkflowError):
    """A phase's criteria cannot be checked (unknown phase, rule not stored, figures missing)."""


class FiguresInvalid(PhaseCheckError):
    """A submitted figure names no contract column or is not a number."""


class DisbursementRefused(WorkflowError):
    """A disbursement breaks the staged-funding rules (no passed check, too much, twice)."""
