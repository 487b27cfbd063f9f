from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "luodi.platform.policies"
    label = "policies"
    verbose_name = "政策库"
