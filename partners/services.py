"""Every change to accounts, structures, interlocutors and imports goes through these functions: atomic, logged,
e-mails sent after commit."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import DataError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from partners.enums import AuditVerb, ImportState
from partners.imports import CONTACT_FIELDS, ORGANISATION_FIELDS, Analysis, batch_reading, guess_mapping
from partners.mail import send_templated_email
from partners.merging import move_references
from partners.models import AuditEntry, Commune, Contact, ImportBatch, ImportedName, Organisation, User


class ConcurrentEditError(Exception):
    """Somebody saved the same record since the form was loaded."""

    def __init__(self, current):
        super().__init__("concurrent edit")
        self.current = current


def log_action(*, actor, verb, target, message=""):
    return AuditEntry.objects.create(actor=actor, verb=verb, target=target, message=message)


def log_list_export(*, by, what, fmt, rows, filters, target=None):
    """The trace of personal data leaving in bulk: who (the actor), what (« des interlocuteurs », « des présences
    à la séance … »), when, how many rows, which filters of the list; the target is the object listed (a
    session) or, for a list of the whole portal, the actor."""
    shown = " ; ".join(f"{key}={value}" for key, value in sorted(filters.items()) if value and key != "page")
    message = f"Export {what} ({fmt.upper()}) : {rows} lignes ; filtres : {shown or 'aucun'}"
    return log_action(actor=by, verb=AuditVerb.EXPORTED, target=target or by, message=message[:2000])


def log_contact_export(*, by, fmt, rows, filters):
    return log_list_export(by=by, what="des interlocuteurs", fmt=fmt, rows=rows, filters=filters)


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
    log_action(actor=by, verb=AuditVerb.CREATED, target=user, message=f"Rôle : {user.get_role_display()}")
    send_activation_link(by=by, user=user, base_url=base_url)
    return user


@transaction.atomic
def send_activation_link(*, by, user, base_url=None):
    """E-mail the « Définir mon mot de passe » link: the message is a row of the outbox written in the caller's
    transaction (partners.mail), sent by a task once it is committed, so that it never points to a rolled-back
    row and is never lost between the commit and the sending."""
    log_action(actor=by, verb=AuditVerb.ACTIVATION_SENT, target=user)
    link = password_link(user, base_url)
    context = {
        "user": user,
        "link": link,
        "commune": Commune.objects.current(),
        "by": by,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    send_templated_email(to=[user.email], template="accounts/email/activation", context=context, related=user)


def update_account(*, by, user, version, changes):
    """Save `changes` if nobody saved the account since `version`; otherwise raise ConcurrentEditError."""
    return update_versioned(by=by, instance=user, version=version, changes=account_fields(changes))


@transaction.atomic
def update_versioned(*, by, instance, version, changes):
    """Apply `changes` (field name -> value; a list/queryset for many-to-many fields) to `instance`, atomically.

    Refused with ConcurrentEditError when the row's version moved since the form was built from `version`.
    """
    model = type(instance)
    current = model.objects.select_for_update().get(pk=instance.pk)
    if current.version != version:
        raise ConcurrentEditError(current)
    many = {field.name for field in model._meta.many_to_many}
    changed = []
    for name, value in changes.items():
        if name in many:
            if {item.pk for item in value} != set(getattr(current, name).values_list("pk", flat=True)):
                getattr(current, name).set(value)
                changed.append(name)
        elif getattr(current, name) != value:
            setattr(current, name, value)
            changed.append(name)
    if not changed:
        return current
    current.version = F("version") + 1
    current.save(update_fields=[name for name in changed if name not in many] + ["version"])
    current.refresh_from_db()
    labels = sorted(str(model._meta.get_field(name).verbose_name) for name in changed)
    log_action(actor=by, verb=AuditVerb.UPDATED, target=current, message="Champs modifiés : " + ", ".join(labels))
    return current


@transaction.atomic
def update_preferences(*, user, follow_up_reminders, weekly_digest):
    """A person's own follow-up preferences (« Mon profil »): reminders and weekly digest, logged when changed."""
    current = User.objects.select_for_update().get(pk=user.pk)
    changes = {"follow_up_reminders": follow_up_reminders, "weekly_digest": weekly_digest}
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, changes[name])
    current.save(update_fields=changed)
    labels = sorted(str(User._meta.get_field(name).verbose_name) for name in changed)
    log_action(actor=current, verb=AuditVerb.UPDATED, target=current, message="Préférences : " + ", ".join(labels))
    return current


