from django.urls import path

from luodi.platform.accounts.roles import Page
from luodi.platform.cases.urls import urlpatterns as case_urlpatterns
from luodi.platform.coordination.urls import urlpatterns as coordination_urlpatterns
from luodi.platform.diagnosis.urls import urlpatterns as diagnosis_urlpatterns
from luodi.platform.dialogue.outreach_urls import urlpatterns as outreach_urlpatterns
from luodi.platform.dialogue.urls import urlpatterns as dialogue_urlpatterns
from luodi.platform.policies.urls import urlpatterns as policy_urlpatterns
from luodi.platform.portal import views
from luodi.platform.scorecards.urls import urlpatterns as scorecard_urlpatterns
from luodi.platform.surveys.urls import urlpatterns as survey_urlpatterns

app_name = "portal"

urlpatterns = [
    path("", views.home, name=Page.HOME.value),
    path("talent/", views.talent_home, name=Page.TALENT.value),
    path("employer/", views.employer_home, name=Page.EMPLOYER.value),
    path("officer/", views.officer_home, name=Page.OFFICER.value),
    path("talent-office/", views.talent_office_home, name=Page.TALENT_OFFICE.value),
    path("leadership/", views.leadership_home, name=Page.LEADERSHIP.value),
    path("evaluator/", views.evaluator_home, name=Page.EVALUATOR.value),
    path("evaluator/export/<str:name>.csv", views.table_export, name=Page.EXPORT.value),
    path("administration/", views.admin_home, name=Page.ADMIN.value),
]

urlpatterns += policy_urlpatterns
urlpatterns += case_urlpatterns
urlpatterns += coordination_urlpatterns
urlpatterns += outreach_urlpatterns
urlpatterns += dialogue_urlpatterns
urlpatterns += diagnosis_urlpatterns
urlpatterns += survey_urlpatterns
urlpatterns += scorecard_urlpatterns
