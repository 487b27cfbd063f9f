from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "luodi.platform.coordination"
    label = "coordination"
    verbose_name = "协调督办"
