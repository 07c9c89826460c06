"""The COPIL's decisions per fiche, recorded in one form (programme.decisions). The form sits on the dossier
page; this page shows it alone, and again with its errors (everything typed kept) when it is not valid."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from programme import decisions
from programme.permissions import get_dossier_for_decisions


def _summary(recorded, in_minutes):
    count = len(recorded)
    text = f"{count} décision{'s' if count > 1 else ''} du COPIL enregistrée{'s' if count > 1 else ''}"
    text += " : " + ", ".join(f"{d.sheet.code} {d.get_outcome_display().lower()}" for d in recorded) + "."
    if in_minutes:
        return text + " Elles figurent dans les décisions du compte rendu de la séance."
    return text + " Le compte rendu étant publié, elles n'y ont pas été ajoutées."


@require_http_methods(["GET", "HEAD", "POST"])
def copil_decisions(request, pk):
    dossier = get_dossier_for_decisions(request.user, pk)
    panel = decisions.decision_rows(request.user, dossier, request.POST if request.method == "POST" else None)
    context = {"dossier": dossier, "decision_rows": panel, "meeting": dossier.meeting}
    if request.method == "POST" and panel.refusal:
        messages.error(request, f"{panel.refusal} Rien n'a été enregistré.")
        return render(request, "programme/copil_decisions.html", context, status=403)
    if request.method == "POST" and panel.form.is_valid():
        try:
            recorded, in_minutes = decisions.record_decisions(request.user, dossier, panel.form.choices())
        except decisions.DecisionsRefused as error:
            messages.error(request, f"{error} Rien n'a été enregistré.")
            return redirect("programme:copil_decisions", pk=pk)
        messages.success(request, _summary(recorded, in_minutes))
        return redirect(reverse("programme:copil_dossier", kwargs={"pk": pk}) + "#decisions")
    return render(request, "programme/copil_decisions.html", context)
