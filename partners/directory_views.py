"""The partners directory: structures and their interlocutors (list, detail, edit, merge, export)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from background.submissions import replay_if_sent, submit_once
from partners import services
from partners.exports import export_contacts, export_organisations
from partners.filters import ContactFilter, OrganisationFilter
from partners.forms import ContactForm, MergeForm, MergeSelectForm, OrganisationForm
from partners.gdpr_views import personal_data_urls
from partners.models import AuditEntry, Contact, Organisation
from partners.permissions import (
    can_create_organisation,
    can_deactivate_organisation,
    can_edit_organisation,
    can_export_contacts,
    can_import,
    can_merge,
    coordinator_required,
    get_contact_for_user,
    get_organisation_for_user,
    get_organisation_to_deactivate,
    own_organisation_id,
)
from partners.versioning import save_versioned
from solidarites.lib import panels
from solidarites.lib.pagination import CappedPaginator

PAGE_SIZE = 25


def _filtered_organisations(request):
    return OrganisationFilter(
        request.GET, user=request.user, queryset=Organisation.objects.visible_to(request.user).for_list()
    )


def _filtered_contacts(request):
    return ContactFilter(request.GET, user=request.user, queryset=Contact.objects.visible_to(request.user).for_list())


@require_safe
def organisation_list(request):
    filterset = _filtered_organisations(request)
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/organisation_list.html",
        {
            "filter": filterset,
            "page": page,
            "own_organisation_id": own_organisation_id(request.user),
            "can_create": can_create_organisation(request.user),
            "can_import": can_import(request.user),
            "can_merge": can_merge(request.user),
        },
    )


@require_safe
def contact_list(request):
    filterset = _filtered_contacts(request)
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "can_export": can_export_contacts(request.user)}
    return render(request, "partners/contact_list.html", context)


@require_safe
def organisation_export(request, fmt):
    return export_organisations(_filtered_organisations(request).qs, fmt)


@require_safe
def contact_export(request, fmt):
    if not can_export_contacts(request.user):
        raise PermissionDenied
    response, rows = export_contacts(_filtered_contacts(request).qs, fmt)
    services.log_contact_export(by=request.user, fmt=fmt, rows=rows, filters=request.GET)
    return response


@require_safe
def organisation_detail(request, pk):
    organisation = get_organisation_for_user(request.user, pk)
    contacts = Contact.objects.visible_to(request.user).filter(organisation=organisation)
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": contacts.order_by("-is_primary", "last_name"),
            "children": Organisation.objects.visible_to(request.user).filter(parent=organisation),
            "axes": organisation.axes.all(),
            "neighbourhoods": organisation.neighbourhoods.all(),
            "can_edit": can_edit_organisation(request.user, organisation),
            "can_deactivate": can_deactivate_organisation(request.user, organisation),
            "history": AuditEntry.objects.visible_to(request.user).about(organisation)[:20],
            "panels": panels.collect("partners.organisation_detail", request, organisation),
        },
    )


@require_safe
def contact_detail(request, pk):
    contact = get_contact_for_user(request.user, pk)
    return render(
        request,
        "partners/contact_detail.html",
        {
            "contact": contact,
            "can_edit": can_edit_organisation(request.user, contact.organisation),
            **personal_data_urls(request.user, contact=contact),
        },
    )


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request):
    if replay := replay_if_sent(request):
        return replay
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            organisation = services.create_organisation(by=request.user, data=form.changes())
            messages.success(request, f"La structure « {organisation} » a été créée.")
            return submission.redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, pk):
    organisation = get_organisation_for_user(request.user, pk, write=True)
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        response, conflict = save_versioned(
            request, form, organisation, f"La structure « {organisation} » a été enregistrée."
        )
        if response:
            return response
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": organisation, **conflict})


@require_http_methods(["GET", "HEAD", "POST"])
def contact_create(request, pk):
    organisation = get_organisation_for_user(request.user, pk, write=True)
    if replay := replay_if_sent(request):
        return replay
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            contact = services.create_contact(by=request.user, organisation=organisation, data=form.changes())
            messages.success(request, f"L'interlocuteur {contact} a été ajouté à « {organisation} ».")
            return submission.redirect(organisation)
    return render(request, "partners/contact_form.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "HEAD", "POST"])
def contact_edit(request, pk):
    contact = get_contact_for_user(request.user, pk, write=True)
    form = ContactForm(request.POST or None, instance=contact)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        response, conflict = save_versioned(request, form, contact, f"L'interlocuteur {contact} a été enregistré.")
        if response:
            return response
    return render(
        request,
        "partners/contact_form.html",
        {"form": form, "contact": contact, "organisation": contact.organisation, **conflict},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_set_active(request, pk, active):
    organisation = get_organisation_to_deactivate(request.user, pk)
    return _confirm_active(request, organisation, active, "structure")


@require_http_methods(["GET", "HEAD", "POST"])
def contact_set_active(request, pk, active):
    contact = get_contact_for_user(request.user, pk, write=True)
    return _confirm_active(request, contact, active, "interlocuteur")


def _confirm_active(request, instance, active, noun):
    if request.method == "POST":
        services.set_active(by=request.user, instance=instance, active=active)
        messages.success(request, f"« {instance} » a été {'réactivé' if active else 'désactivé'}.")
        return redirect(instance.organisation if isinstance(instance, Contact) and not active else instance)
    context = {"object": instance, "active": active, "noun": noun, "subject": f"« {instance} »"}
    return render(request, "partners/confirm_active.html", {**context, "cancel_url": instance.get_absolute_url()})


@coordinator_required
@require_safe
def merge_select(request):
    form = MergeSelectForm(request.GET if {"garder", "fusionner"} & set(request.GET) else None)
    if form.is_valid():
        return redirect(
            "partners:merge", keep=form.cleaned_data["garder"].pk, remove=form.cleaned_data["fusionner"].pk
        )
    return render(request, "partners/merge_select.html", {"form": form})


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def merge(request, keep, remove):
    keep = get_object_or_404(Organisation.objects.active().select_related("type", "parent"), pk=keep)
    remove = get_object_or_404(Organisation.objects.active().select_related("type", "parent"), pk=remove)
    if keep == remove:
        return redirect("partners:merge_select")
    form = MergeForm(request.POST or None, keep=keep, remove=remove)
    if request.method == "POST" and form.is_valid():
        merged = services.merge_organisations(by=request.user, keep=keep, remove=remove, choices=form.cleaned_data)
        messages.success(request, f"Les deux structures ont été fusionnées dans « {merged} ».")
        return redirect(merged)
    return render(
        request,
        "partners/merge_form.html",
        {
            "form": form,
            "keep": keep,
            "remove": remove,
            "moving": Contact.objects.filter(organisation=remove).count(),
        },
    )