def set_account_active(*, by, user, active):
    return set_active(by=by, instance=user, active=active)


@transaction.atomic
def set_active(*, by, instance, active):
    """Deactivate (never delete) or reactivate an account, a structure or an interlocutor."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if current.is_active == active:
        return current
    current.is_active = active
    current.version = F("version") + 1
    current.save(update_fields=["is_active", "version"])
    current.refresh_from_db()
    verb = AuditVerb.REACTIVATED if active else AuditVerb.DEACTIVATED
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


@transaction.atomic
def create_organisation(*, by, data):
    """Create a structure from cleaned form data (many-to-many fields as lists or querysets)."""
    many = {field.name for field in Organisation._meta.many_to_many}
    organisation = Organisation.objects.create(**{k: v for k, v in data.items() if k not in many})
    for name in many & data.keys():
        getattr(organisation, name).set(data[name])
    log_action(actor=by, verb=AuditVerb.CREATED, target=organisation)
    return organisation


@transaction.atomic
def create_contact(*, by, organisation, data):
    contact = Contact.objects.create(organisation=organisation, **data)
    log_action(actor=by, verb=AuditVerb.CREATED, target=contact, message=f"Structure : {organisation}")
    return contact


@transaction.atomic
def merge_organisations(*, by, keep, remove, choices):
    """Merge `remove` into `keep`: the fields picked from `remove` in `choices`, then every reference.

    Contacts, sub-structures and every other row pointing to `remove` move to `keep`; many-to-many links are
    united. `remove` is deactivated and marked as merged (never deleted), so old links lead to `keep`.
    """
    keep, remove = (Organisation.objects.select_for_update().get(pk=item.pk) for item in (keep, remove))
    if keep.pk == remove.pk or not keep.is_active or not remove.is_active:
        raise ValueError("Deux structures actives et différentes sont nécessaires.")
    taken = {name: getattr(remove, name) for name in Organisation.MERGEABLE_FIELDS if choices.get(name) == "remove"}
    removed_label = str(remove)
    # The merged row gives up its name at once: (normalised name, type) is unique among structures.
    remove.name = f"{remove.name} (fusionnée dans n° {keep.pk})"[:200]
    remove.is_active, remove.merged_into = False, keep
    remove.save(update_fields=["name", "is_active", "merged_into"])
    move_references(Organisation, remove, keep, skip={"merged_into"})
    for name, value in taken.items():
        setattr(keep, name, value)
    if keep.parent_id in (keep.pk, remove.pk):
        keep.parent = None
    keep.version = F("version") + 1
    keep.save()
    keep.refresh_from_db()
    fields = ", ".join(str(Organisation._meta.get_field(name).verbose_name) for name in taken) or "aucun"
    log_action(
        actor=by,
        verb=AuditVerb.MERGED,
        target=keep,
        message=f"« {removed_label} » (n° {remove.pk}) fusionnée ici ; champs repris : {fields}",
    )
    log_action(actor=by, verb=AuditVerb.MERGED, target=remove, message=f"Fusionnée dans « {keep} » (n° {keep.pk})")
    return keep


class ImportRefused(Exception):
    """The batch was already imported, or its rows still have errors: nothing was written."""


@transaction.atomic
def create_import_batch(*, by, file_name, content, headers, rows=(), reading=None):
    """Keep an uploaded partner list for the next steps, as read (`headers`, `rows`, and how: `reading`, see
    imports.Table), with the column mapping guessed from its headers."""
    return ImportBatch.objects.create(
        created_by=by,
        file_name=file_name[:200],
        content=content,
        table=[headers, *rows] if rows else [],
        reading=reading or {},
        mapping=guess_mapping(headers),
    )


@transaction.atomic
def save_import_mapping(*, batch, mapping):
    """Record which column of the file holds which field ({target: column index})."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    batch.mapping = mapping
    batch.save(update_fields=["mapping"])
    return batch


