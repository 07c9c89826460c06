"""Tasks for the tests of the worker itself: run by a real `run_worker` process on the test database."""

import time
from pathlib import Path

from django_tasks import task


@task()
def echo(value):
    return value


@task()
def wait_for_file(path, seconds=120):
    """Runs until `path` exists (the test decides when the task ends), at most `seconds`."""
    deadline = time.monotonic() + seconds
    while not Path(path).exists():
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.05)
    return "released"
