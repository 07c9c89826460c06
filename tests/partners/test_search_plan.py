"""quality.md §4: every directory search query uses its index at 100× data (10,000 structures, 30,000
interlocutors), as the planner chooses it with default settings. The data is the benchmark's (bench_data)."""

import re

import pytest
from django.core.management import call_command

from partners.models import Contact, Organisation

pytestmark = pytest.mark.django_db

# A typo (« mision »), a short acronym, a person's name, a function.
SEARCHES = ["mision locale", "ccas", "dupont", "conseillère"]


@pytest.fixture
def hundredfold(settings):
    settings.DEBUG = True  # bench_data refuses production mode
    call_command("bench_data", scale=100, verbosity=0)  # analyses the tables it fills
    assert Organisation.objects.count() >= 10_000 and Contact.objects.count() >= 30_000


def unindexed_scans(plan):
    """Plan nodes that read a whole table and test the search text on each row."""
    found, node = [], ""
    for line in plan.splitlines():
        text = line.strip().removeprefix("->  ")
        if " on " in text and "Scan" in text:
            node = text
        elif re.match(r"(Filter|Join Filter):", text) and "search" in text:
            found.append(f"{node} / {text}")
    return found


def test_directory_search_uses_the_trigram_indexes_at_100x(hundredfold):
    # One test for every search, so that the 40,000 rows are made once and rolled back with the test.
    searches = {
        ("structures", "organisation_search_trgm"): Organisation.objects.active().search,
        ("interlocuteurs", "contact_search_trgm"): Contact.objects.active().search,
    }
    for (name, index), search in searches.items():
        for words in SEARCHES:
            results = search(words)
            for label, query in (("page", results.order_by("-rank")[:25]), ("count", results.values("pk"))):
                plan = query.explain()
                assert index in plan, f"{name} « {words} » ({label}) without {index}:\n{plan}"
                assert unindexed_scans(plan) == [], f"{name} « {words} » ({label}) reads every row:\n{plan}"
