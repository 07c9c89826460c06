"""A fiche action: start one, read it, choose its co-authors, move it through the workflow, publish it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actionsheets import services
from actionsheets.forms import AuthorsForm, MoveForm, PublicationForm, SheetCreateForm
from actionsheets.models import ActionSheet
from actionsheets.overlaps import close_sheets
from actionsheets.permissions import (
    allowed_moves,
    can_edit_section,
    can_manage_authors,
    can_move,
    can_publish,
    can_review_overlaps,
    get_sheet_for_user,
    roles,
    startable_groups,
)
from actionsheets.sections import SECTIONS
from actionsheets.snapshot import snapshot
from actionsheets.workflow import MOVES_BY_ACTION
from background.submissions import replay_if_sent, submit_once
from solidarites.lib.text import readable


@require_http_methods(["GET", "HEAD", "POST"])
def sheet_create(request):
    if replay := replay_if_sent(request):
        return replay
    groups = startable_groups(request.user)
    if not groups.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("groupe", "").isdigit():
        initial["group"] = int(request.GET["groupe"])
    form = SheetCreateForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            data = form.cleaned_data
            sheet = services.create_sheet(by=request.user, group=data["group"], title=data["title"])
            messages.success(request, f"La fiche {sheet.code} est créée. Complétez-la section par section.")
            return submission.redirect(sheet)
    return render(request, "actionsheets/sheet_create.html", {"form": form})


def _sections(user, sheet):
    """Each section of the sheet page: its filled fields, whether `user` may edit it, its review comments."""
    content = snapshot(sheet)
    comments = {}
    for comment in sheet.comments.select_related("author"):
        comments.setdefault(comment.section, []).append(comment)
    sections = [
        {
            "section": section,
            "content": [
                {"label": label, "value": value, "is_list": isinstance(value, list)}
                for label, value in content[section.slug].items()
                if value not in ("", [], None)
            ],
            "filled": any(value not in ("", [], None) for value in content[section.slug].values()),
            "can_edit": can_edit_section(user, sheet, section.slug),
            "comments": comments.get(section.slug, []),
        }
        for section in SECTIONS
    ]
    return sections, comments.get("", [])


@require_safe
def sheet_detail(request, pk):
    sheet = get_sheet_for_user(request.user, pk)
    sheet = ActionSheet.objects.whole().get(pk=sheet.pk)
    sections, general_comments = _sections(request.user, sheet)
    context = {
        "sheet": sheet,
        "sections": sections,
        "general_comments": general_comments,
        "moves": allowed_moves(request.user, sheet),
        "can_manage_authors": can_manage_authors(request.user, sheet),
        "transitions": sheet.transitions.select_related("by").order_by("-at", "-pk")[:5],
        "budget": {name: readable(total) for name, total in sheet.budget_totals().items()},
        "attachments": sheet.attachments.all(),
        "close_sheets": close_sheets(sheet, request.user),
        "can_review_overlaps": can_review_overlaps(request.user),
        "can_publish": can_publish(request.user, sheet),
    }
    if context["can_publish"]:
        context["publication_form"] = PublicationForm(instance=sheet)
    return render(request, "actionsheets/sheet_detail.html", context)


@require_POST
def sheet_publication(request, pk):
    """A coordinator marks the sheet « publiable » on the public page /actions/ (or not), with its budget or not."""
    sheet = get_sheet_for_user(request.user, pk)
    if not can_publish(request.user, sheet):
        raise PermissionDenied
    form = PublicationForm(request.POST, instance=sheet)
    if not form.is_valid():
        sheet.refresh_from_db(fields=services.PUBLICATION_FIELDS)  # the form wrote the refused values on it
        return render(request, "actionsheets/sheet_publication.html", {"sheet": sheet, "form": form})
    sheet = services.set_publication(by=request.user, sheet=sheet, **form.cleaned_data)
    if not sheet.is_publishable:
        messages.success(request, f"La fiche {sheet.code} ne figure pas sur la page publique des actions.")
    elif sheet.is_validated:
        messages.success(request, f"La fiche {sheet.code} figure sur la page publique des actions.")
    else:
        messages.success(request, f"La fiche {sheet.code} figurera sur la page publique une fois validée.")
    return redirect(sheet)


@require_http_methods(["GET", "HEAD", "POST"])
def sheet_authors(request, pk):
    sheet = get_sheet_for_user(request.user, pk)
    if not can_manage_authors(request.user, sheet):
        raise PermissionDenied
    form = AuthorsForm(
        request.POST if request.method == "POST" else None,
        sheet=sheet,
        initial={"co_authors": list(sheet.co_authors.all())},
    )
    if request.method == "POST" and form.is_valid():
        services.set_co_authors(by=request.user, sheet=sheet, contacts=form.cleaned_data["co_authors"])
        messages.success(request, "Les co-auteurs de la fiche sont enregistrés.")
        return redirect(sheet)
    return render(request, "actionsheets/sheet_authors.html", {"sheet": sheet, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def sheet_move(request, pk, action):
    sheet = get_sheet_for_user(request.user, pk)
    step = MOVES_BY_ACTION.get(action)
    if step is None:
        raise Http404("Action inconnue")
    if not can_move(request.user, sheet, action):
        raise PermissionDenied
    if sheet.status not in step.sources:
        messages.error(
            request,
            f"« {step.label} » n'est pas possible : la fiche est « {sheet.get_status_display().lower()} ». "
            "Rien n'a été changé.",
        )
        return redirect(sheet)
    form = MoveForm(request.POST if request.method == "POST" else None, move=step, sections=SECTIONS)
    if request.method == "POST" and form.is_valid():
        return _move(request, sheet, action, form)
    return render(request, "actionsheets/sheet_move.html", {"sheet": sheet, "move": step, "form": form})


def _move(request, sheet, action, form):
    try:
        sheet = services.move(
            by=request.user,
            sheet=sheet,
            action=action,
            comment=form.cleaned_data.get("comment", ""),
            copil_date=form.cleaned_data.get("copil_date"),
            allowed_roles=roles(request.user, sheet),
            section_comments=form.section_comments(),
        )
    except services.TransitionRefused as error:
        messages.error(request, f"{error} Rien n'a été changé.")
        return redirect(sheet)
    messages.success(request, f"La fiche {sheet.code} est maintenant « {sheet.get_status_display().lower()} ».")
    return redirect(sheet)
