"""Contract tables of policy: documents, clauses with lineage, routes and phases."""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.columns import col
from luodi.contract.schema import ColumnType as T
from luodi.contract.schema import Table

__all__ = ["CLAUSES", "CLAUSE_PHASES", "CLAUSE_ROUTES", "POLICIES"]


POLICIES = Table(
    name="policies",
    zh="政策文件",
    en="Policy documents at the four levels of government.",
    primary_key=("policy_id",),
    columns=(
        col("policy_id", T.STRING, "政策编号", "Policy id."),
        col("title", T.STRING, "标题", "Title as issued."),
        col(
            "document_number",
            T.STRING,
            "文号",
            "Document number, e.g. 中办发〔2016〕9号.",
            required=False,
        ),
        col(
            "issuer_id",
            T.STRING,
            "发文部门",
            "Issuing department.",
            ref="departments.department_id",
        ),
        col("level", T.CHOICE, "层级", "Level of government.", choices=ch.POLICY_LEVELS),
        col("region_id", T.STRING, "适用区域", "Region where it applies.", ref="regions.region_id"),
        col("issued_on", T.DATE, "发布日期", "Date issued."),
        col("effective_from", T.DATE, "生效日期", "First day in force."),
        col(
            "effective_to",
            T.DATE,
            "失效日期",
            "Last day in force; empty if open-ended.",
            required=False,
        ),
        col(
            "supersedes",
            T.STRING,
            "替代文件",
            "Policy this one replaces.",
            required=False,
            ref="policies.policy_id",
        ),
    ),
)

CLAUSES = Table(
    name="clauses",
    zh="政策条款",
    en="Clauses of policies; `refines` links a local clause to the superior clause it implements.",
    primary_key=("clause_id",),
    columns=(
        col("clause_id", T.STRING, "条款编号", "Clause id."),
        col(
            "policy_id",
            T.STRING,
            "所属政策",
            "Policy the clause belongs to.",
            ref="policies.policy_id",
        ),
        col("number", T.STRING, "条次", "Number within the policy, e.g. 第三条."),
        col("text", T.STRING, "原文", "Verbatim text."),
        col(
            "refines",
            T.STRING,
            "细化上级条款",
            "The superior clause this clause implements.",
            required=False,
            ref="clauses.clause_id",
        ),
        col("benefit_kind", T.CHOICE, "待遇类别", "Kind of benefit.", choices=ch.BENEFIT_KINDS),
        col(
            "amount",
            T.FLOAT,
            "金额（元）",
            "Benefit amount in yuan, if fixed.",
            required=False,
            minimum=0,
        ),
        col(
            "deadline_days",
            T.INTEGER,
            "办理时限（工作日）",
            "Deadline in working days.",
            required=False,
            minimum=1,
        ),
        col(
            "delivery_mode",
            T.CHOICE,
            "兑现方式",
            "On application or without (免申即享).",
            choices=ch.DELIVERY_MODES,
        ),
    ),
)

CLAUSE_ROUTES = Table(
    name="clause_routes",
    zh="条款办理路径",
    en="The ordered route of departments a clause's cases pass through.",
    primary_key=("clause_id", "position"),
    columns=(
        col("clause_id", T.STRING, "条款", "Clause.", ref="clauses.clause_id"),
        col("position", T.INTEGER, "顺序", "Order of the step, from 1.", minimum=1),
        col(
            "department_id",
            T.STRING,
            "部门",
            "Department of the step.",
            ref="departments.department_id",
        ),
        col("role", T.CHOICE, "角色", "Lead, co-executing or veto.", choices=ch.ROUTE_ROLES),
    ),
)

CLAUSE_PHASES = Table(
    name="clause_phases",
    zh="分期兑现",
    en="Phases of staged benefits such as start-up funding; shares of a clause sum to 1.",
    primary_key=("clause_id", "phase"),
    columns=(
        col("clause_id", T.STRING, "条款", "Clause.", ref="clauses.clause_id"),
        col("phase", T.INTEGER, "期次", "Phase number, from 1.", minimum=1),
        col(
            "share",
            T.FLOAT,
            "比例",
            "Share of the amount paid in this phase (0–1).",
            minimum=0,
            maximum=1,
        ),
        col("condition", T.STRING, "兑现条件", "Condition for the phase, in words."),
    ),
)
