"""Allowed values of the contract's choice columns, each with Chinese and English labels."""

from __future__ import annotations

from luodi.contract.schema import Choice

__all__ = [
    "ACTOR_ROLES",
    "BENEFIT_KINDS",
    "CASE_STATUSES",
    "CONFLICT_STATUSES",
    "DECISIONS",
    "DEGREES",
    "DELIVERY_MODES",
    "DEPARTMENT_KINDS",
    "DISCIPLINES",
    "EMPLOYER_KINDS",
    "EMPLOYER_STAGES",
    "ESCALATION_CAUSES",
    "ESCALATION_LEVELS",
    "ESCALATION_RESOLUTIONS",
    "ESCALATION_STATUSES",
    "GENDERS",
    "INQUIRY_CATEGORIES",
    "INQUIRY_CHANNELS",
    "INQUIRY_KINDS",
    "INQUIRY_STATUSES",
    "LIFECYCLES",
    "ORIGINS",
    "POLICY_LEVELS",
    "POLITICAL_STATUSES",
    "RATER_KINDS",
    "RATING_CONTESTS",
    "REGION_LEVELS",
    "ROUTE_ROLES",
    "ROUTING_SOURCES",
    "SCORE_SUBJECT_KINDS",
    "STAFF_ROLES",
    "STEP_STATUSES",
    "SURVEY_ITEM_KINDS",
    "TALENT_TIERS",
    "TITLES",
    "labels",
]


def _choices(*rows: tuple[str, str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value=value, zh=zh, en=en) for value, zh, en in rows)


def labels(choices: tuple[Choice, ...], language: str = "zh") -> dict[str, str]:
    """Map each value to its label in ``language`` ("zh" or "en")."""
    return {c.value: (c.zh if language == "zh" else c.en) for c in choices}


REGION_LEVELS = _choices(
    ("central", "中央", "central"),
    ("province", "省", "province"),
    ("city", "市", "city"),
    ("cluster", "产业集聚区", "industry cluster"),
    ("district", "县（区）", "district"),
)

# A cluster such as C issues district-level policy for the districts it governs, so policies
# keep the study's four levels while regions have five.
POLICY_LEVELS = _choices(
    ("central", "中央", "central"),
    ("province", "省级", "province"),
    ("city", "市级", "city"),
    ("district", "县（区）级", "district"),
)

DEPARTMENT_KINDS = _choices(
    ("leadership_group", "人才工作领导小组", "talent work leadership group"),
    ("organization", "组织部", "organization department"),
    ("talent_office", "人才办", "talent office"),
    ("hr_social_security", "人力资源和社会保障局", "human resources and social security"),
    ("finance", "财政局", "finance bureau"),
    ("tax", "税务局", "tax bureau"),
    ("science_technology", "科学技术局", "science and technology bureau"),
    ("financial_affairs", "金融办 / 银行", "financial affairs office / banks"),
    ("education", "教育局", "education bureau"),
    ("public_security", "公安局", "public security bureau"),
    ("audit", "审计局", "audit bureau"),
    ("discipline_inspection", "纪委监委", "discipline inspection and supervision commission"),
    ("housing", "住房和城乡建设局", "housing and urban-rural development"),
    ("market_regulation", "市场监督管理局", "market regulation administration"),
    ("development_reform", "发展和改革局", "development and reform bureau"),
    ("economy_information", "经济和信息化局", "economy and information technology bureau"),
    ("other", "其他部门", "other department"),
)

EMPLOYER_KINDS = _choices(
    ("research_university", "科研院所、高校", "research institute / university"),
    ("traditional_firm", "传统型企业", "traditional firm"),
    ("maker_space", "众创空间", "maker space"),
    ("high_tech_firm", "高新技术企业", "high-tech / innovative firm"),
)

EMPLOYER_STAGES = _choices(
    ("startup", "初创期", "start-up"),
    ("growth", "成长期", "growth"),
    ("mature", "成熟期", "mature"),
)

TALENT_TIERS = _choices(
    ("A", "A类人才", "tier A"),
    ("B", "B类人才", "tier B"),
    ("C", "C类人才", "tier C"),
    ("D", "D类人才", "tier D"),
    ("E", "E类人才", "tier E"),
    ("F", "F类人才", "tier F"),
    ("general", "一般人才", "general talent"),
)

GENDERS = _choices(("male", "男性", "male"), ("female", "女性", "female"))

