"""Admin of the working groups and their sessions (reference data and corrections; daily work is in the portal).

Records the portal edits with optimistic locking get their version bumped here too, so that a form opened in the
portal before an admin change gets the conflict message instead of silently overwriting it.
"""

from django.contrib import admin
from django.db.models import Count, F, Q

from partners.admin_names import LabelledInline, LabelledListEditable
from workshops.models import (
    Attendance,
    CalendarFeed,
    CoordinationObstacle,
    Decision,
    Finding,
    FollowUpTask,
    Invitation,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    Venue,
    WorkingGroup,
)


class VersionedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        if change:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        if change:
            obj.refresh_from_db(fields=["version"])


@admin.register(Finding)
class FindingAdmin(VersionedAdmin):
    list_display = ["title", "axis", "kind", "source", "position", "updated_at"]
    list_filter = ["axis", "kind", "source"]
    search_fields = ["title", "text"]
    list_select_related = ["axis"]
    readonly_fields = ["updated_at"]


class MembershipInline(LabelledInline, admin.TabularInline):
    model = Membership
    fields = ["contact", "role", "since", "is_active"]
    autocomplete_fields = ["contact"]
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw a member (« actif » unticked) instead: memberships are history


@admin.register(WorkingGroup)
class WorkingGroupAdmin(LabelledListEditable, VersionedAdmin):
    list_display = ["name", "axis", "member_count", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active", "axis"]
    search_fields = ["name", "mandate", "memberships__contact__last_name"]
    list_select_related = ["axis"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(active_members=Count("memberships", filter=Q(memberships__is_active=True)))
        )

    @admin.display(description="membres actifs", ordering="active_members")
    def member_count(self, group):
        return group.active_members

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: groups are referenced by sessions and sheets


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["contact", "organisation", "group", "role", "since", "is_active"]
    list_filter = ["role", "is_active", "group"]
    search_fields = ["contact__last_name", "contact__first_name", "contact__email", "contact__organisation__name"]
    list_select_related = ["contact", "contact__organisation", "group"]
    autocomplete_fields = ["contact", "group"]

    @admin.display(description="structure", ordering="contact__organisation__name")
    def organisation(self, membership):
        return membership.contact.organisation

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Venue)
class VenueAdmin(VersionedAdmin):
    list_display = ["name", "address", "postal_code", "city", "capacity", "is_active"]
    list_filter = ["is_active", "city"]
    search_fields = ["name", "address", "city"]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: venues are referenced by sessions


class InvitationInline(LabelledInline, admin.TabularInline):
    """Answers come from the invited people themselves (RSVP links): shown here, not edited."""

    model = Invitation
    fields = ["contact", "answer", "represented_by", "answered_at", "sent_at", "reminded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(VersionedAdmin):
    list_display = ["title", "kind", "starts_at", "venue", "status", "invitations_sent_at"]
    list_filter = ["kind", "status", "groups", ("invitations_sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "agenda", "venue__name", "groups__name"]
    date_hierarchy = "starts_at"
    list_select_related = ["venue"]
    autocomplete_fields = ["venue"]
    filter_horizontal = ["groups"]
    readonly_fields = ["uid", "sequence", "organiser", "invitations_sent_at", "created_at"]
    inlines = [InvitationInline]

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead (in the portal): people were invited, minutes and obstacles refer to it


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(admin.ModelAdmin):
    """Documents are uploaded in the portal (type and size checks); here they are renamed or removed."""

    list_display = ["title", "meeting", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "meeting__title"]
    list_filter = ["meeting__kind"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["meeting", "uploaded_by"]
    fields = ["title", "meeting", "file", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["meeting", "file", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["contact", "meeting", "status", "represented_by", "is_walk_in", "recorded_by", "recorded_at"]
    list_filter = ["status", "is_walk_in", "meeting__kind"]
    search_fields = ["contact__last_name", "contact__first_name", "contact__organisation__name", "meeting__title"]
    list_select_related = ["contact", "meeting", "recorded_by"]
    autocomplete_fields = ["contact", "meeting"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


class DecisionInline(LabelledInline, admin.TabularInline):
    model = Decision
    fields = ["text", "position"]
    extra = 0


class FollowUpTaskInline(LabelledInline, admin.TabularInline):
    model = FollowUpTask
    fields = ["what", "who", "due_on", "is_done", "position"]
    extra = 0


@admin.register(Minutes)
class MinutesAdmin(VersionedAdmin):
    list_display = ["meeting", "meeting_date", "status", "published_at", "updated_at"]
    list_filter = ["status", "meeting__kind"]
    search_fields = ["meeting__title", "summary", "decisions__text", "tasks__what"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["published_at", "updated_at"]
    inlines = [DecisionInline, FollowUpTaskInline]

    @admin.display(description="date de la séance", ordering="meeting__starts_at")
    def meeting_date(self, minutes):
        return minutes.meeting.starts_at


@admin.register(CoordinationObstacle)
class CoordinationObstacleAdmin(VersionedAdmin):
    list_display = ["title", "category", "status", "meeting", "created_by", "created_at"]
    list_filter = ["category", "status", "axes"]
    search_fields = ["title", "description", "levers", "meeting__title"]
    date_hierarchy = "created_at"
    list_select_related = ["meeting", "created_by"]
    autocomplete_fields = ["meeting"]
    filter_horizontal = ["axes"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Who subscribed to their calendar. The secret address (token) is never shown; deleting revokes it."""

    list_display = ["user", "created_at"]
    search_fields = ["user__email", "user__last_name", "user__first_name"]
    list_select_related = ["user"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
