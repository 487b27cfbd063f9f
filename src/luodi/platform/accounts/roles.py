"""Who may see what: the roles, the pages each role may open and the tables it may read.

This module is the only place that decides access; views declare their page with
``role_required`` and the admin site asks ``may_open``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation

from luodi.contract import TABLES
from luodi.platform.accounts.access_names import Action, Api, Page, PublicPage
from luodi.platform.common import bilingual

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from luodi.platform.accounts.models import User

__all__ = [
    "ACTION_ROLES",
    "API_ROLES",
    "PAGE_ROLES",
    "ROLE_SPECS",
    "Action",
    "Api",
    "Page",
    "PublicPage",
    "Role",
    "RoleRequiredMixin",
    "RoleSpec",
    "may_act",
    "may_call",
    "may_open",
    "public",
    "role_label",
    "role_of",
    "role_required",
]

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


class Role(models.TextChoices):
    TALENT = "talent", bilingual("人才", "talent")
    EMPLOYER = "employer", bilingual("用人单位", "employer")
    OFFICER = "officer", bilingual("部门经办人", "department officer")
    TALENT_OFFICE = "talent_office", bilingual("人才办", "talent office")
    LEADERSHIP = "leadership", bilingual("领导小组", "leadership group")
    EVALUATOR = "evaluator", bilingual("评估人员", "evaluator")
    ADMIN = "admin", bilingual("系统管理员", "administrator")


@dataclass(frozen=True, kw_only=True)
class RoleSpec:
    """What one role is and sees, in Chinese and English."""

    sees_zh: str
    sees_en: str
    home: Page
    pages: frozenset[Page]
    # Contract tables whose rows this role may read through the platform (its own slice for
    # talents and employers, its department's for officers).
    tables: frozenset[str]


_ALL_TABLES = frozenset(TABLES)
_POLICY_TABLES = frozenset({"policies", "clauses", "clause_routes", "clause_phases"})
# The talent office and the leadership group coordinate: escalations, conflicts, exceptions.
_CONFLICT_PAGES = (Page.CONFLICTS, Page.CONFLICT_SEARCH)  # the register and the search for it
_COORDINATION_PAGES = (Page.CASE, Page.ESCALATIONS, *_CONFLICT_PAGES, Page.EXCEPTIONS)
# A talent or an employer follows their own inquiries and reads their inbox.
_CITIZEN_DIALOGUE_PAGES = (Page.INQUIRIES, Page.INQUIRY, Page.INBOX)
# The diagnosis is for those who steer and evaluate the district, not for departments judged
# by it. Drill-down lists follow the tables a role may read: inquiries for the office and
# evaluators, survey answers (anonymous but raw) for evaluators only.
_DIAGNOSIS_PAGES = (
    Page.DIAGNOSIS,
    Page.DIAGNOSIS_REPORT,
    Page.DIAGNOSIS_CASES,
    Page.DIAGNOSIS_CLAUSE,
    Page.DIAGNOSIS_DEPARTMENT,
    Page.DIAGNOSIS_EXCEPTIONS,
    Page.DIAGNOSIS_CONFLICTS,
)
# Those who steer or evaluate see every department's scorecard and the rounds behind it; a
# department's officers see their own (Page.SCORECARD, narrowed in the view).
_SCORECARD_PAGES = (Page.SCORECARD, Page.SCORECARD_EXPORT, Page.RATING_ROUNDS)

ROLE_SPECS: dict[Role, RoleSpec] = {
    Role.TALENT: RoleSpec(
        sees_zh="本人档案、本人办件、本人诉求和政策推送",
        sees_en="own profile, cases, inquiries and policy notices",
        home=Page.TALENT,
        pages=frozenset(
            {Page.HOME, Page.TALENT, Page.ENTITLEMENTS, Page.CASE, *_CITIZEN_DIALOGUE_PAGES}
        ),
        tables=_POLICY_TABLES | {"persons", "cases", "events", "disbursements", "inquiries"},
    ),
    Role.EMPLOYER: RoleSpec(
        sees_zh="本单位、各层次人才数、本单位办件和诉求、政策推送",
        sees_en="the unit, its talents by tier, its cases and inquiries, policy notices",
        home=Page.EMPLOYER,
        pages=frozenset(
            {Page.HOME, Page.EMPLOYER, Page.ENTITLEMENTS, Page.CASE, *_CITIZEN_DIALOGUE_PAGES}
        ),
        tables=_POLICY_TABLES
        | {"employers", "persons", "cases", "events", "disbursements", "inquiries"},
    ),
    Role.OFFICER: RoleSpec(
        sees_zh="本部门经手的办件、待办环节和分派到本部门的诉求",
        sees_en="cases with steps at the department, pending steps, inquiries routed to it",
        home=Page.OFFICER,
        pages=frozenset(
            {
                Page.HOME,
                Page.OFFICER,
                Page.WORK_QUEUE,
                Page.CASE,
                Page.CONFLICTS,
                Page.INQUIRIES,
                Page.INQUIRY,
                Page.SCORECARD,
            }
        ),
        tables=_POLICY_TABLES | {"departments", "cases", "events", "inquiries"},
    ),
    Role.TALENT_OFFICE: RoleSpec(
        sees_zh="全区概况：人才层次、单位类型与阶段、在办件、诉求状态",
        sees_en="district overview: talents by tier, employers, open cases, inquiries",
        home=Page.TALENT_OFFICE,
        pages=frozenset(
            {
                Page.HOME,
                Page.TALENT_OFFICE,
                Page.POLICY_IMPORT,
                *_COORDINATION_PAGES,
                Page.INQUIRIES,
                Page.INQUIRY,
                Page.INQUIRY_TRIAGE,
                Page.INQUIRY_OVERDUE,
                Page.DIALOGUE_RATES,
                Page.FAQ_CURATE,
                *_DIAGNOSIS_PAGES,
                Page.DIAGNOSIS_INQUIRIES,
                Page.SURVEYS,
                *_SCORECARD_PAGES,
            }
        ),
        tables=_ALL_TABLES - {"survey_responses"},
    ),
    Role.LEADERSHIP: RoleSpec(
        sees_zh="受阻和超期办件、各状态办件数、升级到领导小组的诉求",
        sees_en="blocked and overdue cases, cases by status, inquiries escalated to it",
        home=Page.LEADERSHIP,
        pages=frozenset(
            {
                Page.HOME,
                Page.LEADERSHIP,
                *_COORDINATION_PAGES,
                Page.INQUIRY,
                Page.INQUIRY_OVERDUE,
                Page.DIALOGUE_RATES,
                *_DIAGNOSIS_PAGES,
                *_SCORECARD_PAGES,
            }
        ),
        tables=_POLICY_TABLES | {"departments", "cases", "events"},
    ),
    Role.EVALUATOR: RoleSpec(
        sees_zh="各数据表行数和数据导出（不含个人信息）",
        sees_en="row counts of the contract tables and export without personal data",
        home=Page.EVALUATOR,
        pages=frozenset(
            {
                Page.HOME,
                Page.EVALUATOR,
                Page.EXPORT,
                Page.CASE,
                Page.CONFLICTS,
                Page.EXCEPTIONS,
                Page.DIALOGUE_RATES,
                *_DIAGNOSIS_PAGES,
                Page.DIAGNOSIS_INQUIRIES,
                Page.DIAGNOSIS_RESPONSES,
                Page.SURVEYS,
                *_SCORECARD_PAGES,
            }
        ),
        tables=_ALL_TABLES,
    ),
    Role.ADMIN: RoleSpec(
        sees_zh="后台管理和各角色账户数",
        sees_en="Django admin and user counts per role",
        home=Page.ADMIN,
        pages=frozenset({Page.HOME, Page.ADMIN, Page.DJANGO_ADMIN, Page.POLICY_IMPORT, Page.CASE}),
        tables=_ALL_TABLES,
    ),
}

PAGE_ROLES: dict[Page, frozenset[Role]] = {
    page: frozenset(role for role, spec in ROLE_SPECS.items() if page in spec.pages)
    for page in Page
}

# Population-wide figures (coverage by group) are for the office, leadership and evaluators;
# they hold no personal data but are not published.
API_ROLES: dict[Api, frozenset[Role]] = {
    Api.POLICY_COVERAGE: frozenset({Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR}),
    Api.DIALOGUE_RATES: frozenset({Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR}),
}

# The study's remedy (多属性治理): the talent office sorts out what it can and refers the rest;
# only the leadership group decides across departments (instruct, rule, amend, resolve).
ACTION_ROLES: dict[Action, frozenset[Role]] = {
    Action.ESCALATION_REFER: frozenset({Role.TALENT_OFFICE}),
    Action.ESCALATION_URGE: frozenset({Role.TALENT_OFFICE}),
    Action.ESCALATION_DECIDE: frozenset({Role.LEADERSHIP}),
    Action.CONFLICT_REGISTER: frozenset({Role.TALENT_OFFICE}),
    Action.CONFLICT_RESOLVE: frozenset({Role.LEADERSHIP}),
    Action.EXCEPTION_RECORD: frozenset({Role.TALENT_OFFICE}),
    # A data migration from another system, not a case decision: administrators only.
    Action.EVENT_LOG_IMPORT: frozenset({Role.ADMIN}),
    # Officers only, and of a finance department on the case's route: see ``may_fund_case``.
    Action.PHASE_CHECK: frozenset({Role.OFFICER}),
    Action.DISBURSE: frozenset({Role.OFFICER}),
    Action.INQUIRY_ACCEPT: frozenset({Role.OFFICER}),
    Action.INQUIRY_ANSWER: frozenset({Role.OFFICER}),
    Action.INQUIRY_REROUTE: frozenset({Role.OFFICER, Role.TALENT_OFFICE}),
    Action.INQUIRY_TRIAGE: frozenset({Role.TALENT_OFFICE}),
    Action.RATING_CONTEST: frozenset({Role.OFFICER}),
    Action.RATING_CONTEST_DECIDE: frozenset({Role.TALENT_OFFICE}),
    Action.INQUIRY_URGE: frozenset({Role.TALENT_OFFICE}),
    Action.INQUIRY_INSTRUCT: frozenset({Role.LEADERSHIP}),
    Action.FAQ_CURATE: frozenset({Role.TALENT_OFFICE}),
    Action.SURVEY_MANAGE: frozenset({Role.TALENT_OFFICE}),
    Action.RATING_ROUND_MANAGE: frozenset({Role.TALENT_OFFICE}),
    # Remedy 层级性治理: the leadership group sets how results, process and ratings weigh.
    Action.SCORECARD_WEIGHTS_SET: frozenset({Role.LEADERSHIP}),
    # Raters' comments are personal free text: read by the leadership group only.
    Action.RATING_COMMENTS_READ: frozenset({Role.LEADERSHIP}),
}


def role_label(role: Role, language: str) -> str:
    """The role's name in ``language`` ("zh-hans" or "en"), whatever language is active."""
    with translation.override(language):
        return str(role.label)


