"""The « fiche action » (domain.md §1.2), its repeated items, its workflow log, versions and drafts."""

import uuid
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse

from actionsheets.enums import (
    REVIEW_STATES,
    VALIDATED_STATES,
    BudgetKind,
    FollowUpFlag,
    FundingState,
    IndicatorKind,
    OverlapDecision,
    Participation,
    PartnerRole,
    Priority,
    ReviewNextStep,
    Status,
)
from actionsheets.enums import WRITING_STATES as WRITING_STATES  # still importable from here
from actionsheets.permissions import public_sheets, sheets_visible_to
from partners.models import Axis, Contact, Neighbourhood, Organisation, Unaccent
from workshops.models import CoordinationObstacle, Finding, WorkingGroup

TOTAL_FIELD = models.DecimalField(max_digits=14, decimal_places=2)
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}
YEAR = {"validators": [MinValueValidator(2000), MaxValueValidator(2100)]}
LONG_TEXT = 10_000
PUBLIC_SUMMARY = 2_000


class ReferenceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Reference(models.Model):
    label = models.CharField("libellé", max_length=200, unique=True)
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_active = models.BooleanField("actif", default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self):
        return self.label


class TargetPublic(Reference):
    class Meta(Reference.Meta):
        verbose_name = "public cible"
        verbose_name_plural = "publics cibles"


class Framework(Reference):
    code = models.CharField("sigle", max_length=20, blank=True)

    class Meta(Reference.Meta):
        verbose_name = "dispositif ou cadre contractuel"
        verbose_name_plural = "dispositifs et cadres contractuels"


class Funder(Reference):
    class Meta(Reference.Meta):
        verbose_name = "financeur"
        verbose_name_plural = "financeurs"


def _line_total(model_name, field, year, **conditions):
    """A subquery summing `field` of the sheet's budget or funding lines (of `year` only, when given)."""
    lines = apps.get_model("actionsheets", model_name).objects.filter(sheet=models.OuterRef("pk"), **conditions)
    if year:
        lines = lines.filter(year=year)
    summed = lines.order_by().values("sheet").annotate(total=models.Sum(field)).values("total")
    return models.Subquery(summed, output_field=TOTAL_FIELD)


class ActionSheetQuerySet(models.QuerySet):
    def validated(self):
        return self.filter(status__in=VALIDATED_STATES)

    def public(self):
        """The sheets anybody may read without an account: actionsheets.permissions.public_sheets."""
        return public_sheets(self)

    def visible_to(self, user):
        """The sheets `user` may open: the rule is actionsheets.permissions.sheets_visible_to."""
        return sheets_visible_to(self, user)

    def with_totals(self, year=None):
        """Budget and funding totals of each sheet (of `year` only, when given), summed by the database.

        One subquery per total: summing two child tables in one join would multiply the rows. `actual_total`
        stays empty while no actual amount is recorded."""
        zero = models.Value(Decimal("0.00"), output_field=TOTAL_FIELD)
        return self.annotate(
            planned_total=Coalesce(_line_total("BudgetLine", "planned", year), zero),
            actual_total=_line_total("BudgetLine", "actual", year),
            requested_total=Coalesce(_line_total("FundingLine", "amount", year, state=FundingState.REQUESTED), zero),
            granted_total=Coalesce(_line_total("FundingLine", "amount", year, state=FundingState.GRANTED), zero),
            refused_total=Coalesce(_line_total("FundingLine", "amount", year, state=FundingState.REFUSED), zero),
        )

    def whole(self):
        """With every related row a page, a PDF or a snapshot shows, in a fixed number of queries."""
        return self.select_related(
            "axis", "group", "pilot", "pilot__organisation", "lead_organisation"
        ).prefetch_related(
            "co_authors__organisation",
            "findings",
            "target_publics",
            "neighbourhoods",
            "obstacles",
            "related_sheets",
            "frameworks",
            "partners__organisation",
            "budget_lines",
            "funding_lines__funder",
            "milestones",
            "indicators__measurements",
            "attachments",
            "reviews",
        )


def sheet_search_vector():
    def part(name, weight):
        return SearchVector(Unaccent(name), config="french", weight=weight)

    return (
        part("title", "A")
        + part("general_objective", "B")
        + part("operational_objectives", "B")
        + part("description", "C")
        + part("expected_results", "C")
    )


