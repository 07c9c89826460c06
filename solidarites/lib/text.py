"""Values as people read them, the same on every page, export, history and PDF: dates 09/04/2015, amounts
« 12 500,00 », yes/no in words, choices by their label, many-to-many values as a list."""

from decimal import Decimal

from django.utils import formats


def readable(value, empty=""):
    """`value` as text: `empty` for nothing, « oui »/« non », French amounts with two decimals, dd/mm/yyyy."""
    if value is None or value == "":
        return empty
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def field_text(instance, name):
    """The field `name` of a model instance as read: a choice by its label, a many-to-many field as the sorted
    list of its items, anything else through `readable`."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return sorted(str(item) for item in getattr(instance, name).all())
    if field.choices:
        return getattr(instance, f"get_{name}_display")()
    return readable(getattr(instance, name))


def field_line(instance, name):
    """`field_text` on one line: the items of a many-to-many field joined by commas."""
    value = field_text(instance, name)
    return ", ".join(value) if isinstance(value, list) else value
