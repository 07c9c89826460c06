"""The forms of working groups and meeting venues, as the project team fills them in the portal."""

from django import forms
from django.db.models import Q

from partners.forms import VersionedModelForm
from partners.models import Axis
from workshops.models import Venue, WorkingGroup


class GroupForm(VersionedModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "axis", "mandate", "position", "is_active"]
        labels = {"name": "Nom du groupe", "axis": "Axe", "is_active": "Groupe actif"}
        help_texts = {
            "name": "Par exemple « Décrochage scolaire et insertion des 16-25 ans ».",
            "mandate": "Ce que le comité de pilotage attend du groupe (facultatif).",
            "position": "Les groupes sont présentés du plus petit numéro au plus grand.",
            "is_active": "Un groupe inactif n'apparaît plus dans la liste des groupes ni dans les formulaires.",
        }
        widgets = {"mandate": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"name": {"unique": "Un groupe de travail porte déjà ce nom."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active axes, plus the group's own axis should it have been deactivated since.
        self.fields["axis"].queryset = Axis.objects.filter(Q(is_active=True) | Q(pk=self.instance.axis_id))
        self.fields["axis"].empty_label = "— Choisir un axe —"
        if not self.instance.pk:
            del self.fields["is_active"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = WorkingGroup.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Un groupe de travail porte déjà ce nom.")
        return name


class VenueForm(VersionedModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "postal_code", "city", "accessibility", "capacity", "is_active"]
        labels = {"name": "Nom du lieu", "capacity": "Capacité (personnes)", "is_active": "Lieu proposé"}
        help_texts = {
            "name": "Par exemple « Maison des familles – salle 2 ».",
            "postal_code": "Cinq chiffres (facultatif).",
            "is_active": "Décochez pour ne plus le proposer aux nouvelles séances (les séances passées le gardent).",
        }
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        if not self.instance.pk:
            del self.fields["is_active"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Venue.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un lieu porte déjà ce nom.")
        return name

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if code and not (code.isascii() and code.isdigit() and len(code) == 5):
            raise forms.ValidationError("Le code postal compte cinq chiffres, par exemple 78370.")
        return code

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < 1:
            raise forms.ValidationError("La capacité est d'au moins une personne.")
        return capacity
