"""What a filtered list shows of its filters: one removable « chip » per filter in use."""


def query_without(request, *names):
    """The current query string without `names` and without the page number (which would point past the end)."""
    query = request.GET.copy()
    for name in ("page", *names):
        query.pop(name, None)
    return query.urlencode()


def applied_filters(request, filterset, *, skip=(), synonyms=None):
    """[{label, value, query}] for each filter in use: its label, its value as shown, and the query string of
    the list without it. `skip`: fields that are not filters (the sort order); `synonyms`: other parameters
    that set the same filter and go with it."""
    synonyms = synonyms or {}
    data = getattr(filterset.form, "cleaned_data", {})
    chips = []
    for name, field in filterset.form.fields.items():
        value = data.get(name)
        if name in skip or value in (None, "", False) or name in filterset.form.errors:
            continue
        if value is True:
            shown = "oui"
        elif hasattr(field, "label_from_instance"):
            shown = field.label_from_instance(value)
        elif getattr(field, "choices", None):
            shown = dict(field.choices).get(value, value)
        else:
            shown = f"« {value} »"
        chips.append(
            {"label": field.label, "value": shown, "query": query_without(request, name, *synonyms.get(name, []))}
        )
    return chips
