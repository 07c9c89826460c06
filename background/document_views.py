"""The pages of long documents: ask for one, follow its preparation, download it, and one's recent documents."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from background import documents
from background.permissions import builds_visible_to, can_request_documents, get_build_for_user


def readable_size(size):
    """« 18 Ko », « 1,2 Mo »: the words people use (Django's filesizeformat says « Kio », « Mio »)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    megabytes = round(size / (1024 * 1024), 1)
    return f"{megabytes:.1f}".replace(".", ",").removesuffix(",0") + " Mo"


def _state(build):
    """What the page and its fragment show of a build."""
    builder = documents.builder_for(build.kind)
    document = build.document
    available = document is not None and document.expires_at > timezone.now()
    return {
        "build": build,
        "builder": builder,
        "title": builder.title if builder else build.kind,
        "running": build.status in documents.ACTIVE,
        "ready": build.status == documents.Status.READY and available,
        "expired": build.status == documents.Status.READY and not available,
        "failed": build.status == documents.Status.FAILED,
        "document": document if available else None,
        "size": readable_size(document.size) if available else "",
    }


@require_POST
def document_request(request, kind):
    builder = documents.builder_for(kind)
    if builder is None or not can_request_documents(request.user):
        raise Http404
    try:
        build, created = documents.request_build(request.user, kind, builder.params(request.GET))
    except documents.DocumentRefused as refused:
        messages.error(request, refused.message)
        return (
            redirect("background:document_build", pk=refused.build.pk)
            if refused.build
            else redirect("background:document_list")
        )
    if not created:
        messages.info(request, f"{builder.title} est déjà en préparation pour vous : le voici.")
    return redirect("background:document_build", pk=build.pk)


@require_safe
def document_build(request, pk):
    return render(request, "background/document_build.html", _state(get_build_for_user(request.user, pk)))


@require_safe
def document_progress(request, pk):
    """The live part of the build's page, asked for every 2 s while the build runs (htmx)."""
    return render(request, "background/includes/_build_state.html", _state(get_build_for_user(request.user, pk)))


@require_safe
def document_download(request, pk):
    state = _state(get_build_for_user(request.user, pk))
    document = state["document"]
    if not state["ready"]:
        raise Http404
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.filename, content_type=document.content_type
    )
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def document_list(request):
    builds = builds_visible_to(request.user).select_related("document")[:50]
    return render(request, "background/document_list.html", {"states": [_state(build) for build in builds]})
