"""Errors of the coordination services; messages are constants so pages and tests reuse them.

Each message is Chinese first and translated to English through the platform's catalogue, and
says what is wrong, where, and how to fix it. ``str(error)`` renders it in the active language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from luodi.platform.exceptions import PlatformError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "CASE_NOT_FOUND",
    "CLAUSE_NOT_FOUND",
    "CONFLICT_DUPLICATE",
    "CONFLICT_NOT_FOUND",
    "CONFLICT_RESOLVED",
    "CONFLICT_SAME_DEPARTMENT",
    "COORDINATOR_MISSING",
    "DEPARTMENT_NOT_FOUND",
    "ESCALATION_DECIDED",
    "ESCALATION_NOT_FOUND",
    "ESCALATION_NOT_OPEN",
    "ESCALATION_NOT_REFERRED",
    "NOT_ALLOWED",
    "STEP_NOT_ESCALATABLE",
    "VALUE_REQUIRED",
    "ConflictDuplicate",
    "ConflictNotFound",
    "ConflictStateError",
    "CoordinationError",
    "CoordinationPermissionError",
    "CoordinationValueError",
    "CoordinatorMissing",
    "EscalationNotFound",
    "EscalationStateError",
    "RecordNotFound",
    "StepNotEscalatable",
]

NOT_ALLOWED = _(
    "账户 %(username)s（角色：%(role)s）无权%(action)s；"
    "请由%(allowed)s的账户办理，或请管理员调整该账户的角色。"
)
COORDINATOR_MISSING = _(
    "部门表中没有类别为“%(kind)s”的部门，无法记录协调事件；"
    "请在 departments 表中为本区添加一个 kind 为 %(kind)s 的部门。"
)
ESCALATION_NOT_FOUND = _("找不到督办事项 %(escalation_id)s；请从督办队列中重新选择。")
ESCALATION_NOT_OPEN = _(
    "督办事项 %(escalation_id)s 当前状态为“%(status)s”，不在人才办待办中，不能%(action)s；"
    "已提请领导小组的事项由领导小组决定。"
)
ESCALATION_NOT_REFERRED = _(
    "督办事项 %(escalation_id)s 尚未提请领导小组（当前状态：“%(status)s”），领导小组不能决定；"
    "请人才办先提请领导小组，或等待超过 %(days)s 个工作日后由巡查自动提请。"
)
ESCALATION_DECIDED = _(
    "督办事项 %(escalation_id)s 已于 %(when)s 由 %(who)s 作出决定，不能再次决定；"
    "如仍未办结，请针对该环节重新提请协调。"
)
STEP_NOT_ESCALATABLE = _(
    "办件 %(case_id)s 第 %(position)s 环节状态为“%(status)s”，不能提请协调；"
    "只有待办（超期）或受阻的环节才能提请。"
)
VALUE_REQUIRED = _("%(field)s不能为空；请填写后再提交。")
CASE_NOT_FOUND = _("找不到办件 %(case_id)s；请核对办件编号，或不关联办件登记。")
CLAUSE_NOT_FOUND = _("找不到条款 %(clause_id)s；请核对条款编号，或不关联条款登记。")
DEPARTMENT_NOT_FOUND = _("找不到部门 %(department_id)s；请从部门表中选择已有的部门。")
CONFLICT_NOT_FOUND = _("找不到规定冲突 %(conflict_id)s；请从冲突登记中重新选择。")
CONFLICT_RESOLVED = _(
    "规定冲突 %(conflict_id)s 已于 %(when)s 解决，不能再次解决；如问题再现，请重新登记冲突。"
)
CONFLICT_DUPLICATE = _(
    "条款 %(clause_a_id)s 与 %(clause_b_id)s 已登记为规定冲突 %(conflict_id)s（状态：%(status)s），"
    "不再重复登记；请在规定冲突登记中查看该条目。"
)
CONFLICT_SAME_DEPARTMENT = _(
    "规定冲突的两条规定都来自部门 %(department_id)s；部门内部的规定冲突由该部门自行清理，"
    "冲突登记只收不同部门的规定，请选择另一条规定的发文部门。"
)


class CoordinationError(PlatformError):
    """A coordination request that cannot be done as asked.

    ``message`` is one of this module's constants and ``params`` fill it in; both stay on the
    error so a page can show it in the reader's language and a test can name the constant.
    """

    def __init__(self, message: StrOrPromise, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(str(message) % params)

    def __str__(self) -> str:
        # Rendered when shown, so it follows the language active then, not when raised.
        return str(self.message) % self.params


class CoordinationPermissionError(CoordinationError):
    """The account's role may not take this coordination action."""


class CoordinatorMissing(CoordinationError):
    """The district has no talent office or leadership group row to record events under."""


class RecordNotFound(CoordinationError):
    """A case, clause or department named by id does not exist."""


class EscalationNotFound(RecordNotFound):
    """No escalation with that id."""


class ConflictNotFound(RecordNotFound):
    """No conflict with that id."""


class EscalationStateError(CoordinationError):
    """The escalation is not at the stage the action needs (open, referred, undecided)."""


class ConflictDuplicate(CoordinationError):
    """The two rules are registered as a conflict already."""


class ConflictStateError(CoordinationError):
    """The conflict is already resolved."""


class StepNotEscalatable(CoordinationError):
    """The step is neither pending nor blocked, so there is nothing to coordinate."""


class CoordinationValueError(CoordinationError):
    """A required text is empty or a value does not fit the register."""
