"""The contract tables: every analysis reads these names, types, meanings and allowed values."""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.schema import Choice, Column, Reference, Table
from luodi.contract.schema import ColumnType as T

__all__ = ["TABLES", "TABLE_ORDER", "table"]


def _col(
    name: str,
    type_: T,
    zh: str,
    en: str,
    *,
    required: bool = True,
    choices: tuple[Choice, ...] = (),
    ref: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    personal: bool = False,
) -> Column:
    reference = None
    if ref is not None:
        ref_table, ref_column = ref.split(".")
        reference = Reference(table=ref_table, column=ref_column)
    return Column(
        name=name,
        type=type_,
        zh=zh,
        en=en,
        required=required,
        choices=choices,
        references=reference,
        minimum=minimum,
        maximum=maximum,
        personal=personal,
    )


REGIONS = Table(
    name="regions",
    zh="行政区域",
    en="Administrative regions: central, province, city, cluster, district.",
    primary_key=("region_id",),
    columns=(
        _col("region_id", T.STRING, "区域编号", "Region id."),
        _col("name", T.STRING, "名称", "Name, e.g. Z省."),
        _col("level", T.CHOICE, "层级", "Level in the hierarchy.", choices=ch.REGION_LEVELS),
        _col(
            "parent_id",
            T.STRING,
            "上级区域",
            "The region above; empty for central.",
            required=False,
            ref="regions.region_id",
        ),
    ),
)

DEPARTMENTS = Table(
    name="departments",
    zh="部门",
    en="Government departments and the bodies that co-execute policy.",
    primary_key=("department_id",),
    columns=(
        _col("department_id", T.STRING, "部门编号", "Department id."),
        _col("name", T.STRING, "名称", "Name, e.g. C区审计局."),
        _col("kind", T.CHOICE, "部门类别", "Kind of department.", choices=ch.DEPARTMENT_KINDS),
        _col(
            "region_id",
            T.STRING,
            "所属区域",
            "Region the department serves.",
            ref="regions.region_id",
        ),
        _col(
            "is_veto",
            T.BOOLEAN,
            "按钮部门",
            "True for veto (button) departments such as "
            "audit and discipline inspection, whose sign-off decides whether a clause lands.",
        ),
    ),
)

EMPLOYERS = Table(
    name="employers",
    zh="用人主体",
    en="Employer units: institutes, universities and firms.",
    primary_key=("employer_id",),
    columns=(
        _col("employer_id", T.STRING, "单位编号", "Employer id."),
        _col("name", T.STRING, "名称", "Registered name."),
        _col("kind", T.CHOICE, "单位类型", "Kind of employer.", choices=ch.EMPLOYER_KINDS),
        _col("stage", T.CHOICE, "发展阶段", "Development stage.", choices=ch.EMPLOYER_STAGES),
        _col(
            "region_id",
            T.STRING,
            "所在区",
            "District where it is registered.",
            ref="regions.region_id",
        ),
        _col("founded_on", T.DATE, "成立日期", "Date of registration."),
        _col("employees", T.INTEGER, "职工人数", "Head count.", minimum=0),
        _col(
            "revenue",
            T.FLOAT,
            "上年营业收入（元）",
            "Revenue of the last year in yuan.",
            required=False,
            minimum=0,
        ),
    ),
)

PERSONS = Table(
    name="persons",
    zh="人才",
    en="Talents: the persons a talent policy is for.",
    primary_key=("person_id",),
    columns=(
        _col("person_id", T.STRING, "人才编号", "Person id (never the ID-card number)."),
        _col("name", T.STRING, "姓名", "Name.", personal=True),
        _col("gender", T.CHOICE, "性别", "Gender.", choices=ch.GENDERS),
        _col(
            "birth_year",
            T.INTEGER,
            "出生年份",
            "Year of birth; age is derived from it.",
            minimum=1900,
            maximum=2100,
        ),
        _col("nationality", T.STRING, "国籍", "ISO 3166-1 alpha-2 code, e.g. CN, US."),
        _col(
            "talent_tier",
            T.CHOICE,
            "人才层次",
            "Tier A–F under the local catalogue, or general.",
            choices=ch.TALENT_TIERS,
        ),
        _col("degree", T.CHOICE, "学历", "Highest degree.", choices=ch.DEGREES),
        _col("title", T.CHOICE, "职称", "Professional title.", choices=ch.TITLES),
        _col("discipline", T.CHOICE, "学科背景", "Discipline.", choices=ch.DISCIPLINES),
        _col(
            "political_status",
            T.CHOICE,
            "政治面貌",
            "Political status.",
            choices=ch.POLITICAL_STATUSES,
        ),
        _col(
            "origin",
            T.CHOICE,
            "籍贯",
            "Native place inside or outside the province.",
            choices=ch.ORIGINS,
        ),
        _col(
            "employer_id",
            T.STRING,
            "工作单位",
            "Employer; empty if none.",
            required=False,
            ref="employers.employer_id",
        ),
        _col(
            "arrived_on",
            T.DATE,
            "来区日期",
            "Date the person came to work in the region.",
            required=False,
        ),
    ),
)

