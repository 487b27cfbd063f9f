"""URLs of the policy pages; the portal includes them, so names live in ``portal``."""

from django.urls import path

from luodi.platform.accounts.roles import Page, PublicPage
from luodi.platform.policies import views

urlpatterns = [
    path("policies/", views.policy_list, name=PublicPage.POLICIES.value),
    # Fixed paths before <policy_id>: a policy can never be called "import" or "clauses".
    path("policies/import/", views.policy_import_page, name=Page.POLICY_IMPORT.value),
    path("policies/clauses/<str:clause_id>/", views.clause_detail, name=PublicPage.CLAUSE.value),
    path("policies/<str:policy_id>/", views.policy_detail, name=PublicPage.POLICY.value),
    path("entitlements/", views.entitlements, name=Page.ENTITLEMENTS.value),
    path("calculator/", views.calculator, name=PublicPage.CALCULATOR.value),
]
