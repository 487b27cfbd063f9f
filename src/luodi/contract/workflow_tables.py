"""Contract tables of the workflow: case steps, escalations, the conflicts register, exceptions.

All four are optional in a dataset folder: a log from another system rarely keeps them, and the
analyses then read them as empty.
"""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.columns import col
from luodi.contract.schema import ColumnType as T
from luodi.contract.schema import Table

__all__ = ["CASE_STEPS", "CONFLICTS", "ESCALATIONS", "EXCEPTIONS"]


CONFLICTS = Table(
    name="conflicts",
    zh="规定冲突登记",
    en="Pairs of rules of different issuers that cannot both be followed.",
    primary_key=("conflict_id",),
    optional=True,
    columns=(
        col("conflict_id", T.STRING, "冲突编号", "Conflict id."),
        col("title", T.STRING, "事项", "What the conflict is about."),
        col("rule_a", T.STRING, "规定甲", "The first rule, cited with its document number."),
        col(
            "department_a",
            T.STRING,
            "规定甲部门",
            "Department that issued or applies the first rule.",
            ref="departments.department_id",
        ),
        col("rule_b", T.STRING, "规定乙", "The second rule, cited with its document number."),
        col(
            "department_b",
            T.STRING,
            "规定乙部门",
            "Department that issued or applies the second rule.",
            ref="departments.department_id",
        ),
        col(
            "clause_id",
            T.STRING,
            "涉及条款",
            "Clause whose cases it blocks, if one.",
            required=False,
            ref="clauses.clause_id",
        ),
        col(
            "status",
            T.CHOICE,
            "状态",
            "Open, being coordinated or resolved.",
            choices=ch.CONFLICT_STATUSES,
        ),
        col("raised_on", T.DATE, "登记日期", "When it was registered."),
        col("resolved_on", T.DATE, "解决日期", "When it was resolved.", required=False),
        col("resolution", T.STRING, "解决方式", "How it was resolved.", required=False),
    ),
)

CASE_STEPS = Table(
    name="case_steps",
    zh="办件环节",
    en="One department's step of a case, following the clause's route.",
    primary_key=("step_id",),
    unique=(("case_id", "position"),),
    optional=True,
    columns=(
        col("step_id", T.STRING, "环节编号", "Step id."),
        col("case_id", T.STRING, "办件", "Case.", ref="cases.case_id"),
        col("position", T.INTEGER, "顺序", "Position on the clause's route, from 1.", minimum=1),
        col(
            "department_id",
            T.STRING,
            "部门",
            "Department of the step.",
            ref="departments.department_id",
        ),
        col("route_role", T.CHOICE, "角色", "Lead, co-executing or veto.", choices=ch.ROUTE_ROLES),
        col("status", T.CHOICE, "状态", "State of the step.", choices=ch.STEP_STATUSES),
        col(
            "arrived_at",
            T.DATETIME,
            "到达时间",
            "When the step reached the department.",
            required=False,
        ),
        col("due_on", T.DATE, "办理时限", "Last working day to decide.", required=False),
        col("decided_at", T.DATETIME, "决定时间", "When it was decided.", required=False),
        col("decided_by", T.STRING, "决定人", "Who decided (account or staff id).", required=False),
        col("reason", T.STRING, "原因", "Reason of a rejection, return or block.", required=False),
        col(
            "missing_rule",
            T.STRING,
            "缺少的配套规定",
            "For a block: the supporting rule the department lacks.",
            required=False,
        ),
        col(
            "conflict_id",
            T.STRING,
            "冲突",
            "Conflict that blocks the step, if any.",
            required=False,
            ref="conflicts.conflict_id",
        ),
    ),
)

ESCALATIONS = Table(
    name="escalations",
    zh="督办协调",
    en="Overdue or blocked steps raised to the talent office, then the leadership group.",
    primary_key=("escalation_id",),
    optional=True,
    columns=(
        col("escalation_id", T.STRING, "督办编号", "Escalation id."),
        col("case_id", T.STRING, "办件", "Case.", ref="cases.case_id"),
        col("step_id", T.STRING, "环节", "Step raised.", ref="case_steps.step_id"),
        col(
            "level",
            T.CHOICE,
            "层级",
            "Talent office or leadership group.",
            choices=ch.ESCALATION_LEVELS,
        ),
        col(
            "cause",
            T.CHOICE,
            "原因类别",
            "Overdue, blocked or conflict.",
            choices=ch.ESCALATION_CAUSES,
        ),
        col("raised_at", T.DATETIME, "提请时间", "When it was raised."),
        col(
            "status", T.CHOICE, "状态", "Open, referred or decided.", choices=ch.ESCALATION_STATUSES
        ),
        col(
            "resolution",
            T.CHOICE,
            "决定",
            "What was decided.",
            required=False,
            choices=ch.ESCALATION_RESOLUTIONS,
        ),
        col("decided_at", T.DATETIME, "决定时间", "When it was decided.", required=False),
        col("decided_by", T.STRING, "决定人", "Who decided.", required=False),
        col("note", T.STRING, "决定内容", "The instruction, rule or amendment.", required=False),
    ),
)

EXCEPTIONS = Table(
    name="exceptions",
    zh="例外办理登记",
    en="Things done outside procedure, made accountable: what, why, who asked, who approved.",
    primary_key=("exception_id",),
    optional=True,
    columns=(
        col("exception_id", T.STRING, "例外编号", "Exception id."),
        col("case_id", T.STRING, "办件", "Case, if one.", required=False, ref="cases.case_id"),
        col(
            "department_id",
            T.STRING,
            "办理部门",
            "Department that acted outside procedure.",
            ref="departments.department_id",
        ),
        col("what", T.STRING, "事项", "What was done."),
        col("why", T.STRING, "理由", "Why procedure was not followed."),
        col("requested_by", T.STRING, "提出人", "Who asked for it (office or post)."),
        col("approved_by", T.STRING, "批准人", "Who approved it (office or post)."),
        col("recorded_at", T.DATETIME, "登记时间", "When it was recorded."),
        col("recorded_by", T.STRING, "登记人", "Who recorded it (account or staff id)."),
    ),
)