POLICIES = Table(
    name="policies",
    zh="政策文件",
    en="Policy documents at the four levels of government.",
    primary_key=("policy_id",),
    columns=(
        _col("policy_id", T.STRING, "政策编号", "Policy id."),
        _col("title", T.STRING, "标题", "Title as issued."),
        _col(
            "document_number",
            T.STRING,
            "文号",
            "Document number, e.g. 中办发〔2016〕9号.",
            required=False,
        ),
        _col(
            "issuer_id",
            T.STRING,
            "发文部门",
            "Issuing department.",
            ref="departments.department_id",
        ),
        _col("level", T.CHOICE, "层级", "Level of government.", choices=ch.POLICY_LEVELS),
        _col(
            "region_id", T.STRING, "适用区域", "Region where it applies.", ref="regions.region_id"
        ),
        _col("issued_on", T.DATE, "发布日期", "Date issued."),
        _col("effective_from", T.DATE, "生效日期", "First day in force."),
        _col(
            "effective_to",
            T.DATE,
            "失效日期",
            "Last day in force; empty if open-ended.",
            required=False,
        ),
        _col(
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
        _col("clause_id", T.STRING, "条款编号", "Clause id."),
        _col(
            "policy_id",
            T.STRING,
            "所属政策",
            "Policy the clause belongs to.",
            ref="policies.policy_id",
        ),
        _col("number", T.STRING, "条次", "Number within the policy, e.g. 第三条."),
        _col("text", T.STRING, "原文", "Verbatim text."),
        _col(
            "refines",
            T.STRING,
            "细化上级条款",
            "The superior clause this clause implements.",
            required=False,
            ref="clauses.clause_id",
        ),
        _col("benefit_kind", T.CHOICE, "待遇类别", "Kind of benefit.", choices=ch.BENEFIT_KINDS),
        _col(
            "amount",
            T.FLOAT,
            "金额（元）",
            "Benefit amount in yuan, if fixed.",
            required=False,
            minimum=0,
        ),
        _col(
            "deadline_days",
            T.INTEGER,
            "办理时限（工作日）",
            "Deadline in working days.",
            required=False,
            minimum=1,
        ),
        _col(
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
        _col("clause_id", T.STRING, "条款", "Clause.", ref="clauses.clause_id"),
        _col("position", T.INTEGER, "顺序", "Order of the step, from 1.", minimum=1),
        _col(
            "department_id",
            T.STRING,
            "部门",
            "Department of the step.",
            ref="departments.department_id",
        ),
        _col("role", T.CHOICE, "角色", "Lead, co-executing or veto.", choices=ch.ROUTE_ROLES),
    ),
)

CLAUSE_PHASES = Table(
    name="clause_phases",
    zh="分期兑现",
    en="Phases of staged benefits such as start-up funding; shares of a clause sum to 1.",
    primary_key=("clause_id", "phase"),
    columns=(
        _col("clause_id", T.STRING, "条款", "Clause.", ref="clauses.clause_id"),
        _col("phase", T.INTEGER, "期次", "Phase number, from 1.", minimum=1),
        _col(
            "share",
            T.FLOAT,
            "比例",
            "Share of the amount paid in this phase (0–1).",
            minimum=0,
            maximum=1,
        ),
        _col("condition", T.STRING, "兑现条件", "Condition for the phase, in words."),
    ),
)

CASES = Table(
    name="cases",
    zh="办件",
    en="Cases: one application (or automatic entitlement) for one clause.",
    primary_key=("case_id",),
    columns=(
        _col("case_id", T.STRING, "办件编号", "Case id."),
        _col("clause_id", T.STRING, "条款", "Clause applied for.", ref="clauses.clause_id"),
        _col(
            "person_id",
            T.STRING,
            "申请人",
            "Applicant person, if any.",
            required=False,
            ref="persons.person_id",
        ),
        _col(
            "employer_id",
            T.STRING,
            "申请单位",
            "Applicant employer, if any.",
            required=False,
            ref="employers.employer_id",
        ),
        _col("opened_at", T.DATETIME, "受理时间", "When the case was opened."),
        _col("status", T.CHOICE, "状态", "Current status.", choices=ch.CASE_STATUSES),
        _col("closed_at", T.DATETIME, "办结时间", "When it was closed.", required=False),
    ),
)

EVENTS = Table(
    name="events",
    zh="事件日志",
    en="The append-only event log of cases (XES-compatible).",
    primary_key=("event_id",),
    columns=(
        _col("event_id", T.STRING, "事件编号", "Event id."),
        _col("case_id", T.STRING, "办件", "Case.", ref="cases.case_id"),
        _col("activity", T.STRING, "活动", "Activity name, e.g. 审计局审核."),
        _col(
            "department_id", T.STRING, "部门", "Department acting.", ref="departments.department_id"
        ),
        _col("resource", T.STRING, "经办人", "Staff id or role that acted.", required=False),
        _col("timestamp", T.DATETIME, "时间", "When it happened."),
        _col("lifecycle", T.CHOICE, "生命周期", "XES lifecycle transition.", choices=ch.LIFECYCLES),
        _col("reason", T.STRING, "原因", "Reason of a rejection, return or block.", required=False),
    ),
)

DISBURSEMENTS = Table(
    name="disbursements",
    zh="资金兑现",
    en="Money paid out on a case, per phase.",
    primary_key=("disbursement_id",),
    columns=(
        _col("disbursement_id", T.STRING, "兑现编号", "Disbursement id."),
        _col("case_id", T.STRING, "办件", "Case.", ref="cases.case_id"),
        _col("phase", T.INTEGER, "期次", "Phase paid (1 for a single payment).", minimum=1),
        _col("amount", T.FLOAT, "金额（元）", "Amount in yuan.", minimum=0),
        _col("paid_on", T.DATE, "兑现日期", "Payment date."),
    ),
)

INQUIRIES = Table(
    name="inquiries",
    zh="咨询诉求",
    en="Inquiries and appeals received by the dialogue desk.",
    primary_key=("inquiry_id",),
    columns=(
        _col("inquiry_id", T.STRING, "诉求编号", "Inquiry id."),
        _col(
            "kind",
            T.CHOICE,
            "类型",
            "Inquiry, appeal, complaint or suggestion.",
            choices=ch.INQUIRY_KINDS,
        ),
        _col("channel", T.CHOICE, "渠道", "Channel it came through.", choices=ch.INQUIRY_CHANNELS),
        _col("submitted_at", T.DATETIME, "提交时间", "When it was submitted."),
        _col(
            "person_id",
            T.STRING,
            "提交人",
            "Person, if known.",
            required=False,
            ref="persons.person_id",
        ),
        _col(
            "employer_id",
            T.STRING,
            "提交单位",
            "Employer, if known.",
            required=False,
            ref="employers.employer_id",
        ),
        _col(
            "clause_id",
            T.STRING,
            "关联条款",
            "Clause it is about, if any.",
            required=False,
            ref="clauses.clause_id",
        ),
        _col("text", T.STRING, "内容", "What was asked.", personal=True),
        _col(
            "department_id",
            T.STRING,
            "承办部门",
            "Department it is routed to.",
            required=False,
            ref="departments.department_id",
        ),
        _col("status", T.CHOICE, "状态", "Current status.", choices=ch.INQUIRY_STATUSES),
        _col("answered_at", T.DATETIME, "答复时间", "When it was answered.", required=False),
        _col(
            "resolved", T.BOOLEAN, "已解决", "Citizen confirmed the problem solved.", required=False
        ),
        _col(
            "satisfaction",
            T.INTEGER,
            "满意度",
            "Citizen's rating 1–5.",
            required=False,
            minimum=1,
            maximum=5,
        ),
    ),
)

SURVEYS = Table(
    name="surveys",
    zh="问卷调查",
    en="Surveys fielded in a region.",
    primary_key=("survey_id",),
    columns=(
        _col("survey_id", T.STRING, "问卷编号", "Survey id."),
        _col("title", T.STRING, "标题", "Title."),
        _col("region_id", T.STRING, "调查区域", "Region surveyed.", ref="regions.region_id"),
        _col("opened_on", T.DATE, "开始日期", "First day of fieldwork."),
        _col("closed_on", T.DATE, "结束日期", "Last day of fieldwork.", required=False),
    ),
)

SURVEY_ITEMS = Table(
    name="survey_items",
    zh="问卷题目",
    en="Items (questions) of a survey.",
    primary_key=("survey_id", "item_code"),
    columns=(
        _col("survey_id", T.STRING, "问卷", "Survey.", ref="surveys.survey_id"),
        _col("item_code", T.STRING, "题目编码", "Stable item code, e.g. gender."),
        _col("position", T.INTEGER, "题号", "Order in the questionnaire.", minimum=1),
        _col("section", T.STRING, "部分", "Section heading."),
        _col("text", T.STRING, "题目", "Question as asked."),
        _col("kind", T.CHOICE, "题型", "Kind of item.", choices=ch.SURVEY_ITEM_KINDS),
    ),
)

SURVEY_OPTIONS = Table(
    name="survey_options",
    zh="题目选项",
    en="Answer options of choice items.",
    primary_key=("survey_id", "item_code", "code"),
    columns=(
        _col("survey_id", T.STRING, "问卷", "Survey.", ref="surveys.survey_id"),
        _col("item_code", T.STRING, "题目编码", "Item."),
        _col("code", T.STRING, "选项编码", "Option code stored in responses."),
        _col("position", T.INTEGER, "顺序", "Order of the option.", minimum=1),
        _col("label", T.STRING, "选项", "Option as printed."),
    ),
)

SURVEY_RESPONSES = Table(
    name="survey_responses",
    zh="问卷答案",
    en="Answers in long form: one row per respondent and item; a missing row is no answer.",
    primary_key=("survey_id", "respondent_id", "item_code"),
    columns=(
        _col("survey_id", T.STRING, "问卷", "Survey.", ref="surveys.survey_id"),
        _col("respondent_id", T.STRING, "答卷编号", "Respondent (anonymous) id."),
        _col("item_code", T.STRING, "题目编码", "Item."),
        _col(
            "value",
            T.STRING,
            "答案",
            "Option code, number, or text; several codes of a "
            "multiple-choice item are separated by ';'.",
            personal=True,
        ),
    ),
)

STAFF = Table(
    name="staff",
    zh="工作人员",
    en="Government staff who work cases and inquiries.",
    primary_key=("staff_id",),
    columns=(
        _col("staff_id", T.STRING, "人员编号", "Staff id."),
        _col("name", T.STRING, "姓名", "Name.", personal=True),
        _col("department_id", T.STRING, "部门", "Department.", ref="departments.department_id"),
        _col("role", T.CHOICE, "岗位", "Leader in charge or officer.", choices=ch.STAFF_ROLES),
    ),
)

# Dependency order: a table comes after every table it references, so loaders insert in this
# order and validators report a dangling reference against a table already read.
TABLE_ORDER: tuple[Table, ...] = (
    REGIONS,
    DEPARTMENTS,
    EMPLOYERS,
    PERSONS,
    STAFF,
    POLICIES,
    CLAUSES,
    CLAUSE_ROUTES,
    CLAUSE_PHASES,
    CASES,
    EVENTS,
    DISBURSEMENTS,
    INQUIRIES,
    SURVEYS,
    SURVEY_ITEMS,
    SURVEY_OPTIONS,
    SURVEY_RESPONSES,
)

TABLES: dict[str, Table] = {t.name: t for t in TABLE_ORDER}


def table(name: str) -> Table:
    """Return the contract table called ``name``."""
    try:
        return TABLES[name]
    except KeyError:
        known = ", ".join(TABLES)
        raise KeyError(f"no contract table {name!r}; the contract has: {known}") from None
