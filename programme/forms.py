"""The forms of the programme pages: the partner map's filters, and the fiches that answer a finding."""

import django_filters
from django import forms

from actionsheets.permissions import can_edit_section
from partners.models import Neighbourhood, OrganisationType
from programme import partner_map

CONTEXT_SECTION = "contexte"  # the editor's section that holds a fiche's findings


class PartnerMapFilter(django_filters.FilterSet):
    """The map's filters (GET): type, neighbourhood, and the two situations the coordinator acts on."""

    type = django_filters.ModelChoiceFilter(
        label="Type de structure",
        queryset=OrganisationType.objects.filter(is_active=True),
        empty_label="Tous les types",
    )
    quartier = django_filters.ModelChoiceFilter(
        label="Quartier",
        field_name="neighbourhoods",
        queryset=Neighbourhood.objects.all(),
        empty_label="Tous les quartiers",
    )
    un_seul_axe = django_filters.BooleanFilter(
        label="Actives dans un seul axe", method="filter_one_axis", widget=forms.CheckboxInput
    )
    journee = django_filters.BooleanFilter(
        label="Présentes à la journée partenariale, dans aucun groupe depuis",
        method="filter_partners_day",
        widget=forms.CheckboxInput,
    )

    def __init__(self, data=None, *args, axes, now=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.axis_ids = [axis.pk for axis in axes]
        self.now = now

    def filter_one_axis(self, queryset, name, value):
        if not value:
            return queryset
        return partner_map.in_one_axis_only(queryset, self.axis_ids, partner_map.session_window(self.now))

    def filter_partners_day(self, queryset, name, value):
        return partner_map.at_partners_day_only(queryset, self.now) if value else queryset


def _sheet_label(sheet):
    return f"{sheet.code} – {sheet.title} ({sheet.get_status_display().lower()})"


class FindingSheetsForm(forms.Form):
    """The fiches that answer one finding, ticked from the finding's side.

    Offered: the fiches of `candidates` (coverage.link_candidates, each with `is_linked`) whose section
    « contexte » the user may change. A fiche ticked that the user may not change (submitted meanwhile, or a
    tampered form) gets an error next to the field, and what was ticked is kept as it was sent."""

    sheets = forms.TypedMultipleChoiceField(
        label="Fiches actions qui répondent à ce constat",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez les fiches dont l'action répond à ce besoin ; décochez celles qui n'y répondent pas.",
    )

    def __init__(self, data=None, *, finding, candidates, user):
        self.finding = finding
        self.candidates = {sheet.pk: sheet for sheet in candidates}
        self.editable = [sheet for sheet in candidates if can_edit_section(user, sheet, CONTEXT_SECTION)]
        self.linked = {sheet.pk for sheet in candidates if sheet.is_linked}
        editable_ids = {sheet.pk for sheet in self.editable}
        initial = {"sheets": [pk for pk in self.linked if pk in editable_ids]}
        super().__init__(data, initial=initial)
        shown = editable_ids | (self._posted_ids() & set(self.candidates))
        self.fields["sheets"].choices = [
            (pk, _sheet_label(sheet)) for pk, sheet in self.candidates.items() if pk in shown
        ]

    @staticmethod
    def asked(data):
        """The ids of the fiches ticked in `data` (a POST, or None)."""
        if data is None:
            return set()
        ids = data.getlist("sheets")[:1000]
        return {int(value) for value in ids if value.isascii() and value.isdigit() and len(value) < 19}

    def _posted_ids(self):
        return self.asked(self.data if self.is_bound else None)

    @property
    def read_only_linked(self):
        """The fiches linked to the finding that this user sees but may not change here."""
        editable_ids = {sheet.pk for sheet in self.editable}
        return [self.candidates[pk] for pk in self.candidates if pk in self.linked and pk not in editable_ids]

    def clean_sheets(self):
        chosen = set(self.cleaned_data["sheets"])
        editable_ids = {sheet.pk for sheet in self.editable}
        refused = [self.candidates[pk] for pk in sorted(chosen - editable_ids - self.linked)]
        if refused:
            codes = ", ".join(sheet.code for sheet in refused)
            raise forms.ValidationError(
                f"Vous ne pouvez pas lier {'la fiche' if len(refused) == 1 else 'les fiches'} {codes} à ce constat : "
                "une fiche se modifie par ses auteurs, l'animation de son groupe ou l'équipe projet, et seulement "
                "tant qu'elle est en brouillon ou à retravailler. Décochez-la pour enregistrer le reste."
            )
        return chosen

    def changes(self):
        """(sheets to link, sheets to unlink), among those the user may change."""
        chosen = self.cleaned_data["sheets"]
        add = [sheet for sheet in self.editable if sheet.pk in chosen and sheet.pk not in self.linked]
        remove = [sheet for sheet in self.editable if sheet.pk not in chosen and sheet.pk in self.linked]
        return add, remove
