from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "luodi.platform.cases"
    label = "cases"
    verbose_name = "办件"
