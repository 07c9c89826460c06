"""Saving an edit form with optimistic locking, for every app: one way to refuse a concurrent edit and show it."""

from django.contrib import messages
from django.shortcuts import redirect

from partners import services
from solidarites.lib.text import field_line


def conflict_context(form, current, names):
    """Keep what this person typed; a second save, made knowingly, applies it over the current version."""
    form.data = form.data.copy()
    form.data["version"] = current.version
    return {"conflict": current, "conflict_values": [(name, field_line(current, name)) for name in names]}


def save_versioned(request, form, instance, success_message, success_url=None):
    """Save an edit form through services.update_versioned; returns (response, conflict context)."""
    try:
        services.update_versioned(
            by=request.user, instance=instance, version=form.cleaned_data["version"], changes=form.changes()
        )
    except services.ConcurrentEditError as error:
        return None, conflict_context(form, error.current, form.changes())
    messages.success(request, success_message)
    return redirect(success_url or instance), {}
