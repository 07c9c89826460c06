"""The people and the directory: accounts and their global roles, structures, interlocutors, reference data,
the audit trail and the e-mails sent."""

import unicodedata
import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import caches
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Concat, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from partners.enums import AccessibilityStatus, AuditVerb, Civility, ImportState, Role
from partners.validators import POSTAL_CODE_VALIDATOR, WEBSITE_VALIDATOR, web_link

TO_COMPLETE = "[à compléter]"


class UserQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def managers(self):
        return self.active().filter(role__in=[Role.COORDINATOR, Role.ADMIN])

    def visible_to(self, user):
        """Accounts are managed by coordinators; nobody else lists them."""
        return self if user.is_coordinator else self.none()


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields["role"] = Role.ADMIN
        fields.setdefault("activated_at", timezone.now())
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    email = models.EmailField("adresse e-mail", max_length=254, unique=True)
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.PARTNER)
    is_active = models.BooleanField(
        "actif", default=True, help_text="Un compte désactivé ne peut plus se connecter ; rien n'est supprimé."
    )
    date_joined = models.DateTimeField("créé le", default=timezone.now)
    activated_at = models.DateTimeField("activé le", null=True, blank=True)
    created_by = models.ForeignKey(
        "self", verbose_name="créé par", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: an edit form carries the version it was built from (see services.update_account).
    version = models.PositiveIntegerField(default=1, editable=False)
    # Follow-up preferences, changed by the person on « Mon profil » (partners.preferences).
    follow_up_reminders = models.BooleanField(
        "rappels de suivi de mes fiches",
        default=True,
        help_text="Étapes à échéance ou en retard, indicateurs et bilans annuels à renseigner.",
    )
    weekly_digest = models.BooleanField(
        "lettre hebdomadaire",
        null=True,
        blank=True,
        help_text="Vide : selon le rôle (oui pour l'équipe projet et les animateurs de groupe).",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = "compte utilisateur"
        verbose_name_plural = "comptes utilisateurs"
        ordering = ["last_name", "first_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name

    @property
    def is_admin(self):
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_coordinator(self):
        """City project team; administrators can do everything coordinators do."""
        return self.is_active and self.role in (Role.COORDINATOR, Role.ADMIN)

    @property
    def is_reader(self):
        return self.is_active and self.role == Role.READER

    @property
    def is_partner(self):
        return self.is_active and self.role == Role.PARTNER

    # Django admin access: administrators only, and they have every model permission there.
    @property
    def is_staff(self):
        return self.is_admin

    @property
    def is_superuser(self):
        return self.is_admin

    def has_perm(self, perm, obj=None):
        return self.is_admin

    def has_perms(self, perm_list, obj=None):
        return self.is_admin

    def has_module_perms(self, app_label):
        return self.is_admin

    # What one request needs to know about this person, read once: Django loads the user anew for every
    # request, so these never outlive the request that read them.

    @cached_property
    def contact_ids(self):
        """The interlocutors this account speaks as: active, of an active structure (usually one, none for staff).
        Every partner-level right goes through them, so deactivating the interlocutor or its structure (a merged
        structure is deactivated too) takes them all away at once."""
        return list(Contact.objects.standing_of(self).values_list("pk", flat=True))

    @cached_property
    def organisation_id(self):
        """The structure this account speaks for, through its active interlocutor (None without one)."""
        return Contact.objects.standing_of(self).values_list("organisation_id", flat=True).first()

    @cached_property
    def scopes(self):
        """The per-request objects of the apps' permission modules, by class (see `scope`)."""
        return {}

    def scope(self, kind):
        """`kind(self)`, made once for this user object: how a higher app's permission module (group roles,
        roles on each fiche…) keeps what it read about this person for the rest of the request."""
        if kind not in self.scopes:
            self.scopes[kind] = kind(self)
        return self.scopes[kind]

    @property
    def is_pending_activation(self):
        return self.activated_at is None

    @property
    def status_label(self):
        if not self.is_active:
            return "Désactivé"
        if self.is_pending_activation:
            return "En attente d'activation"
        return "Actif"


class CommuneQuerySet(models.QuerySet):
    CACHE_KEY = "portal:commune"

    def current(self):
        """The commune running this portal (one row, edited in the admin), read on every page: cached per process
        for a minute (CACHES["local"]), since from the shared database cache it would cost the query it saves.
        Saving it drops the copy of the process that saved it; the other processes see it within a minute."""
        local = caches["local"]
        commune = local.get(self.CACHE_KEY)
        if commune is None:
            commune = self.order_by("pk").first() or Commune()
            local.set(self.CACHE_KEY, commune, 60)
        return commune


class Commune(models.Model):
    """The town that runs the programme: identity, home-page text and the facts of the legal pages."""

    name = models.CharField("nom officiel", max_length=200, default="Ville " + TO_COMPLETE)
    short_name = models.CharField("nom court", max_length=100, default=TO_COMPLETE)
    programme_name = models.CharField("nom de la démarche", max_length=200, default="Projet Ville Solidarités")
    logo = models.ImageField("logo", upload_to="commune/", blank=True, help_text="PNG ou JPEG, fond clair.")
    address = models.CharField("adresse du siège", max_length=300, default=TO_COMPLETE)
    phone = models.CharField("téléphone", max_length=30, default=TO_COMPLETE)
    contact_email = models.EmailField("e-mail de contact du portail", blank=True)
    website = models.URLField("site internet de la commune", blank=True, validators=[WEBSITE_VALIDATOR])
    intro = models.TextField(
        "présentation de la démarche (accueil)", blank=True, help_text="Paragraphes séparés par une ligne vide."
    )
    diagnostic_text = models.TextField("le diagnostic social (accueil)", blank=True)
    partners_day_text = models.TextField("la journée partenariale (accueil)", blank=True)
    coordination_text = models.TextField("l'axe commun de coordination (accueil)", blank=True)
    publication_director = models.CharField(
        "directeur ou directrice de la publication", max_length=200, default=TO_COMPLETE
    )
    host_name = models.CharField("hébergeur : raison sociale", max_length=200, default=TO_COMPLETE)
    host_address = models.CharField("hébergeur : adresse", max_length=300, default=TO_COMPLETE)
    host_phone = models.CharField("hébergeur : téléphone", max_length=30, default=TO_COMPLETE)
    controller = models.CharField("responsable du traitement", max_length=300, default=TO_COMPLETE)
    dpo_name = models.CharField("délégué à la protection des données (DPO)", max_length=200, default=TO_COMPLETE)
    dpo_email = models.EmailField("e-mail du DPO", blank=True)
    dpo_address = models.CharField("adresse postale du DPO", max_length=300, default=TO_COMPLETE)
    legal_basis = models.TextField("base légale du traitement", default=TO_COMPLETE)
    retention = models.TextField("durées de conservation", default=TO_COMPLETE)
    accessibility_status = models.CharField(
        "état de conformité RGAA",
        max_length=10,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NON_COMPLIANT,
    )
    accessibility_audit = models.TextField("résultats de l'audit d'accessibilité", blank=True)
    accessibility_plan_url = models.URLField("schéma pluriannuel et plan d'actions de l'année", blank=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune et portail"
        verbose_name_plural = "commune et portail"

    def __str__(self):
        return self.name

    @property
    def website_link(self):
        return web_link(self.website)


class AuditEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The audit trail is read by coordinators only."""
        return self if user.is_coordinator else self.none()

    def about(self, instance):
        """The entries of one object, newest first, with their author."""
        return self.filter(target_type__model=instance._meta.model_name, target_id=str(instance.pk)).select_related(
            "actor"
        )


class AuditEntry(models.Model):
    """One row per state change made through a service function: who, what, on which object, when."""

    at = models.DateTimeField("date", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField("action", max_length=40, choices=AuditVerb.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    message = models.TextField("détail", blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal des actions"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.get_verb_display()} – {self.at:%d/%m/%Y %H:%M}"


class SentEmailQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The log of e-mails sent is read by coordinators only."""
        return self if user.is_coordinator else self.none()

    def about(self, instance):
        return self.filter(related_type__model=instance._meta.model_name, related_id=str(instance.pk))

    def due(self, now=None):
        """The queued messages whose (next) attempt has come."""
        return self.filter(status=SentEmail.Status.QUEUED, next_attempt_at__lte=now or timezone.now())

    def failures_first(self):
        """Failures, then the messages waiting, then those sent; the most recent first within each."""
        rank = models.Case(
            models.When(status="failed", then=0),
            models.When(status="queued", then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, "-created_at", "-pk")

    def counts(self):
        """{status: number} for every status (0 when none), in one query."""
        totals = self.aggregate(
            **{status: models.Count("pk", filter=models.Q(status=status)) for status in SentEmail.Status.values}
        )
        return {**totals, "total": sum(totals.values())}


class SentEmail(models.Model):
    """The outbox: every e-mail the portal sends is first a row here, then delivered by a task.

    `partners.mail.OutboxBackend` (settings.EMAIL_BACKEND) writes one « En attente » row per message in the
    current transaction (rolled back with it) and enqueues `partners.tasks.deliver_outbox` on commit. The task
    sends the due rows over one SMTP connection per batch, each row in its own transaction, locked
    (SELECT … FOR UPDATE SKIP LOCKED, so two workers never take the same row) and marked « Envoyé » in a commit
    made right after the SMTP server accepted the message. On an error the row is tried again after
    settings.OUTBOX_RETRY_DELAYS (1 min, 5 min, 30 min, 2 h), then marked « Échec » with the error, and a
    coordinator may « Renvoyer » it.

    Never twice: the row lock and the commit right after acceptance mean one delivery per row; the Message-ID is
    `<idempotency_key@host>`, the same at every attempt, so a receiving server or client that deduplicates on it
    drops a repeat. The remaining window: a worker killed (or its database connection lost) after the SMTP
    server accepted the DATA and before the « Envoyé » commit leaves the row queued, and it is sent again with
    the same Message-ID. This window is the few milliseconds of one UPDATE; it cannot be closed without the SMTP
    server's help.

    The message is stored in full so that a task can send it later — its body may hold single-use links
    (password reset, account activation, answer links): the body, the HTML alternatives and the attachments are
    cleared as soon as the message is sent (`content_kept` becomes False); the subject, the recipients, the
    state and the dates stay. Failed messages keep their content until they are sent again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "En attente"
        SENT = "sent", "Envoyé"
        FAILED = "failed", "Échec"

    idempotency_key = models.UUIDField("clé d'envoi", default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    next_attempt_at = models.DateTimeField("prochain essai", default=timezone.now)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    last_error = models.CharField("dernière erreur", max_length=300, blank=True)
    template = models.CharField("modèle", max_length=100, blank=True)
    from_email = models.CharField("expéditeur", max_length=300, blank=True)
    to = models.TextField("destinataires")
    recipients = models.JSONField(
        "adresses", default=dict, blank=True
    )  # {"to": [...], "cc": ..., "bcc": ..., "reply_to": ...}
    subject = models.CharField("objet", max_length=300)
    body = models.TextField("texte", blank=True)
    alternatives = models.JSONField("versions HTML", default=list, blank=True)  # [[content, mimetype], ...]
    headers = models.JSONField("en-têtes", default=dict, blank=True)
    attachments = models.JSONField("pièces jointes", default=list, blank=True)  # [{filename, mimetype, base64}]
    content_kept = models.BooleanField("contenu conservé", default=True)
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    related_id = models.CharField(max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    objects = SentEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "e-mail envoyé"
        verbose_name_plural = "e-mails envoyés"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="sentemail_due_idx"),
            models.Index(fields=["related_type", "related_id"], name="sentemail_related_idx"),
        ]

    def __str__(self):
        return self.subject

    @property
    def message_id(self):
        return f"<{self.idempotency_key}@{settings.OUTBOX_MESSAGE_ID_DOMAIN}>"

    @property
    def can_be_resent(self):
        return self.status == self.Status.FAILED and self.content_kept


class AxisQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def thematic(self):
        return self.active().filter(is_cross_cutting=False)

    def cross_cutting(self):
        return self.active().filter(is_cross_cutting=True)


class Axis(models.Model):
    """A working axis of the programme (reference data, editable in the admin)."""

    code = models.CharField(
        "code",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", "De 2 à 6 lettres majuscules, sans accent (ex. : DS).")],
        help_text="Préfixe des numéros de fiches actions (ex. : DS pour DS-01).",
    )
    title = models.CharField("intitulé", max_length=200)
    short_title = models.CharField("intitulé court", max_length=80)
    description = models.TextField("description", blank=True)
    colour = models.CharField(
        "couleur",
        max_length=7,
        default="#1F4E79",
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", "Couleur au format #RRVVBB.")],
        help_text="Toujours affichée à côté du code ou de l'intitulé ; contraste d'au moins 4,5:1 sur blanc.",
    )
    is_cross_cutting = models.BooleanField("axe transversal", default=False)
    synonyms = models.TextField(
        "autres noms reconnus à l'import",
        blank=True,
        help_text="Un par ligne : les libellés qu'emploient les listes de partenaires (ex. : Jeunesse). Majuscules, "
        "accents, tirets et apostrophes ne comptent pas ; un début de libellé suffit s'il ne désigne qu'un seul axe.",
    )
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_active = models.BooleanField("actif", default=True)

    objects = AxisQuerySet.as_manager()

    class Meta:
        verbose_name = "axe"
        verbose_name_plural = "axes"
        ordering = ["is_cross_cutting", "position", "code"]

    def __str__(self):
        return f"{self.code} – {self.short_title}"


class Unaccent(models.Func):
    """f_unaccent(): an IMMUTABLE wrapper of unaccent() (created in a migration), usable in indexes."""

    function = "f_unaccent"
    output_field = models.TextField()


def search_vector(*fields):
    """Lower-case, accent-free text of `fields`, for trigram search (a stored generated column)."""
    parts = []
    for field in fields:
        parts += [models.F(field), models.Value(" ")]
    return Lower(Unaccent(Concat(*parts[:-1], output_field=models.TextField())))


class OrganisationType(models.Model):
    code = models.SlugField("code", max_length=30, unique=True)
    label = models.CharField("libellé", max_length=120, unique=True)
    synonyms = models.TextField(
        "autres noms reconnus à l'import",
        blank=True,
        help_text="Un par ligne : les libellés qu'emploient les listes de partenaires (ex. : Mairie). Majuscules, "
        "accents, tirets et apostrophes ne comptent pas ; un début de libellé suffit s'il ne désigne qu'un seul type.",
    )
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "type de structure"
        verbose_name_plural = "types de structures"
        ordering = ["position", "label"]

    def __str__(self):
        return self.label


class Neighbourhood(models.Model):
    name = models.CharField("nom", max_length=120, unique=True)
    is_qpv = models.BooleanField(
        "quartier prioritaire (QPV)", default=False, help_text="Quartier prioritaire de la politique de la ville."
    )
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    class Meta:
        verbose_name = "quartier"
        verbose_name_plural = "quartiers"
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.name} (QPV)" if self.is_qpv else self.name


def normalise(text):
    """The search text as the database's f_unaccent(lower()) sees it: lower case, no accents, single spaces."""
    text = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return " ".join("".join(char for char in text if not unicodedata.combining(char)).split())


def search_match(words):
    """Substring match, or close enough for typos (pg_trgm word similarity); both use the GIN index."""
    return models.Q(search__contains=words) | models.Q(search__trigram_word_similar=words)


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, query):
        """Structures whose name, acronym or e-mail, or one of whose interlocutors, matches; best first."""
        words = normalise(query)[:100]
        if not words:
            return self
        # One index-backed query per table, joined by UNION: an OR across the two tables would make
        # PostgreSQL read every structure (1.6 s at 10,000 structures against 15 ms this way; see migration 0007).
        matching = (
            Organisation.objects.filter(search_match(words))
            .values("pk")
            .union(Contact.objects.filter(search_match(words)).values("organisation_id"))
        )
        return self.filter(pk__in=matching).annotate(rank=TrigramWordSimilarity(words, "search"))

    def visible_to(self, user):
        """Coordinators see every structure, inactive ones included; everybody else the active ones."""
        return self if user.is_coordinator else self.active()

    def for_list(self):
        return self.select_related("type", "parent").prefetch_related("axes")


class Organisation(models.Model):
    # The fields people edit, in the order of the form. Merging two duplicates takes each single-valued one from
    # the structure the coordinator picks, and unites the many-to-many ones.
    EDITABLE_FIELDS = [
        "name",
        "acronym",
        "type",
        "parent",
        "address",
        "postal_code",
        "city",
        "phone",
        "email",
        "website",
        "missions",
        "axes",
        "neighbourhoods",
        "since",
    ]
    MERGEABLE_FIELDS = [name for name in EDITABLE_FIELDS if name not in ("axes", "neighbourhoods")]

    name = models.CharField("nom", max_length=200)
    acronym = models.CharField("sigle", max_length=40, blank=True)
    type = models.ForeignKey(
        OrganisationType, verbose_name="type", on_delete=models.PROTECT, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="structure de rattachement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Pour une direction ou un service : la structure dont il dépend.",
    )
    address = models.CharField("adresse", max_length=250, blank=True)
    postal_code = models.CharField(
        "code postal",
        max_length=5,
        blank=True,
        validators=[POSTAL_CODE_VALIDATOR],
    )
    city = models.CharField("commune", max_length=100, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("e-mail générique", blank=True)
    website = models.URLField("site internet", blank=True, validators=[WEBSITE_VALIDATOR])
    missions = models.TextField("missions", blank=True, max_length=4000)
    axes = models.ManyToManyField(Axis, verbose_name="axes d'intervention", blank=True, related_name="organisations")
    neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        verbose_name="quartiers d'intervention",
        blank=True,
        related_name="organisations",
        help_text="Aucun quartier : toute la commune.",
    )
    since = models.DateField("partenaire depuis le", null=True, blank=True)
    is_active = models.BooleanField("active", default=True)
    merged_into = models.ForeignKey(
        "self", verbose_name="fusionnée dans", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    search = models.GeneratedField(
        expression=search_vector("name", "acronym", "email"), output_field=models.TextField(), db_persist=True
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "structure"
        verbose_name_plural = "structures"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower(Unaccent("name")), "type", name="organisation_unique_name_type"),
        ]
        indexes = [
            GinIndex(
                OpClass(models.F("search"), name="gin_trgm_ops"), name="organisation_search_trgm", fastupdate=False
            ),
            # The list's order: its first page is read from the index instead of sorting every structure.
            models.Index(fields=["name"], name="organisation_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("partners:organisation_detail", kwargs={"pk": self.pk})

    @property
    def website_link(self):
        """The website as a link target: http or https only, whatever older data holds."""
        return web_link(self.website)


class ContactQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, organisation__is_active=True)

    def standing_of(self, user):
        """The interlocutors through which `user` holds partner-level rights (see `User.contact_ids`)."""
        return self.active().filter(user=user)

    def search(self, query):
        """Interlocutors whose name, function or e-mail, or whose structure, matches; best first."""
        words = normalise(query)[:100]
        if not words:
            return self
        # As for structures: a UNION of index-backed queries; the structure's name is typo-tolerant too.
        matching = (
            Contact.objects.filter(search_match(words))
            .values("pk")
            .union(
                Contact.objects.filter(organisation__in=Organisation.objects.filter(search_match(words))).values("pk")
            )
        )
        return self.filter(pk__in=matching).annotate(rank=TrigramWordSimilarity(words, "search"))

    def for_list(self):
        return self.select_related("organisation", "organisation__type")

    def visible_to(self, user):
        return self if user.is_coordinator else self.active()


class Contact(models.Model):
    Civility = Civility  # the enum lives in partners.enums; kept here for Contact.Civility.MRS

    civility = models.CharField("civilité", max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    function = models.CharField("fonction", max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name="structure", on_delete=models.PROTECT, related_name="contacts"
    )
    email = models.EmailField("e-mail professionnel", blank=True)
    phone = models.CharField("téléphone professionnel", max_length=30, blank=True)
    is_primary = models.BooleanField("interlocuteur principal", default=False)
    is_active = models.BooleanField("actif", default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte sur le portail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    search = models.GeneratedField(
        expression=search_vector("first_name", "last_name", "function", "email"),
        output_field=models.TextField(),
        db_persist=True,
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = "interlocuteur"
        verbose_name_plural = "interlocuteurs"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="contact_unique_email"),
        ]
        indexes = [
            GinIndex(OpClass(models.F("search"), name="gin_trgm_ops"), name="contact_search_trgm", fastupdate=False),
            models.Index(fields=["last_name", "first_name"], name="contact_name"),  # the list's order
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("partners:contact_detail", kwargs={"pk": self.pk})


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Uploaded partner lists are handled by coordinators only."""
        return self if user.is_coordinator else self.none()

    def pending(self):
        return self.filter(applied_at=None)


class ImportBatch(models.Model):
    """An uploaded partner list, kept between the column mapping, the preview and the import itself."""

    created_at = models.DateTimeField("déposé le", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposé par", on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField("fichier", max_length=200)
    content = models.BinaryField("contenu")
    # The file as read once on upload (header row first, the caps of partners/imports.py applied): the mapping
    # and preview pages never parse the file again.
    table = models.JSONField("tableau lu", default=list, blank=True)
    mapping = models.JSONField("correspondance des colonnes", default=dict)
    # How the file was read: encoding and separator (CSV), the file's line number of each row of `table`, and the
    # lines left out (titles above the header, blank and « Total » lines), named in the preview.
    reading = models.JSONField("lecture du fichier", default=dict, blank=True)
    applied_at = models.DateTimeField("importé le", null=True, blank=True)
    summary = models.CharField("résultat", max_length=300, blank=True)
    # Once confirmed, the import runs on the task worker: who confirmed it, the answers to the duplicates, where it
    # stands (blank: not confirmed yet) and, when refused there, why.
    state = models.CharField("état de l'import", max_length=10, choices=ImportState, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="confirmé par",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    choices = models.JSONField("choix pour les doublons", default=dict, blank=True)
    error = models.CharField("motif du refus", max_length=300, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "import de partenaires"
        verbose_name_plural = "imports de partenaires"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"


class ImportedName(models.Model):
    """A name under which a partner list brought a structure that the coordinator chose to merge into an existing
    one (« Mission Locale de SQY » into « Mission locale de SQY »): importing the same list again finds it there,
    without asking again and without creating anything."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="structure", on_delete=models.CASCADE, related_name="imported_names"
    )
    name = models.CharField("nom dans le fichier", max_length=200)
    type = models.ForeignKey(OrganisationType, verbose_name="type dans le fichier", on_delete=models.CASCADE)

    class Meta:
        verbose_name = "nom importé"
        verbose_name_plural = "noms importés"
        constraints = [
            models.UniqueConstraint(Lower(Unaccent("name")), "type", name="imported_name_unique_name_type"),
        ]

    def __str__(self):
        return self.name


class Erasure(models.Model):
    """One anonymisation (GDPR erasure): its number is the N of « Personne supprimée n° N »; it keeps no identity."""

    at = models.DateTimeField("le", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Vide : par la règle de conservation des comptes inactifs.",
    )
    had_account = models.BooleanField("avait un compte", default=False)
    had_contact = models.BooleanField("avait une fiche d'interlocuteur", default=False)
    columns_rewritten = models.PositiveIntegerField("colonnes de texte réécrites", default=0)

    class Meta:
        verbose_name = "anonymisation"
        verbose_name_plural = "anonymisations"
        ordering = ["-pk"]

    def __str__(self):
        return f"Personne supprimée n° {self.pk}"
