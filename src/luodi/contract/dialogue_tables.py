"""Contract table of the dialogue desk: inquiries and appeals with their routing and lifecycle."""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.columns import col
from luodi.contract.schema import ColumnType as T
from luodi.contract.schema import Table

__all__ = ["INQUIRIES"]


INQUIRIES = Table(
    name="inquiries",
    zh="咨询诉求",
    en="Inquiries and appeals received by the dialogue desk.",
    primary_key=("inquiry_id",),
    columns=(
        col("inquiry_id", T.STRING, "诉求编号", "Inquiry id."),
        col(
            "kind",
            T.CHOICE,
            "类型",
            "Inquiry, appeal, complaint or suggestion.",
            choices=ch.INQUIRY_KINDS,
        ),
        col("channel", T.CHOICE, "渠道", "Channel it came through.", choices=ch.INQUIRY_CHANNELS),
        col("submitted_at", T.DATETIME, "提交时间", "When it was submitted."),
        col(
            "person_id",
            T.STRING,
            "提交人",
            "Person, if known.",
            required=False,
            ref="persons.person_id",
        ),
        col(
            "employer_id",
            T.STRING,
            "提交单位",
            "Employer, if known.",
            required=False,
            ref="employers.employer_id",
        ),
        col(
            "clause_id",
            T.STRING,
            "关联条款",
            "Clause it is about, if any.",
            required=False,
            ref="clauses.clause_id",
        ),
        col("text", T.STRING, "内容", "What was asked.", personal=True),
        col(
            "department_id",
            T.STRING,
            "承办部门",
            "Department it is routed to.",
            required=False,
            ref="departments.department_id",
        ),
        col("status", T.CHOICE, "状态", "Current status.", choices=ch.INQUIRY_STATUSES),
        col("answered_at", T.DATETIME, "答复时间", "When it was answered.", required=False),
        col(
            "resolved", T.BOOLEAN, "已解决", "Citizen confirmed the problem solved.", required=False
        ),
        col(
            "satisfaction",
            T.INTEGER,
            "满意度",
            "Citizen's rating 1–5.",
            required=False,
            minimum=1,
            maximum=5,
        ),
        # Routing and lifecycle: what the three rates, first-routing accuracy and the share of
        # submitters who knew the department are computed from.
        col(
            "category",
            T.CHOICE,
            "诉求类别",
            "Category (an Open311 service); sets the answer deadline.",
            required=False,
            choices=ch.INQUIRY_CATEGORIES,
        ),
        col(
            "named_department_id",
            T.STRING,
            "提交人所选部门",
            "Department the submitter believed handles it; empty when they did not know.",
            required=False,
            ref="departments.department_id",
        ),
        col(
            "first_department_id",
            T.STRING,
            "首次分派部门",
            "Department it was first routed to.",
            required=False,
            ref="departments.department_id",
        ),
        col(
            "routed_by",
            T.CHOICE,
            "分派方式",
            "How the first routing was decided.",
            required=False,
            choices=ch.ROUTING_SOURCES,
        ),
        col("routed_at", T.DATETIME, "分派时间", "When it was first routed.", required=False),
        col(
            "accepted_at",
            T.DATETIME,
            "受理时间",
            "When the department accepted it.",
            required=False,
        ),
        col(
            "accept_due_on",
            T.DATE,
            "受理期限",
            "Last working day for acceptance.",
            required=False,
        ),
        col(
            "answer_due_on",
            T.DATE,
            "答复期限",
            "Last working day for the answer.",
            required=False,
        ),
        col("closed_at", T.DATETIME, "办结时间", "When it was closed.", required=False),
        col(
            "reopen_count",
            T.INTEGER,
            "重办次数",
            "Times the citizen reopened it.",
            required=False,
            minimum=0,
        ),
        col(
            "escalation_level",
            T.CHOICE,
            "督办层级",
            "Highest level it was escalated to for being overdue.",
            required=False,
            choices=ch.ESCALATION_LEVELS,
        ),
        col(
            "rating_contest",
            T.CHOICE,
            "评价异议",
            "The department's contest of the rating, and the talent office's decision.",
            required=False,
            choices=ch.RATING_CONTESTS,
        ),
    ),
)
