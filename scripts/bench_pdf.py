"""PDFs of fiches actions: server time of the in-process rendering (quality.md §4: one fiche ≤ 100 ms, the
whole plan of 50 fiches ≤ 2.5 s).

    .venv/bin/python scripts/bench_pdf.py [N] [P]   (N renders of one fiche, 30 by default, after 3 warm-ups;
                                                     a plan of P fiches, 50 by default, rendered max(3, N/10) times)

Development settings and database, inside a transaction that is rolled back at the end (nothing is left
behind, no file is written): fully filled example sheets (tests.actionsheets.test_list.filled_sheet: every
section, budget and funding lines, indicators with measurements, partners, reviews) are created, then loaded
and rendered as the views do: one sheet without the PDF cache (pdf_sheet + render_sheet_pdf), the same sheet
through the cache (its HTML is made and hashed every time), then the plan as its background task builds it
(actionsheets.plan_document: prepare the HTML, then lay it out). Prints median and p95 wall time and the
median CPU time (steadier when other processes share the machine). Timings are informative: no test asserts
on time. The single fiche goes through the "pdf" cache, a database table: run it on the development database.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarites.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")  # development settings (production mode is the default)
WARM_UPS = 3
TARGET_MS = 100
PLAN_TARGET_MS = 2500


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def timed(runs, action):
    """Median and p95 wall time, and median CPU time, in ms, of `action` after WARM_UPS untimed runs."""
    walls, cpus, result = [], [], None
    for run in range(WARM_UPS + runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = action()
        if run >= WARM_UPS:
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(walls), percentile(walls, 0.95), statistics.median(cpus), result


def report(label, figures, target=None):
    median, p95, cpu, _ = figures
    verdict = ""
    if target:
        verdict = f" – target ≤ {target:,} ms: {'met' if median <= target else 'NOT met'}"
    say(f"  {label}: median {median:,.1f} ms, p95 {p95:,.1f} ms (CPU {cpu:,.1f} ms){verdict}")


def main(runs, plan_size):
    import logging

    import django

    django.setup()
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    import io

    from django.db import transaction
    from pypdf import PdfReader

    from actionsheets import plan_document
    from actionsheets.documents import pdf_sheet, render_sheet_pdf
    from actionsheets.models import ActionSheet, Status
    from partners.models import User
    from tests.actionsheets.test_list import filled_sheet

    with transaction.atomic():
        example = filled_sheet()
        cold = timed(runs, lambda: render_sheet_pdf(pdf_sheet(example.pk), cached=False))
        cached = timed(runs, lambda: render_sheet_pdf(pdf_sheet(example.pk)))
        pages = len(PdfReader(io.BytesIO(cold[3])).pages)
        say(f"PDF of one fully filled fiche action ({example.code}): {pages} pages, {len(cold[3]):,} bytes")
        report(f"load + render, {runs} runs", cold, TARGET_MS)
        report(f"the same, unchanged since the last download (PDF cache by HTML hash), {runs} runs", cached, TARGET_MS)

        examples = [example.pk] + [filled_sheet().pk for _ in range(plan_size - 1)]
        # The plan of exactly these sheets: the others (demo data) are archived until the rollback.
        ActionSheet.objects.exclude(pk__in=examples).update(status=Status.ARCHIVED)
        coordinator = User(role="coordinator", is_active=True)
        selection = {"statut": Status.IN_PROGRESS}

        def ignore(done, total, step):
            pass

        plan_runs = max(3, runs // 10)
        prepared = timed(plan_runs, lambda: plan_document.prepare(coordinator, selection, ignore))
        report(f"prepare the plan's HTML (the task's first step), {plan_runs} runs", prepared)
        plan = timed(plan_runs, lambda: plan_document.render(prepared[3].source, ignore))
        plan_pages = len(PdfReader(io.BytesIO(plan[3])).pages)
        say(f"The plan as one PDF: {plan_size} fully filled fiches, {plan_pages} pages, {len(plan[3]):,} bytes")
        report(f"lay it out (background time of the task), {plan_runs} runs", plan, PLAN_TARGET_MS)
        transaction.set_rollback(True)  # the example sheets go away
    say(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30, int(sys.argv[2]) if len(sys.argv) > 2 else 50)
