"""Contract tables of who is who: regions, departments, employers, persons, staff."""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.columns import col
from luodi.contract.schema import ColumnType as T
from luodi.contract.schema import Table

__all__ = ["DEPARTMENTS", "EMPLOYERS", "PERSONS", "REGIONS", "STAFF"]


REGIONS = Table(
    name="regions",
    zh="行政区域",
    en="Administrative regions: central, province, city, cluster, district.",
    primary_key=("region_id",),
    columns=(
        col("region_id", T.STRING, "区域编号", "Region id."),
        col("name", T.STRING, "名称", "Name, e.g. Z省."),
        col("level", T.CHOICE, "层级", "Level in the hierarchy.", choices=ch.REGION_LEVELS),
        col(
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
        col("department_id", T.STRING, "部门编号", "Department id."),
        col("name", T.STRING, "名称", "Name, e.g. C区审计局."),
        col("kind", T.CHOICE, "部门类别", "Kind of department.", choices=ch.DEPARTMENT_KINDS),
        col(
            "region_id",
            T.STRING,
            "所属区域",
            "Region the department serves.",
            ref="regions.region_id",
        ),
        col(
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
        col("employer_id", T.STRING, "单位编号", "Employer id."),
        col("name", T.STRING, "名称", "Registered name."),
        col("kind", T.CHOICE, "单位类型", "Kind of employer.", choices=ch.EMPLOYER_KINDS),
        col("stage", T.CHOICE, "发展阶段", "Development stage.", choices=ch.EMPLOYER_STAGES),
        col(
            "region_id",
            T.STRING,
            "所在区",
            "District where it is registered.",
            ref="regions.region_id",
        ),
        col("founded_on", T.DATE, "成立日期", "Date of registration."),
        col("employees", T.INTEGER, "职工人数", "Head count.", minimum=0),
        col(
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
        col("person_id", T.STRING, "人才编号", "Person id (never the ID-card number)."),
        col("name", T.STRING, "姓名", "Name.", personal=True),
        col("gender", T.CHOICE, "性别", "Gender.", choices=ch.GENDERS),
        col(
            "birth_year",
            T.INTEGER,
            "出生年份",
            "Year of birth; age is derived from it.",
            minimum=1900,
            maximum=2100,
        ),
        col("nationality", T.STRING, "国籍", "ISO 3166-1 alpha-2 code, e.g. CN, US."),
        col(
            "talent_tier",
            T.CHOICE,
            "人才层次",
            "Tier A–F under the local catalogue, or general.",
            choices=ch.TALENT_TIERS,
        ),
        col("degree", T.CHOICE, "学历", "Highest degree.", choices=ch.DEGREES),
        col("title", T.CHOICE, "职称", "Professional title.", choices=ch.TITLES),
        col("discipline", T.CHOICE, "学科背景", "Discipline.", choices=ch.DISCIPLINES),
        col(
            "political_status",
            T.CHOICE,
            "政治面貌",
            "Political status.",
            choices=ch.POLITICAL_STATUSES,
        ),
        col(
            "origin",
            T.CHOICE,
            "籍贯",
            "Native place inside or outside the province.",
            choices=ch.ORIGINS,
        ),
        col(
            "employer_id",
            T.STRING,
            "工作单位",
            "Employer; empty if none.",
            required=False,
            ref="employers.employer_id",
        ),
        col(
            "arrived_on",
            T.DATE,
            "来区日期",
            "Date the person came to work in the region.",
            required=False,
        ),
    ),
)


STAFF = Table(
    name="staff",
    zh="工作人员",
    en="Government staff who work cases and inquiries.",
    primary_key=("staff_id",),
    columns=(
        col("staff_id", T.STRING, "人员编号", "Staff id."),
        col("name", T.STRING, "姓名", "Name.", personal=True),
        col("department_id", T.STRING, "部门", "Department.", ref="departments.department_id"),
        col("role", T.CHOICE, "岗位", "Leader in charge or officer.", choices=ch.STAFF_ROLES),
    ),
)
