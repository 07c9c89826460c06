"""Meetings: scheduling, invitations and answers, documents, attendance (sheet and check-in), minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from background.submissions import replay_if_sent, submit_once
from background.uploads import UploadNotSaved
from partners.permissions import can_manage_accounts
from partners.versioning import conflict_context
from solidarites.lib import panels
from solidarites.lib.downloads import file_download
from solidarites.lib.pdf import pdf_response
from workshops import audiences, ics, reports, services
from workshops.forms import (
    AnswerForm,
    CancelForm,
    DocumentForm,
    InviteForm,
    MeetingForm,
    WalkInForm,
    attendance_formset,
    minutes_forms,
    task_rows,
)
from workshops.models import Invitation, Minutes, WorkingGroup
from workshops.permissions import (
    can_export_meeting_people,
    can_manage_meeting,
    can_print_attendance_sheet,
    can_read_minutes,
    get_meeting_for_user,
    invitation_has_standing,
    schedule_required,
    stats_reader_required,
)
from workshops.tokens import read_token

BLANK_LINES = 10


def _meeting_page(meeting):
    """Heading, breadcrumbs and way back of the page scheduling (`meeting` None) or changing a meeting."""
    if meeting is None:
        calendar_url = reverse("workshops:calendar")
        page = {"heading": "Programmer une séance", "crumb": "Programmer une séance"}
        return page | {"parent_label": "Calendrier", "parent_url": calendar_url, "cancel_url": calendar_url}
    page = {"heading": "Modifier la séance", "crumb": "Modifier", "parent_label": meeting.title}
    return page | {"parent_url": meeting.get_absolute_url(), "cancel_url": meeting.get_absolute_url()}


@schedule_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request):
    if replay := replay_if_sent(request):
        return replay
    initial = {}
    if request.GET.get("groupe", "").isdigit():
        initial["groups"] = [int(request.GET["groupe"])]
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            meeting = services.create_meeting(by=request.user, data=form.changes())
            messages.success(
                request, f"La séance « {meeting} » est programmée. Vous pouvez maintenant envoyer les invitations."
            )
            return submission.redirect(meeting)
    return render(request, "workshops/meeting_form.html", {"form": form, **_meeting_page(None)})


def _crumb_group(user, meeting):
    """The group of a one-group meeting, for the trail Programme › axe › groupe › séance, if `user` may open it."""
    groups = meeting.groups.all()
    if len(groups) != 1:
        return None
    return WorkingGroup.objects.visible_to(user).select_related("axis").filter(pk=groups[0].pk).first()


@require_safe
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    can_manage = can_manage_meeting(request.user, meeting)
    invitations, summary = reports.answer_summary(meeting)
    context = {"meeting": meeting, "invitations": invitations, "summary": summary, "can_manage": can_manage}
    context["can_export_people"] = can_export_meeting_people(request.user, meeting)
    if request.headers.get("HX-Request") and request.GET.get("fragment") == "reponses":
        return render(request, "workshops/includes/_answers.html", context)
    minutes = Minutes.objects.of(meeting)
    attendance, attendance_total = reports.attendance_summary(meeting)
    context |= {
        "documents": meeting.documents.all(),
        "minutes": minutes if can_read_minutes(request.user, meeting, minutes) else None,
        "attendance": attendance,
        "attendance_total": attendance_total,
        "obstacles": meeting.obstacles.all(),
        "invitee_count": services.invitee_contacts(meeting).count() if can_manage else None,
        "crumb_group": _crumb_group(request.user, meeting),
        "panels": panels.collect("workshops.meeting_detail", request, meeting),  # a COPIL's dossier (programme)
        **(_mail_context(request.user, meeting) if can_manage else {}),
    }
    return render(request, "workshops/meeting_detail.html", context)


def _mail_context(user, meeting):
    return {"mail_progress": reports.mail_progress(meeting), "can_see_email_log": can_manage_accounts(user)}


@require_safe
def meeting_mail_status(request, pk):
    """The organiser's live counts of the session's e-mails (« 98 invitations : 60 envoyées, 38 en attente »),
    an htmx fragment refreshed while some wait."""
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    context = {"meeting": meeting, **_mail_context(request.user, meeting)}
    return render(request, "workshops/includes/_mail_status.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
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
    context = {"form": form, "meeting": meeting, **_meeting_page(meeting), **conflict}
    return render(request, "workshops/meeting_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
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


CHANGED_SINCE_PREVIEW = (
    "Les personnes à inviter ne sont plus celles de l'aperçu (choix modifiés, ou invitations envoyées entre-temps) : "
    "vérifiez l'aperçu ci-dessous, puis envoyez."
)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_invite(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    if meeting.is_cancelled or meeting.has_started:
        messages.error(request, "On ne peut plus inviter : la séance est annulée ou a déjà commencé.")
        return redirect(meeting)
    sending = request.POST.get("step") == "send"
    if sending and (replay := replay_if_sent(request)):
        return replay
    form = InviteForm(request.POST if request.method == "POST" else None, meeting=meeting, user=request.user)
    if sending and form.is_valid():
        try:
            with submit_once(request) as submission:
                if submission.repeated:
                    return submission.replay()
                count = services.send_invitations(
                    by=request.user,
                    meeting=meeting,
                    audience=form.audience(),
                    expected=request.POST.get("expected"),  # absent (a script): no check
                    base_url=request.build_absolute_uri("/"),
                )
                messages.success(request, _invitations_sent(count))
                return submission.redirect(meeting)
        except services.AudienceChanged:
            messages.warning(request, CHANGED_SINCE_PREVIEW)
    audience = form.audience() if not form.is_bound or form.is_valid() else None
    preview = audiences.preview(meeting, audience) if audience and not audience.is_empty else None
    return render(request, "workshops/meeting_invite.html", {"meeting": meeting, "form": form, "preview": preview})


def _invitations_sent(count):
    plural = "s" if count > 1 else ""
    note = " : elles partent en arrière-plan, l'envoi est suivi ci-dessous" if count else ""
    return f"{count} invitation{plural} envoyée{plural}{note}."


@require_safe
def meeting_ics(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    contact = getattr(request.user, "contact", None)
    body = ics.invitation_ics(meeting, url=request.build_absolute_uri(meeting.get_absolute_url()), attendee=contact)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(meeting.title)[:60]}.ics"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def document_add(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_document(by=request.user, meeting=meeting, **form.cleaned_data)
        except UploadNotSaved as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, f"Le document « {form.cleaned_data['title']} » est joint à la séance.")
            return redirect(meeting)
    return render(request, "workshops/document_form.html", {"meeting": meeting, "form": form})


@require_safe
def document_download(request, pk, doc):
    meeting = get_meeting_for_user(request.user, pk)
    return file_download(get_object_or_404(meeting.documents, pk=doc).file)


@require_safe
def attendance_sheet(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    if not can_print_attendance_sheet(request.user, meeting):
        raise PermissionDenied
    context = {
        "meeting": meeting,
        "organisations": reports.invitees_by_organisation(meeting),
        "blank_lines": range(BLANK_LINES),
        "printed_at": timezone.localtime(),
    }
    return pdf_response(
        "workshops/pdf/attendance_sheet.html",
        context,
        request=request,
        filename=f"emargement-{timezone.localtime(meeting.starts_at):%Y-%m-%d}-{meeting.title[:40]}",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, pk):
    """Online check-in: one row per invitee and walk-in, with présent / excusé / absent / représenté."""
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    formset = attendance_formset(meeting, request.POST if request.method == "POST" else None)
    if request.method == "POST" and formset.is_valid():
        count = services.record_attendance(by=request.user, meeting=meeting, statuses=formset.statuses())
        messages.success(request, f"Émargement enregistré ({count} changement{'s' if count > 1 else ''}).")
        return redirect("workshops:attendance", pk=meeting.pk)
    context = {"meeting": meeting, "formset": formset}
    context["can_export_people"] = can_export_meeting_people(request.user, meeting)
    return render(request, "workshops/attendance.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
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


@require_http_methods(["GET", "HEAD", "POST"])
def minutes_edit(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    minutes = Minutes.objects.of(meeting)
    form, tasks = minutes_forms(minutes, request.POST if request.method == "POST" else None)
    conflict = None
    if request.method == "POST" and form.is_valid() and tasks.is_valid():
        try:
            services.save_minutes(
                by=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                decisions=form.cleaned_data["decisions"],
                tasks=task_rows(tasks),
            )
        except services.ConcurrentEditError as error:
            conflict = error.current
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        else:
            messages.success(request, "Le compte rendu est enregistré.")
            return redirect("workshops:minutes_edit", pk=meeting.pk)
    participants = meeting.attendances.attended().select_related("contact", "contact__organisation")
    context = {"meeting": meeting, "minutes": minutes, "form": form, "tasks": tasks, "conflict": conflict}
    context |= {"participants": participants, "obstacles": meeting.obstacles.all()}
    return render(request, "workshops/minutes_form.html", context)


@require_POST
def minutes_publish(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not minutes.has_content:
        messages.error(request, "Rédigez le compte rendu (synthèse ou décisions) avant de le publier.")
        return redirect("workshops:minutes_edit", pk=meeting.pk)
    services.publish_minutes(by=request.user, minutes=minutes, base_url=request.build_absolute_uri("/"))
    messages.success(request, "Le compte rendu est publié ; les membres des groupes ont reçu un e-mail.")
    return redirect(meeting)


@require_safe
def minutes_pdf(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    minutes = Minutes.objects.of(meeting)
    if not can_read_minutes(request.user, meeting, minutes):
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


@stats_reader_required
@require_safe
def attendance_stats(request):
    """Attendance figures per meeting, per group and per organisation (project team and readers)."""
    return render(request, "workshops/attendance_stats.html", reports.participation())


# Answers through the e-mail links, without logging in


def _rsvp_refusal(request, title, message, status=200, invitation=None):
    return render(
        request,
        "workshops/rsvp_refused.html",
        {"title": title, "message": message, "invitation": invitation},
        status=status,
    )


def _invitation_of(token):
    """The invitation a reply link names and the link read, or (None, None) when the link is not one of ours."""
    link = read_token(token)
    if not link:
        return None, None
    invitation = (
        Invitation.objects.select_related("meeting", "meeting__venue", "contact", "contact__organisation")
        .filter(pk=link.invitation_id)
        .first()
    )
    return invitation, link


UNKNOWN_LINK = (
    "Lien de réponse non valide",
    "Ce lien n'est pas reconnu : il a pu être modifié ou mal copié. Utilisez le lien de votre e-mail "
    "d'invitation, ou contactez l'organisateur de la séance.",
)
# (when, title, message) of the invitations that no longer take answers (410), checked in this order.
CLOSED_LINKS = [
    (
        lambda invitation, link: not invitation_has_standing(invitation),
        "Invitation close",
        "Cette invitation n'est plus valable : l'interlocuteur ou sa structure ne fait plus partie des "
        "partenaires actifs. Contactez l'organisateur de la séance.",
    ),
    (
        lambda invitation, link: invitation.meeting.is_cancelled,
        "Séance annulée",
        "Cette séance a été annulée : il n'y a plus de réponse à donner.",
    ),
    (
        lambda invitation, link: link.expired or invitation.meeting.ends_at <= timezone.now(),
        "Ce lien a expiré",
        "Ce lien a expiré : la séance est terminée.",
    ),
    (
        lambda invitation, link: invitation.meeting.has_started,
        "Les réponses sont closes",
        "Cette séance a commencé : il n'est plus possible de répondre à l'invitation.",
    ),
]


def _rsvp_closed(request, invitation, link):
    """The refusal page when the link is unknown or the meeting no longer takes answers, else None."""
    if invitation is None:
        return _rsvp_refusal(request, *UNKNOWN_LINK, status=404)
    for closed, title, message in CLOSED_LINKS:
        if closed(invitation, link):
            shown = invitation if invitation_has_standing(invitation) else None
            return _rsvp_refusal(request, title, message, status=410, invitation=shown)
    return None


def _answer_form(request, invitation, suggested):
    answer = suggested or (invitation.answer if invitation.answer != Invitation.Answer.PENDING else "")
    initial = {"answer": answer, "represented_by": invitation.represented_by}
    return AnswerForm(request.POST if request.method == "POST" else None, initial=initial)


def _rsvp_used(request, context):
    """A used link shows the answer recorded; a post through it is refused (409) and changes nothing."""
    if request.method != "POST":
        return render(request, "workshops/rsvp_used.html", context)
    messages.error(request, "Ce lien a déjà servi : rien n'a été changé. Demandez un nouveau lien ci-dessous.")
    return render(request, "workshops/rsvp_used.html", context, status=409)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def rsvp(request, token):
    """One answer per link: once used, the link shows the answer recorded and offers a new link by e-mail."""
    invitation, link = _invitation_of(token)
    if refusal := _rsvp_closed(request, invitation, link):
        return refusal
    context = {"invitation": invitation, "meeting": invitation.meeting, "token": token}
    if link.nonce != invitation.nonce:
        return _rsvp_used(request, context)
    form = _answer_form(request, invitation, link.answer if link.answer in Invitation.Answer.values else "")
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.answer_invitation(
                invitation=invitation,
                answer=form.cleaned_data["answer"],
                represented_by=form.cleaned_data["represented_by"].strip(),
                nonce=link.nonce,
            )
        except services.AnswerLinkUsed:
            invitation.refresh_from_db()
            return _rsvp_used(request, context)
        messages.success(request, f"Votre réponse est enregistrée : {invitation.get_answer_display().lower()}.")
        return redirect("workshops:rsvp", token=token)
    return render(request, "workshops/rsvp.html", context | {"form": form})


@login_not_required
@require_POST
def rsvp_new_link(request, token):
    """E-mail fresh answer links to the invitee's own address (rate-limited); the page never shows them."""
    invitation, link = _invitation_of(token)
    if refusal := _rsvp_closed(request, invitation, link):
        return refusal
    if services.send_new_answer_link(invitation=invitation, base_url=request.build_absolute_uri("/")):
        messages.success(request, "Un nouveau lien de réponse vient d'être envoyé à l'adresse e-mail de l'invitation.")
    elif not invitation.contact.email:
        messages.error(request, "Cette invitation n'a pas d'adresse e-mail : contactez l'organisateur de la séance.")
    else:
        messages.warning(request, "Un nouveau lien vous a déjà été envoyé il y a peu : consultez votre messagerie.")
    return redirect("workshops:rsvp", token=token)