def _checked_analysis(batch, choices):
    """The batch's analysis when it can be imported with these answers to its duplicates; ImportRefused if not."""
    table = batch_reading(batch)
    analysis = Analysis(table.rows, batch.mapping, table.numbers)
    if analysis.rows_with_errors:
        raise ImportRefused("Des lignes comportent des erreurs : corrigez le fichier puis déposez-le de nouveau.")
    for result in analysis.duplicates:
        if choices.get(result.number) not in [*(value for value, _ in result.duplicates), "new"]:
            raise ImportRefused(f"Ligne {result.number} : choisissez de fusionner la structure ou de la créer.")
    return analysis


@transaction.atomic
def queue_import(*, by, batch, choices=None):
    """Confirm a checked partner list: its import is handed to the task worker (a long list takes a while), and
    the page « Import en cours » follows it. Refused at once when the list cannot be imported as it is."""
    from partners.tasks import run_import  # the task calls this module back

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.applied_at or batch.state in (ImportState.QUEUED, ImportState.RUNNING):
        raise ImportRefused("Ce fichier est déjà importé ou en cours d'import.")
    choices = choices or {}
    _checked_analysis(batch, choices)
    batch.state, batch.confirmed_by, batch.choices, batch.error = ImportState.QUEUED, by, choices, ""
    batch.save(update_fields=["state", "confirmed_by", "choices", "error"])
    # The queue lives in this database: the task row is written with the batch's, or not at all.
    run_import.enqueue(batch.pk)
    return batch


def run_queued_import(batch_id):
    """The task worker's part: import a confirmed list with the answers recorded; a refusal is kept on the batch
    for the page to show (nothing written)."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().filter(pk=batch_id, state=ImportState.QUEUED).first()
        if batch is None:  # already run, or never confirmed
            return
        batch.state = ImportState.RUNNING
        batch.save(update_fields=["state"])
    choices = {int(number): value for number, value in batch.choices.items()}
    try:
        apply_import(by=batch.confirmed_by, batch=batch, choices=choices)
    except ImportRefused as refused:
        ImportBatch.objects.filter(pk=batch.pk).update(state=ImportState.FAILED, error=str(refused)[:300])
        return
    except Exception:
        ImportBatch.objects.filter(pk=batch.pk).update(
            state=ImportState.FAILED,
            error="L'import n'a pas pu aboutir : rien n'a été importé. Réessayez ; si cela se reproduit, "
            "signalez-le à l'équipe du portail.",
        )
        raise


@transaction.atomic
def apply_import(*, by, batch, choices=None):
    """Write a checked partner list in one transaction, in batches: all of it, or nothing. `choices` answers each
    probable duplicate of the preview ({row number: "org-<pk>" or "row-<number>" to merge with, "new"})."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.applied_at:
        raise ImportRefused("Ce fichier a déjà été importé.")
    choices = choices or {}
    analysis = _checked_analysis(batch, choices)
    try:
        organisations, counts = _import_organisations(analysis, choices)
        _import_links(analysis, organisations)
        created, updated = _import_contacts(analysis, organisations)
    except DataError as error:  # a limit the preview does not know of: refused cleanly, nothing written
        raise ImportRefused(
            "Une valeur du fichier ne peut pas être enregistrée : rien n'a été importé. Vérifiez les cellules très "
            "longues ou inhabituelles, puis déposez le fichier de nouveau."
        ) from error
    batch.applied_at, batch.state = timezone.now(), ImportState.DONE
    batch.summary = (
        f"{counts['created']} structure(s) créée(s), {counts['updated']} mise(s) à jour, {counts['merged']} "
        f"ligne(s) fusionnée(s) avec une structure proche, {created} interlocuteur(s) créé(s), {updated} mis à jour."
    )
    batch.save(update_fields=["applied_at", "state", "summary"])
    log_action(actor=by, verb=AuditVerb.IMPORTED, target=batch, message=batch.summary)
    return batch


