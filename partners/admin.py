"""The Django admin of accounts, the directory and its reference data (administrators only)."""

from django.contrib import admin, messages
from django.db import models

from partners import services
from partners.admin_names import LabelledInline, LabelledListEditable
from partners.models import (
    AuditEntry,
    Axis,
    Commune,
    Contact,
    ImportBatch,
    Neighbourhood,
    Organisation,
    OrganisationType,
    SentEmail,
    User,
)

admin.site.site_header = "Projet Ville Solidarités – administration"
admin.site.site_title = "Administration du portail"
admin.site.index_title = "Données de référence et comptes"


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "last_name", "first_name", "role", "is_active", "activated_at", "last_login"]
    list_filter = ["role", "is_active", ("activated_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["last_name", "first_name"]
    fields = [
        "email",
        "first_name",
        "last_name",
        "role",
        "is_active",
        "date_joined",
        "activated_at",
        "last_login",
        "created_by",
    ]
    readonly_fields = ["date_joined", "activated_at", "last_login", "created_by"]
    actions = ["send_activation_links"]

    def save_model(self, request, obj, form, change):
        # Changes go through the same service functions as the portal pages (log rows, e-mails).
        data = form.cleaned_data
        if not change:
            created = services.create_account(
                by=request.user, base_url=request.build_absolute_uri("/"), **services.account_fields(data)
            )
            obj.pk = created.pk
            return
        stored = User.objects.get(pk=obj.pk)
        services.update_account(by=request.user, user=stored, version=stored.version, changes=data)
        if "is_active" in form.changed_data:
            services.set_account_active(by=request.user, user=stored, active=data["is_active"])

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted: they are referenced by logs and sheets

    @admin.action(description="Envoyer un lien « Définir mon mot de passe »")
    def send_activation_links(self, request, queryset):
        for user in queryset.filter(is_active=True):
            services.send_activation_link(by=request.user, user=user, base_url=request.build_absolute_uri("/"))
        self.message_user(request, "Les liens ont été envoyés aux comptes actifs sélectionnés.", messages.SUCCESS)


URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "programme_name", "accessibility_status", "updated_at"]
    fieldsets = [
        (
            "Identité",
            {
                "fields": [
                    "name",
                    "short_name",
                    "programme_name",
                    "logo",
                    "address",
                    "phone",
                    "contact_email",
                    "website",
                ]
            },
        ),
        ("Page d'accueil", {"fields": ["intro", "diagnostic_text", "partners_day_text", "coordination_text"]}),
        ("Mentions légales", {"fields": ["publication_director", "host_name", "host_address", "host_phone"]}),
        (
            "Données personnelles",
            {"fields": ["controller", "dpo_name", "dpo_email", "dpo_address", "legal_basis", "retention"]},
        ),
        ("Accessibilité", {"fields": ["accessibility_status", "accessibility_audit", "accessibility_plan_url"]}),
    ]

    def has_add_permission(self, request):
        return not Commune.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "verb", "target_type", "target_id", "message"]
    list_filter = ["verb", "target_type"]
    search_fields = ["message", "actor__email", "target_id"]
    date_hierarchy = "at"
    list_select_related = ["actor", "target_type"]


@admin.register(SentEmail)
class SentEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at", "related_type", "related_id"]
    list_filter = ["status", "related_type"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    exclude = ["body", "alternatives", "attachments", "headers"]  # may hold single-use links
    list_select_related = ["related_type"]


@admin.register(Axis)
class AxisAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["code", "short_title", "title", "colour", "is_cross_cutting", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_cross_cutting", "is_active"]
    search_fields = ["code", "title", "short_title"]


@admin.register(OrganisationType)
class OrganisationTypeAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["label", "code", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["label", "code"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["name", "is_qpv", "position"]
    list_editable = ["is_qpv", "position"]
    search_fields = ["name"]


class ContactInline(LabelledInline, admin.TabularInline):
    model = Contact
    fields = ["civility", "first_name", "last_name", "function", "email", "phone", "is_primary", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "acronym", "type", "parent", "city", "is_active", "since"]
    list_filter = ["type", "is_active", "axes", "neighbourhoods"]
    search_fields = ["name", "acronym", "email", "contacts__last_name", "contacts__email"]
    list_select_related = ["type", "parent"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["axes", "neighbourhoods"]
    readonly_fields = ["merged_into", "updated_at"]
    inlines = [ContactInline]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: structures are referenced by groups, sheets and logs


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "function", "organisation", "email", "is_primary", "is_active"]
    list_filter = ["is_active", "is_primary", "organisation__type"]
    search_fields = ["last_name", "first_name", "email", "function", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "user"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "file_name", "created_by", "applied_at", "summary"]
    list_filter = [("applied_at", admin.EmptyFieldListFilter)]
    exclude = ["content"]
