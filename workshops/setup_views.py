"""Working groups and meeting venues created and changed by the project team from the portal (issue 14, item 5).

Coordinators (and administrators) only: every other logged-in person gets 403, as on the diagnostic's forms.
Edits are versioned: the second of two people saving the same record gets the conflict notice and keeps what they
typed. Create forms post once (background/submissions.py).
"""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from background.submissions import replay_if_sent, submit_once
from partners.versioning import save_versioned
from workshops import setup_services as services
from workshops.models import Venue, WorkingGroup
from workshops.permissions import groups_manager_required, venues_manager_required
from workshops.setup_forms import GroupForm, VenueForm


def _group_page(group):
    """Heading, breadcrumbs and way back of the page creating (`group` None) or changing a group."""
    page = {"parent_label": "Groupes de travail", "parent_url": reverse("workshops:group_list")}
    if group is None:
        heading = "Nouveau groupe de travail"
        return page | {"heading": heading, "crumb": "Nouveau groupe", "cancel_url": page["parent_url"]}
    heading = f"Modifier le groupe « {group} »"
    return page | {"heading": heading, "crumb": "Modifier le groupe", "cancel_url": group.get_absolute_url()}


def _venue_page(venue):
    """Heading, breadcrumbs and way back of the page creating (`venue` None) or changing a venue."""
    page = {"parent_label": "Lieux de réunion", "parent_url": reverse("workshops:venue_list")}
    if venue is None:
        heading = "Ajouter un lieu de réunion"
        return page | {"heading": heading, "crumb": "Ajouter un lieu", "cancel_url": page["parent_url"]}
    heading = f"Modifier le lieu « {venue} »"
    return page | {"heading": heading, "crumb": "Modifier le lieu", "cancel_url": page["parent_url"]}


@groups_manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_create(request):
    if replay := replay_if_sent(request):
        return replay
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            group = services.create_group(by=request.user, data=form.changes())
            messages.success(request, f"Le groupe de travail « {group} » a été créé. Ajoutez-lui des membres.")
            return submission.redirect(group)
    return render(request, "workshops/form_page.html", {"form": form, **_group_page(None)})


@groups_manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_edit(request, pk):
    group = get_object_or_404(WorkingGroup, pk=pk)
    form = GroupForm(request.POST or None, instance=group)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        message = f"Le groupe de travail « {form.cleaned_data['name']} » a été enregistré."
        response, conflict = save_versioned(request, form, group, message, group.get_absolute_url())
        if response:
            return response
    context = {"form": form, "group": group, **_group_page(group), **conflict}
    return render(request, "workshops/form_page.html", context)


@require_safe
@venues_manager_required
def venue_list(request):
    venues = Venue.objects.annotate(meeting_count=Count("meetings")).order_by("-is_active", "name")
    return render(request, "workshops/venue_list.html", {"venues": venues})


@venues_manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def venue_create(request):
    if replay := replay_if_sent(request):
        return replay
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            venue = services.create_venue(by=request.user, data=form.changes())
            messages.success(request, f"Le lieu « {venue} » a été ajouté : il est proposé dans les séances.")
            return submission.redirect(reverse("workshops:venue_list") + f"#lieu-{venue.pk}")
    return render(request, "workshops/form_page.html", {"form": form, **_venue_page(None)})


@venues_manager_required
@require_http_methods(["GET", "HEAD", "POST"])
def venue_edit(request, pk):
    venue = get_object_or_404(Venue, pk=pk)
    form = VenueForm(request.POST or None, instance=venue)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        message = f"Le lieu « {form.cleaned_data['name']} » a été enregistré."
        success_url = reverse("workshops:venue_list") + f"#lieu-{venue.pk}"
        response, conflict = save_versioned(request, form, venue, message, success_url)
        if response:
            return response
    context = {"form": form, "venue": venue, **_venue_page(venue), **conflict}
    return render(request, "workshops/form_page.html", context)
