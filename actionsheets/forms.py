"""Small forms of the sheet pages: starting a sheet, choosing its co-authors, making a workflow move, publishing
it on the public page."""

from django import forms
from django.utils import timezone

from actionsheets.models import ActionSheet
from partners.models import Contact
from partners.picking import PickerChoiceField
from workshops.forms import ContactMultipleChoiceField
from workshops.models import WorkingGroup


class SheetCreateForm(forms.Form):
    group = PickerChoiceField(
        label="Groupe de travail", queryset=WorkingGroup.objects.none(), kind="groupes-nouvelle-fiche"
    )
    title = forms.CharField(label="Intitulé de l'action", max_length=300, help_text="Résumez l'action en une phrase.")

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class AuthorsForm(forms.Form):
    co_authors = ContactMultipleChoiceField(
        label="Co-auteurs",
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les membres du groupe qui écrivent la fiche avec vous.",
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_authors"].queryset = (
            Contact.objects.active()
            .filter(memberships__group=sheet.group, memberships__is_active=True)
            .select_related("organisation")
            .order_by("last_name", "first_name")
            .distinct()
        )


class MoveForm(forms.Form):
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    copil_date = forms.DateField(
        label="Date du COPIL",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, move, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.move = move
        if move.needs_comment:
            self.fields["comment"].required = True
            self.fields["comment"].help_text = move.help or "Obligatoire pour cette action."
        else:
            self.fields["comment"].help_text = "Facultatif."
        if move.needs_copil_date:
            self.fields["copil_date"].required = True
        else:
            del self.fields["copil_date"]
        self.section_fields = []
        if move.action == "send_back":
            for section in sections:
                name = f"section_{section.slug}"
                self.fields[name] = forms.CharField(
                    label=f"Remarque sur « {section.title} »",
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.section_fields.append((section.slug, name))

    def clean_copil_date(self):
        value = self.cleaned_data["copil_date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("La date du COPIL ne peut pas être dans le futur.")
        return value

    def section_comments(self):
        return {slug: self.cleaned_data.get(name, "") for slug, name in self.section_fields}


class PublicationForm(forms.ModelForm):
    """Whether the sheet shows on the public page /actions/ once validated, with its budget or not, and the
    summary written for residents (the coordinators': services.set_publication)."""

    class Meta:
        model = ActionSheet
        fields = ["is_publishable", "public_budget", "public_summary"]
        labels = {"is_publishable": "Publiable sur la page publique des actions"}
        widgets = {"public_summary": forms.Textarea(attrs={"rows": 4})}
