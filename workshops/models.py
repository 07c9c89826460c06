"""Working groups and their sessions: diagnostic findings, groups and memberships, venues, meetings,
invitations and answers, attendance, minutes, and the register of coordination obstacles."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partners.models import Axis, Contact
from workshops.enums import (
    ATTENDED,
    FACILITATING_ROLES,
    AttendanceStatus,
    FindingKind,
    FindingSource,
    InvitationAnswer,
    MeetingKind,
    MeetingStatus,
    MembershipRole,
    MinutesStatus,
    ObstacleCategory,
    ObstacleStatus,
)

__all__ = ["FACILITATING_ROLES", "MembershipRole", "ObstacleCategory"]  # re-exported for older callers


def sees_everything(user):
    """The project team and the readers see every group and session (see workshops.permissions)."""
    return user.is_coordinator or user.is_reader


# How each kind of finding is shown: Bootstrap colour, Bootstrap icon.
FINDING_BADGES = {
    FindingKind.STRENGTH: ("success", "bi-plus-circle"),
    FindingKind.WEAKNESS: ("warning", "bi-exclamation-triangle"),
    FindingKind.NEED: ("info", "bi-question-circle"),
}


class FindingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The shared diagnostic is read by every logged-in user."""
        return self if user.is_authenticated else self.none()

    def by_axis(self):
        """In the order of the diagnostic: thematic axes first, then each axis's findings."""
        return self.order_by("axis__is_cross_cutting", "axis__position", "axis__code", "position", "pk")


