"""Working groups, memberships and the calendar (month and list views, personal ICS feed)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from background.submissions import replay_if_sent, submit_once
from partners.models import Axis
from solidarites.lib import panels
from workshops import ics, months, services
from workshops.forms import MemberAddForm, MemberEditForm
from workshops.models import CalendarFeed, Meeting, Membership, WorkingGroup
from workshops.permissions import (
    can_manage_group,
    can_manage_groups,
    can_manage_venues,
    can_schedule_meetings,
    can_see_attendance_stats,
    get_group_for_user,
    group_rows,
    has_standing,
)


@require_safe
def group_list(request):
    groups = (
        WorkingGroup.objects.active()
        .select_related("axis")
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True)))
    )
    # `?axe=DS`: the groups of one axis (the axis page links here when it names only its first groups).
    axis = Axis.objects.active().filter(code__iexact=request.GET.get("axe", "")).first()
    if axis is not None:
        groups = groups.filter(axis=axis)
    context = {"rows": group_rows(request.user, groups), "axis": axis}
    user = request.user
    context |= {"can_manage_groups": can_manage_groups(user), "can_manage_venues": can_manage_venues(user)}
    return render(request, "workshops/group_list.html", context)


@require_safe
def group_detail(request, pk):
    group = get_group_for_user(request.user, pk)
    memberships = (
        group.memberships.filter(is_active=True)
        .select_related("contact", "contact__organisation")
        .order_by("role", "contact__last_name", "contact__first_name")
    )
    upcoming, past = group_meetings(group)
    former = group.memberships.filter(is_active=False).select_related("contact", "contact__organisation")
    can_manage = can_manage_group(request.user, group)
    return render(
        request,
        "workshops/group_detail.html",
        {
            "group": group,
            "memberships": memberships,
            "former": former if can_manage else [],
            "upcoming": upcoming,
            "past": past,
            "can_manage": can_manage,
            "can_edit_group": can_manage_groups(request.user),
            "findings": group.axis.findings.all(),
            "panels": panels.collect("workshops.group_detail", request, group),
            "can_see_stats": can_see_attendance_stats(request.user),
        },
    )


def group_meetings(group, related=()):
    """The group's upcoming meetings (soonest first) and its past ones (latest first)."""
    now = timezone.now()
    meetings = group.meetings.select_related("venue").prefetch_related(*related).order_by("-starts_at")
    upcoming = [meeting for meeting in meetings if meeting.ends_at >= now]
    past = [meeting for meeting in meetings if meeting.ends_at < now]
    return sorted(upcoming, key=lambda meeting: meeting.starts_at), past


@require_http_methods(["GET", "HEAD", "POST"])
def member_add(request, pk):
    group = get_group_for_user(request.user, pk, manage=True)
    if replay := replay_if_sent(request):
        return replay
    form = MemberAddForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            data = form.cleaned_data
            membership = services.add_member(by=request.user, group=group, contact=data["contact"], role=data["role"])
            messages.success(request, f"{membership.contact} a rejoint le groupe ({membership.get_role_display()}).")
            return submission.redirect(group)
    return render(request, "workshops/member_form.html", {"form": form, "group": group})


@require_http_methods(["GET", "HEAD", "POST"])
def member_edit(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("contact", "group"), pk=pk)
    group = get_group_for_user(request.user, membership.group_id, manage=True)
    initial = {"role": membership.role, "is_active": "1" if membership.is_active else "0"}
    form = MemberEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.change_member(
            by=request.user,
            membership=membership,
            role=form.cleaned_data["role"],
            active=form.cleaned_data["is_active"],
        )
        messages.success(request, f"L'appartenance de {membership.contact} au groupe a été enregistrée.")
        return redirect(group)
    return render(request, "workshops/member_form.html", {"form": form, "group": group, "membership": membership})


@require_safe
def calendar(request):
    """Month grid (default) or list of the meetings the user can see, filtered by group; filters in the URL."""
    view, first, groups, selected, meetings = calendar_query(request)
    context = {
        "view": view,
        "groups": groups,
        "selected": selected,
        "month": first,
        "can_schedule": can_schedule_meetings(request.user),
        "can_see_participation": can_see_attendance_stats(request.user),
    }
    if view == "mois":
        return render(request, "workshops/calendar.html", context | months.month_grid(meetings, first))
    listed = months.meeting_list(meetings, request.GET.get("periode", "a-venir"))
    return render(request, "workshops/calendar.html", context | listed)


def calendar_query(request):
    """What the calendar's query string asks for: the view (« mois » or « liste »), the month, the groups of
    the filter, the group chosen and the meetings of the user (of that group)."""
    view = "liste" if request.GET.get("vue") == "liste" else "mois"
    first = months.month_of(request.GET.get("mois"))
    groups = WorkingGroup.objects.visible_to(request.user).active().select_related("axis")
    meetings = (
        Meeting.objects.visible_to(request.user)
        .select_related("venue")
        .prefetch_related(Prefetch("groups", queryset=WorkingGroup.objects.select_related("axis")))
    )
    group_id = request.GET.get("groupe", "")
    selected = next((group for group in groups if group_id.isdigit() and group.pk == int(group_id)), None)
    if selected:
        meetings = meetings.filter(groups=selected)
    return view, first, groups, selected, meetings


def calendar_meetings(request):
    """The meetings the calendar shows for this query string: those of the month, or of the list."""
    view, first, _, _, meetings = calendar_query(request)
    if view == "mois":
        return months.in_month(meetings, first)
    return list(months.meeting_list(meetings, request.GET.get("periode", "a-venir"))["meetings"])


FEED_ACTIONS = {
    "create": (services.create_calendar_feed, "Votre lien d'abonnement est créé."),
    "renew": (services.revoke_calendar_feed, "Votre calendrier a une nouvelle adresse ; l'ancienne ne marche plus."),
    "delete": (services.delete_calendar_feed, "Votre lien d'abonnement est supprimé ; il ne fonctionne plus."),
}


@require_http_methods(["GET", "HEAD", "POST"])
def calendar_subscription(request):
    """The personal feed's page: GET only reads; creating, renewing and deleting the address are POST buttons."""
    if request.method == "POST":
        action, message = FEED_ACTIONS.get(request.POST.get("action"), FEED_ACTIONS["renew"])
        action(user=request.user)
        messages.success(request, message)
        return redirect("workshops:calendar_subscription")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(reverse("workshops:calendar_feed", args=[feed.token])) if feed else ""
    return render(request, "workshops/calendar_subscription.html", {"feed_url": url, "feed": feed})


@login_not_required
@require_safe
def calendar_feed(request, token):
    """The personal ICS feed: the secret address is the credential (revocable from the subscription page)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None or not has_standing(feed.user):
        raise Http404("Adresse de calendrier inconnue ou révoquée")
    since = timezone.now() - timedelta(days=180)
    meetings = (
        Meeting.objects.visible_to(feed.user)
        .filter(starts_at__gte=since)
        .select_related("venue", "organiser")
        .order_by("starts_at")
    )
    body = ics.feed_ics(
        meetings,
        url_for=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()),
        name="Séances – Projet Ville Solidarités",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="seances.ics"'
    return response
