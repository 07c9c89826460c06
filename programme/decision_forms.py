"""The form of the COPIL's decisions: for each fiche awaiting a decision, « validée », « à retravailler » (with
a comment to its authors, required), « ajournée » or nothing yet. The choices offered follow the workflow
(actionsheets.workflow): a fiche can only be sent back from « transmise au COPIL »."""

from django import forms

from actionsheets.workflow import MOVES_BY_ACTION
from programme.models import CopilDecision

Outcome = CopilDecision.Outcome
# The workflow move behind each outcome (« ajournée » makes none: it is offered where a validation could be).
OUTCOME_MOVES = {Outcome.VALIDATED: "validate", Outcome.REWORK: "copil_rework", Outcome.POSTPONED: "validate"}
NO_DECISION = ("", "Pas encore de décision")
REWORK_NEEDS_COMMENT = "Écrivez aux auteurs ce qu'il faut retravailler : ce commentaire leur est envoyé."
NOTHING_CHOSEN = "Choisissez une décision pour au moins une fiche."


def outcomes_for(status):
    """The outcomes the COPIL may give a fiche in `status` (empty: nothing to decide)."""
    return [
        (outcome.value, outcome.label)
        for outcome, action in OUTCOME_MOVES.items()
        if status in MOVES_BY_ACTION[action].sources
    ]


class CopilDecisionsForm(forms.Form):
    """One choice and one comment per fiche of `sheets` (those awaiting a decision)."""

    def __init__(self, *args, sheets, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheets = list(sheets)
        for sheet in self.sheets:
            self.fields[f"decision_{sheet.pk}"] = forms.ChoiceField(
                label=f"Décision sur la fiche {sheet.code}",
                choices=[NO_DECISION, *outcomes_for(sheet.status)],
                required=False,
                initial="",
                widget=forms.RadioSelect,
            )
            self.fields[f"commentaire_{sheet.pk}"] = forms.CharField(
                label=f"Commentaire aux auteurs de la fiche {sheet.code}",
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Obligatoire pour « à retravailler » : les auteurs le reçoivent par e-mail.",
            )

    def rows(self):
        """[{sheet, decision, comment}] with the bound fields of each fiche, in the order of the dossier."""
        return [
            {"sheet": sheet, "decision": self[f"decision_{sheet.pk}"], "comment": self[f"commentaire_{sheet.pk}"]}
            for sheet in self.sheets
        ]

    def clean(self):
        data = super().clean()
        for sheet in self.sheets:
            if data.get(f"decision_{sheet.pk}") == Outcome.REWORK and not data.get(f"commentaire_{sheet.pk}"):
                self.add_error(f"commentaire_{sheet.pk}", REWORK_NEEDS_COMMENT)
        if not self.errors and not self.choices():
            raise forms.ValidationError(NOTHING_CHOSEN)
        return data

    def choices(self):
        """[(sheet, outcome, comment)] of the fiches given a decision, for programme.decisions.record_decisions."""
        data = self.cleaned_data
        return [
            (sheet, data[f"decision_{sheet.pk}"], data.get(f"commentaire_{sheet.pk}", "").strip())
            for sheet in self.sheets
            if data.get(f"decision_{sheet.pk}")
        ]
