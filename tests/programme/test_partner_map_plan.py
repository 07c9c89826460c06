"""quality.md §4 at 100× data (10,000 structures, 30,000 interlocutors, 228,000 attendance rows: bench_data): a
page of the partner map reads its own 25 structures through indexes, whichever order it is in; no query of the
page's cells scans the structures, the interlocutors or the attendance rows. The window of « sessions in the
last 12 months » is put in 2016, where the generated sessions are, so that it has rows to read."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import Organisation
from programme import partner_map

pytestmark = pytest.mark.django_db
BIG_TABLES = ("partners_organisation", "partners_contact", "workshops_attendance")


@pytest.fixture
def hundredfold(settings):
    settings.DEBUG = True  # bench_data refuses production mode
    call_command("bench_data", scale=100, verbosity=0)  # analyses the tables it fills
    assert Organisation.objects.count() >= 10_000


def plan_of(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def full_scans(plan):
    return [line.strip() for line in plan.splitlines() if re.search(rf"Seq Scan on ({'|'.join(BIG_TABLES)})\b", line)]


def test_a_page_of_the_map_reads_its_rows_through_indexes_at_100x(hundredfold):
    axes = partner_map.map_axes()
    now = timezone.make_aware(datetime.datetime(2016, 12, 31))
    organisations = Organisation.objects.active().select_related("type")
    for sort in ("nom", "-nom"):
        page = partner_map.sorted_organisations(organisations, sort, axes, now)[:25]
        plan = page.explain()
        assert "organisation_name" in plan and not full_scans(plan), f"{sort}:\n{plan}"
    page = list(partner_map.sorted_organisations(organisations, "nom", axes, now)[:25])
    with CaptureQueriesContext(connection) as context:
        rows = partner_map.rows_for(page, axes, now)
    assert len(context) == 6 and sum(row.sessions for row in rows) > 0
    for query in context.captured_queries:
        plan = plan_of(query["sql"])
        assert full_scans(plan) == [], f"{query['sql']}\n{plan}"
    print("Plans of the cells of one page at 100×: no full scan of", ", ".join(BIG_TABLES))
