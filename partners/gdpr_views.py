"""The personal-data pages (GDPR): « Mes données » and its download, the export a coordinator produces for a
person who writes in (account or interlocutor), and erasure by anonymisation with its confirmation page.

Downloads are POST: the ZIP is built and logged only on a deliberate, CSRF-checked click (a GET could be
triggered by a prefetch or another site's <img>, writing log rows the person never asked for).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from partners import personal_data
from partners.forms import AnonymiseForm
from partners.permissions import (
    can_anonymise_account,
    can_download_own_data,
    can_handle_personal_data,
    coordinator_required,
    get_person_account,
    get_person_contact,
)
from partners.personal_data import Person


def _zip_response(request, person):
    content = personal_data.export_zip(person)
    personal_data.record_export(person=person, by=request.user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{personal_data.export_filename(person)}"'
    return response


def personal_data_urls(user, *, account=None, contact=None):
    """The export and anonymise URLs of the actions on an account or interlocutor page (empty when not allowed)."""
    if not can_handle_personal_data(user):
        return {}
    if account is not None:
        anonymise = can_anonymise_account(user, account) and not Person(user=account).is_anonymised
        export_url = reverse("accounts:account_data_export", args=[account.pk])
        anonymise_url = reverse("accounts:account_anonymise", args=[account.pk]) if anonymise else ""
    else:
        anonymise = contact.user is None or can_anonymise_account(user, contact.user)
        anonymise = anonymise and not Person(user=contact.user, contact=contact).is_anonymised
        export_url = reverse("accounts:contact_data_export", args=[contact.pk])
        anonymise_url = reverse("accounts:contact_anonymise", args=[contact.pk]) if anonymise else ""
    return {"export_url": export_url, "anonymise_url": anonymise_url}


@require_safe
def my_data(request):
    """« Mes données »: what the portal holds about the person, and the button to download it."""
    sections = [section.label for section in personal_data.SECTIONS.values()]
    return render(
        request, "accounts/my_data.html", {"sections": sections, "can_download": can_download_own_data(request.user)}
    )


@require_POST
def my_data_download(request):
    return _zip_response(request, Person.of_user(request.user))


@coordinator_required
@require_POST
def account_data_export(request, pk):
    account = get_person_account(request.user, pk)
    return _zip_response(request, Person.of_user(account))


@require_POST
def contact_data_export(request, pk):
    contact = get_person_contact(request.user, pk)
    return _zip_response(request, Person.of_contact(contact))


def _anonymise(request, person, cancel_url):
    if person.is_anonymised:
        messages.info(request, f"{person} est déjà anonymisée.")
        return redirect(cancel_url)
    form = AnonymiseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        target = person.contact or person.user
        number = personal_data.anonymise(person=person, by=request.user)
        messages.success(
            request,
            f"La personne a été anonymisée : elle apparaît désormais comme « Personne supprimée n° {number} ».",
        )
        return redirect(reverse("partners:contact_detail", args=[target.pk]) if person.contact else cancel_url)
    context = {"person": person, "form": form, "cancel_url": cancel_url}
    return render(request, "accounts/person_anonymise.html", context)


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_anonymise(request, pk):
    account = get_person_account(request.user, pk, anonymise=True)
    return _anonymise(request, Person.of_user(account), reverse("accounts:account_detail", args=[account.pk]))


@require_http_methods(["GET", "HEAD", "POST"])
def contact_anonymise(request, pk):
    contact = get_person_contact(request.user, pk, anonymise=True)
    return _anonymise(request, Person.of_contact(contact), reverse("partners:contact_detail", args=[contact.pk]))
