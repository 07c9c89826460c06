"""Filters of the shared diagnostic and of the register of coordination obstacles (query-string parameters)."""

import django_filters
from django import forms
from django.utils import timezone

from partners.models import Axis
from workshops.models import CoordinationObstacle, Finding, Meeting, ObstacleCategory


def meeting_label(meeting):
    """« 21/05/2015 – Groupe Habitat : deuxième séance », for selects of meetings."""
    return f"{timezone.localtime(meeting.starts_at):%d/%m/%Y} – {meeting.title}"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return meeting_label(obj)


class MeetingChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = MeetingChoiceField


class FindingFilter(django_filters.FilterSet):
    axe = django_filters.ModelChoiceFilter(
        label="Axe", field_name="axis", queryset=Axis.objects.active(), empty_label="Tous les axes"
    )
    nature = django_filters.ChoiceFilter(
        label="Nature", field_name="kind", choices=Finding.Kind.choices, empty_label="Atouts, fragilités et besoins"
    )

    class Meta:
        model = Finding
        fields = []


class ObstacleFilter(django_filters.FilterSet):
    categorie = django_filters.ChoiceFilter(
        label="Catégorie", field_name="category", choices=ObstacleCategory.choices, empty_label="Toutes les catégories"
    )
    axe = django_filters.ModelChoiceFilter(
        label="Axe concerné", field_name="axes", queryset=Axis.objects.thematic(), empty_label="Tous les axes"
    )
    etat = django_filters.ChoiceFilter(
        label="État", field_name="status", choices=CoordinationObstacle.Status.choices, empty_label="Tous les états"
    )
    seance = MeetingChoiceFilter(
        label="Soulevé lors de la séance", field_name="meeting", queryset=Meeting.objects.none(), empty_label="Toutes"
    )

    class Meta:
        model = CoordinationObstacle
        fields = []

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None and data.get("meeting") and not data.get("seance"):
            data = data.copy()
            data["seance"] = data["meeting"]  # « ?meeting=<pk> » is accepted as a synonym of « ?seance=<pk> »
        super().__init__(data, *args, **kwargs)
        self.filters["seance"].queryset = Meeting.objects.visible_to(user).order_by("-starts_at", "-pk")