class ActionSheet(models.Model):
    # Identification
    code = models.CharField("n° de fiche", max_length=12, unique=True, editable=False)
    number = models.PositiveSmallIntegerField("numéro dans l'axe", editable=False)
    axis = models.ForeignKey(Axis, verbose_name="axe", on_delete=models.PROTECT, related_name="sheets")
    group = models.ForeignKey(
        WorkingGroup, verbose_name="groupe de travail", on_delete=models.PROTECT, related_name="sheets"
    )
    title = models.CharField("intitulé de l'action", max_length=300)
    pilot = models.ForeignKey(
        Contact,
        verbose_name="pilote",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="piloted_sheets",
        help_text="La personne qui suit la mise en œuvre et renseigne les indicateurs.",
    )
    elected_referent = models.CharField(
        "élu ou élue référent",
        max_length=200,
        blank=True,
        help_text="Nom et délégation, par exemple « adjointe au maire déléguée à la jeunesse ».",
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name="structure porteuse",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_sheets",
    )
    priority = models.CharField("priorité", max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    # Context and objectives
    context = models.TextField("constat et contexte", blank=True, max_length=LONG_TEXT)
    findings = models.ManyToManyField(
        Finding, verbose_name="constats du diagnostic auxquels l'action répond", blank=True, related_name="sheets"
    )
    general_objective = models.TextField("objectif général", blank=True, max_length=LONG_TEXT)
    operational_objectives = models.TextField("objectifs opérationnels", blank=True, max_length=LONG_TEXT)
    expected_results = models.TextField("résultats attendus", blank=True, max_length=LONG_TEXT)
    # Content and publics
    description = models.TextField("description et modalités de mise en œuvre", blank=True, max_length=LONG_TEXT)
    target_publics = models.ManyToManyField(
        TargetPublic, verbose_name="publics cibles", blank=True, related_name="sheets"
    )
    target_count = models.PositiveIntegerField("nombre de bénéficiaires attendus", null=True, blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood,
        verbose_name="quartiers concernés",
        blank=True,
        related_name="sheets",
        help_text="Aucun quartier : toute la commune.",
    )
    citizen_participation = models.CharField(
        "participation des habitants", max_length=16, choices=Participation.choices, default=Participation.NONE
    )
    # Means
    human_resources = models.TextField("moyens humains", blank=True, max_length=LONG_TEXT)
    fte = models.DecimalField(
        "équivalents temps plein (ETP)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    material_resources = models.TextField("moyens matériels et locaux", blank=True, max_length=LONG_TEXT)
    # Schedule
    start_date = models.DateField("date de début", null=True, blank=True)
    planned_end_date = models.DateField("date de fin prévue", null=True, blank=True)
    is_recurring = models.BooleanField("l'action se répète chaque année", default=False)
    # Evaluation
    monitoring = models.TextField("modalités de suivi et d'évaluation", blank=True, max_length=LONG_TEXT)
    governance_body = models.CharField("instance de suivi", max_length=200, blank=True)
    follow_up_flag = models.CharField(
        "signalement",
        max_length=12,
        choices=FollowUpFlag.choices,
        default=FollowUpFlag.NONE,
        blank=True,
        db_index=True,
        help_text="Pour alerter l'équipe projet et le COPIL : action en retard, bloquée ou à discuter.",
    )
    progress = models.PositiveSmallIntegerField(
        "avancement (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Part de l'action réalisée, de 0 à 100 %.",
    )
    # Conditions and links
    success_conditions = models.TextField(
        "conditions de réussite et points de vigilance", blank=True, max_length=LONG_TEXT
    )
    obstacles = models.ManyToManyField(
        CoordinationObstacle, verbose_name="freins à la coordination", blank=True, related_name="sheets"
    )
    related_sheets = models.ManyToManyField("self", verbose_name="fiches liées", blank=True, symmetrical=True)
    frameworks = models.ManyToManyField(
        Framework, verbose_name="dispositifs et cadres", blank=True, related_name="sheets"
    )
    # Workflow and authorship
    status = models.CharField("statut", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    copil_date = models.DateField("date de la décision du COPIL", null=True, blank=True)
    is_example = models.BooleanField("exemple de démonstration", default=False)
    # Publication on the public page /actions/ (set by a coordinator: services.set_publication)
    is_publishable = models.BooleanField(
        "publiable",
        default=False,
        help_text="Une fois validée, la fiche figure sur la page publique des actions (sans connexion).",
    )
    public_budget = models.BooleanField(
        "budget affiché publiquement",
        default=False,
        help_text="Le budget prévu et les financements figurent sur la page publique de la fiche.",
    )
    public_summary = models.TextField(
        "résumé public",
        blank=True,
        max_length=PUBLIC_SUMMARY,
        help_text="Quelques phrases pour les habitants. Aucun nom de personne ni adresse e-mail.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="créée par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    co_authors = models.ManyToManyField(
        Contact, verbose_name="co-auteurs", blank=True, related_name="co_written_sheets"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    # Optimistic locking per section: {"objectifs": 3, …}; a save made from an older number is refused.
    section_versions = models.JSONField(default=dict, editable=False)
    revision = models.PositiveIntegerField("n° de version", default=0, editable=False)
    search = models.GeneratedField(expression=sheet_search_vector(), output_field=SearchVectorField(), db_persist=True)

    objects = ActionSheetQuerySet.as_manager()

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches actions"
        ordering = ["axis__position", "number"]
        constraints = [
            models.UniqueConstraint("axis", "number", name="sheet_unique_axis_number"),
            models.CheckConstraint(
                condition=models.Q(progress__isnull=True) | models.Q(progress__lte=100), name="sheet_progress_percent"
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(planned_end_date__gte=models.F("start_date")),
                name="sheet_end_after_start",
            ),
        ]
        indexes = [
            GinIndex(fields=["search"], name="sheet_search_fts", fastupdate=False),
            GinIndex(OpClass(Unaccent("title"), name="gin_trgm_ops"), name="sheet_title_trgm", fastupdate=False),
        ]

    def __str__(self):
        return f"{self.code} – {self.title}"

    def get_absolute_url(self):
        return reverse("actionsheets:sheet_detail", kwargs={"pk": self.pk})

    @property
    def is_validated(self):
        return self.status in VALIDATED_STATES

    def budget_totals(self):
        """The sheet page's budget, summed from the prefetched lines: planned, actual (None while no actual amount
        is recorded) and funded (requested or granted); None without lines."""
        lines, funding = self.budget_lines.all(), self.funding_lines.all()
        return {
            "planned": sum((line.planned for line in lines), start=0) if lines else None,
            "actual": sum((line.actual or 0 for line in lines), start=0)
            if any(line.actual is not None for line in lines)
            else None,
            "funded": sum((line.amount for line in funding if line.state != FundingState.REFUSED), start=0)
            if funding
            else None,
        }

    @property
    def status_tone(self):
        """The colour of the status badge: validated, under review, or still being written."""
        if self.status in VALIDATED_STATES:
            return "success"
        if self.status in REVIEW_STATES:
            return "info"
        return "secondary"


class ActionPartner(models.Model):
    Role = PartnerRole

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, verbose_name="structure", on_delete=models.PROTECT, related_name="sheet_partnerships"
    )
    role = models.CharField("rôle", max_length=12, choices=Role.choices)
    contribution = models.CharField("contribution", max_length=500, blank=True)

    class Meta:
        verbose_name = "partenaire associé"
        verbose_name_plural = "partenaires associés"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint("sheet", "organisation", name="partner_unique_sheet_organisation")]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


def combine_partners(*, kept, merged):
    """Two structures merged were both partners of one fiche: the stronger role (the first in PartnerRole's
    order, co-pilote first) and both contributions."""
    order = list(PartnerRole.values)
    kept.role = min(kept.role, merged.role, key=order.index)
    texts = [text for text in (kept.contribution, merged.contribution) if text]
    kept.contribution = " ; ".join(dict.fromkeys(texts))[:500]
    kept.save(update_fields=["role", "contribution"])


class BudgetLine(models.Model):
    Kind = BudgetKind

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField("année", **YEAR)
    kind = models.CharField("nature", max_length=10, choices=Kind.choices, default=Kind.OPERATING)
    label = models.CharField("poste de dépense", max_length=200)
    planned = models.DecimalField("prévu (€)", **MONEY)
    actual = models.DecimalField("réalisé (€)", null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = "ligne de budget"
        verbose_name_plural = "lignes de budget"
        ordering = ["year", "kind", "pk"]

    def __str__(self):
        return f"{self.year} – {self.label}"


class FundingLine(models.Model):
    State = FundingState

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="funding_lines")
    funder = models.ForeignKey(Funder, verbose_name="financeur", on_delete=models.PROTECT, related_name="lines")
    year = models.PositiveSmallIntegerField("année", **YEAR)
    amount = models.DecimalField("montant (€)", **MONEY)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.REQUESTED)

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "plan de financement"
        ordering = ["year", "pk"]

    def __str__(self):
        return f"{self.year} – {self.funder}"


class Milestone(models.Model):
    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="milestones")
    label = models.CharField("étape", max_length=300)
    due_on = models.DateField("échéance", null=True, blank=True)
    is_done = models.BooleanField("réalisée", default=False)

    class Meta:
        verbose_name = "étape"
        verbose_name_plural = "calendrier et étapes"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.label


class Indicator(models.Model):
    Kind = IndicatorKind

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField("indicateur", max_length=300)
    kind = models.CharField("type", max_length=10, choices=Kind.choices, default=Kind.OUTPUT)
    unit = models.CharField("unité", max_length=50, blank=True)
    baseline = models.DecimalField("valeur de référence", max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField("valeur cible", max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.CharField("source", max_length=200, blank=True)
    frequency = models.CharField("périodicité", max_length=100, blank=True)

    class Meta:
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"
        ordering = ["pk"]

    def __str__(self):
        return self.label


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveSmallIntegerField("année", **YEAR)
    value = models.DecimalField("valeur constatée", max_digits=12, decimal_places=2)
    comment = models.CharField("commentaire", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="saisie par", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "mesure"
        verbose_name_plural = "mesures"
        ordering = ["year"]
        constraints = [models.UniqueConstraint("indicator", "year", name="measurement_unique_indicator_year")]

    def __str__(self):
        return f"{self.indicator} – {self.year} : {self.value}"


def attachment_path(instance, filename):
    return f"fiches/{instance.sheet_id}/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to=attachment_path, max_length=300)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposée par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("déposée le", auto_now_add=True)

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class AnnualReview(models.Model):
    NextStep = ReviewNextStep

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField("année", **YEAR)
    qualitative = models.TextField("bilan qualitatif", blank=True, max_length=LONG_TEXT)
    difficulties = models.TextField("difficultés rencontrées", blank=True, max_length=LONG_TEXT)
    next_step = models.CharField("suite proposée", max_length=10, choices=NextStep.choices, default=NextStep.CONTINUE)

    class Meta:
        verbose_name = "bilan annuel"
        verbose_name_plural = "bilans annuels"
        ordering = ["year"]
        constraints = [models.UniqueConstraint("sheet", "year", name="review_unique_sheet_year")]

    def __str__(self):
        return f"Bilan {self.year}"


class Transition(models.Model):
    """One workflow move: who, when, from and to which state, the comment and the COPIL date."""

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField("action", max_length=20)
    from_status = models.CharField("statut de départ", max_length=12, choices=Status.choices)
    to_status = models.CharField("nouveau statut", max_length=12, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("le", auto_now_add=True, db_index=True)
    comment = models.TextField("commentaire", blank=True, max_length=LONG_TEXT)
    copil_date = models.DateField("date du COPIL", null=True, blank=True)

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "changements de statut"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ReviewComment(models.Model):
    """A reviewer's comment, on the whole sheet or on one section."""

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField("section", max_length=20, blank=True)
    text = models.TextField("commentaire", max_length=LONG_TEXT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("le", auto_now_add=True)
    transition = models.ForeignKey(
        Transition, null=True, blank=True, on_delete=models.SET_NULL, related_name="section_comments"
    )

    class Meta:
        verbose_name = "commentaire de relecture"
        verbose_name_plural = "commentaires de relecture"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class SheetVersion(models.Model):
    """A snapshot of the whole sheet after each saved change, for the history and the diffs."""

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("n° de version")
    section = models.CharField("section modifiée", max_length=20, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField("le", auto_now_add=True)
    data = models.JSONField("contenu")

    class Meta:
        verbose_name = "version"
        verbose_name_plural = "versions"
        ordering = ["sheet", "number"]
        constraints = [models.UniqueConstraint("sheet", "number", name="version_unique_sheet_number")]

    def __str__(self):
        return f"Version {self.number}"


class SectionDraft(models.Model):
    """What a person typed in a section and has not saved yet (autosaved while typing)."""

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    section = models.CharField(max_length=20)
    data = models.JSONField()
    base_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "brouillon de section"
        verbose_name_plural = "brouillons de section"
        constraints = [models.UniqueConstraint("sheet", "user", "section", name="draft_unique_sheet_user_section")]

    def __str__(self):
        return f"{self.sheet} – {self.section}"


class Overlap(models.Model):
    """Two sheets of different groups that look alike (close text, shared publics, neighbourhoods or partner
    structures), found by actionsheets.overlaps and kept with the project team's decision. `sheet` has the lower
    id; a pair judged « pas un doublon » is never proposed again."""

    Decision = OverlapDecision

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField("proximité")
    reasons = models.JSONField("raisons", default=list)
    decision = models.CharField(
        "décision", max_length=16, choices=OverlapDecision.choices, default=OverlapDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    computed_at = models.DateTimeField("calculé le", auto_now=True)

    class Meta:
        verbose_name = "rapprochement de fiches"
        verbose_name_plural = "rapprochements de fiches"
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint("sheet", "other", name="overlap_unique_pair"),
            models.CheckConstraint(condition=models.Q(sheet__lt=models.F("other")), name="overlap_ordered_pair"),
        ]
        indexes = [
            models.Index("decision", models.F("score").desc(), name="overlap_decision_score"),
            models.Index("other", name="overlap_other"),
        ]

    def __str__(self):
        return f"{self.sheet_id} ~ {self.other_id} ({self.score:.2f})"
