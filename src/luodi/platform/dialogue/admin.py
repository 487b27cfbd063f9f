from django.contrib import admin

from luodi.platform.accounts.admin import ContractAdmin
from luodi.platform.dialogue.models import Inquiry

admin.site.register(Inquiry, ContractAdmin)