DEGREES = _choices(
    ("doctorate", "博士", "doctorate"),
    ("master", "硕士", "master"),
    ("bachelor", "本科", "bachelor"),
    ("below_bachelor", "本科以下", "below bachelor"),
)

TITLES = _choices(
    ("senior", "正高级", "senior"),
    ("associate_senior", "副高级", "associate senior"),
    ("intermediate", "中级", "intermediate"),
    ("junior", "中级以下", "below intermediate"),
    ("none", "无职称", "no title"),
)

DISCIPLINES = _choices(
    ("science_engineering", "理工科", "science and engineering"),
    ("humanities", "文科", "humanities"),
    ("social_science", "社科", "social sciences"),
)

POLITICAL_STATUSES = _choices(
    ("cpc_member", "中共党员", "CPC member"),
    ("cyl_member", "共青团员", "Communist Youth League member"),
    ("democratic_party", "民主党派", "democratic party member"),
    ("non_party", "无党派人士", "non-party personage"),
    ("masses", "群众", "no affiliation"),
)

ORIGINS = _choices(
    ("in_province", "省内", "from within the province"),
    ("out_of_province", "省外", "from outside the province"),
)

BENEFIT_KINDS = _choices(
    ("cash_award", "奖励", "cash award"),
    ("subsidy", "补贴", "subsidy"),
    ("housing", "住房", "housing"),
    ("school_place", "子女入学", "school place"),
    ("tax_deduction", "税收优惠", "tax deduction"),
    ("residence_visa", "居留签证", "residence / visa"),
    ("funding", "资金扶持", "funding"),
    ("service", "服务", "service"),
    ("none", "无直接待遇", "no direct benefit"),
)

DELIVERY_MODES = _choices(
    ("application", "依申请", "on application"),
    ("no_application", "免申即享", "without application"),
)

ROUTE_ROLES = _choices(
    ("lead", "牵头部门", "lead department"),
    ("co", "协同部门", "co-executing department"),
    ("veto", "把关部门（按钮部门）", "veto (button) department"),
)

CASE_STATUSES = _choices(
    ("open", "办理中", "open"),
    ("approved", "已通过", "approved"),
    ("rejected", "未通过", "rejected"),
    ("blocked", "受阻", "blocked"),
    ("withdrawn", "已撤回", "withdrawn"),
    ("closed", "已办结", "closed"),
)

# XES standard lifecycle transitions, so logs round-trip with process-mining tools.
LIFECYCLES = _choices(
    ("schedule", "排队", "schedule"),
    ("assign", "分派", "assign"),
    ("start", "开始", "start"),
    ("suspend", "挂起", "suspend"),
    ("resume", "恢复", "resume"),
    ("complete", "完成", "complete"),
    ("ate_abort", "中止", "abort"),
)

INQUIRY_KINDS = _choices(
    ("inquiry", "咨询", "inquiry"),
    ("appeal", "诉求", "appeal"),
    ("complaint", "投诉", "complaint"),
    ("suggestion", "建议", "suggestion"),
)

INQUIRY_CHANNELS = _choices(
    ("web", "网站", "web"),
    ("wechat", "微信", "WeChat"),
    ("phone", "电话", "phone"),
    ("onsite", "现场", "in person"),
)

INQUIRY_STATUSES = _choices(
    ("submitted", "已提交", "submitted"),
    ("routed", "已分派", "routed"),
    ("accepted", "已受理", "accepted"),
    ("answered", "已答复", "answered"),
    ("confirmed", "已确认解决", "confirmed solved by the citizen"),
    ("reopened", "已重办", "reopened"),
    ("closed", "已办结（未解决）", "closed, not solved"),
    ("unconfirmed", "已办结（未确认）", "closed, not confirmed by the citizen"),
)

# The Open311 "services" of the desk: what an inquiry is about. Each has an answer deadline in
# luodi.dialogue.categories.
INQUIRY_CATEGORIES = _choices(
    ("recognition", "人才认定", "talent recognition"),
    ("subsidy", "补贴津贴", "subsidies and allowances"),
    ("award", "奖励资助", "awards and grants"),
    ("startup", "创业扶持", "start-up support"),
    ("research", "科研项目", "research projects"),
    ("tax", "税收优惠", "tax"),
    ("finance", "金融服务", "loans and investment"),
    ("housing", "住房安居", "housing"),
    ("schooling", "子女入学", "children's schooling"),
    ("residence", "落户居留", "residence and entry"),
    ("employment", "社保就业", "social insurance and employment"),
    ("integrity", "兼职与廉政", "outside posts and integrity"),
    ("general", "政策综合", "policy in general"),
)

