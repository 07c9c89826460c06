"""Pickers that scale: a searchable choice among people, structures, groups or fiches (issue 14). Here, below
every app that uses it, since structures and people are the directory's (and the wiring stays small).

Each app registers its kinds in AppConfig.ready() (`register(Kind(...))`): which objects a user may find
(its `visible_to`), how a typed text finds them, how one reads. One search endpoint serves them all
(`picker_search`, `/recherche/<kind>/?q=`: at most LIMIT matches as JSON). The fields render only the chosen
values: a checked box per chosen item and a text input of the same name. Without JavaScript the typed text is
resolved by name on the server (one match: chosen; none or several: a French message under the field); with
JavaScript, static/js/picker.js turns the input into a WAI-ARIA 1.2 combobox with chips.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from partners.models import Unaccent
from partners.models import normalise as normalise_text

LIMIT = 20
MAX_QUERY = 100


@dataclass(frozen=True)
class Kind:
    name: str  # the URL slug: « structures », « interlocuteurs », « groupes », « fiches »
    visible: Callable  # user -> the queryset this user may find (the app's permissions decide)
    search: Callable  # (queryset, normalised words) -> the matches, best first
    label: Callable = str  # object -> how it reads in the list and in the chip
    order: tuple = ("pk",)  # the order of the first LIMIT objects when nothing is typed
    check: Callable = None  # user -> raises Http404 or PermissionDenied for those who may not use this picker


KINDS = {}


def register(kind):
    KINDS[kind.name] = kind


def normalise(text):
    """The directory's normalise() (partners.models) of a typed text, without NUL nor control characters (which
    PostgreSQL refuses) and cut to MAX_QUERY characters."""
    return normalise_text("".join(char for char in str(text) if char.isprintable()))[:MAX_QUERY]


def folded(field):
    """f_unaccent(lower(field)) (the IMMUTABLE wrapper created by the partners migrations)."""
    return Lower(Unaccent(F(field)))


def contains_all(words, *fields):
    """Every word in one of `fields` (accent- and case-insensitive)."""
    condition = Q()
    for word in words.split():
        either = Q()
        for field in fields:
            either |= Q(**{f"_folded_{field}__contains": word})
        condition &= either
    return condition


def fold_search(queryset, words, *fields):
    """The objects of `queryset` of which every typed word is in one of `fields`."""
    annotated = queryset.alias(**{f"_folded_{field}": folded(field) for field in fields})
    return annotated.filter(contains_all(words, *fields))


def matches(kind, queryset, text):
    words = normalise(text)
    if not words:
        return queryset.order_by(*kind.order)
    return kind.search(queryset, words)


@require_safe
def search(request, kind):
    """The first LIMIT objects of `kind` this user may find that match `q`, as JSON."""
    kind = KINDS.get(kind)
    if kind is None:
        raise Http404
    if kind.check:
        kind.check(request.user)
    found = list(matches(kind, kind.visible(request.user), request.GET.get("q", ""))[: LIMIT + 1])
    results = [{"value": str(item.pk), "label": kind.label(item)} for item in found[:LIMIT]]
    return JsonResponse({"results": results, "more": len(found) > LIMIT})


# The widget


class PickerWidget(forms.Widget):
    """The chosen values (checked boxes, chips with JavaScript) and one text input, all named after the field.
    The option list is never rendered: the browser asks the search endpoint."""

    template_name = "includes/picker.html"
    multiple = False

    def __init__(self, kind, attrs=None):
        super().__init__(attrs)
        self.kind = kind
        self.choices = ()
        self.known = {}  # {pk: label} already read by the page (rows of a formset), to spare a query each

    def value_from_datadict(self, data, files, name):
        values = [value for value in data.getlist(name) if value.strip()] if hasattr(data, "getlist") else []
        if self.multiple:
            return values
        return values[-1] if values else None  # the text typed after a choice replaces it

    def value_omitted_from_data(self, data, files, name):
        return False

    def format_value(self, value):
        if value in (None, ""):
            return []
        return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]

    def chosen(self, values):
        """[(value, label)] of the chosen pks (one query), and the text typed that named nothing."""
        pks = [value for value in values if value.isascii() and value.isdigit()]
        others = [value for value in values if value not in pks]
        queryset = getattr(self.choices, "queryset", None)
        unknown = [pk for pk in pks if pk not in self.known]
        labels = dict(self.known)
        if unknown and queryset is not None:
            label = getattr(self.choices.field, "label_from_instance", str)
            labels |= {str(item.pk): label(item) for item in queryset.filter(pk__in=unknown)}
        # A number that names nothing is shown back as typed, like any other text (nothing lost).
        text = " ".join([*(pk for pk in pks if pk not in labels), *others])
        return [(pk, labels[pk]) for pk in pks if pk in labels], text

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen, text = self.chosen(context["widget"]["value"])
        described = " ".join(filter(None, [context["widget"]["attrs"].get("aria-describedby"), f"{attrs['id']}_aide"]))
        context["widget"]["attrs"]["aria-describedby"] = described
        context["widget"].update(
            chosen=chosen, text=text, multiple=self.multiple, url=reverse("picker_search", args=[self.kind])
        )
        return context


class PickerMultipleWidget(PickerWidget):
    multiple = True


class PickerFieldMixin:
    def bound_data(self, data, initial):
        """Shown again after a submission: a typed name that named one object as that object (a chip), any
        other text as typed (nothing lost)."""
        values = data if isinstance(data, list | tuple) else [data]
        shown = []
        for value in values:
            try:
                shown.append(self.resolve(value) if value not in self.empty_values else value)
            except ValidationError:
                shown.append(value)
        return shown if isinstance(data, list | tuple) else shown[0]

    def resolve(self, value):
        """A pk as is; a typed text to the pk of the only object it names (by label, accent-insensitive)."""
        text = str(value).strip()
        if not text or (text.isascii() and text.isdigit()):
            return text
        kind = KINDS[self.kind]
        found = list(kind.search(self.queryset, normalise(text))[:6]) if normalise(text) else []
        exact = [item for item in found if normalise(self.label_from_instance(item)) == normalise(text)]
        if len(exact) == 1 or len(found) == 1:
            return str((exact or found)[0].pk)
        if not found:
            raise ValidationError(f"Aucun choix ne correspond à « {text} » : vérifiez l'orthographe.", code="none")
        names = " ; ".join(self.label_from_instance(item) for item in found[:5])
        raise ValidationError(f"« {text} » correspond à plusieurs choix ({names}…) : précisez.", code="several")


class PickerChoiceField(PickerFieldMixin, forms.ModelChoiceField):
    """A ModelChoiceField over a registered kind (`kind=`), rendered as a picker."""

    def __init__(self, queryset, *, kind, **kwargs):
        self.kind = kind
        kwargs.setdefault("widget", PickerWidget(kind))
        super().__init__(queryset, **kwargs)

    def to_python(self, value):
        return super().to_python(self.resolve(value) if value not in self.empty_values else value)


class PickerMultipleChoiceField(PickerFieldMixin, forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField over a registered kind, rendered as a picker with removable chips."""

    def __init__(self, queryset, *, kind, **kwargs):
        self.kind = kind
        kwargs.setdefault("widget", PickerMultipleWidget(kind))
        super().__init__(queryset, **kwargs)

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = list(dict.fromkeys(self.resolve(item) for item in value if str(item).strip()))
        return super().clean(value)


def picker_filter(kind, **kwargs):
    """A django-filter ModelChoiceFilter rendered as a picker of `kind` (the lists' filters)."""
    import django_filters

    class PickerFilter(django_filters.ModelChoiceFilter):
        field_class = PickerChoiceField

    return PickerFilter(kind=kind, **kwargs)
