"""The COPIL dossier (engineer « dossier »): the page of a COPIL meeting's dossier, its fiches, its documents.

The project team opens it (which makes the dossier with the fiches « transmises au COPIL »), adds or removes
fiches and asks for the dossier as a PDF or an editable ODT document; elected members (readers) read it and may
download it; partners and outsiders get 404 (programme.permissions).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from actionsheets.models import ActionSheet
from actionsheets.permissions import statuses_visible_to
from actionsheets.pickers import sheet_label
from background import documents
from partners.picking import PickerMultipleChoiceField
from programme import copil, copil_documents, decisions, snapshots
from programme.dashboard import Figures
from programme.permissions import can_close_copil, can_manage_copil_dossier, can_read_copil_dossier


class SheetPickerField(PickerMultipleChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, kind="fiches-copil", **kwargs)

    def label_from_instance(self, obj):
        return sheet_label(obj)


class SheetsForm(forms.Form):
    ajouter = SheetPickerField(
        label="Fiches à ajouter au dossier",
        queryset=ActionSheet.objects.none(),
        required=False,
        help_text="Les fiches transmises ou validées qui ne sont pas encore au dossier.",
    )
    retirer = forms.ModelMultipleChoiceField(
        label="Fiches à retirer du dossier",
        queryset=ActionSheet.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ajouter"].queryset = copil.addable_sheets(dossier)
        self.fields["retirer"].queryset = dossier.sheets.select_related("axis").order_by("axis__position", "code")

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("ajouter") and not data.get("retirer"):
            self.add_error("ajouter", "Choisissez au moins une fiche à ajouter ou à retirer.")
        return data


def _meeting(user, pk):
    """The COPIL meeting `pk`, for those who may read its dossier (404 for anybody else, and for any other
    kind of meeting)."""
    if not can_read_copil_dossier(user):
        raise Http404
    return copil.copil_meeting(pk)


def _page(request, meeting, form=None):
    user = request.user
    manage = can_manage_copil_dossier(user)
    dossier = copil.open_dossier(by=user, meeting=meeting) if manage else copil.existing_dossier(meeting)
    closed = dossier is not None and dossier.closed_at is not None
    if manage and not closed and form is None:
        form = SheetsForm(dossier=dossier)
    summary = copil.summary(copil.sheet_ids(dossier))
    linkable = {value for value, _ in statuses_visible_to(user)}
    for group in summary.groups:
        for sheet in group.sheets:
            sheet.url = reverse("actionsheets:sheet_detail", args=[sheet.pk]) if sheet.status in linkable else ""
    figures = Figures(user)
    context = {
        "meeting": meeting,
        "dossier": dossier,
        "closed": closed,
        "summary": summary,
        "sheets_form": form if manage and not closed else None,
        "can_manage": manage,
        "figures": [figures.statuses().align(), figures.budget().align()],
        "decision_rows": decisions.decision_rows(user, dossier) if dossier else None,
        "can_close": can_close_copil(user),
        **snapshots.changes_since_last_copil(user, dossier=dossier),
    }
    return render(request, "programme/copil_dossier.html", context)


def _changes(added, removed):
    """« 1 fiche ajoutée, 2 fiches retirées »."""
    parts = [f"{len(added)} fiche{'s' * (len(added) > 1)} ajoutée{'s' * (len(added) > 1)}"] if added else []
    parts += [f"{len(removed)} fiche{'s' * (len(removed) > 1)} retirée{'s' * (len(removed) > 1)}"] if removed else []
    return ", ".join(parts) or "aucun changement"


@require_safe
def copil_dossier(request, pk):
    return _page(request, _meeting(request.user, pk))


@require_POST
def copil_sheets(request, pk):
    meeting = _meeting(request.user, pk)
    if not can_manage_copil_dossier(request.user):
        raise PermissionDenied
    dossier = copil.open_dossier(by=request.user, meeting=meeting)
    form = SheetsForm(request.POST, dossier=dossier)
    if not form.is_valid():
        return _page(request, meeting, form)
    try:
        added, removed = copil.change_sheets(
            by=request.user, dossier=dossier, add=form.cleaned_data["ajouter"], remove=form.cleaned_data["retirer"]
        )
    except copil.DossierClosed as closed:
        messages.error(request, str(closed))
        return redirect("programme:copil_dossier", pk=meeting.pk)
    messages.success(request, f"Dossier mis à jour : {_changes(added, removed)}.")
    return redirect("programme:copil_dossier", pk=meeting.pk)


@require_POST
def copil_document(request, pk, fmt):
    meeting = _meeting(request.user, pk)
    kind = copil_documents.KINDS.get(fmt)
    if kind is None:
        raise Http404("Format inconnu")
    try:
        build, created = documents.request_build(request.user, kind, {"meeting": str(meeting.pk)})
    except documents.DocumentRefused as refused:
        messages.error(request, refused.message)
        target = ("background:document_build", refused.build.pk) if refused.build else ("background:document_list",)
        return redirect(target[0], *target[1:])
    if not created:
        messages.info(request, "Ce dossier est déjà en préparation pour vous : le voici.")
    return redirect("background:document_build", pk=build.pk)
