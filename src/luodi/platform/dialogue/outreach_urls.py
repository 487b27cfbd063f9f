"""URLs of the outreach pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page, PublicPage
from luodi.platform.dialogue import outreach_views as views

urlpatterns = [
    path("inbox/", views.inbox, name=Page.INBOX.value),
    # The inbox's own form posts here; the name is not a page of the role matrix.
    path("inbox/<int:notice_id>/read/", views.notice_read_view, name="notice_read"),
    path("faq/", views.faq_page, name=PublicPage.FAQ.value),
    path("faq/curate/", views.faq_curate, name=Page.FAQ_CURATE.value),
    path("faq/curate/<int:entry_id>/", views.faq_entry_edit, name="faq_entry_update"),
    path("search/", views.search_page, name=PublicPage.SEARCH.value),
]
