from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "luodi.platform.scorecards"
    label = "scorecards"
    verbose_name = "考核评价"
