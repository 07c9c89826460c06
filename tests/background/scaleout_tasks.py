"""A task for the two-server test (tests/background/test_two_servers.py): each run appends a row, the task's number
and the worker's process id, to a table the test creates, so that the test sees which worker ran what, and how
often."""

import os

from django.db import connection
from django_tasks import task

TABLE = "two_servers_task_runs"


@task(queue_name="default")
def record_run(number):
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (number, pid) VALUES (%s, %s)", [number, os.getpid()])
