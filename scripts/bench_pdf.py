"""PDF of one fiche action: server time of the in-process rendering (quality.md §4 target: ≤ 100 ms).

    .venv/bin/python scripts/bench_pdf.py [N]      (N renders, 30 by default, after 3 warm-up renders)

Development settings and database, inside a transaction that is rolled back at the end (nothing is left
behind, no file is written): a fully filled example sheet (tests.actionsheets.test_list.filled_sheet: every
section, budget and funding lines, indicators with measurements, partners, reviews) is created, then loaded
and rendered N times exactly as the sheet_pdf view does (actionsheets.list_views.pdf_sheet + render_sheet_pdf).
Prints the median and p95 in milliseconds of the whole (load + render) and of the render alone, the CPU time
(steadier when other processes share the machine), the number of pages and the size. Timings are
informative: no test asserts on time.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarites.settings")
WARM_UPS = 3
TARGET_MS = 100


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(runs):
    import logging

    import django

    django.setup()
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    import io

    from django.db import transaction
    from pypdf import PdfReader

    from actionsheets.list_views import pdf_sheet, render_sheet_pdf
    from tests.actionsheets.test_list import filled_sheet

    totals, renders, cpu = [], [], []
    with transaction.atomic():
        example = filled_sheet()
        for run in range(WARM_UPS + runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            sheet = pdf_sheet(example.pk)
            loaded = time.perf_counter()
            content = render_sheet_pdf(sheet)
            finished, finished_cpu = time.perf_counter(), time.process_time()
            if run >= WARM_UPS:
                totals.append((finished - started) * 1000)
                renders.append((finished - loaded) * 1000)
                cpu.append((finished_cpu - started_cpu) * 1000)
        transaction.set_rollback(True)  # the example sheet goes away
    pages = len(PdfReader(io.BytesIO(content)).pages)
    say(
        f"PDF of one fully filled fiche action ({example.code}): {pages} pages, {len(content):,} bytes, {runs} renders"
    )
    say(f"  load + render: median {statistics.median(totals):.1f} ms, p95 {percentile(totals, 0.95):.1f} ms")
    say(f"  render only:   median {statistics.median(renders):.1f} ms, p95 {percentile(renders, 0.95):.1f} ms")
    say(f"  CPU time of this process (less sensitive to a busy machine): median {statistics.median(cpu):.1f} ms")
    say(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    verdict = "met" if statistics.median(totals) <= TARGET_MS else "NOT met"
    say(f"  target ≤ {TARGET_MS} ms server time (quality.md §4): {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
