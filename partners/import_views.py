"""Importing the partner list: upload → column mapping → preview → import (one transaction, on the task worker,
followed by the page « Import en cours »)."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partners import services
from partners.enums import ImportState
from partners.forms import ImportChoicesForm, ImportMappingForm, ImportUploadForm
from partners.imports import Analysis, batch_reading, batch_table
from partners.models import ImportBatch
from partners.permissions import coordinator_required
from partners.samples import SAMPLE_PATH


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["file"].name
        table = form.table
        batch = services.create_import_batch(
            by=request.user,
            file_name=name,
            content=form.content,
            headers=table.headers,
            rows=table.rows,
            reading=table.reading(),
        )
        return redirect("partners:import_mapping", pk=batch.pk)
    return render(request, "partners/import_upload.html", {"form": form})


def _pending_batch(request, pk):
    # A list whose content was emptied (retention, erasure) cannot be read again: not found, never a 500.
    return get_object_or_404(ImportBatch.objects.visible_to(request.user).pending().exclude(content=b""), pk=pk)


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def mapping(request, pk):
    batch = _pending_batch(request, pk)
    headers, rows = batch_table(batch)
    form = ImportMappingForm(request.POST or None, headers=headers, mapping=batch.mapping)
    if request.method == "POST" and form.is_valid():
        services.save_import_mapping(batch=batch, mapping=form.mapping())
        return redirect("partners:import_preview", pk=batch.pk)
    return render(
        request,
        "partners/import_mapping.html",
        {"form": form, "batch": batch, "examples": rows[:3], "headers": headers},
    )


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def preview(request, pk):
    batch = _pending_batch(request, pk)
    if batch.state in (ImportState.QUEUED, ImportState.RUNNING):
        return redirect("partners:import_progress", pk=batch.pk)
    table = batch_reading(batch)
    analysis = Analysis(table.rows, batch.mapping, table.numbers)
    form = ImportChoicesForm(request.POST if request.method == "POST" else None, analysis=analysis)
    if request.method == "POST" and form.is_valid():
        try:
            services.queue_import(by=request.user, batch=batch, choices=form.choices())
        except services.ImportRefused as error:
            messages.error(request, str(error))
            return redirect("partners:import_preview", pk=batch.pk)
        return redirect("partners:import_progress", pk=batch.pk)
    context = {"batch": batch, "analysis": analysis, "summary": analysis.summary(), "table": table, "form": form}
    return render(request, "partners/import_preview.html", context)


@coordinator_required
@require_safe
def progress(request, pk):
    """« Import en cours », then what the import did; htmx asks for its live part every 2 s while it runs."""
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user).exclude(state=""), pk=pk)
    running = batch.state in (ImportState.QUEUED, ImportState.RUNNING)
    context = {"batch": batch, "running": running, "done": batch.state == ImportState.DONE}
    if request.headers.get("HX-Request"):
        return render(request, "partners/includes/_import_state.html", context)
    return render(request, "partners/import_progress.html", context)


@require_safe
def sample(request):
    return FileResponse(
        SAMPLE_PATH.open("rb"), as_attachment=True, filename=SAMPLE_PATH.name, content_type="text/csv; charset=utf-8"
    )
