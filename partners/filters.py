"""The directory's list filters: search, type, axis, neighbourhood, state and sort order."""

import django_filters
from django import forms

from partners.models import Axis, Contact, Neighbourhood, Organisation, OrganisationType
from partners.permissions import can_see_inactive

ACTIVE_CHOICES = [("1", "Actives"), ("0", "Désactivées"), ("all", "Toutes")]


class SearchFilterMixin:
    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_active(self, queryset, name, value):
        if value == "all":
            return queryset
        return queryset.filter(is_active=value != "0")

    @property
    def qs(self):
        queryset = super().qs
        # Rank by relevance when searching, unless the user picked a sort order.
        data = getattr(self.form, "cleaned_data", {})
        if data.get("q") and not data.get("tri"):
            queryset = queryset.order_by("-rank", *self.default_order)
        return queryset


class OrganisationFilter(SearchFilterMixin, django_filters.FilterSet):
    default_order = ["name"]
    q = django_filters.CharFilter(
        label="Rechercher",
        method="filter_search",
        max_length=100,
        help_text="Nom, sigle, e-mail, ou nom et fonction d'un interlocuteur.",
    )
    type = django_filters.ModelChoiceFilter(
        label="Type de structure", queryset=OrganisationType.objects.all(), empty_label="Tous les types"
    )
    axe = django_filters.ModelChoiceFilter(
        label="Axe", field_name="axes", queryset=Axis.objects.active(), empty_label="Tous les axes"
    )
    quartier = django_filters.ModelChoiceFilter(
        label="Quartier",
        field_name="neighbourhoods",
        queryset=Neighbourhood.objects.all(),
        empty_label="Tous les quartiers",
    )
    etat = django_filters.ChoiceFilter(label="État", choices=ACTIVE_CHOICES, method="filter_active", empty_label=None)
    tri = django_filters.OrderingFilter(
        label="Trier par",
        empty_label="Pertinence ou nom",
        fields=[("name", "nom"), ("type__position", "type"), ("since", "depuis")],
        field_labels={"name": "Nom", "type__position": "Type", "since": "Partenaire depuis"},
    )

    class Meta:
        model = Organisation
        fields = []

    def __init__(self, data=None, *args, user, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and not data.get("etat"):
            data["etat"] = "1"
        super().__init__(data, *args, **kwargs)
        if not can_see_inactive(user):
            del self.filters["etat"]  # only coordinators see deactivated structures


class ContactFilter(SearchFilterMixin, django_filters.FilterSet):
    default_order = ["last_name", "first_name"]
    q = django_filters.CharFilter(
        label="Rechercher", method="filter_search", max_length=100, help_text="Nom, fonction, e-mail, ou structure."
    )
    type = django_filters.ModelChoiceFilter(
        label="Type de structure",
        field_name="organisation__type",
        queryset=OrganisationType.objects.all(),
        empty_label="Tous les types",
    )
    axe = django_filters.ModelChoiceFilter(
        label="Axe", field_name="organisation__axes", queryset=Axis.objects.active(), empty_label="Tous les axes"
    )
    principal = django_filters.BooleanFilter(
        label="Interlocuteurs principaux seulement", field_name="is_primary", widget=forms.CheckboxInput
    )
    tri = django_filters.OrderingFilter(
        label="Trier par",
        empty_label="Pertinence ou nom",
        fields=[("last_name", "nom"), ("organisation__name", "structure")],
        field_labels={"last_name": "Nom", "organisation__name": "Structure"},
    )

    class Meta:
        model = Contact
        fields = []

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("principal"):
            self.form.cleaned_data["principal"] = None
        return super().filter_queryset(queryset)