ROUTING_SOURCES = _choices(
    ("clause", "按条款路由", "the linked clause's route"),
    ("classifier", "文本分类", "text classifier"),
    ("keywords", "职责关键词", "department duties (cold start)"),
    ("triage", "人才办分拣", "talent office triage"),
)

RATING_CONTESTS = _choices(
    ("pending", "异议待定", "contest pending"),
    ("upheld", "异议成立（不计入满意率）", "contest upheld: rating not counted"),
    ("rejected", "异议不成立", "contest rejected: rating counted"),
)

SURVEY_ITEM_KINDS = _choices(
    ("single", "单选", "single choice"),
    ("multiple", "多选", "multiple choice"),
    ("likert", "量表（1–5）", "Likert 1–5"),
    ("numeric", "数值", "numeric"),
    ("text", "文本", "free text"),
)

STAFF_ROLES = _choices(
    ("leader", "分管领导", "leader in charge"),
    ("officer", "工作人员", "officer"),
)

# Who acted in an event: the org:role of the XES export.
ACTOR_ROLES = _choices(
    ("applicant", "申请人", "applicant"),
    ("officer", "部门经办人", "department officer"),
    ("talent_office", "人才办", "talent office"),
    ("leadership", "领导小组", "leadership group"),
    ("system", "系统", "system"),
)

# What an event decided; the diagnosis counts blocks, returns and exceptions from it.
DECISIONS = _choices(
    ("submitted", "提交申请", "submitted"),
    ("received", "到达部门", "arrived at the department"),
    ("approved", "通过", "approved"),
    ("rejected", "不予通过", "rejected"),
    ("returned", "退回补正", "returned for documents"),
    ("resubmitted", "补正后重新提交", "resubmitted"),
    ("blocked_no_rule", "无配套规定受阻", "blocked: no supporting rule"),
    ("overdue", "超期", "overdue"),
    ("escalated", "提请协调", "escalated"),
    ("instructed", "领导小组责成办理", "instructed by the leadership group"),
    ("rule_issued", "出台配套规定", "supporting rule issued"),
    ("clause_amended", "修订条款", "clause amended"),
    ("exception", "例外办理", "done outside procedure"),
    ("phase_checked", "分期条件核验", "phase criteria checked"),
    ("disbursed", "资金拨付", "disbursed"),
    ("withdrawn", "撤回", "withdrawn"),
)

STEP_STATUSES = _choices(
    ("waiting", "未到达", "not yet reached"),
    ("pending", "待办", "pending"),
    ("returned", "退回补正", "returned for documents"),
    ("blocked", "受阻", "blocked"),
    ("approved", "已通过", "approved"),
    ("rejected", "未通过", "rejected"),
    ("cancelled", "已取消", "cancelled"),
)

ESCALATION_LEVELS = _choices(
    ("talent_office", "人才办", "talent office"),
    ("leadership", "领导小组", "leadership group"),
)

ESCALATION_CAUSES = _choices(
    ("overdue", "超期", "overdue"),
    ("blocked", "无配套规定受阻", "blocked: no supporting rule"),
    ("conflict", "规定冲突", "conflicting rules"),
)

ESCALATION_STATUSES = _choices(
    ("open", "待处理", "open"),
    ("referred", "已提请领导小组", "referred to the leadership group"),
    ("decided", "已决定", "decided"),
)

ESCALATION_RESOLUTIONS = _choices(
    ("instruct_department", "责成部门办理", "instruct the department"),
    ("issue_supporting_rule", "出台配套规定", "issue a supporting rule"),
    ("amend_clause", "修订条款", "amend the clause"),
    ("urge_department", "督促部门办理", "urge the department"),
)

CONFLICT_STATUSES = _choices(
    ("open", "未解决", "open"),
    ("coordinating", "协调中", "being coordinated"),
    ("resolved", "已解决", "resolved"),
)


RATER_KINDS = _choices(
    ("superior", "上级部门", "superior department"),
    ("peer", "同级部门", "peer department"),
    ("target", "政策对象", "policy target"),
)

SCORE_SUBJECT_KINDS = _choices(
    ("department", "部门", "department"),
    ("region", "区域", "district"),
)
