"""The section editor of a fiche action.

One page per section, saved one at a time through services.save_section (per-section optimistic locking).
Repeated items are added in place with htmx (`section_row`) or, without JavaScript, with a submit button that
re-renders the form with one more empty row. What is typed is autosaved as a draft (`section_draft`); a draft
newer than the saved section is restored when the section is reopened. A save made from an older version of the
section is refused with both versions side by side and what was typed kept, re-postable with the new version.
After a successful save the person comes back to the same section, with a success message.
"""

import logging

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actionsheets import services
from actionsheets.completeness import SectionState, section_states
from actionsheets.editor_forms import CHILDREN, MAX_ROWS, MAX_VERSION, SectionEditor, new_row
from actionsheets.models import ActionSheet, SectionDraft
from actionsheets.permissions import can_edit_section, get_sheet_for_user, get_sheet_to_edit
from actionsheets.sections import SECTIONS, SECTIONS_BY_SLUG
from actionsheets.snapshot import snapshot
from background.uploads import UploadNotSaved
from solidarites.lib.downloads import file_download

logger = logging.getLogger(__name__)
NOT_IN_DRAFT = ("csrfmiddlewaretoken", "ajouter", "supprimer")
PREFETCH = {
    "partners": "partners__organisation",
    "budget_lines": "budget_lines",
    "funding_lines": "funding_lines__funder",
    "milestones": "milestones",
    "indicators": "indicators__measurements",
    "attachments": "attachments",
    "reviews": "reviews",
}
RELATED_PREFETCH = {section.slug: [PREFETCH[related] for related in section.children] for section in SECTIONS}


def _section(slug):
    section = SECTIONS_BY_SLUG.get(slug)
    if section is None:
        raise Http404("Section inconnue")
    return section


def _section_url(sheet, section):
    return reverse("actionsheets:section_edit", kwargs={"pk": sheet.pk, "slug": section.slug})


def _draft_data(post):
    """What was typed, without NUL characters (the form refuses them, and a JSON column cannot store them)."""
    return {
        key.replace("\x00", ""): [value.replace("\x00", "") for value in post.getlist(key)]
        for key in post
        if key not in NOT_IN_DRAFT
    }


def _keep_draft(request, sheet, section, base_version):
    """What was typed, kept as a draft so that nothing is lost if the page is closed now."""
    services.save_draft(
        by=request.user, sheet=sheet, section=section.slug, data=_draft_data(request.POST), base_version=base_version
    )


def _posted_version(post):
    try:
        version = max(int(post.get("base_version", "")), 0)
    except ValueError:
        return None
    return version if version <= MAX_VERSION else None


def _current_values(sheet, section):
    """[(label, text or list of lines)] of the section as saved now (the left-hand side of the conflict page)."""
    m2m = [name for name in section.fields if ActionSheet._meta.get_field(name).many_to_many]
    fresh = (
        ActionSheet.objects.select_related("pilot", "lead_organisation")
        .prefetch_related(*m2m, *RELATED_PREFETCH[section.slug])
        .get(pk=sheet.pk)
    )
    content = snapshot(fresh)[section.slug]
    return [(label, value, isinstance(value, list)) for label, value in content.items()]


def _menu(user, sheet, section):
    """The section menu: each section with whether this person may open it and how far it is written, and the
    next section this person may open (« Section suivante »)."""
    states = section_states(sheet)
    links = [(item, can_edit_section(user, sheet, item.slug), states[item.slug]) for item in SECTIONS]
    after = [item for item, editable, _state in links[SECTIONS.index(section) + 1 :] if editable]
    return {
        "section_links": links,
        "next_section": after[0] if after else None,
        "filled_count": sum(state == SectionState.FILLED for state in states.values()),
    }


