"""The benchmark's scale data (manage.py bench_data): reproducible, within the unique rules, and harmless to
the rest of the directory. No timing here: the figures come from scripts/bench."""

import pytest
from django.core.management import CommandError, call_command

from partners.models import Contact, Organisation, OrganisationType, normalise
from solidarites.management.commands.bench_data import DOMAIN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True  # the command refuses production mode (test_refused_in_production)


def generated():
    return Organisation.objects.filter(email__endswith=DOMAIN)


def snapshot():
    """Everything the generator decides, by natural keys (primary keys change when rows are made again)."""
    organisations = generated().values_list(
        "email", "name", "acronym", "type__code", "parent__email", "address", "city", "missions", "since", "is_active"
    )
    contacts = Contact.objects.filter(email__endswith=DOMAIN).values_list(
        "email", "organisation__email", "civility", "first_name", "last_name", "function", "is_primary", "is_active"
    )
    axes = Organisation.axes.through.objects.filter(organisation__in=generated()).values_list(
        "organisation__email", "axis__code"
    )
    places = Organisation.neighbourhoods.through.objects.filter(organisation__in=generated()).values_list(
        "organisation__email", "neighbourhood__name"
    )
    return [sorted(rows) for rows in (organisations, contacts, axes, places)]


def test_same_scale_gives_the_same_directory():
    call_command("bench_data", scale=1, verbosity=0)
    first, first_pks = snapshot(), set(generated().values_list("pk", flat=True))

    call_command("bench_data", scale=1, verbosity=0)  # already there: nothing changes
    assert set(generated().values_list("pk", flat=True)) == first_pks

    call_command("bench_data", scale=1, fresh=True, verbosity=0)  # made again from the seed: same rows
    assert not first_pks & set(generated().values_list("pk", flat=True))
    assert snapshot() == first


def test_scale_one_is_the_real_town_and_respects_the_unique_rules():
    call_command("bench_data", scale=1, verbosity=0)
    organisations, contacts = snapshot()[:2]
    assert len(organisations) == 100
    assert 250 <= len(contacts) <= 350
    names = [(normalise(name), kind) for _, name, _, kind, *_ in organisations]
    assert len(set(names)) == len(names)
    emails = [email.lower() for email, *_ in contacts]
    assert len(set(emails)) == len(emails)
    assert any(parent_email for _, _, _, _, parent_email, *_ in organisations)  # some services have a parent
    # The typo search the benchmark measures finds something at every scale.
    assert Organisation.objects.search("mision locale").exists()


def test_other_structures_are_kept_and_their_names_avoided():
    employment = OrganisationType.objects.get(code="emploi")
    mine = Organisation.objects.create(name="Mission locale – Trappes", type=employment)
    Contact.objects.create(organisation=mine, first_name="Rita", last_name="Réelle", email="rita@example.org")

    call_command("bench_data", scale=1, verbosity=0)
    call_command("bench_data", scale=2, verbosity=0)  # another scale replaces the generated rows only

    assert generated().count() == 200
    assert Organisation.objects.filter(pk=mine.pk, name="Mission locale – Trappes").exists()
    assert Contact.objects.filter(email="rita@example.org", organisation=mine).exists()


def test_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="production"):
        call_command("bench_data", scale=1)
    assert not generated().exists()
