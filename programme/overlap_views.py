"""« Rapprochements »: the look-alike fiches of two groups across the programme (actionsheets.overlaps), best
first, and the project team's three decisions on a pair (link, not a duplicate, propose pooling)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from actionsheets.enums import OverlapDecision
from actionsheets.models import Overlap
from actionsheets.overlap_services import DECISIONS
from actionsheets.overlaps import closeness_label
from programme.permissions import can_decide_overlaps, can_see_overlaps
from solidarites.lib.pagination import CappedPaginator

PAGE_SIZE = 20
# ?etat=…: the pairs shown (the pending ones by default)
STATES = {
    "a-examiner": ("À examiner", [OverlapDecision.PENDING]),
    "liees": ("Fiches liées", [OverlapDecision.LINKED]),
    "mutualisation": ("Mutualisation proposée", [OverlapDecision.POOLING_PROPOSED]),
    "pas-un-doublon": ("Pas un doublon", [OverlapDecision.NOT_DUPLICATE]),
}
DEFAULT_STATE = "a-examiner"
# (URL action, button, style, the decision it records: not offered again on a pair that has it)
BUTTONS = [
    ("lier", "Lier ces fiches", "btn-primary", OverlapDecision.LINKED),
    ("pas-un-doublon", "Pas un doublon", "btn-outline-secondary", OverlapDecision.NOT_DUPLICATE),
    ("mutualiser", "Proposer une mutualisation", "btn-outline-primary", OverlapDecision.POOLING_PROPOSED),
]


class StateForm(forms.Form):
    etat = forms.ChoiceField(
        label="Rapprochements", choices=[(key, label) for key, (label, _) in STATES.items()], required=False
    )


def _state(data):
    state = data.get("etat", "")
    return state if state in STATES else DEFAULT_STATE


# What the list shows of each fiche: a fiche row holds every section of the form (kilobytes of text).
SIDE_FIELDS = ["code", "title", "status", "group__name", "axis__code", "axis__title"]


def _pairs(state):
    """The pairs of one state, best first, both fiches with their group and axis. Served by the index
    (decision, -score); the pending pairs of an abandoned or archived fiche are gone with its last move."""
    sides = [f"{side}__{name}" for side in ("sheet", "other") for name in SIDE_FIELDS]
    return (
        Overlap.objects.filter(decision__in=STATES[state][1])
        .select_related("sheet__group", "sheet__axis", "other__group", "other__axis", "decided_by")
        .only("score", "reasons", "decision", "decided_at", *sides, "decided_by__first_name", "decided_by__last_name")
        .order_by("-score", "pk")
    )


@require_GET
def overlap_list(request):
    if not can_see_overlaps(request.user):
        raise PermissionDenied
    state = _state(request.GET)
    paginator = CappedPaginator(_pairs(state), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    for pair in page.object_list:
        pair.closeness, pair.sides = closeness_label(pair.score), (pair.sheet, pair.other)
    context = {
        "page": page,
        "total": paginator.total,
        "state": state,
        "state_label": STATES[state][0],
        "form": StateForm(initial={"etat": state}),
        "pending": state == DEFAULT_STATE,
        "can_decide": can_decide_overlaps(request.user),
        "decisions": BUTTONS,
    }
    return render(request, "programme/overlap_list.html", context)


def _done(request, action, pair, result):
    first, second = pair.sheet.code, pair.other.code
    if action == "lier":
        messages.success(
            request, f"Les fiches {first} et {second} sont liées : chacune figure dans les fiches liées de l'autre."
        )
    elif action == "pas-un-doublon":
        messages.success(
            request, f"C'est noté : {first} et {second} ne sont pas un doublon. Ce rapprochement ne sera plus proposé."
        )
    else:
        names = ", ".join(email for email, _ in result.recipients) or "personne"
        messages.success(request, f"La proposition de mutualisation de {first} et {second} est envoyée à : {names}.")
        for sheet in result.unreachable:
            who = "n'a pas de pilote" if sheet.pilot is None else f"a pour pilote {sheet.pilot}, sans adresse e-mail"
            messages.warning(request, f"La fiche {sheet.code} {who} : prévenez-le autrement.")


@require_POST
def overlap_decide(request, pk, action):
    decide = DECISIONS.get(action)
    if decide is None:
        raise Http404("Action inconnue")
    if not can_decide_overlaps(request.user):
        raise PermissionDenied
    pair = get_object_or_404(Overlap.objects.select_related("sheet", "other"), pk=pk)
    result = decide(by=request.user, overlap=pair)
    _done(request, action, pair, result)
    return redirect(reverse("programme:overlap_list") + f"?etat={_state(request.POST)}")
