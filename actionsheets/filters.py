"""Filters and sort orders of the list of fiches actions, all in the query string (bookmarkable, shareable).

The year is the budget year: a sheet is « de 2016 » when it has a budget line or a funding line for 2016, so a
multi-year action shows in each year it is funded (the yearly programmation the COPIL votes), and the exports
then total that year only.
"""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from actionsheets import search
from actionsheets.enums import FollowUpFlag
from actionsheets.models import (
    ActionSheet,
    BudgetLine,
    Framework,
    FundingLine,
    Milestone,
    Status,
    TargetPublic,
)
from actionsheets.permissions import statuses_visible_to
from partners.models import Axis, Neighbourhood, Organisation, Unaccent
from partners.picking import picker_filter
from workshops.models import WorkingGroup

STATUS_ORDER = Case(
    *[When(status=value, then=Value(position)) for position, value in enumerate(Status.values)],
    output_field=IntegerField(),
)
# query-string value → (label, order_by without the direction); "-value" sorts the other way
SORTS = {
    "code": ("N° de fiche", ["axis__position", "number"]),
    "intitule": ("Intitulé", [Lower(Unaccent("title"))]),
    "statut": ("Statut", [STATUS_ORDER, "axis__position", "number"]),
    "modification": ("Dernière modification", ["updated_at", "pk"]),
}
SORT_CHOICES = [
    ("code", "N° de fiche"),
    ("intitule", "Intitulé (A → Z)"),
    ("-intitule", "Intitulé (Z → A)"),
    ("statut", "Statut"),
    ("-modification", "Modifiées récemment"),
    ("modification", "Modifiées il y a longtemps"),
    ("-code", "N° de fiche (décroissant)"),
    ("-statut", "Statut (décroissant)"),
]


ANY_FLAG = "tout"
FLAG_CHOICES = [*((value, label) for value, label in FollowUpFlag.choices if value), (ANY_FLAG, "Tout signalement")]
OVERDUE = "en-retard"
MILESTONE_CHOICES = [(OVERDUE, "Au moins une étape en retard")]


def overdue_milestones(today=None):
    """The steps not done whose due date has passed (the dashboard counts them, the list filters on them)."""
    return Milestone.objects.filter(is_done=False, due_on__lt=today or timezone.localdate())


def order_by(sort):
    """The order_by() arguments of a sort value ("code", "-modification"…)."""
    descending = sort.startswith("-")
    _, fields = SORTS[sort.lstrip("-")]
    ordered = []
    for field in fields:
        if isinstance(field, str):
            ordered.append(f"-{field}" if descending else field)
        else:
            ordered.append(field.desc() if descending else field.asc())
    return ordered


def budget_years():
    """The years of the budget and funding lines, most recent first (one query)."""
    budget = BudgetLine.objects.order_by().values_list("year", flat=True)
    return sorted(set(budget.union(FundingLine.objects.order_by().values_list("year", flat=True))), reverse=True)


class SheetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Rechercher",
        method="filter_search",
        max_length=search.MAX_QUERY_LENGTH,
        help_text="Mots de l'intitulé, des objectifs ou de la description. Accents et pluriels indifférents.",
    )
    mes = django_filters.BooleanFilter(label="Seulement mes fiches", method="filter_mine", widget=forms.CheckboxInput)
    axe = django_filters.ModelChoiceFilter(
        label="Axe", field_name="axis", queryset=Axis.objects.active(), empty_label="Tous les axes"
    )
    groupe = picker_filter(
        "groupes", label="Groupe de travail", field_name="group", queryset=WorkingGroup.objects.none()
    )
    statut = django_filters.ChoiceFilter(
        label="Statut", field_name="status", choices=Status.choices, empty_label="Tous les statuts"
    )
    # Pickers (issue 14): at 100× data these lists hold hundreds of groups and thousands of structures.
    pilote = picker_filter(
        "structures",
        label="Structure du pilote",
        field_name="pilot__organisation",
        queryset=Organisation.objects.none(),
    )
    partenaire = picker_filter(
        "structures", label="Structure partenaire", method="filter_partner", queryset=Organisation.objects.none()
    )
    quartier = django_filters.ModelChoiceFilter(
        label="Quartier", method="filter_related", queryset=Neighbourhood.objects.all(), empty_label="Tous"
    )
    public = django_filters.ModelChoiceFilter(
        label="Public cible", method="filter_related", queryset=TargetPublic.objects.all(), empty_label="Tous"
    )
    dispositif = django_filters.ModelChoiceFilter(
        label="Dispositif ou cadre", method="filter_related", queryset=Framework.objects.all(), empty_label="Tous"
    )
    signalement = django_filters.ChoiceFilter(
        label="Signalement",
        method="filter_flag",
        choices=FLAG_CHOICES,
        empty_label="Tous",
        help_text="Fiches signalées en retard, bloquées ou à discuter.",
    )
    jalons = django_filters.ChoiceFilter(
        label="Étapes", method="filter_milestones", choices=MILESTONE_CHOICES, empty_label="Toutes"
    )
    annee = django_filters.ChoiceFilter(
        label="Année budgétaire",
        method="filter_year",
        choices=[],
        empty_label="Toutes",
        help_text="Fiches ayant une ligne de budget ou de financement cette année-là.",
    )
    tri = django_filters.ChoiceFilter(
        label="Trier par", method="filter_sort", choices=SORT_CHOICES, empty_label="Pertinence ou n° de fiche"
    )

    RELATED = {"quartier": "neighbourhoods", "public": "target_publics", "dispositif": "frameworks"}

    class Meta:
        model = ActionSheet
        fields = []

    def __init__(self, data=None, *args, user, queryset=None, **kwargs):
        self.user = user
        self.search_mode = "none"
        queryset = (ActionSheet.objects.all() if queryset is None else queryset).visible_to(user)
        super().__init__(data, *args, queryset=queryset, **kwargs)
        # What may be chosen: whatever the pickers may find (filtering on one with no fiche lists none).
        self.filters["groupe"].queryset = WorkingGroup.objects.visible_to(user)
        self.filters["pilote"].queryset = Organisation.objects.visible_to(user)
        self.filters["partenaire"].queryset = Organisation.objects.visible_to(user)
        self.filters["annee"].extra["choices"] = [(year, str(year)) for year in budget_years()]
        self.filters["statut"].extra["choices"] = statuses_visible_to(user)

    # Filters on many-to-many relations use subqueries, so no sheet appears twice.

    def filter_related(self, queryset, name, value):
        through = ActionSheet.objects.filter(**{self.RELATED[name]: value}).values("pk")
        return queryset.filter(pk__in=through)

    def filter_partner(self, queryset, name, value):
        return queryset.filter(pk__in=ActionSheet.objects.filter(partners__organisation=value).values("pk"))

    def filter_year(self, queryset, name, value):
        value = int(value)
        return queryset.filter(
            Q(pk__in=BudgetLine.objects.filter(year=value).values("sheet"))
            | Q(pk__in=FundingLine.objects.filter(year=value).values("sheet"))
        )

    def filter_flag(self, queryset, name, value):
        if value == ANY_FLAG:
            return queryset.exclude(follow_up_flag=FollowUpFlag.NONE)
        return queryset.filter(follow_up_flag=value)

    def filter_milestones(self, queryset, name, value):
        return queryset.filter(pk__in=overdue_milestones().values("sheet"))

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        contacts = self.user.contact_ids
        co_written = ActionSheet.objects.filter(co_authors__in=contacts).values("pk")
        return queryset.filter(Q(created_by=self.user) | Q(pilot__in=contacts) | Q(pk__in=co_written))

    def filter_search(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, on the otherwise filtered list

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("q"):
            queryset, self.search_mode = search.search(queryset, data["q"])
        if data.get("tri"):
            return queryset.order_by(*order_by(data["tri"]))
        if self.search_mode != "none":
            return queryset.order_by("-rank", *order_by("code"))
        return queryset.order_by(*order_by("code"))

    @property
    def sort(self):
        data = getattr(self.form, "cleaned_data", {})
        return data.get("tri") or ""

    @property
    def year(self):
        data = getattr(self.form, "cleaned_data", {})
        return int(data["annee"]) if data.get("annee") else None
