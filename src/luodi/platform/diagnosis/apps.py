from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "luodi.platform.diagnosis"
    label = "diagnosis"
    verbose_name = "偏差诊断"
