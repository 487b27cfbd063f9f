from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "luodi.platform.accounts"
    label = "accounts"
    verbose_name = "账户"


class LuodiAdminConfig(admin_apps.AdminConfig):
    """Django admin on a site only administrators may open (see ``accounts.admin_site``)."""

    # Listed by its dotted path in INSTALLED_APPS; it must not compete with AccountsConfig.
    default = False
    default_site = "luodi.platform.accounts.admin_site.LuodiAdminSite"
