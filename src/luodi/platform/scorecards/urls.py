"""URLs of the scorecard pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page, PublicPage
from luodi.platform.scorecards import views

__all__ = ["urlpatterns"]

urlpatterns = [
    path("scorecards/", views.scorecard_page, name=Page.SCORECARD.value),
    path("scorecards/export.xlsx", views.scorecard_export_file, name=Page.SCORECARD_EXPORT.value),
    path("scorecards/rounds/", views.rating_rounds_page, name=Page.RATING_ROUNDS.value),
    path("r/<str:token>/", views.rating_respond_page, name=PublicPage.RATING_RESPOND.value),
]
