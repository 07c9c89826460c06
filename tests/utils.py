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
