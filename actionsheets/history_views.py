"""The history of a fiche action (versions, workflow moves and review comments, newest first) and the
field-by-field comparison of any two of its versions.

Whoever may see the sheet sees its history (actionsheets.permissions.get_sheet_for_user: 404 otherwise). Both
pages make the same number of queries whatever the number of versions: the timeline reads the versions without
their content, and the comparison loads the content of the two versions compared only.
"""

import re

from django.shortcuts import render
from django.views.decorators.http import require_safe

from actionsheets import history
from actionsheets.diff import compare
from actionsheets.permissions import get_sheet_for_user

NUMBER = re.compile(r"\d{1,9}")


@require_safe
def sheet_history(request, pk):
    sheet = get_sheet_for_user(request.user, pk)
    versions = history.versions(sheet)
    context = {
        "sheet": sheet,
        "timeline": history.timeline(sheet, versions),
        "versions": versions,
        "compare": history.compare_choices(versions),
    }
    return render(request, "actionsheets/history.html", context)


# Comparison


class BadParameter(Exception):
    pass


def _parse(request, name, label, known):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not NUMBER.fullmatch(raw):
        raise BadParameter(
            f"« {raw[:30]} » n'est pas un numéro de version ({label}) : choisissez les versions dans les listes."
        )
    number = int(raw)
    if number not in known:
        if not known:
            raise BadParameter("Cette fiche n'a encore aucune version enregistrée.")
        count = len(known)
        which = f"{count} versions, numérotées de {min(known)} à {max(known)}" if count > 1 else "une seule version"
        raise BadParameter(f"La version {number} n'existe pas ({label}) : cette fiche compte {which}.")
    return number


def _requested_pair(request, known):
    """(start, end, errors): the version numbers asked for (None when left out) and what is wrong with them."""
    errors, pair = [], []
    for name, label in (("de", "version de départ"), ("a", "version d'arrivée")):
        try:
            pair.append(_parse(request, name, label, known))
        except BadParameter as error:
            pair.append(None)
            errors.append(str(error))
    return *pair, errors


@require_safe
def sheet_diff(request, pk):
    sheet = get_sheet_for_user(request.user, pk)
    versions = history.versions(sheet)
    by_number = {version.number: version for version in versions}
    start, end, errors = _requested_pair(request, by_number)
    context = {"sheet": sheet, "errors": errors}
    if errors:
        context["compare"] = history.compare_choices(versions)
        return render(request, "actionsheets/diff.html", context, status=400)
    start, end = history.default_pair(sorted(by_number), start, end)
    context["compare"] = history.compare_choices(versions, start, end)
    if start is None or start == end:
        # nothing to compare: a single version so far, the same version chosen twice, or the first one alone
        context.update(single=by_number.get(end), only_one=len(by_number) <= 1)
        return render(request, "actionsheets/diff.html", context)
    contents = dict(sheet.versions.filter(number__in=[start, end]).values_list("number", "data"))
    sections = compare(contents[start], contents[end])
    context.update(
        start=by_number[start],
        end=by_number[end],
        sections=sections,
        changed_fields=sum(len(section["fields"]) for section in sections),
    )
    return render(request, "actionsheets/diff.html", context)
