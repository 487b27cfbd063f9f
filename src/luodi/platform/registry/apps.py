from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "luodi.platform.registry"
    label = "registry"
    verbose_name = "登记信息"
