"""The forms of groups and sessions: memberships, scheduling, invitations, answers, documents, attendance
(one form per person), walk-ins and minutes."""

from datetime import datetime, time

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from partners.forms import VersionedModelForm
from partners.models import Axis, Contact, Neighbourhood, Organisation, OrganisationType
from partners.pickers import contact_label, organisation_label
from partners.picking import PickerChoiceField, PickerMultipleChoiceField
from solidarites.lib.uploads import OFFICE_AND_IMAGES, accept_attribute, check_upload
from workshops.audiences import Audience, past_meetings
from workshops.models import Attendance, Invitation, Meeting, MembershipRole, Venue, WorkingGroup
from workshops.permissions import can_manage_venues, can_schedule_committees, manageable_groups

DOCUMENT_TYPES = {**OFFICE_AND_IMAGES, "csv": b"", "txt": b""}


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return contact_label(obj)


class ContactMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return contact_label(obj)


class ContactPickerField(PickerChoiceField):
    """One interlocutor among thousands: a picker (partners/picking.py) rather than a select."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, kind="interlocuteurs", **kwargs)

    def label_from_instance(self, obj):
        return contact_label(obj)


class ContactsPickerField(PickerMultipleChoiceField):
    """Several interlocutors among thousands (the invitations' « Inviter aussi »): chips over a search."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, kind="interlocuteurs", **kwargs)

    def label_from_instance(self, obj):
        return contact_label(obj)


class OrganisationPickerField(PickerChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, kind="structures", **kwargs)

    def label_from_instance(self, obj):
        return organisation_label(obj)


def active_contacts():
    return Contact.objects.active().select_related("organisation").order_by("last_name", "first_name")


class MemberAddForm(forms.Form):
    contact = ContactPickerField(label="Interlocuteur", queryset=Contact.objects.none())
    role = forms.ChoiceField(label="Rôle dans le groupe", choices=MembershipRole.choices, initial="member")

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["contact"].queryset = active_contacts()

    def clean_contact(self):
        contact = self.cleaned_data["contact"]
        if self.group.memberships.filter(contact=contact, is_active=True).exists():
            raise forms.ValidationError(f"{contact} est déjà membre de ce groupe.")
        return contact


class MemberEditForm(forms.Form):
    role = forms.ChoiceField(label="Rôle dans le groupe", choices=MembershipRole.choices)
    is_active = forms.TypedChoiceField(
        label="Appartenance",
        choices=[("1", "Membre du groupe"), ("0", "Retiré du groupe")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class MeetingForm(VersionedModelForm):
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(
        label="Heure de début", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(label="Heure de fin", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    class Meta:
        model = Meeting
        fields = ["kind", "title", "groups", "venue", "agenda"]
        widgets = {"groups": forms.CheckboxSelectMultiple, "agenda": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"groups": "Leurs membres seront invités."}

    field_order = ["kind", "title", "groups", "date", "start_time", "end_time", "venue", "agenda"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        groups = manageable_groups(user)
        if self.instance.pk:  # keep the groups already attached, even if this user does not run them
            groups = WorkingGroup.objects.filter(pk__in=groups.values("pk")) | self.instance.groups.all()
        self.fields["groups"].queryset = groups.distinct().order_by("position", "name")
        self.fields["venue"].queryset = Venue.objects.filter(is_active=True)
        self.fields["venue"].empty_label = "À préciser"
        if can_manage_venues(user):
            link = format_html('<a href="{}">Ajouter un lieu</a>', reverse("workshops:venue_create"))
            self.fields["venue"].help_text = format_html("Le lieu n'est pas dans la liste ? {}.", link)
        if self.instance.pk and not self.is_bound:
            start, end = timezone.localtime(self.instance.starts_at), timezone.localtime(self.instance.ends_at)
            self.initial.update(date=start.date(), start_time=start.time(), end_time=end.time())
        if not can_schedule_committees(user):
            self.fields["kind"].choices = [(Meeting.Kind.GROUP, Meeting.Kind.GROUP.label)]
            self.fields["groups"].required = True

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "L'heure de fin doit être après l'heure de début.")
            else:
                data["starts_at"] = timezone.make_aware(datetime.combine(day, start))
                data["ends_at"] = timezone.make_aware(datetime.combine(day, end))
                if not self.instance.pk and data["starts_at"] < timezone.now():
                    self.add_error("date", "La séance doit avoir lieu dans le futur.")
        if data.get("kind") == Meeting.Kind.GROUP and not data.get("groups"):
            self.add_error("groups", "Choisissez au moins un groupe pour une séance de groupe.")
        return data

    def changes(self):
        changes = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}
        changes["starts_at"], changes["ends_at"] = self.cleaned_data["starts_at"], self.cleaned_data["ends_at"]
        return changes


class PastMeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        plural = "s" if obj.participants > 1 else ""
        return f"{timezone.localtime(obj.starts_at):%d/%m/%Y} – {obj.title} ({obj.participants} participant{plural})"


class InviteForm(forms.Form):
    """The audiences of a bulk invitation (workshops.audiences); they add up, each person counted once."""

    group_members = forms.BooleanField(label="Tous les membres des groupes concernés", required=False, initial=True)
    types = forms.ModelMultipleChoiceField(
        label="Structures d'un type",
        queryset=OrganisationType.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    axes = forms.ModelMultipleChoiceField(
        label="Structures d'un axe d'intervention",
        queryset=Axis.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label="Structures d'un quartier",
        queryset=Neighbourhood.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les structures qui interviennent sur toute la commune (sans quartier) n'en font pas partie.",
    )
    reach = forms.ChoiceField(
        label="Dans les structures cochées, inviter",
        choices=[("primary", "leur interlocuteur principal"), ("all", "tous leurs interlocuteurs")],
        initial="primary",
        required=False,  # nothing ticked: the main interlocutor
        widget=forms.RadioSelect,
    )
    past_meeting = PastMeetingChoiceField(
        label="Les participants d'une séance passée",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="—",
        help_text="Les personnes notées présentes ou représentées à l'émargement de cette séance.",
    )
    extra = ContactsPickerField(
        label="Inviter aussi",
        queryset=Contact.objects.none(),
        required=False,
        help_text="Interlocuteurs hors des groupes concernés (élus, partenaires invités…) : tapez un nom.",
    )

    def __init__(self, *args, meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        group_names = [str(item) for item in meeting.groups.all()]
        if group_names:
            self.fields["group_members"].help_text = "Groupes : " + ", ".join(group_names) + "."
        else:
            del self.fields["group_members"]
        self.fields["past_meeting"].queryset = past_meetings(user)
        self.fields["extra"].queryset = active_contacts().exclude(email="")

    def clean(self):
        data = super().clean()
        if not self.errors and self.audience(data).is_empty:
            raise forms.ValidationError("Choisissez au moins un public à inviter.")
        return data

    def audience(self, data=None):
        """The audience chosen (the initial one, the groups' members, before anything is posted)."""
        if data is None and not self.is_bound:
            return Audience(group_members="group_members" in self.fields)
        data = self.cleaned_data if data is None else data
        return Audience(
            group_members=bool(data.get("group_members")),
            types=tuple(data.get("types") or ()),
            axes=tuple(data.get("axes") or ()),
            neighbourhoods=tuple(data.get("neighbourhoods") or ()),
            everyone_in_structures=data.get("reach") == "all",
            past_meeting=data.get("past_meeting"),
            extra=tuple(data.get("extra") or ()),
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Motif (repris dans l'e-mail d'annulation)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    file = forms.FileField(
        label="Fichier",
        help_text="PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPG, CSV ou TXT ; 10 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(DOCUMENT_TYPES)}),
    )

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], DOCUMENT_TYPES)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Votre réponse",
        choices=[choice for choice in Invitation.Answer.choices if choice[0] != Invitation.Answer.PENDING],
        widget=forms.RadioSelect,
    )
    represented_by = forms.CharField(
        label="Représenté ou représentée par (nom, fonction)",
        required=False,
        max_length=200,
        help_text="Seulement si vous vous faites représenter.",
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == Invitation.Answer.REPRESENTED and not data.get("represented_by", "").strip():
            self.add_error("represented_by", "Indiquez qui vous représentera.")
        return data


ATTENDANCE_CHOICES = Attendance.Status.choices


class AttendanceForm(forms.Form):
    """The presence of one person at a meeting; a person left without a status is not recorded."""

    contact = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Présence",
        choices=ATTENDANCE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choix inconnu."},
    )
    represented_by = forms.CharField(label="Représenté ou représentée par", required=False, strip=True)

    def clean_represented_by(self):
        return self.cleaned_data["represented_by"][:200]

    def clean(self):
        data = super().clean()
        if data.get("status") == Attendance.Status.REPRESENTED and not data.get("represented_by"):
            self.add_error("represented_by", "Indiquez qui a représenté cette personne.")
        return data

    @property
    def row_error(self):
        """The one message shown for the row (the first of its errors)."""
        return next((message for messages in self.errors.values() for message in messages), None)


class BaseAttendanceFormSet(forms.BaseFormSet):
    """One form per person (invitees and walk-ins); each form carries its person's id, so the rows match even
    when someone was added between display and saving."""

    def __init__(self, *args, people, recorded, answers, **kwargs):
        self.people = people
        self.answers = answers
        initial = [
            {
                "contact": contact.pk,
                "status": recorded[contact.pk].status if contact.pk in recorded else "",
                "represented_by": recorded[contact.pk].represented_by if contact.pk in recorded else "",
            }
            for contact in people
        ]
        super().__init__(*args, initial=initial, prefix="presence", **kwargs)

    @property
    def rows(self):
        """(form, contact, answer to the invitation) per person, in the order shown."""
        by_pk = {contact.pk: contact for contact in self.people}
        rows = []
        for form in self.forms:
            contact = by_pk.get(_int(form["contact"].value()))
            if contact is not None:
                rows.append((form, contact, self.answers.get(contact.pk, "Sans invitation")))
        return rows

    @property
    def error_count(self):
        return sum(1 for form, _, _ in self.rows if form.errors)

    def statuses(self):
        """{contact: (status, represented_by)} of the rows with a status, for `services.record_attendance`."""
        return {
            contact: (form.cleaned_data["status"], form.cleaned_data["represented_by"])
            for form, contact, _ in self.rows
            if form.cleaned_data.get("status")
        }


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


AttendanceFormSet = forms.formset_factory(
    AttendanceForm, formset=BaseAttendanceFormSet, extra=0, max_num=10000, absolute_max=10000
)


def attendance_formset(meeting, data=None):
    """The check-in formset of `meeting`: its invitees and its walk-ins, by structure then name."""
    recorded = {row.contact_id: row for row in meeting.attendances.select_related("contact", "contact__organisation")}
    invitations = list(meeting.invitations.select_related("contact", "contact__organisation"))
    people = {invitation.contact.pk: invitation.contact for invitation in invitations}
    people |= {pk: row.contact for pk, row in recorded.items() if pk not in people}
    ordered = sorted(people.values(), key=lambda c: (c.organisation.name, c.last_name, c.first_name))
    answers = {invitation.contact_id: invitation.get_answer_display() for invitation in invitations}
    if data is not None and "presence-TOTAL_FORMS" not in data:
        # A POST that names nobody records nothing (as the check-in always did), rather than a formset error.
        data = data.copy()
        data.update({"presence-TOTAL_FORMS": "0", "presence-INITIAL_FORMS": "0"})
    return AttendanceFormSet(data, people=ordered, recorded=recorded, answers=answers)


class WalkInForm(forms.Form):
    contact = ContactPickerField(
        label="Interlocuteur déjà dans l'annuaire", queryset=Contact.objects.none(), required=False
    )
    organisation = OrganisationPickerField(label="Ou structure de la personne", queryset=None, required=False)
    first_name = forms.CharField(label="Prénom", required=False, max_length=100)
    last_name = forms.CharField(label="Nom", required=False, max_length=100)
    function = forms.CharField(label="Fonction", required=False, max_length=200)
    email = forms.EmailField(label="E-mail professionnel", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = active_contacts()
        self.fields["organisation"].queryset = Organisation.objects.active().only("name", "acronym")

    def clean(self):
        data = super().clean()
        if data.get("contact"):
            return data
        missing = [name for name in ("organisation", "first_name", "last_name") if not data.get(name)]
        if missing:
            message = "Choisissez un interlocuteur de l'annuaire, ou indiquez la structure, le prénom et le nom."
            for name in missing:
                self.add_error(name, message)
        email = (data.get("email") or "").strip().lower()
        if email and Contact.objects.filter(email__iexact=email).exists():
            self.add_error("email", "Un interlocuteur existe déjà avec cette adresse : choisissez-le dans la liste.")
        data["email"] = email
        return data


class MinutesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label="Synthèse des échanges", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    decisions = forms.CharField(
        label="Décisions",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Une décision par ligne.",
    )

    def clean_decisions(self):
        lines = [line.strip(" -•\t") for line in self.cleaned_data["decisions"].splitlines()]
        lines = [line for line in lines if line]
        too_long = [line for line in lines if len(line) > 500]
        if too_long:
            raise forms.ValidationError("Une décision tient en 500 caractères au plus.")
        return lines


class TaskForm(forms.Form):
    what = forms.CharField(label="Action à mener", max_length=300, required=False)
    who = forms.CharField(label="Qui", max_length=200, required=False)
    due_on = forms.DateField(
        label="Échéance", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    is_done = forms.BooleanField(label="Faite", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("what") and (data.get("who") or data.get("due_on")):
            self.add_error("what", "Décrivez l'action à mener.")
        return data


TaskFormSet = forms.formset_factory(TaskForm, extra=2, max_num=50)


def minutes_forms(minutes, data=None):
    """The minutes form and its follow-up tasks formset: bound to `data`, or filled from `minutes` (or None)."""
    if data is not None:
        return MinutesForm(data), TaskFormSet(data, prefix="suites")
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
    return form, TaskFormSet(initial=initial_tasks, prefix="suites")


def task_rows(tasks):
    """The follow-up tasks typed in a valid TaskFormSet, blank rows left out."""
    names = ("what", "who", "due_on", "is_done")
    return [{name: item[name] for name in names} for item in tasks.cleaned_data if item.get("what")]


def day_bounds(day):
    return (
        timezone.make_aware(datetime.combine(day, time.min)),
        timezone.make_aware(datetime.combine(day, time.max)),
    )