class Finding(models.Model):
    """A « constat » of the social diagnosis, presented to the groups per axis."""

    Kind = FindingKind
    Source = FindingSource

    axis = models.ForeignKey(Axis, verbose_name="axe", on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField("nature", max_length=10, choices=Kind.choices)
    source = models.CharField("source", max_length=12, choices=Source.choices)
    title = models.CharField("constat", max_length=200)
    text = models.TextField("détail", blank=True, max_length=4000)
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = "constat du diagnostic"
        verbose_name_plural = "constats du diagnostic"
        ordering = ["axis__position", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def kind_badge(self):
        """How the kind is shown: {"tone": Bootstrap colour, "icon": Bootstrap icon}."""
        return dict(zip(("tone", "icon"), FINDING_BADGES[self.kind], strict=True))


class WorkingGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        """The groups this user may open: all of them for the project team and readers, else the active
        groups where one of the user's interlocutors is an active member."""
        if sees_everything(user):
            return self
        return self.filter(
            pk__in=Membership.objects.filter(
                contact__in=user.contact_ids, is_active=True, group__is_active=True
            ).values("group_id")
        )


class WorkingGroup(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    axis = models.ForeignKey(Axis, verbose_name="axe", on_delete=models.PROTECT, related_name="groups")
    mandate = models.TextField("mandat", blank=True, max_length=4000)
    is_active = models.BooleanField("actif", default=True)
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    members = models.ManyToManyField(Contact, through="Membership", related_name="working_groups")

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "groupe de travail"
        verbose_name_plural = "groupes de travail"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workshops:group_detail", kwargs={"pk": self.pk})


class Membership(models.Model):
    """A partner's interlocutor in a group; the group role feeds the permissions of every later feature."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name="groupe", on_delete=models.PROTECT, related_name="memberships"
    )
    contact = models.ForeignKey(
        Contact, verbose_name="interlocuteur", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("rôle", max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    since = models.DateField("membre depuis le", default=timezone.localdate)
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "membre d'un groupe"
        verbose_name_plural = "membres des groupes"
        ordering = ["group", "role", "contact__last_name"]
        constraints = [models.UniqueConstraint("group", "contact", name="membership_unique_group_contact")]

    def __str__(self):
        return f"{self.contact} – {self.group} ({self.get_role_display()})"

    @property
    def is_facilitator(self):
        return self.role in FACILITATING_ROLES


class Venue(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    address = models.CharField("adresse", max_length=250)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    accessibility = models.TextField(
        "accessibilité", blank=True, help_text="Accès en fauteuil, boucle magnétique, transports, stationnement…"
    )
    capacity = models.PositiveIntegerField("capacité", null=True, blank=True)
    is_active = models.BooleanField("actif", default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "lieu de réunion"
        verbose_name_plural = "lieux de réunion"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def full_address(self):
        return ", ".join(part for part in [self.address, f"{self.postal_code} {self.city}".strip()] if part)


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every meeting for the project team and readers; else those of the user's groups and those the
        user's interlocutors were invited to."""
        if sees_everything(user):
            return self
        # A subquery rather than `user.contact_ids`: one query less on pages that need nothing else of the person.
        contact_ids = Contact.objects.standing_of(user).values("pk")
        return self.filter(
            models.Q(groups__memberships__contact__in=contact_ids, groups__memberships__is_active=True)
            | models.Q(invitations__contact__in=contact_ids)
        ).distinct()

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now(), status=Meeting.Status.SCHEDULED)


class Meeting(models.Model):
    Kind = MeetingKind
    Status = MeetingStatus

    kind = models.CharField("type de séance", max_length=10, choices=Kind.choices, default=Kind.GROUP)
    title = models.CharField("intitulé", max_length=200)
    groups = models.ManyToManyField(
        WorkingGroup, verbose_name="groupes concernés", blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField("début", db_index=True)
    ends_at = models.DateTimeField("fin")
    venue = models.ForeignKey(
        Venue, verbose_name="lieu", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    agenda = models.TextField("ordre du jour", blank=True, max_length=4000, help_text="Un point par ligne.")
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    uid = models.UUIDField("identifiant de calendrier", default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField("révision de l'invitation", default=0, editable=False)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="organisé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invitations_sent_at = models.DateTimeField("invitations envoyées le", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:meeting_detail", kwargs={"pk": self.pk})

    @property
    def agenda_items(self):
        return [line.strip(" -•\t") for line in self.agenda.splitlines() if line.strip(" -•\t")]

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()


def document_path(instance, filename):
    return f"seances/{instance.meeting_id}/{uuid.uuid4().hex}/{filename}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name="séance", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to=document_path, max_length=300)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposé par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)

    class Meta:
        verbose_name = "document de séance"
        verbose_name_plural = "documents de séance"
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper()


def new_nonce():
    return secrets.token_urlsafe(9)


class Invitation(models.Model):
    Answer = InvitationAnswer

    meeting = models.ForeignKey(Meeting, verbose_name="séance", on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(
        Contact, verbose_name="interlocuteur", on_delete=models.PROTECT, related_name="invitations"
    )
    answer = models.CharField("réponse", max_length=12, choices=Answer.choices, default=Answer.PENDING)
    represented_by = models.CharField("représenté par", max_length=200, blank=True)
    answered_at = models.DateTimeField("répondu le", null=True, blank=True)
    nonce = models.CharField(max_length=16, default=new_nonce, editable=False)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    reminded_at = models.DateTimeField("relance envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["contact__organisation__name", "contact__last_name"]
        constraints = [models.UniqueConstraint("meeting", "contact", name="invitation_unique_meeting_contact")]

    def __str__(self):
        return f"{self.contact} – {self.meeting}"


class AttendanceQuerySet(models.QuerySet):
    def attended(self):
        """The people present or represented."""
        return self.filter(status__in=ATTENDED)


class Attendance(models.Model):
    """The émargement of one person at one meeting: an invited interlocutor, or a walk-in."""

    Status = AttendanceStatus

    meeting = models.ForeignKey(Meeting, verbose_name="séance", on_delete=models.CASCADE, related_name="attendances")
    contact = models.ForeignKey(
        Contact, verbose_name="interlocuteur", on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField("présence", max_length=12, choices=Status.choices)
    represented_by = models.CharField("représenté par", max_length=200, blank=True)
    is_walk_in = models.BooleanField("venu sans invitation", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="saisi par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField("saisi le", auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = "présence"
        verbose_name_plural = "présences"
        ordering = ["contact__organisation__name", "contact__last_name"]
        constraints = [models.UniqueConstraint("meeting", "contact", name="attendance_unique_meeting_contact")]

    def __str__(self):
        return f"{self.contact} – {self.get_status_display()}"


class MinutesQuerySet(models.QuerySet):
    def of(self, meeting):
        """The minutes of `meeting` with their decisions and tasks, or None."""
        return self.filter(meeting=meeting).prefetch_related("decisions", "tasks").first()


class Minutes(models.Model):
    """The compte rendu of a meeting: draft, then published to the members."""

    Status = MinutesStatus

    meeting = models.OneToOneField(Meeting, verbose_name="séance", on_delete=models.CASCADE, related_name="minutes")
    summary = models.TextField("synthèse des échanges", blank=True, max_length=20000)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = "compte rendu"
        verbose_name_plural = "comptes rendus"

    def __str__(self):
        return f"Compte rendu – {self.meeting}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def has_content(self):
        """Something to publish: a summary or at least one decision."""
        return bool(self.summary) or self.decisions.exists()


class Decision(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField("décision", max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "décision"
        verbose_name_plural = "décisions"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class FollowUpTask(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="tasks")
    what = models.CharField("action à mener", max_length=300)
    who = models.CharField("qui", max_length=200, blank=True)
    due_on = models.DateField("échéance", null=True, blank=True)
    is_done = models.BooleanField("faite", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "suite à donner"
        verbose_name_plural = "suites à donner"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.what


class CoordinationObstacleQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The register of obstacles is read by every logged-in user."""
        return self if user.is_authenticated else self.none()


# How each state of an obstacle is shown: Bootstrap colour, Bootstrap icon.
OBSTACLE_BADGES = {
    ObstacleStatus.OPEN: ("danger", "bi-circle"),
    ObstacleStatus.IN_PROGRESS: ("warning", "bi-hourglass-split"),
    ObstacleStatus.LIFTED: ("success", "bi-check-circle"),
}


class CoordinationObstacle(models.Model):
    """A « frein à la coordination » raised by a group, with the levers proposed and its follow-up."""

    Status = ObstacleStatus

    category = models.CharField("catégorie", max_length=12, choices=ObstacleCategory.choices)
    title = models.CharField("frein", max_length=200)
    description = models.TextField("description", blank=True, max_length=4000)
    axes = models.ManyToManyField(Axis, verbose_name="axes concernés", blank=True, related_name="obstacles")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="soulevé lors de la séance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obstacles",
    )
    levers = models.TextField("leviers proposés", blank=True, max_length=4000)
    status = models.CharField("état", max_length=12, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="saisi par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("saisi le", auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CoordinationObstacleQuerySet.as_manager()

    class Meta:
        verbose_name = "frein à la coordination"
        verbose_name_plural = "freins à la coordination"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:obstacle_detail", kwargs={"pk": self.pk})

    @property
    def status_badge(self):
        """How the state is shown: {"tone": Bootstrap colour, "icon": Bootstrap icon}."""
        return dict(zip(("tone", "icon"), OBSTACLE_BADGES[self.status], strict=True))


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's ICS feed; revoking it gives a new address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name="compte"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "abonnement calendrier"
        verbose_name_plural = "abonnements calendrier"

    def __str__(self):
        return f"Calendrier de {self.user}"
