"""URLs of the dialogue desk's pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page, PublicPage
from luodi.platform.dialogue import desk_views, views

__all__ = ["urlpatterns"]

urlpatterns = [
    path("dialogue/submit/", views.inquiry_submit_page, name=PublicPage.INQUIRY_SUBMIT.value),
    path("dialogue/track/", views.inquiry_track_page, name=PublicPage.INQUIRY_TRACK.value),
    path("dialogue/inquiries/", views.inquiry_list_page, name=Page.INQUIRIES.value),
    path("dialogue/inquiries/<str:inquiry_id>/", views.inquiry_page, name=Page.INQUIRY.value),
    path(
        "dialogue/inquiries/<str:inquiry_id>/attachments/<int:attachment_id>/",
        views.inquiry_attachment_page,
        name="inquiry_attachment",
    ),
    path("dialogue/triage/", desk_views.triage_page, name=Page.INQUIRY_TRIAGE.value),
    path("dialogue/overdue/", desk_views.overdue_page, name=Page.INQUIRY_OVERDUE.value),
    path("dialogue/rates/", desk_views.rates_page, name=Page.DIALOGUE_RATES.value),
]