def role_of(user: User | AnonymousUser) -> Role | None:
    """The role of a logged-in, active user; None for anonymous or inactive users."""
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return Role(user.role)
    except ValueError:
        # A row written around the model's check; treat it as no role rather than crash.
        return None


def may_open(user: User | AnonymousUser, page: Page) -> bool:
    role = role_of(user)
    return role is not None and role in PAGE_ROLES[page]


def may_call(user: User | AnonymousUser, api: Api) -> bool:
    role = role_of(user)
    return role is not None and role in API_ROLES[api]


def may_act(user: User | AnonymousUser, action: Action) -> bool:
    role = role_of(user)
    return role is not None and role in ACTION_ROLES[action]


def public(page: PublicPage) -> Callable[[V], V]:
    """Declare a view open to everyone; access stays decided here, not in the view."""

    def decorator(view: V) -> V:
        view.public_page = page  # type: ignore[attr-defined]
        return view

    return decorator


def _to_login(request: HttpRequest) -> HttpResponse:
    # Imported here: auth.views loads the user model, and models.py imports this module.
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


def role_required(page: Page) -> Callable[[V], V]:
    """Open the view only to the roles allowed on ``page``.

    Anonymous visitors are sent to the login page; a logged-in user of another role gets 403,
    so a link shared across roles never leaks data.
    """

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return _to_login(request)
            if not may_open(request.user, page):
                raise PermissionDenied
            response: HttpResponseBase = view(request, *args, **kwargs)
            return response

        return cast(V, wrapper)

    return decorator


class RoleRequiredMixin:
    """The class-based form of ``role_required``: set ``page`` on the view."""

    page: Page

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to_login(request)
        if not may_open(request.user, self.page):
            raise PermissionDenied
        response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response
