from django.contrib import admin

from luodi.platform.accounts.admin import ContractAdmin
from luodi.platform.policies.models import Clause, ClausePhase, ClauseRoute, Policy

for model in (Policy, Clause, ClauseRoute, ClausePhase):
    admin.site.register(model, ContractAdmin)