def _import_organisations(analysis, choices):
    """Create, update or merge the structures of the file; returns ({row number: Organisation}, counts)."""
    by_key, by_row, new, changed, merged = {}, {}, [], {}, []
    for result in analysis.results:
        key = (analysis.key(result.name), result.type_id)
        choice = choices.get(result.number, "new") if result.duplicates else "new"
        if choice != "new":  # merged with a close structure: its empty fields filled, nothing overwritten
            target = choice.partition("-")
            organisation = analysis.by_pk[int(target[2])] if target[0] == "org" else by_row[int(target[2])]
            _fill_empty(organisation, result.organisation, changed, new)
            by_key[key] = organisation
            merged.append((result, organisation))
        elif key not in by_key:
            organisation = analysis.existing(key)
            if organisation is None:
                organisation = Organisation(type_id=result.type_id, **result.organisation)
                new.append(organisation)
            elif result.changes:
                for name in result.changes:
                    setattr(organisation, name, result.organisation[name])
                changed[organisation.pk] = organisation
            by_key[key] = organisation
        by_row[result.number] = by_key[key]
    Organisation.objects.bulk_create(new, batch_size=500)
    for organisation in changed.values():
        organisation.version += 1
    Organisation.objects.bulk_update(changed.values(), [*ORGANISATION_FIELDS, "version"], batch_size=500)
    ImportedName.objects.bulk_create(
        [ImportedName(organisation=org, name=result.name, type_id=result.type_id) for result, org in merged],
        ignore_conflicts=True,
    )
    by_name = {name: org for (name, _), org in analysis.imported.items()}
    by_name.update({name: org for (name, _), org in analysis.organisations.items()})
    by_name.update({name: org for (name, _), org in by_key.items()})
    with_parent = []
    for result in analysis.results:
        organisation = by_row[result.number]
        if result.parent_name and organisation.parent_id is None:
            parent = by_name[analysis.key(result.parent_name)]
            if parent.pk != organisation.pk:
                organisation.parent = parent
                with_parent.append(organisation)
    Organisation.objects.bulk_update(with_parent, ["parent"], batch_size=500)
    counts = {"created": len(new), "updated": len(changed), "merged": len(merged)}
    return by_row, counts


def _fill_empty(organisation, data, changed, new):
    """Merging a row into a structure: the fields it leaves empty take the row's values."""
    filled = False
    for name, value in data.items():
        if name != "name" and value and not getattr(organisation, name):
            setattr(organisation, name, value)
            filled = True
    if filled and organisation not in new:
        changed[organisation.pk] = organisation


def _import_links(analysis, organisations):
    for field_name, ids in (("axes", "axis_ids"), ("neighbourhoods", "neighbourhood_ids")):
        through = getattr(Organisation, field_name).through
        target = getattr(Organisation, field_name).field.m2m_reverse_field_name()
        links = {
            (organisations[result.number].pk, item) for result in analysis.results for item in getattr(result, ids)
        }
        through.objects.bulk_create(
            [through(organisation_id=org_id, **{f"{target}_id": item}) for org_id, item in links],
            batch_size=1000,
            ignore_conflicts=True,
        )


def _import_contacts(analysis, organisations):
    new, changed = [], []
    for result in analysis.results:
        if not result.contact:
            continue
        organisation = organisations[result.number]
        known = analysis.known_contact(result.contact, organisation)
        if known is None:
            new.append(Contact(organisation=organisation, **result.contact))
        elif result.contact_action == "update":
            for name, value in result.contact.items():
                if value:
                    setattr(known, name, value)
            known.version += 1
            changed.append(known)
    Contact.objects.bulk_create(new, batch_size=500)
    Contact.objects.bulk_update(changed, [*CONTACT_FIELDS, "version"], batch_size=500)
    return len(new), len(changed)
