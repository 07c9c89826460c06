"""Meetings: scheduling, invitations and answers, documents, attendance (sheet and check-in), minutes."""

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners.models import Organisation
from partners.versioning import conflict_context
from solidarites.lib.pdf import pdf_response
from workshops import ics, services
from workshops.forms import (
    ATTENDANCE_CHOICES,
    AnswerForm,
    CancelForm,
    DocumentForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    TaskFormSet,
    WalkInForm,
)
from workshops.models import Attendance, Invitation, Meeting, Minutes, WorkingGroup
from workshops.permissions import can_manage_meeting, get_meeting_for_user, is_facilitator, sees_everything
from workshops.tokens import make_token, read_token

BLANK_LINES = 10


def _can_schedule(user):
    return user.is_coordinator or is_facilitator(user)


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not _can_schedule(request.user):
        raise PermissionDenied
    initial = {}
    if request.GET.get("groupe", "").isdigit():
        initial["groups"] = [int(request.GET["groupe"])]
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = services.create_meeting(by=request.user, data=form.changes())
        messages.success(
            request, f"La séance « {meeting} » est programmée. Vous pouvez maintenant envoyer les invitations."
        )
        return redirect(meeting)
    return render(request, "workshops/meeting_form.html", {"form": form})


def _answers(meeting):
    invitations = list(meeting.invitations.select_related("contact", "contact__organisation"))
    counts = Counter(invitation.answer for invitation in invitations)
    summary = [(label, counts.get(value, 0)) for value, label in Invitation.Answer.choices]
    return invitations, summary


