"""The programme's settings in the Django admin: the key types of partners expected in each axis."""

from django.contrib import admin

from programme.models import KeyPartnerType


@admin.register(KeyPartnerType)
class KeyPartnerTypeAdmin(admin.ModelAdmin):
    list_display = ["axis", "organisation_type", "reason"]
    list_filter = ["axis"]
    list_select_related = ["axis", "organisation_type"]
