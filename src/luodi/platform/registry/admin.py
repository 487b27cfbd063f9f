from django.contrib import admin

from luodi.platform.accounts.admin import ContractAdmin
from luodi.platform.registry.models import Department, Employer, Person, Region, Staff

for model in (Region, Department, Employer, Person, Staff):
    admin.site.register(model, ContractAdmin)
