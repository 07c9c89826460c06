"""The directory's kinds of picker (partners/picking.py): structures and interlocutors, each limited to
what `visible_to(user)` lets this user see (the directory's own rule, partners/permissions.py)."""

from django.contrib.postgres.search import TrigramWordSimilarity

from partners import picking as pickers
from partners.models import Contact, Organisation, search_match


def contact_label(contact):
    """« DUPONT Marie – Mission locale »: the name, then the structure (several people share a name)."""
    return f"{contact.last_name.upper()} {contact.first_name} – {contact.organisation.name}"


def organisation_label(organisation):
    return str(organisation) if organisation.is_active else f"{organisation} (désactivée)"


def search_organisations(queryset, words):
    """On the structure's own search text (name, acronym, e-mail): the index-backed match of the directory."""
    return (
        queryset.filter(search_match(words))
        .annotate(rank=TrigramWordSimilarity(words, "search"))
        .order_by("-rank", "name", "pk")
    )


def search_contacts(queryset, words):
    return (
        queryset.filter(search_match(words))
        .annotate(rank=TrigramWordSimilarity(words, "search"))
        .order_by("-rank", "last_name", "first_name", "pk")
    )


def register():
    pickers.register(
        pickers.Kind(
            name="structures",
            visible=lambda user: Organisation.objects.visible_to(user).only("name", "acronym", "is_active"),
            search=search_organisations,
            label=organisation_label,
            order=("name", "pk"),
        )
    )
    pickers.register(
        pickers.Kind(
            name="interlocuteurs",
            visible=lambda user: Contact.objects.visible_to(user).select_related("organisation"),
            search=search_contacts,
            label=contact_label,
            order=("last_name", "first_name", "pk"),
        )
    )
