import re

import pytest
from django.core import mail
from django.urls import reverse

from partners import services
from partners.enums import AuditVerb, Role
from partners.models import AuditEntry, SentEmail, User
from tests.partners.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def login(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def link_from(message):
    return re.search(r"https?://\S+/definir-mon-mot-de-passe/\S+/", message.body).group(0)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_logs_in_with_email_and_lands_on_my_space(client, role):
    UserFactory(email="Marie.Curie@example.org", role=role)
    response = login(client, "marie.curie@EXAMPLE.org")
    assert response.status_code == 302
    assert response.url == reverse("my_space")
    assert client.get(reverse("my_space")).status_code == 200


def test_passwords_are_hashed_with_argon2_first(client):
    user = UserFactory()
    assert user.password.startswith("argon2")


def test_wrong_password_message_is_in_french_and_keeps_the_email(client):
    UserFactory(email="a@example.org")
    response = login(client, "a@example.org", "mauvais")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in content
    assert 'value="a@example.org"' in content


def test_inactive_user_cannot_log_in(client):
    UserFactory(email="parti@example.org", inactive=True)
    response = login(client, "parti@example.org")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_only_that_username_and_ip(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(email="cible@example.org")
    UserFactory(email="voisin@example.org")
    for _ in range(5):
        login(client, "cible@example.org", "mauvais", ip="10.0.0.5")
    locked = login(client, "cible@example.org", ip="10.0.0.5")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    client.cookies.clear()
    assert login(client, "voisin@example.org", ip="10.0.0.5").status_code == 302  # other user, same IP
    client.post(reverse("accounts:logout"))
    assert login(client, "cible@example.org", ip="10.0.0.6").status_code == 302  # same user, other IP


def test_coordinator_creates_an_account_and_the_link_works_once(
    client, coordinator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("accounts:account_create"),
            {
                "first_name": "Inès",
                "last_name": "Nouvelle",
                "email": "Ines.Nouvelle@example.org",
                "role": Role.PARTNER,
            },
        )
    user = User.objects.get(email="ines.nouvelle@example.org")
    assert response.status_code == 302
    assert user.is_pending_activation and not user.has_usable_password()
    assert [message.to for message in mail.outbox] == [["ines.nouvelle@example.org"]]
    recorded = SentEmail.objects.get()
    assert recorded.related == user and "définissez votre mot de passe" in recorded.subject
    assert AuditEntry.objects.filter(verb=AuditVerb.CREATED, target_id=str(user.pk)).count() == 1

    link = link_from(mail.outbox[0])
    client.logout()
    form_page = client.get(link, follow=True)
    assert "Choisissez le mot de passe" in form_page.content.decode()
    new_password = "Un-mot-de-passe-solide-2015"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.activated_at is not None
    assert login(client, user.email, new_password).status_code == 302

    client.post(reverse("accounts:logout"))
    reused = client.get(link, follow=True)
    assert "Ce lien n'est plus valable" in reused.content.decode()


def test_expired_link_is_refused(client, settings):
    user = UserFactory(pending=True)
    link = services.password_link(user)
    settings.PASSWORD_RESET_TIMEOUT = -1
    page = client.get(link, follow=True)
    assert "Ce lien n'est plus valable" in page.content.decode()


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, django_capture_on_commit_callbacks):
    UserFactory(email="connue@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # the outbox delivers after commit
        known = client.post(reverse("accounts:password_reset"), {"email": "connue@example.org"})
        unknown = client.post(reverse("accounts:password_reset"), {"email": "inconnue@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [message.to for message in mail.outbox] == [["connue@example.org"]]
    assert SentEmail.objects.count() == 1


def test_pending_account_can_ask_for_a_new_link(client, django_capture_on_commit_callbacks):
    UserFactory(email="attente@example.org", pending=True)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox delivers after commit
        client.post(reverse("accounts:password_reset"), {"email": "attente@example.org"})
    assert len(mail.outbox) == 1


def test_coordinator_cannot_grant_or_edit_the_admin_role(coordinator_client):
    admin = UserFactory(admin=True)
    assert coordinator_client.get(reverse("accounts:account_edit", args=[admin.pk])).status_code == 403
    response = coordinator_client.post(
        reverse("accounts:account_create"),
        {"first_name": "A", "last_name": "B", "email": "ab@example.org", "role": Role.ADMIN},
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not User.objects.filter(email="ab@example.org").exists()


def test_bad_input_gets_french_messages_next_to_fields_and_keeps_what_was_typed(coordinator_client):
    UserFactory(email="pris@example.org")
    response = coordinator_client.post(
        reverse("accounts:account_create"),
        {"first_name": "Jean", "last_name": "", "email": "PRIS@example.org", "role": Role.PARTNER},
    )
    content = response.content.decode()
    assert "Un compte existe déjà avec cette adresse e-mail." in content
    assert "Ce champ est obligatoire." in content
    assert 'value="Jean"' in content
    assert 'aria-describedby="id_last_name_error"' in content
    assert "2 erreurs empêchent l'enregistrement" in content


def test_two_coordinators_editing_the_same_account_do_not_overwrite_each_other(coordinator_client, coordinator):
    account = UserFactory(first_name="Avant")
    url = reverse("accounts:account_edit", args=[account.pk])
    form = {
        "first_name": "Premier",
        "last_name": account.last_name,
        "email": account.email,
        "role": account.role,
        "version": account.version,
    }
    assert coordinator_client.post(url, form).status_code == 302
    second = coordinator_client.post(url, {**form, "first_name": "Second"})
    content = second.content.decode()
    assert second.status_code == 200
    assert "modifié par quelqu'un d'autre" in content
    assert 'value="Second"' in content  # what the second person typed is kept
    account.refresh_from_db()
    assert account.first_name == "Premier"
    assert AuditEntry.objects.filter(verb=AuditVerb.UPDATED).count() == 1


def test_deactivation_goes_through_a_confirmation_page_and_is_logged(coordinator_client):
    account = UserFactory()
    url = reverse("accounts:account_deactivate", args=[account.pk])
    assert "Confirmer la désactivation" in coordinator_client.get(url).content.decode()
    coordinator_client.post(url)
    account.refresh_from_db()
    assert not account.is_active
    assert AuditEntry.objects.filter(verb=AuditVerb.DEACTIVATED, target_id=str(account.pk)).exists()


def test_coordinator_cannot_deactivate_own_account(coordinator_client, coordinator):
    coordinator_client.post(reverse("accounts:account_deactivate", args=[coordinator.pk]))
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_logout_is_post_only(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_session_older_than_the_absolute_limit_is_ended(client, settings):
    UserFactory(email="long@example.org")
    login(client, "long@example.org")
    settings.SESSION_ABSOLUTE_SECONDS = 0
    response = client.get(reverse("my_space"))
    assert response.status_code == 302 and response.url == reverse("accounts:login")


def test_email_list_shows_recorded_messages(coordinator_client, django_capture_on_commit_callbacks):
    account = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_activation_link(by=None, user=account)
    content = coordinator_client.get(reverse("accounts:email_list")).content.decode()
    assert account.email in content
    assert reverse("accounts:account_detail", args=[account.pk]) in content
