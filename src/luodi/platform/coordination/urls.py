"""URLs of the coordination pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page
from luodi.platform.coordination import views

urlpatterns = [
    path("escalations/", views.escalations, name=Page.ESCALATIONS.value),
    path("conflicts/", views.conflicts, name=Page.CONFLICTS.value),
    path("conflicts/search/", views.conflict_search, name=Page.CONFLICT_SEARCH.value),
    path("exceptions/", views.exceptions, name=Page.EXCEPTIONS.value),
]
