from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from partners.enums import AccessibilityStatus, AuditVerb, Role

TO_COMPLETE = "[à compléter]"


class UserQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def managers(self):
        return self.active().filter(role__in=[Role.COORDINATOR, Role.ADMIN])


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
        """The commune running this portal (one row, edited in the admin), cached per process."""
        commune = cache.get(self.CACHE_KEY)
        if commune is None:
            commune = self.order_by("pk").first() or Commune()
            cache.set(self.CACHE_KEY, commune, 300)
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
    website = models.URLField("site internet de la commune", blank=True)
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

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal des actions"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.get_verb_display()} – {self.at:%d/%m/%Y %H:%M}"


class SentEmail(models.Model):
    """Every e-mail the portal sends. The body is not kept: it may hold single-use links."""

    sent_at = models.DateTimeField("envoyé le", default=timezone.now, db_index=True)
    to = models.TextField("destinataires")
    subject = models.CharField("objet", max_length=300)
    ok = models.BooleanField("remis au serveur d'envoi", default=True)
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    related_id = models.CharField(max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    class Meta:
        verbose_name = "e-mail envoyé"
        verbose_name_plural = "e-mails envoyés"
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject
