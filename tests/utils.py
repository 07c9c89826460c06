from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Number of SQL queries one GET of `url` makes (the page must answer 200)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context)


def assert_query_budget(client, url, *, budget, grow):
    """The page stays within `budget` queries, and the count does not change after `grow()` adds rows."""
    client.get(url)  # warm the per-process caches (commune) so both counts are comparable
    before = count_queries(client, url)
    grow()
    after = count_queries(client, url)
    assert before == after, f"{url}: {before} queries before, {after} after adding rows (N+1?)"
    assert after <= budget, f"{url}: {after} queries, budget {budget}"
    return after


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def cold_and_warm_queries(client, url, *, settings, budget, grow):
    """Queries of a page whose figures sit in the "fragments" cache: cold (nothing cached: within `budget`, the
    same with 1 and 10 rows, see assert_query_budget), then warm (its figures cached in a per-process cache, so
    that the count does not include reads of the shared cache). Returns (cold, warm)."""
    settings.CACHES = {**settings.CACHES, "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    cold = assert_query_budget(client, url, budget=budget, grow=grow)
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"warm:{url}"},
    }
    client.get(url)
    return cold, count_queries(client, url)
