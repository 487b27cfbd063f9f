"""URLs of the diagnosis pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page
from luodi.platform.diagnosis import views

__all__ = ["urlpatterns"]

urlpatterns = [
    path("diagnosis/", views.dashboard, name=Page.DIAGNOSIS.value),
    path("diagnosis/report/", views.report_download, name=Page.DIAGNOSIS_REPORT.value),
    # The drill-down lists: one per evidence kind, filtered by the query string.
    path("diagnosis/cases/", views.case_list_page, name=Page.DIAGNOSIS_CASES.value),
    path("diagnosis/clause/", views.clause_page, name=Page.DIAGNOSIS_CLAUSE.value),
    path("diagnosis/department/", views.department_page, name=Page.DIAGNOSIS_DEPARTMENT.value),
    path("diagnosis/responses/", views.response_list_page, name=Page.DIAGNOSIS_RESPONSES.value),
    path("diagnosis/inquiries/", views.inquiry_list_page, name=Page.DIAGNOSIS_INQUIRIES.value),
    path("diagnosis/exceptions/", views.exception_list_page, name=Page.DIAGNOSIS_EXCEPTIONS.value),
    path("diagnosis/conflicts/", views.conflict_list_page, name=Page.DIAGNOSIS_CONFLICTS.value),
]
