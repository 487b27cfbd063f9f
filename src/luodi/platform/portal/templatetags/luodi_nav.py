"""The site navigation: the workflow pages the signed-in user's role may open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from luodi.platform.accounts.roles import Page, may_open

__all__ = ["NavLink", "workflow_nav"]

register = template.Library()

_NAV = (
    (Page.WORK_QUEUE, _("部门工作台")),
    (Page.ESCALATIONS, _("督办协调")),
    (Page.CONFLICTS, _("规定冲突登记")),
    (Page.CONFLICT_SEARCH, _("规定冲突排查")),
    (Page.EXCEPTIONS, _("例外办理")),
    (Page.INQUIRIES, _("咨询诉求")),
    (Page.INQUIRY_TRIAGE, _("诉求分拣")),
    (Page.INQUIRY_OVERDUE, _("超期诉求")),
    (Page.DIALOGUE_RATES, _("对话三率")),
    (Page.FAQ_CURATE, _("常见问题整理")),
    (Page.DIAGNOSIS, _("偏差诊断")),
    (Page.SURVEYS, _("问卷调查")),
    (Page.SCORECARD, _("考核评价")),
    (Page.INBOX, _("政策推送")),
)


@dataclass(frozen=True, kw_only=True)
class NavLink:
    url: str
    label: str
    current: bool


@register.simple_tag(takes_context=True)
def workflow_nav(context: Any) -> list[NavLink]:
    """Links to the workflow pages; which ones is decided by ``roles.may_open``."""
    request = context.get("request")
    if request is None:
        return []
    return [
        NavLink(
            url=reverse(f"portal:{page.value}"),
            label=str(label),
            current=context.get("page") == page.value,
        )
        for page, label in _NAV
        if may_open(request.user, page)
    ]
