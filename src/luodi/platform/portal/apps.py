from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "luodi.platform.portal"
    label = "portal"
    verbose_name = "门户"
