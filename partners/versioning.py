"""Saving an edit form with optimistic locking, for every app: one way to refuse a concurrent edit and show it."""

from django.contrib import messages
from django.shortcuts import redirect

from partners import services


def shown(instance, name):
    """A field's value as people read it (choices by label, many-to-many joined)."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(instance, name).all())
    if field.choices:
        return getattr(instance, f"get_{name}_display")()
    value = getattr(instance, name)
    return "" if value is None else value


def conflict_context(form, current, names):
    """Keep what this person typed; a second save, made knowingly, applies it over the current version."""
    form.data = form.data.copy()
    form.data["version"] = current.version
    return {"conflict": current, "conflict_values": [(name, shown(current, name)) for name in names]}


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
