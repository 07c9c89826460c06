"""Progress of a PDF being laid out, for the builders of long documents: WeasyPrint names each page it lays out
on its progress logger ("Step 5 - Creating layout - Page 37"); `pages_laid_out(on_page)` hands the numbers to
`on_page(number)` while the block runs (pages may be laid out again when WeasyPrint repaginates)."""

import logging
import re
from contextlib import contextmanager

PAGE = re.compile(r"Creating layout - Page (\d+)")


class _PageHandler(logging.Handler):
    def __init__(self, on_page):
        super().__init__(logging.INFO)
        self.on_page = on_page

    def emit(self, record):
        found = PAGE.search(record.getMessage())
        if found:
            self.on_page(int(found.group(1)))


@contextmanager
def pages_laid_out(on_page):
    logger = logging.getLogger("weasyprint.progress")
    level, propagate, handler = logger.level, logger.propagate, _PageHandler(on_page)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # these lines are for the callback, not for the logs
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
