"""Forms of the shared diagnostic (findings) and of the register of coordination obstacles."""

from django import forms
from django.db.models import Q

from partners.forms import VersionedModelForm
from partners.models import Axis
from workshops.models import CoordinationObstacle, Finding, Meeting, ObstacleCategory
from workshops.register_filters import MeetingChoiceField


class FindingForm(VersionedModelForm):
    class Meta:
        model = Finding
        fields = ["axis", "kind", "source", "title", "text", "position"]
        labels = {"title": "Constat", "text": "Détail", "position": "Ordre d'affichage dans l'axe"}
        help_texts = {
            "title": "Une phrase, par exemple « Peu de lieux d'accueil pour les jeunes de 16 à 25 ans ».",
            "text": "Chiffres, exemples, extraits d'entretiens… (facultatif).",
            "position": "Les constats d'un même axe sont présentés du plus petit numéro au plus grand.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active axes, plus the finding's own axis should it have been deactivated since.
        self.fields["axis"].queryset = Axis.objects.filter(Q(is_active=True) | Q(pk=self.instance.axis_id))
        self.fields["axis"].empty_label = "— Choisir un axe —"
        self.fields["kind"].choices = [("", "— Choisir —"), *Finding.Kind.choices]
        self.fields["source"].choices = [("", "— Choisir —"), *Finding.Source.choices]


class ObstacleForm(VersionedModelForm):
    meeting = MeetingChoiceField(
        label="Soulevé lors de la séance",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="— Aucune séance en particulier —",
        help_text="Facultatif. Seules les séances auxquelles vous avez accès sont proposées.",
    )

    class Meta:
        model = CoordinationObstacle
        fields = ["title", "category", "description", "axes", "meeting", "levers", "status"]
        labels = {"title": "Frein", "levers": "Leviers proposés"}
        help_texts = {
            "title": "Une phrase, par exemple « Les professionnels ne connaissent pas les dispositifs des autres ».",
            "description": "Situations observées, conséquences pour les personnes accompagnées (facultatif).",
            "axes": "Les axes thématiques où ce frein se fait sentir (facultatif).",
            "levers": "Annuaire des acteurs, référent unique, cellule de veille, outil partagé… (facultatif).",
        }
        widgets = {
            "axes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "levers": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["category"].choices = [("", "— Choisir une catégorie —"), *ObstacleCategory.choices]
        axes = Q(is_active=True, is_cross_cutting=False)
        meetings = Q(pk__in=Meeting.objects.visible_to(user).values("pk"))
        if instance.pk:
            # What the obstacle already refers to stays selectable, even when out of this user's choices.
            axes |= Q(pk__in=instance.axes.values("pk"))
            meetings |= Q(pk=instance.meeting_id)
        self.fields["axes"].queryset = Axis.objects.filter(axes)
        self.fields["meeting"].queryset = Meeting.objects.filter(meetings).order_by("-starts_at", "-pk")