@require_GET
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    can_manage = can_manage_meeting(request.user, meeting)
    invitations, summary = _answers(meeting)
    if request.headers.get("HX-Request") and request.GET.get("fragment") == "reponses":
        return render(
            request,
            "workshops/includes/_answers.html",
            {"meeting": meeting, "invitations": invitations, "summary": summary, "can_manage": can_manage},
        )
    minutes = Minutes.objects.filter(meeting=meeting).prefetch_related("decisions", "tasks").first()
    if minutes and not minutes.is_published and not can_manage:
        minutes = None
    attendance = Counter(meeting.attendances.values_list("status", flat=True))
    return render(
        request,
        "workshops/meeting_detail.html",
        {
            "meeting": meeting,
            "can_manage": can_manage,
            "invitations": invitations,
            "summary": summary,
            "documents": meeting.documents.all(),
            "minutes": minutes,
            "attendance": [(label, attendance.get(value, 0)) for value, label in Attendance.Status.choices],
            "attendance_total": sum(attendance.values()),
            "obstacles": meeting.obstacles.all(),
            "invitee_count": services.invitee_contacts(meeting).count() if can_manage else None,
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    if meeting.is_cancelled:
        messages.error(request, "Cette séance est annulée : elle ne peut plus être modifiée.")
        return redirect(meeting)
    form = MeetingForm(request.POST or None, instance=meeting, user=request.user)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.update_meeting(
                by=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"],
                changes=form.changes(),
                base_url=request.build_absolute_uri("/"),
            )
        except services.ConcurrentEditError as error:
            names = [name for name in form.changes() if name not in ("starts_at", "ends_at")]
            conflict = conflict_context(form, error.current, names)
            conflict["conflict_values"].append(("date", f"{timezone.localtime(error.current.starts_at):%d/%m/%Y}"))
        else:
            note = " Les invités ont reçu la mise à jour." if updated.sequence > meeting.sequence else ""
            messages.success(request, f"La séance « {updated} » a été enregistrée.{note}")
            return redirect(updated)
    return render(request, "workshops/meeting_form.html", {"form": form, "meeting": meeting, **conflict})


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.cancel_meeting(
            by=request.user,
            meeting=meeting,
            reason=form.cleaned_data["reason"],
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, f"La séance « {meeting} » est annulée ; les invités ont été prévenus.")
        return redirect(meeting)
    return render(request, "workshops/meeting_cancel.html", {"meeting": meeting, "form": form})


@require_http_methods(["GET", "POST"])
def meeting_invite(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    if meeting.is_cancelled or meeting.has_started:
        messages.error(request, "On ne peut plus inviter : la séance est annulée ou a déjà commencé.")
        return redirect(meeting)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        count = services.send_invitations(
            by=request.user,
            meeting=meeting,
            extra=form.cleaned_data["extra"],
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, f"{count} invitation{'s' if count > 1 else ''} envoyée{'s' if count > 1 else ''}.")
        return redirect(meeting)
    already = set(meeting.invitations.values_list("contact_id", flat=True))
    invitees = [contact for contact in services.invitee_contacts(meeting) if contact.pk not in already]
    return render(
        request,
        "workshops/meeting_invite.html",
        {"meeting": meeting, "form": form, "invitees": invitees, "already": len(already)},
    )


@require_GET
def meeting_ics(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    contact = getattr(request.user, "contact", None)
    body = ics.invitation_ics(meeting, url=request.build_absolute_uri(meeting.get_absolute_url()), attendee=contact)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(meeting.title)[:60]}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def document_add(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_document(by=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, f"Le document « {form.cleaned_data['title']} » est joint à la séance.")
        return redirect(meeting)
    return render(request, "workshops/document_form.html", {"meeting": meeting, "form": form})


@require_GET
def document_download(request, pk, doc):
    meeting = get_meeting_for_user(request.user, pk)
    document = get_object_or_404(meeting.documents, pk=doc)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Fichier introuvable") from error
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


def _invitees_by_organisation(meeting):
    invitations = meeting.invitations.select_related("contact", "contact__organisation").order_by(
        "contact__organisation__name", "contact__last_name", "contact__first_name"
    )
    groups = defaultdict(list)
    for invitation in invitations:
        groups[invitation.contact.organisation.name].append(invitation)
    return sorted(groups.items())


@require_GET
def attendance_sheet(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    if not (can_manage_meeting(request.user, meeting) or sees_everything(request.user)):
        raise PermissionDenied
    context = {
        "meeting": meeting,
        "organisations": _invitees_by_organisation(meeting),
        "blank_lines": range(BLANK_LINES),
        "printed_at": timezone.localtime(),
    }
    return pdf_response(
        "workshops/pdf/attendance_sheet.html",
        context,
        request=request,
        filename=f"emargement-{timezone.localtime(meeting.starts_at):%Y-%m-%d}-{meeting.title[:40]}",
    )


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    """Online check-in: one row per invitee and walk-in, with présent / excusé / absent / représenté."""
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    recorded = {row.contact_id: row for row in meeting.attendances.select_related("contact", "contact__organisation")}
    people = [
        invitation.contact for invitation in meeting.invitations.select_related("contact", "contact__organisation")
    ]
    people += [row.contact for contact_id, row in recorded.items() if contact_id not in {p.pk for p in people}]
    people.sort(key=lambda contact: (contact.organisation.name, contact.last_name, contact.first_name))
    answers = dict(meeting.invitations.values_list("contact_id", "answer"))
    errors = {}
    if request.method == "POST":
        statuses = {}
        valid = {value for value, _ in ATTENDANCE_CHOICES}
        for contact in people:
            status = request.POST.get(f"presence-{contact.pk}", "")
            represented_by = request.POST.get(f"represente-{contact.pk}", "").strip()[:200]
            if not status:
                continue
            if status not in valid:
                errors[contact.pk] = "Choix inconnu."
            elif status == Attendance.Status.REPRESENTED and not represented_by:
                errors[contact.pk] = "Indiquez qui a représenté cette personne."
            statuses[contact] = (status, represented_by)
        if not errors:
            count = services.record_attendance(by=request.user, meeting=meeting, statuses=statuses)
            messages.success(request, f"Émargement enregistré ({count} changement{'s' if count > 1 else ''}).")
            return redirect("workshops:attendance", pk=meeting.pk)
    rows = []
    for contact in people:
        row = recorded.get(contact.pk)
        status = (
            request.POST.get(f"presence-{contact.pk}") if request.method == "POST" else (row.status if row else "")
        )
        represented_by = (
            request.POST.get(f"represente-{contact.pk}", "")
            if request.method == "POST"
            else (row.represented_by if row else "")
        )
        rows.append(
            {
                "contact": contact,
                "status": status or "",
                "represented_by": represented_by,
                "answer": Invitation.Answer(answers[contact.pk]).label if contact.pk in answers else "Sans invitation",
                "error": errors.get(contact.pk),
            }
        )
    return render(
        request,
        "workshops/attendance.html",
        {"meeting": meeting, "rows": rows, "choices": ATTENDANCE_CHOICES, "errors": errors},
    )


@require_http_methods(["GET", "POST"])
def walk_in(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        row = services.add_walk_in(
            by=request.user,
            meeting=meeting,
            contact=data["contact"],
            organisation=data["organisation"],
            data={name: data[name] for name in ("first_name", "last_name", "function", "email")},
        )
        messages.success(request, f"{row.contact} est inscrit ou inscrite comme présent ou présente.")
        return redirect("workshops:attendance", pk=meeting.pk)
    return render(request, "workshops/walk_in.html", {"meeting": meeting, "form": form})


@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    minutes = Minutes.objects.filter(meeting=meeting).prefetch_related("decisions", "tasks").first()
    if request.method == "POST":
        form = MinutesForm(request.POST)
        tasks = TaskFormSet(request.POST, prefix="suites")
    else:
        form = MinutesForm(
            initial={
                "version": minutes.version if minutes else 0,
                "summary": minutes.summary if minutes else "",
                "decisions": "\n".join(decision.text for decision in minutes.decisions.all()) if minutes else "",
            }
        )
        initial_tasks = [
            {"what": task.what, "who": task.who, "due_on": task.due_on, "is_done": task.is_done}
            for task in (minutes.tasks.all() if minutes else [])
        ]
        tasks = TaskFormSet(initial=initial_tasks, prefix="suites")
    conflict = None
    if request.method == "POST" and form.is_valid() and tasks.is_valid():
        task_data = [
            {name: item[name] for name in ("what", "who", "due_on", "is_done")}
            for item in tasks.cleaned_data
            if item.get("what")
        ]
        try:
            services.save_minutes(
                by=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                decisions=form.cleaned_data["decisions"],
                tasks=task_data,
            )
        except services.ConcurrentEditError as error:
            conflict = error.current
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        else:
            messages.success(request, "Le compte rendu est enregistré.")
            return redirect("workshops:minutes_edit", pk=meeting.pk)
    participants = meeting.attendances.filter(
        status__in=[Attendance.Status.PRESENT, Attendance.Status.REPRESENTED]
    ).select_related("contact", "contact__organisation")
    return render(
        request,
        "workshops/minutes_form.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "form": form,
            "tasks": tasks,
            "conflict": conflict,
            "participants": participants,
            "obstacles": meeting.obstacles.all(),
        },
    )


@require_POST
def minutes_publish(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not (minutes.summary or minutes.decisions.exists()):
        messages.error(request, "Rédigez le compte rendu (synthèse ou décisions) avant de le publier.")
        return redirect("workshops:minutes_edit", pk=meeting.pk)
    services.publish_minutes(by=request.user, minutes=minutes, base_url=request.build_absolute_uri("/"))
    messages.success(request, "Le compte rendu est publié ; les membres des groupes ont reçu un e-mail.")
    return redirect(meeting)


@require_GET
def minutes_pdf(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    minutes = Minutes.objects.filter(meeting=meeting).prefetch_related("decisions", "tasks").first()
    if minutes is None or (not minutes.is_published and not can_manage_meeting(request.user, meeting)):
        raise Http404("Pas de compte rendu publié")
    participants = meeting.attendances.select_related("contact", "contact__organisation").order_by(
        "status", "contact__organisation__name", "contact__last_name"
    )
    return pdf_response(
        "workshops/pdf/minutes.html",
        {"meeting": meeting, "minutes": minutes, "participants": participants, "obstacles": meeting.obstacles.all()},
        request=request,
        filename=f"compte-rendu-{timezone.localtime(meeting.starts_at):%Y-%m-%d}-{meeting.title[:40]}",
    )


class SubqueryCount(Subquery):
    """COUNT(*) of a queryset filtered on OuterRef: computed only for the rows a page shows, when the outer
    query is limited, instead of joining and grouping every row of both tables."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


STATS_ROWS = 50  # groups and structures shown; 100 for sessions


@require_GET
def attendance_stats(request):
    """Attendance figures per meeting, per group and per organisation (project team and readers)."""
    if not sees_everything(request.user):
        raise PermissionDenied
    now = timezone.now()
    present = [Attendance.Status.PRESENT, Attendance.Status.REPRESENTED]
    meetings = (
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED, ends_at__lt=now)
        .order_by("-starts_at")
        .annotate(
            invited=SubqueryCount(Invitation.objects.filter(meeting=OuterRef("pk")).values("pk")),
            attended=SubqueryCount(Attendance.objects.filter(meeting=OuterRef("pk"), status__in=present).values("pk")),
        )[:100]
    )
    groups = WorkingGroup.objects.active().annotate(
        sessions=SubqueryCount(Meeting.objects.filter(groups=OuterRef("pk"), ends_at__lt=now).values("pk")),
        attended=SubqueryCount(
            Attendance.objects.filter(meeting__groups=OuterRef("pk"), status__in=present).values("pk")
        ),
    )[: STATS_ROWS + 1]
    # Distinct meetings with someone of the structure present, from the attendance rows alone (no join with
    # every structure); the 50 most present, then their names.
    ranking = list(
        Attendance.objects.filter(status__in=present, contact__organisation__is_active=True)
        .values("contact__organisation")
        .annotate(attended=Count("meeting", distinct=True))
        .order_by("-attended", "contact__organisation__name")
        .values_list("contact__organisation", "attended", "contact__organisation__name")[:STATS_ROWS]
    )
    names = Organisation.objects.in_bulk([pk for pk, _, _ in ranking])
    organisations = [names[pk] for pk, _, _ in ranking]
    for organisation, (_, attended, _) in zip(organisations, ranking, strict=True):
        organisation.attended = attended
    groups = list(groups)
    return render(
        request,
        "workshops/attendance_stats.html",
        {
            "meetings": meetings,
            "groups": groups[:STATS_ROWS],
            "more_groups": len(groups) > STATS_ROWS,
            "organisations": organisations,
        },
    )


# Answers through the e-mail links, without logging in


def _rsvp_refusal(request, title, message, status=200, invitation=None):
    return render(
        request,
        "workshops/rsvp_refused.html",
        {"title": title, "message": message, "invitation": invitation},
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def rsvp(request, token):
    data = read_token(token)
    invitation = None
    if data:
        invitation = (
            Invitation.objects.select_related("meeting", "meeting__venue", "contact", "contact__organisation")
            .filter(pk=data[0])
            .first()
        )
    if invitation is None:
        return _rsvp_refusal(
            request,
            "Lien de réponse non valide",
            "Ce lien n'est pas reconnu : il a pu être modifié ou mal copié. Utilisez le lien de votre e-mail "
            "d'invitation, ou contactez l'organisateur de la séance.",
            status=404,
        )
    meeting = invitation.meeting
    if meeting.is_cancelled:
        return _rsvp_refusal(
            request,
            "Séance annulée",
            "Cette séance a été annulée : il n'y a plus de réponse à donner.",
            status=410,
            invitation=invitation,
        )
    if meeting.has_started:
        return _rsvp_refusal(
            request,
            "Les réponses sont closes",
            "Cette séance a commencé ou a eu lieu : il n'est plus possible de répondre à l'invitation.",
            status=410,
            invitation=invitation,
        )
    used = data[1] != invitation.nonce
    suggested = data[2] if data[2] in Invitation.Answer.values else ""
    if request.method == "POST":
        if used:
            messages.error(
                request, "Ce lien a déjà servi : rien n'a été changé. Votre réponse actuelle est indiquée ci-dessous."
            )
            return redirect("workshops:rsvp", token=make_token(invitation))
        form = AnswerForm(request.POST)
        if form.is_valid():
            invitation = services.answer_invitation(
                invitation=invitation,
                answer=form.cleaned_data["answer"],
                represented_by=form.cleaned_data["represented_by"].strip(),
            )
            messages.success(request, f"Votre réponse est enregistrée : {invitation.get_answer_display().lower()}.")
            return redirect("workshops:rsvp", token=make_token(invitation))
    else:
        initial = {
            "answer": suggested or (invitation.answer if invitation.answer != Invitation.Answer.PENDING else "")
        }
        initial["represented_by"] = invitation.represented_by
        form = AnswerForm(initial=initial)
    return render(
        request,
        "workshops/rsvp.html",
        {
            "invitation": invitation,
            "meeting": meeting,
            "form": form,
            "used": used,
            "fresh_token": make_token(invitation),
        },
    )
