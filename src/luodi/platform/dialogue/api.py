"""Dialogue desk endpoints: Open311 GeoReport v2 services and requests, and the desk's rates.

Open311 shapes where they fit: the services are the inquiry categories, a request is an
inquiry, ``agency_responsible`` the department it is routed to, ``expected_datetime`` the end
of its answer deadline. Requests are posted form-encoded as the standard has it; errors come
back as Open311 error arrays ``[{"code": 400, "description": "..."}]``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from ninja.utils import check_csrf
from pydantic import ConfigDict

from luodi.contract import choices as ch
from luodi.platform.accounts.inquiry_access import may_see_inquiry
from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Api, may_call
from luodi.platform.common import choice_label
from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.models import Inquiry
from luodi.platform.dialogue.selectors import dialogue_rates_platform
from luodi.platform.dialogue.services import inquiry_submit
from luodi.platform.dialogue.uploads import client_key
from luodi.platform.exceptions import PlatformError

__all__ = [
    "CLOSED_STATUSES",
    "OPEN311_PREFIX",
    "RATES_FORBIDDEN",
    "REQUEST_NOT_FOUND",
    "Open311Error",
    "RequestCreated",
    "RequestIn",
    "ServiceOut",
    "ServiceRequestOut",
    "dialogue_router",
    "open311_errors",
    "open311_router",
]

OPEN311_PREFIX = "/open311/v2"
# Ended for the citizen: confirmed solved, closed unsolved, or closed unconfirmed.
CLOSED_STATUSES = ("confirmed", "closed", "unconfirmed")
RATES_FORBIDDEN = (
    "the dialogue desk's rates are for the talent office, the leadership group and "
    "evaluators; log in with one of those roles"
)
REQUEST_NOT_FOUND = (
    "no service request {inquiry_id!r} that you may see; log in as its submitter or its "
    "department, or pass the token you received when submitting (?token=...)"
)
# Which Open311 group each category belongs to, and words a client may match it by.
_GROUPS = {
    "recognition": "talent",
    "subsidy": "talent",
    "award": "talent",
    "startup": "enterprise",
    "research": "enterprise",
    "tax": "enterprise",
    "finance": "enterprise",
    "housing": "living",
    "schooling": "living",
    "residence": "living",
    "employment": "living",
    "integrity": "general",
    "general": "general",
}
_GROUP_NAMES = {
    "talent": ("人才待遇", "talent benefits"),
    "enterprise": ("创新创业", "innovation and enterprise"),
    "living": ("生活保障", "living and family"),
    "general": ("综合", "general"),
}
_KEYWORDS = {
    "recognition": "人才认定,层次,证书,评审",
    "subsidy": "补贴,津贴,生活补助,安家费",
    "award": "奖励,资助,奖金,兑现",
    "startup": "创业,孵化,场地,启动资金",
    "research": "科研,项目,经费,平台",
    "tax": "个税,所得税,减免,扣除",
    "finance": "贷款,贴息,担保,投资",
    "housing": "住房,人才公寓,租房补贴,购房",
    "schooling": "子女,入学,学校,幼儿园",
    "residence": "落户,户口,居留,签证",
    "employment": "社保,医保,就业,劳动合同",
    "integrity": "兼职,报酬,廉政,审批",
    "general": "政策,咨询,办理,部门",
}

open311_router = Router()
dialogue_router = Router()


class Open311Error(Schema):
    code: int
    description: str


class ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool = False
    type: Literal["realtime", "batch", "blackbox"] = "realtime"
    keywords: str
    group: str


class RequestIn(Schema):
    """An Open311 request: the category, the text, how to reach the citizen, and attributes."""

    model_config = ConfigDict(populate_by_name=True)

    service_code: str = Field(max_length=32, description="an inquiry category (services.json)")
    description: str = Field(default="", description="the inquiry's text")
    first_name: str = Field(default="", max_length=32)
    last_name: str = Field(default="", max_length=32)
    phone: str = Field(default="", max_length=32, description="required when not logged in")
    email: str = Field(default="", max_length=254)
    clause_id: str | None = Field(
        default=None, alias="attribute[clause_id]", max_length=64, description="a clause id"
    )
    kind: str = Field(
        default="inquiry",
        alias="attribute[kind]",
        max_length=32,
        description="inquiry, appeal, complaint or suggestion",
    )
    criterion: str = Field(
        default="",
        alias="attribute[criterion]",
        max_length=200,
        description="the criterion of an entitlement explanation thought judged wrongly",
    )
    case_id: str | None = Field(
        default=None, alias="attribute[case_id]", max_length=64, description="own case"
    )
    named_department: str | None = Field(
        default=None,
        max_length=64,
        description="the department the submitter believes handles it; empty: did not know",
    )


class RequestCreated(Schema):
    service_request_id: str
    token: str | None = Field(
        description="secret to follow the request without an account; returned only once"
    )
    service_notice: str
    expected_datetime: dt.datetime | None


class ServiceRequestOut(Schema):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str
    service_name: str
    service_code: str | None
    agency_responsible: str
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime
    expected_datetime: dt.datetime | None


def open311_errors(code: int, *descriptions: str) -> list[dict[str, Any]]:
    return [{"code": code, "description": description} for description in descriptions]


def _expected(inquiry: Inquiry) -> dt.datetime | None:
    """The end of the answer deadline's day, in the platform's time zone."""
    if inquiry.answer_due_on is None:
        return None
    end = dt.datetime.combine(inquiry.answer_due_on, dt.time(23, 59, 59))
    return timezone.make_aware(end)


def _agency(inquiry: Inquiry) -> str:
    if inquiry.status == "submitted" or inquiry.department is None:
        return _("人才办（分拣中）")
    return str(inquiry.department.name)


@open311_router.get(
    "/services.json",
    response=list[ServiceOut],
    summary="The desk's services: the inquiry categories, with their answer deadlines",
)
def services(request: HttpRequest) -> list[dict[str, Any]]:
    from luodi.dialogue.categories import answer_days

    rows = []
    for choice in ch.INQUIRY_CATEGORIES:
        group_zh, group_en = _GROUP_NAMES[_GROUPS.get(choice.value, "general")]
        rows.append(
            {
                "service_code": choice.value,
                "service_name": choice_label(ch.INQUIRY_CATEGORIES, choice.value),
                "description": _("%(days)s 个工作日内答复（法定节假日顺延），1 个工作日内受理。")
                % {"days": answer_days(choice.value)},
                "keywords": f"{_KEYWORDS.get(choice.value, '')},{choice.en}",
                "group": group_en if _english() else group_zh,
            }
        )
    return rows


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("en")


def _submitter(request: HttpRequest) -> User | None:
    """The logged-in account submitting, if the request proves it is the site's own page.

    A session cookie alone is not enough: another site could post in the user's name, so a
    logged-in POST must carry the CSRF token; without a session it is an anonymous request.
    """
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    if check_csrf(request) is not None:
        raise HttpError(403, "CSRF check failed: post from the platform's pages, or log out")
    return user


@open311_router.post(
    "/requests.json",
    response={
        201: list[RequestCreated],
        400: list[Open311Error],
        403: list[Open311Error],
        429: list[Open311Error],
    },
    summary="Submit an inquiry; it is routed at once to the responsible department",
)
def request_create(request: HttpRequest, payload: Form[RequestIn]) -> Status[Any]:
    try:
        by = _submitter(request)
    except HttpError as error:
        return Status(403, open311_errors(403, str(error)))
    name = f"{payload.last_name}{payload.first_name}".strip()
    try:
        submitted = inquiry_submit(
            text=payload.description,
            kind=payload.kind,
            category=payload.service_code,
            channel="web",
            by=by,
            name=name,
            phone=payload.phone,
            email=payload.email,
            clause_id=payload.clause_id or None,
            case_id=payload.case_id or None,
            criterion=payload.criterion,
            named_department_id=payload.named_department or None,
            client_key=client_key(request) if by is None else None,
        )
    except e.SubmissionRateLimited as error:
        return Status(429, open311_errors(429, str(error)))
    except e.DialoguePermissionError as error:
        return Status(403, open311_errors(403, str(error)))
    except PlatformError as error:
        return Status(400, open311_errors(400, str(error)))
    inquiry = submitted.inquiry
    if inquiry.status == "submitted":
        notice = _("已转人才办分拣，将尽快分派给负责的部门。")
    else:
        notice = _("已分派至%(department)s，将于%(due)s前答复。") % {
            "department": _agency(inquiry),
            "due": inquiry.answer_due_on.isoformat() if inquiry.answer_due_on else "—",
        }
    return Status(
        201,
        [
            {
                "service_request_id": inquiry.inquiry_id,
                "token": submitted.token,
                "service_notice": notice,
                "expected_datetime": _expected(inquiry),
            }
        ],
    )


def _visible(request: HttpRequest, inquiry: Inquiry | None, token: str | None) -> bool:
    if inquiry is None:
        return False
    user = request.user
    if isinstance(user, User) and user.is_authenticated and may_see_inquiry(user, inquiry):
        return True
    if not token:
        return False
    from luodi.platform.dialogue.support import check_submitter

    try:
        check_submitter(inquiry, by=None, token=token, name="confirm")
    except e.DialoguePermissionError:
        return False
    return True


def _status_notes(inquiry: Inquiry) -> str:
    status = choice_label(ch.INQUIRY_STATUSES, inquiry.status)
    answer = inquiry.history.filter(action="answered").order_by("-at", "-id").first()
    return f"{status}：{answer.note}" if answer is not None and answer.note else status


@open311_router.get(
    "/requests/{inquiry_id}.json",
    response={200: list[ServiceRequestOut], 404: list[Open311Error]},
    summary="One request: for its submitter (account or token) or the department handling it",
)
def request_get(
    request: HttpRequest,
    inquiry_id: str,
    token: str | None = None,
) -> Status[Any]:
    inquiry = Inquiry.objects.select_related("department").filter(inquiry_id=inquiry_id).first()
    if inquiry is None or not _visible(request, inquiry, token):
        # The same answer for "no such request" and "not yours": nothing to learn by probing.
        return Status(404, open311_errors(404, REQUEST_NOT_FOUND.format(inquiry_id=inquiry_id)))
    last = inquiry.history.order_by("-at", "-id").values_list("at", flat=True).first()
    return Status(
        200,
        [
            {
                "service_request_id": inquiry.inquiry_id,
                "status": "closed" if inquiry.status in CLOSED_STATUSES else "open",
                "status_notes": _status_notes(inquiry),
                "service_name": choice_label(ch.INQUIRY_CATEGORIES, inquiry.category)
                if inquiry.category
                else "",
                "service_code": inquiry.category,
                "agency_responsible": _agency(inquiry),
                "requested_datetime": inquiry.submitted_at,
                "updated_datetime": last or inquiry.submitted_at,
                "expected_datetime": _expected(inquiry),
            }
        ],
    )


class RatesQuery(Schema):
    period: Literal["month", "quarter"] | None = None


@dialogue_router.get(
    "/rates",
    auth=django_auth,
    summary="Response, on-time, resolution, satisfaction and reopen rates per department",
)
def rates(request: HttpRequest, query: Query[RatesQuery]) -> dict[str, Any]:
    if not may_call(request.user, Api.DIALOGUE_RATES):
        raise HttpError(403, RATES_FORBIDDEN)
    result: dict[str, Any] = dialogue_rates_platform(period=query.period).to_dict()
    return result
