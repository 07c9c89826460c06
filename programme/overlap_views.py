"""« Rapprochements »: the look-alike fiches of two groups across the programme (actionsheets.overlaps), best
first, and the project team's three decisions on a pair (link, not a duplicate, propose pooling)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from actionsheets.enums import OverlapDecision
from actionsheets.models import ActionSheet, Overlap
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
    (decision, -score); the pending pairs of an abandoned or archived fiche are gone with its last move. The fiches
    come in two small queries of their own: one query joining the pair to both fiches, their groups and axes took
    PostgreSQL 14 ms to plan for 3 ms to run."""
    sides = ActionSheet.objects.select_related("group", "axis").only(*SIDE_FIELDS)
    return (
        Overlap.objects.filter(decision__in=STATES[state][1])
        .select_related("decided_by")
        .only(
            "score",
            "reasons",
            "decision",
            "decided_at",
            "sheet",
            "other",
            "decided_by__first_name",
            "decided_by__last_name",
        )
        .prefetch_related(Prefetch("sheet", queryset=sides), Prefetch("other", queryset=sides))
        .order_by("-score", "pk")
    )


@require_safe
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
