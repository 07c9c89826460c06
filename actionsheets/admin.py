"""Admin of the action sheets' reference data (publics, frameworks, funders) and a read-only view of the sheets.

Sheets are written, reviewed and validated in the portal only, where each change is versioned and logged;
the admin lists them for support and never edits their content.
"""

from django.contrib import admin

from actionsheets.models import ActionSheet, Framework, Funder, TargetPublic, Transition
from partners.admin_names import LabelledInline, LabelledListEditable


@admin.register(TargetPublic, Funder)
class ReferenceAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["label", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["label"]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: sheets refer to them


@admin.register(Framework)
class FrameworkAdmin(ReferenceAdmin):
    list_display = ["label", "code", "position", "is_active"]


class TransitionInline(LabelledInline, admin.TabularInline):
    model = Transition
    fields = ["at", "from_status", "to_status", "by", "comment", "copil_date"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ActionSheet)
class ActionSheetAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "group", "status", "copil_date", "is_example", "updated_at"]
    list_filter = ["status", "axis", "group", "is_example"]
    search_fields = ["code", "title"]
    list_select_related = ["group"]
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff
