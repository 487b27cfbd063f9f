from django.contrib import admin

from luodi.platform.accounts.admin import ContractAdmin
from luodi.platform.scorecards.models import Rating, RatingRound

# The contract tables only: raters' comments are personal and stay out of the admin site.
for model in (RatingRound, Rating):
    admin.site.register(model, ContractAdmin)
