"""A confirmed partner list is imported on the task worker: the page « Import en cours » follows it and ends with
a message that counts what happened (issue 14, feedback on long work)."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from partners.enums import ImportState
from partners.models import AuditEntry, ImportBatch, Organisation
from partners.tasks import run_import
from tests.partners.test_import import corrected_sample, import_file, neighbourhoods  # noqa: F401 (autouse)
from tests.utils import assert_query_budget, html

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def confirm(client, batch, data=None):
    return client.post(reverse("partners:import_preview", args=[batch.pk]), data or {})


def test_the_request_only_queues_the_import_and_the_page_follows_it_to_its_counts(coordinator_client, settings):
    settings.TASKS = DATABASE_TASKS  # as in production: the request queues, the test plays the worker
    batch, _ = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    response = confirm(coordinator_client, batch)
    progress = reverse("partners:import_progress", args=[batch.pk])
    assert response.status_code == 302 and response["Location"] == progress
    queued = DBTaskResult.objects.get(task_path="partners.tasks.run_import")
    assert queued.args_kwargs == {"args": [batch.pk], "kwargs": {}}
    assert Organisation.objects.count() == 0  # nothing written by the request

    page = html(coordinator_client.get(progress))
    state = page.select_one("#import-state")
    assert state["hx-get"] == progress and state.has_attr("data-poll")
    assert "En attente" in state.get_text(" ", strip=True)
    assert page.select_one("progress[aria-label]")
    # Back to the preview while it waits: the page follows the import instead of offering it twice.
    assert coordinator_client.get(reverse("partners:import_preview", args=[batch.pk]))["Location"] == progress

    run_import.call(batch.pk)  # the worker's part
    fragment = html(coordinator_client.get(progress, headers={"HX-Request": "true"}))
    assert not fragment.select_one("#import-state").has_attr("data-poll")  # polling stops
    message = fragment.select_one(".alert-success").get_text(" ", strip=True)
    assert message == (
        "Import terminé : 11 structure(s) créée(s), 0 mise(s) à jour, 0 ligne(s) fusionnée(s) avec une structure "
        "proche, 12 interlocuteur(s) créé(s), 0 mis à jour."
    )
    assert Organisation.objects.count() == 11
    assert AuditEntry.objects.filter(verb="imported").count() == 1
    run_import.call(batch.pk)  # a second delivery of the task changes nothing
    assert Organisation.objects.count() == 11 and AuditEntry.objects.filter(verb="imported").count() == 1


def test_with_the_immediate_backend_the_confirmation_lands_on_the_finished_import(coordinator_client):
    batch, _ = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    page = html(coordinator_client.get(confirm(coordinator_client, batch)["Location"]))
    assert page.select_one(".alert-success").get_text(" ", strip=True).startswith("Import terminé : 11 structure(s)")
    assert ImportBatch.objects.get(pk=batch.pk).state == ImportState.DONE


def test_a_refusal_on_the_worker_is_shown_and_the_list_can_be_confirmed_again(coordinator_client, settings):
    settings.TASKS = DATABASE_TASKS
    batch, _ = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    confirm(coordinator_client, batch)
    # Between the confirmation and the worker, the file's table was emptied (retention): refused, nothing written.
    ImportBatch.objects.filter(pk=batch.pk).update(mapping={})
    run_import.call(batch.pk)
    page = html(coordinator_client.get(reverse("partners:import_progress", args=[batch.pk])))
    assert page.select_one(".alert-danger").get_text(strip=True)
    assert page.select_one("a[href$='/apercu/']")
    assert Organisation.objects.count() == 0
    assert ImportBatch.objects.get(pk=batch.pk).state == ImportState.FAILED


def test_a_list_with_errors_is_refused_at_once_and_not_queued(coordinator_client, settings):
    from partners.samples import SAMPLE_PATH

    settings.TASKS = DATABASE_TASKS
    batch, _ = import_file(coordinator_client, SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())
    response = confirm(coordinator_client, batch)
    assert response["Location"] == reverse("partners:import_preview", args=[batch.pk])
    assert not DBTaskResult.objects.exists() and ImportBatch.objects.get(pk=batch.pk).state == ""


def test_the_progress_page_of_an_unconfirmed_list_is_not_found(coordinator_client):
    batch, _ = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    assert coordinator_client.get(reverse("partners:import_progress", args=[batch.pk])).status_code == 404


def test_progress_query_budget(coordinator_client):
    batch, _ = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    confirm(coordinator_client, batch)

    def grow():
        Organisation.objects.bulk_create(
            Organisation(name=f"Structure {number}", type=Organisation.objects.first().type) for number in range(10)
        )

    assert_query_budget(coordinator_client, reverse("partners:import_progress", args=[batch.pk]), budget=8, grow=grow)
