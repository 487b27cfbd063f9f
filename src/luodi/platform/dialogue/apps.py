from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "luodi.platform.dialogue"
    label = "dialogue"
    verbose_name = "政策对话"
