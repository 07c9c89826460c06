"""Overlap detection at 100× data (5,000 fiches, bench_data): no scan of every pair. Each fiche's candidates come
from the trigram and full-text indexes (and the partner structures), the coordinators' list reads the index
(decision, -score), the fiche page's panel the pair indexes; the plans are those the planner chooses with
default settings. The refresh of every pair is timed (and changes nothing the second time)."""

import re
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from actionsheets import overlaps
from actionsheets.models import ActionSheet, Overlap
from programme.overlap_views import _pairs

pytestmark = pytest.mark.django_db

SAMPLES = 25  # fiches whose candidate query is explained, spread over the table


@pytest.fixture
def hundredfold(settings):
    settings.DEBUG = True  # bench_data refuses production mode
    call_command("bench_data", scale=100, verbosity=0)  # analyses its tables and refreshes the overlaps
    assert ActionSheet.objects.count() >= 5_000


def whole_table_scans(plan):
    """Plan nodes that read every fiche."""
    return re.findall(r"Seq Scan on actionsheets_actionsheet\b.*", plan)


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_overlaps_use_the_indexes_at_100x(hundredfold, capsys):
    started = time.monotonic()
    changes = overlaps.refresh_all_overlaps()
    elapsed = time.monotonic() - started
    assert changes == {"created": 0, "updated": 0, "deleted": 0}  # bench_data refreshed them already
    pairs = Overlap.objects.count()
    with capsys.disabled():
        fiches = ActionSheet.objects.count()
        print(f"\nRapprochements de {fiches} fiches : {pairs} paires, recalculées en {elapsed:.1f} s")
    assert pairs > 0

    with transaction.atomic():
        overlaps.strict_titles()
        frequencies = overlaps.read_frequencies()
        pks = list(
            ActionSheet.objects.exclude(status__in=overlaps.LEFT_OUT).order_by("pk").values_list("pk", flat=True)
        )
        sample = pks[:: max(1, len(pks) // SAMPLES)]
        profiles = overlaps.load_profiles(sample)
        shown, with_text = False, 0
        for pk in sample:
            sql, params = overlaps.candidate_sql(profiles[pk], frequencies)
            plan = explain(sql, params)
            assert "sheet_title_trgm" in plan, plan
            assert whole_table_scans(plan) == [], plan
            if "query" in params:
                with_text += 1
                assert "sheet_search_fts" in plan, plan
                if not shown:
                    with capsys.disabled():
                        print(f"Candidats d'une fiche :\n{plan}")
                    shown = True
        assert with_text, "no fiche with distinctive words in the sample"

    first = ActionSheet.objects.get(pk=sample[len(sample) // 2])
    panel = overlaps.close_pairs(first).explain()
    page, count = _pairs("a-examiner")[:20].explain(), _pairs("a-examiner").values("pk").explain()
    with capsys.disabled():
        print(f"Liste des rapprochements :\n{page}\nPanneau d'une fiche :\n{panel}")
    assert "overlap_decision_score" in page, page
    assert whole_table_scans(page) == [] and whole_table_scans(count) == [], (page, count)
    assert "actionsheets_overlap_sheet_id" in panel or "overlap_unique_pair" in panel, panel
    assert "overlap_other" in panel, panel
    assert whole_table_scans(panel) == [], panel
