from django.contrib import admin

from luodi.platform.accounts.admin import ContractAdmin
from luodi.platform.surveys.models import Survey, SurveyItem, SurveyOption, SurveyResponse

for model in (Survey, SurveyItem, SurveyOption, SurveyResponse):
    admin.site.register(model, ContractAdmin)
