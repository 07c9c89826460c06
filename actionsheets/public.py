"""What the public page of validated actions (/actions/, no login) reads: the fiches marked « publiable »
(actionsheets.permissions.public_sheets), with only their public summary, and its filters by axis and
neighbourhood. Nothing here reads a person: no pilot, co-author, creator or elected referent."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from actionsheets.models import ActionSheet
from partners.models import Axis, Neighbourhood

PAGE_SIZE = 20


def public_sheets():
    """The publishable validated sheets with what their public summary shows, in a fixed number of queries."""
    return (
        ActionSheet.objects.public()
        .select_related("axis", "lead_organisation")
        .prefetch_related("target_publics", "neighbourhoods")
    )


def public_sheet(pk):
    """One sheet of the public page with its budget totals (shown only when marked public); DoesNotExist else."""
    return public_sheets().with_totals().get(pk=pk)


class PublicSheetFilter(django_filters.FilterSet):
    """The public list's filters, in the query string: ?axe=DS&quartier=3."""

    axe = django_filters.ModelChoiceFilter(
        label="Axe",
        field_name="axis",
        to_field_name="code",
        queryset=Axis.objects.active(),
        empty_label="Tous les axes",
    )
    quartier = django_filters.ModelChoiceFilter(
        label="Quartier",
        method="filter_neighbourhood",
        queryset=Neighbourhood.objects.all(),
        empty_label="Tous les quartiers",
        help_text="Les actions menées dans toute la commune sont toujours montrées.",
    )

    class Meta:
        model = ActionSheet
        fields = []

    def filter_neighbourhood(self, queryset, name, value):
        """The sheets of this neighbourhood and those of the whole commune (no neighbourhood), each once."""
        through = ActionSheet.neighbourhoods.through.objects.filter(actionsheet=OuterRef("pk"))
        return queryset.filter(Q(Exists(through.filter(neighbourhood=value))) | ~Q(Exists(through)))
