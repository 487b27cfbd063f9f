"""URLs of the survey pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page, PublicPage
from luodi.platform.surveys import views

__all__ = ["urlpatterns"]

urlpatterns = [
    path("surveys/", views.survey_list_page, name=Page.SURVEYS.value),
    path("surveys/<str:survey_id>/", views.survey_page, name="survey"),
    path("surveys/<str:survey_id>/personal/", views.survey_personal_page, name="survey_personal"),
    path("surveys/<str:survey_id>/report/", views.survey_report_page, name="survey_report"),
    path("surveys/<str:survey_id>/coding/", views.survey_coding_page, name="survey_coding"),
    path(
        "surveys/<str:survey_id>/anonymised.zip",
        views.survey_anonymised_export,
        name="survey_anonymised",
    ),
    path("s/<str:token>/", views.survey_respond_page, name=PublicPage.SURVEY_RESPOND.value),
    path("s/<str:token>/save/", views.survey_save_api, name="survey_save"),
]
