"""Page slots that a higher app fills without the lower app importing it (the layers of .importlinter).

A lower app's page names a slot, e.g. "workshops.group_detail"; a higher app registers, in its
AppConfig.ready(), a provider for it: `panels.register("workshops.group_detail", group_sheets)`. The view asks
`panels.collect("workshops.group_detail", request, group)` and the template prints each fragment in turn.

A provider is `provider(request, obj) -> str | None`: a rendered HTML fragment (render_to_string), or None
when it has nothing to show this user. It decides who sees what through its own app's permissions module.
For a list page, `collect_each(slot, request, objects)` calls each provider once for the whole list
(`provider(request, objects) -> {obj.pk: fragment}`), so the page's queries do not grow with the list.
"""

_providers = {}  # slot name → {provider's dotted name: provider}, in the order of registration


def register(slot, provider):
    """Fill `slot` with `provider` (registering the same function twice keeps one)."""
    _providers.setdefault(slot, {})[f"{provider.__module__}.{provider.__qualname__}"] = provider


def providers(slot):
    return list(_providers.get(slot, {}).values())


def collect(slot, request, obj):
    """The fragments the providers of `slot` render for `obj`, empty ones left out."""
    fragments = (provider(request, obj) for provider in providers(slot))
    return [fragment for fragment in fragments if fragment]


def collect_each(slot, request, objects):
    """{pk: [fragment…]} for the objects of a list, one call per provider whatever the length of the list."""
    found = {}
    for provider in providers(slot):
        for pk, fragment in (provider(request, objects) or {}).items():
            if fragment:
                found.setdefault(pk, []).append(fragment)
    return found