def _render(request, sheet, section, editor, *, status=200, **context):
    versions = sheet.versions.filter(section=section.slug).select_related("saved_by").order_by("-number")
    return render(
        request,
        "actionsheets/section_edit.html",
        {
            "sheet": sheet,
            "section": section,
            "editor": editor,
            "form": editor.form,
            "errors": editor.error_list(),
            "last_version": versions.first(),
            "review_comments": sheet.comments.filter(section=section.slug).select_related("author"),
            **_menu(request.user, sheet, section),
            "max_rows": MAX_ROWS,
            **context,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def section_edit(request, pk, slug):
    section = _section(slug)
    sheet = get_sheet_to_edit(request.user, pk, slug)
    if request.method == "GET":
        return _edit_form(request, sheet, section)
    editor = SectionEditor(sheet=sheet, section=section, user=request.user, data=request.POST, files=request.FILES)
    related = request.POST.get("ajouter")
    if related is not None:
        return _with_extra_row(request, sheet, section, editor, related)
    if not editor.is_valid():
        return _invalid(request, sheet, section, editor)
    return _save(request, sheet, section, editor)


def _with_extra_row(request, sheet, section, editor, related):
    """« Ajouter une ligne » without JavaScript: one more empty row, nothing saved."""
    if related not in section.children:
        editor.silence_errors()
        return _render(request, sheet, section, editor)
    editor = editor.with_extra_row(related)
    return _render(request, sheet, section, editor, added_row=CHILDREN[related])


def _invalid(request, sheet, section, editor):
    version = _posted_version(request.POST)
    if version is None:
        return _render(request, sheet, section, editor)
    _keep_draft(request, sheet, section, version)
    if version != services.section_version(sheet, section.slug):
        # Saved by somebody else meanwhile: show their version too, next to this input and its errors.
        return _conflict(request, sheet, section, editor)
    return _render(request, sheet, section, editor)


def _save(request, sheet, section, editor):
    try:
        services.save_section(
            by=request.user,
            sheet=sheet,
            section=section.slug,
            base_version=editor.base_version,
            changes=editor.changes(),
        )
    except services.SectionConflict as conflict:
        _keep_draft(request, sheet, section, editor.base_version)
        return _conflict(request, conflict.sheet, section, editor)
    except services.SectionLocked:
        _keep_draft(request, sheet, section, editor.base_version)
        return render(request, "actionsheets/section_locked.html", {"sheet": sheet, "section": section}, status=403)
    except UploadNotSaved as error:  # the disk full: nothing saved, the message next to each new file
        editor.upload_failed(error.message)
        _keep_draft(request, sheet, section, editor.base_version)
        return _render(request, sheet, section, editor)
    except IntegrityError:
        logger.exception("Section %s of sheet %s not saved", section.slug, sheet.pk)
        _keep_draft(request, sheet, section, editor.base_version)
        return _render(request, sheet, section, editor, save_failed=True)
    messages.success(request, f"La section « {section.title} » est enregistrée.")
    return redirect(_section_url(sheet, section))


def _conflict(request, current, section, editor):
    """Both versions side by side; the form keeps what was typed and carries the version saved meanwhile, so that
    a second, deliberate save applies."""
    editor.set_base_version(services.section_version(current, section.slug))
    return _render(
        request,
        current,
        section,
        editor,
        status=409,
        conflict=True,
        current_values=_current_values(current, section),
    )


def _edit_form(request, sheet, section):
    """The section as saved, or as this person left it in a draft that was not saved."""
    draft = SectionDraft.objects.filter(sheet=sheet, user=request.user, section=section.slug).first()
    if draft is not None:
        data = QueryDict(mutable=True)
        for key, values in draft.data.items():
            data.setlist(key, [str(value) for value in values] if isinstance(values, list) else [str(values)])
        editor = SectionEditor(sheet=sheet, section=section, user=request.user, data=data)
        if editor.has_management_data() and "base_version" in data:
            editor.silence_errors()
            stale = draft.base_version < services.section_version(sheet, section.slug)
            return _render(request, sheet, section, editor, draft=draft, stale_draft=stale)
    editor = SectionEditor(sheet=sheet, section=section, user=request.user)
    return _render(request, sheet, section, editor)


@require_safe
def section_row(request, pk, slug, related):
    """One empty row of a repeated item, numbered `index` (htmx « Ajouter une ligne »)."""
    section = _section(slug)
    sheet = get_sheet_to_edit(request.user, pk, slug)
    if related not in section.children:
        raise Http404("Pas de lignes de ce type dans cette section")
    try:
        index = min(max(int(request.GET.get("index", "0")), 0), MAX_ROWS - 1)
    except ValueError:
        index = 0
    child = CHILDREN[related]
    return render(
        request,
        "actionsheets/section_row.html",
        {
            "sheet": sheet,
            "section": section,
            "child": child,
            "form": new_row(child, sheet, index),
            "number": index + 1,
            "row_template": f"actionsheets/includes/_row_{related}.html",
        },
    )


@require_POST
def section_draft(request, pk, slug):
    """Autosave (204), or « Supprimer le brouillon » (back to the saved section)."""
    section = _section(slug)
    sheet = get_sheet_to_edit(request.user, pk, slug)
    if request.POST.get("supprimer"):
        services.discard_draft(by=request.user, sheet=sheet, section=section.slug)
        messages.success(request, "Le brouillon est supprimé : voici la section telle qu'elle est enregistrée.")
        return redirect(_section_url(sheet, section))
    version = _posted_version(request.POST)
    if version is None:
        return HttpResponseBadRequest("base_version manquant")
    if version < services.section_version(sheet, section.slug):
        last = sheet.versions.filter(section=section.slug).order_by("-number").first()
        if last is not None and last.saved_by_id == request.user.pk:
            # A late autosave of what this person has just saved: keeping it would offer a stale draft.
            return HttpResponse(status=204)
    _keep_draft(request, sheet, section, version)
    return HttpResponse(status=204)


@require_safe
def attachment_download(request, pk, attachment):
    sheet = get_sheet_for_user(request.user, pk)
    return file_download(get_object_or_404(sheet.attachments, pk=attachment).file)
