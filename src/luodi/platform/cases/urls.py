"""URLs of the case pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page
from luodi.platform.cases import views

urlpatterns = [
    path("work-queue/", views.work_queue, name=Page.WORK_QUEUE.value),
    path("cases/<str:case_id>/", views.case_detail, name=Page.CASE.value),
    # The case page's own forms post here; their names are not pages of the role matrix.
    path("cases/<str:case_id>/resubmit/", views.case_resubmit_view, name="case_resubmit"),
    path("cases/<str:case_id>/phase-check/", views.case_phase_check, name="case_phase_check"),
    path("cases/<str:case_id>/disbursement/", views.case_disbursement, name="case_disbursement"),
]
