"""The admin site: administrators only; everyone else gets 403 or the platform's login."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from luodi.platform.accounts.roles import Page, may_open

__all__ = ["LuodiAdminSite"]

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


class LuodiAdminSite(admin.AdminSite):
    site_header = _("落地 · 后台管理")
    site_title = _("落地后台")
    index_title = _("数据与账户")

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_staff and may_open(request.user, Page.DJANGO_ADMIN)

    def admin_view(self, view: V, cacheable: bool = False) -> V:
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            # As on every other page: anonymous visitors go to the platform's login, and a
            # logged-in user of another role is refused instead of offered the admin login.
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not self.has_permission(request):
                raise PermissionDenied
            response: HttpResponseBase = inner(request, *args, **kwargs)
            return response

        return cast(V, guarded)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        # One login page for the whole platform.
        return redirect_to_login(
            request.GET.get("next", request.get_full_path()), settings.LOGIN_URL
        )
