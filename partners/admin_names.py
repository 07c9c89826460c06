"""Accessible names for the Django admin's fields that have no <label> of their own (issue 14, item 5), for the
admin of every app.

The editable columns of a changelist (`list_editable`) and the rows of a tabular inline show their field's name
once, in the table's header: each input, select and « Supprimer » box gets an `aria-label` naming the field and
its row (« Ordre d'affichage – Insertion », « Rôle (ligne 2) », « Rôle (nouvelle ligne) » for a row added on the
page), so axe's `label` and `select-name` pass and a screen reader says which cell it is in. Use
`LabelledListEditable` on a ModelAdmin with list_editable and `LabelledInline` on an inline.
"""

from django.forms.formsets import DELETION_FIELD_NAME


def _row_name(form, index):
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk:
        return f" – {instance}"
    return " (nouvelle ligne)" if index is None else f" (ligne {index + 1})"


def _name_fields(form, index):
    """An aria-label on every visible widget of `form` (both parts of a split widget), with the row's name."""
    row = _row_name(form, index)
    for name, field in form.fields.items():
        label = "Supprimer" if name == DELETION_FIELD_NAME else str(field.label or name)
        widget = getattr(field.widget, "widget", field.widget)  # the admin's RelatedFieldWidgetWrapper
        parts = getattr(widget, "widgets", None) or [widget]
        for position, part in enumerate(parts):
            if not part.is_hidden:
                suffix = f" ({position + 1})" if len(parts) > 1 else ""
                part.attrs["aria-label"] = f"{label}{suffix}{row}"


class _LabelledFormSet:
    def add_fields(self, form, index):
        super().add_fields(form, index)
        _name_fields(form, index)


def _labelled(formset):
    return type(formset.__name__, (_LabelledFormSet, formset), {})


class LabelledListEditable:
    """A ModelAdmin mixin: the editable columns of the changelist are named after their field and row."""

    def get_changelist_formset(self, request, **kwargs):
        return _labelled(super().get_changelist_formset(request, **kwargs))


class LabelledInline:
    """An InlineModelAdmin mixin: each cell of a tabular inline is named after its field and row."""

    def get_formset(self, request, obj=None, **kwargs):
        return _labelled(super().get_formset(request, obj, **kwargs))
