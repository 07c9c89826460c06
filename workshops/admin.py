from django.contrib import admin

from workshops.models import Axis


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ["code", "short_title", "title", "colour", "is_cross_cutting", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_cross_cutting", "is_active"]
    search_fields = ["code", "title", "short_title"]
