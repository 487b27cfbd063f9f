from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from luodi.platform.accounts.admin import ContractAdmin, ReadOnlyContractAdmin
from luodi.platform.coordination.models import Conflict, Escalation, ProcedureException


class RecordedThroughServicesAdmin(ReadOnlyContractAdmin):
    """Escalations and exceptions change only through their services, which check the role
    and write the case's event; the admin shows them, so none is added or changed unaccounted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


admin.site.register(Conflict, ContractAdmin)
admin.site.register(Escalation, RecordedThroughServicesAdmin)
admin.site.register(ProcedureException, RecordedThroughServicesAdmin)
