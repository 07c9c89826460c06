"""Every change to accounts goes through these functions: atomic, logged, e-mails sent after commit."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from partners.enums import AuditVerb
from partners.mail import send_templated_email
from partners.models import AuditEntry, Commune, User


class ConcurrentEditError(Exception):
    """Somebody saved the same record since the form was loaded."""

    def __init__(self, current):
        super().__init__("concurrent edit")
        self.current = current


def log_action(*, actor, verb, target, message=""):
    return AuditEntry.objects.create(actor=actor, verb=verb, target=target, message=message)


def password_link(user, base_url=None):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})
    return (base_url or settings.SITE_URL).rstrip("/") + path


UPDATABLE_FIELDS = ("email", "first_name", "last_name", "role")


def account_fields(data):
    return {name: data[name] for name in UPDATABLE_FIELDS}


@transaction.atomic
def create_account(*, by, email, first_name, last_name, role, base_url=None):
    user = User.objects.create_user(email, first_name=first_name, last_name=last_name, role=role, created_by=by)
    log_action(actor=by, verb=AuditVerb.ACCOUNT_CREATED, target=user, message=f"Rôle : {user.get_role_display()}")
    send_activation_link(by=by, user=user, base_url=base_url)
    return user


@transaction.atomic
def send_activation_link(*, by, user, base_url=None):
    """E-mail the « Définir mon mot de passe » link, after commit so that it never points to a rolled-back row."""
    log_action(actor=by, verb=AuditVerb.ACTIVATION_SENT, target=user)
    link = password_link(user, base_url)
    context = {
        "user": user,
        "link": link,
        "commune": Commune.objects.current(),
        "by": by,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    transaction.on_commit(
        lambda: send_templated_email(
            to=[user.email], template="accounts/email/activation", context=context, related=user
        )
    )


@transaction.atomic
def update_account(*, by, user, version, changes):
    """Save `changes` if nobody saved the account since `version`; otherwise raise ConcurrentEditError."""
    current = User.objects.select_for_update().get(pk=user.pk)
    if current.version != version:
        raise ConcurrentEditError(current)
    changed = {
        name: value for name, value in changes.items() if name in UPDATABLE_FIELDS and getattr(current, name) != value
    }
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    current.version = F("version") + 1
    current.save(update_fields=[*changed, "version"])
    current.refresh_from_db()
    log_action(
        actor=by,
        verb=AuditVerb.ACCOUNT_UPDATED,
        target=current,
        message="Champs modifiés : " + ", ".join(sorted(changed)),
    )
    return current


@transaction.atomic
def set_account_active(*, by, user, active):
    current = User.objects.select_for_update().get(pk=user.pk)
    if current.is_active == active:
        return current
    current.is_active = active
    current.version = F("version") + 1
    current.save(update_fields=["is_active", "version"])
    current.refresh_from_db()
    verb = AuditVerb.ACCOUNT_REACTIVATED if active else AuditVerb.ACCOUNT_DEACTIVATED
    log_action(actor=by, verb=verb, target=current)
    return current


@transaction.atomic
def set_password_from_link(*, user, password):
    """Set the password chosen through an activation or reset link; the first time, this activates the account."""
    current = User.objects.select_for_update().get(pk=user.pk)
    current.set_password(password)
    fields = ["password"]
    if current.activated_at is None:
        current.activated_at = timezone.now()
        fields.append("activated_at")
    current.save(update_fields=fields)
    log_action(actor=current, verb=AuditVerb.PASSWORD_SET, target=current)
    return current
