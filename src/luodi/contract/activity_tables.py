"""Contract tables of what happens: cases, the event log, disbursements."""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.columns import col
from luodi.contract.schema import ColumnType as T
from luodi.contract.schema import Table

__all__ = ["CASES", "DISBURSEMENTS", "EVENTS"]


CASES = Table(
    name="cases",
    zh="办件",
    en="Cases: one application (or automatic entitlement) for one clause.",
    primary_key=("case_id",),
    columns=(
        col("case_id", T.STRING, "办件编号", "Case id."),
        col("clause_id", T.STRING, "条款", "Clause applied for.", ref="clauses.clause_id"),
        col(
            "person_id",
            T.STRING,
            "申请人",
            "Applicant person, if any.",
            required=False,
            ref="persons.person_id",
        ),
        col(
            "employer_id",
            T.STRING,
            "申请单位",
            "Applicant employer, if any.",
            required=False,
            ref="employers.employer_id",
        ),
        col("opened_at", T.DATETIME, "受理时间", "When the case was opened."),
        col("status", T.CHOICE, "状态", "Current status.", choices=ch.CASE_STATUSES),
        col("closed_at", T.DATETIME, "办结时间", "When it was closed.", required=False),
    ),
)

EVENTS = Table(
    name="events",
    zh="事件日志",
    en="The append-only event log of cases (XES-compatible).",
    primary_key=("event_id",),
    columns=(
        col("event_id", T.STRING, "事件编号", "Event id."),
        col("case_id", T.STRING, "办件", "Case.", ref="cases.case_id"),
        col("activity", T.STRING, "活动", "Activity name, e.g. 审计局审核."),
        col(
            "department_id", T.STRING, "部门", "Department acting.", ref="departments.department_id"
        ),
        col("resource", T.STRING, "经办人", "Staff id or account that acted.", required=False),
        col("role", T.CHOICE, "角色", "Role of who acted (XES org:role).", choices=ch.ACTOR_ROLES),
        col("timestamp", T.DATETIME, "时间", "When it happened."),
        col("lifecycle", T.CHOICE, "生命周期", "XES lifecycle transition.", choices=ch.LIFECYCLES),
        col(
            "decision",
            T.CHOICE,
            "决定",
            "What the event decided, when it decided something.",
            required=False,
            choices=ch.DECISIONS,
        ),
        col("reason", T.STRING, "原因", "Reason of a rejection, return or block.", required=False),
    ),
)

DISBURSEMENTS = Table(
    name="disbursements",
    zh="资金兑现",
    en="Money paid out on a case, per phase.",
    primary_key=("disbursement_id",),
    columns=(
        col("disbursement_id", T.STRING, "兑现编号", "Disbursement id."),
        col("case_id", T.STRING, "办件", "Case.", ref="cases.case_id"),
        col("phase", T.INTEGER, "期次", "Phase paid (1 for a single payment).", minimum=1),
        col("amount", T.FLOAT, "金额（元）", "Amount in yuan.", minimum=0),
        col("paid_on", T.DATE, "兑现日期", "Payment date."),
    ),
)
