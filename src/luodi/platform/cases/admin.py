from django.contrib import admin

from luodi.platform.accounts.admin import ContractAdmin, ReadOnlyContractAdmin
from luodi.platform.cases.models import Case, CaseStep, Disbursement, Event

admin.site.register(Case, ContractAdmin)
admin.site.register(Disbursement, ContractAdmin)
# The event log is append-only: the admin shows it but never edits it.
admin.site.register(Event, ReadOnlyContractAdmin)
# Steps change only through the workflow services, which write the event of each decision.
admin.site.register(CaseStep, ReadOnlyContractAdmin)
