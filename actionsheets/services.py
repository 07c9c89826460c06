"""Every change to a fiche action goes through these functions: atomic on a locked row, logged (AuditEntry,
Transition, SheetVersion), e-mails sent after commit."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actionsheets.models import ActionSheet, Attachment, Measurement, SectionDraft, SheetVersion, Status, Transition
from actionsheets.overlaps import LEFT_OUT, schedule_refresh
from actionsheets.sections import SECTIONS_BY_SLUG
from actionsheets.snapshot import PUBLICATION_SECTION, snapshot
from actionsheets.workflow import MOVES_BY_ACTION, section_is_open
from background import uploads
from partners.enums import AuditVerb
from partners.mail import send_templated_email
from partners.models import Axis, Commune, Contact, User
from partners.services import log_action
from workshops.models import FACILITATING_ROLES


class SectionConflict(Exception):
    """Somebody saved this section since the editor was opened: nothing is saved."""

    def __init__(self, sheet, section):
        super().__init__("section conflict")
        self.sheet = sheet
        self.section = section


class TransitionRefused(Exception):
    """The move is not allowed from the current state, or by this person, or misses what it needs."""


class SectionLocked(Exception):
    """The section cannot change in the sheet's current state."""


# Versions


def record_version(*, by, sheet, section=""):
    number = (sheet.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    fresh = ActionSheet.objects.whole().get(pk=sheet.pk)
    return SheetVersion.objects.create(sheet=sheet, number=number, section=section, saved_by=by, data=snapshot(fresh))


# Creation and authorship


@transaction.atomic
def create_sheet(*, by, group, title):
    """Start a sheet in a group; its number is the next one of the group's axis (DS-01, DS-02…)."""
    axis = Axis.objects.select_for_update().get(pk=group.axis_id)
    number = (ActionSheet.objects.filter(axis=axis).aggregate(last=Max("number"))["last"] or 0) + 1
    sheet = ActionSheet.objects.create(
        axis=axis, group=group, title=title, number=number, code=f"{axis.code}-{number:02d}", created_by=by
    )
    contact = Contact.objects.filter(user=by, is_active=True).first()
    if contact:
        sheet.co_authors.add(contact)
    log_action(actor=by, verb=AuditVerb.CREATED, target=sheet, message=sheet.code)
    record_version(by=by, sheet=sheet)
    schedule_refresh(sheet)
    return sheet


@transaction.atomic
def set_co_authors(*, by, sheet, contacts):
    current = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    before = set(current.co_authors.values_list("pk", flat=True))
    after = {contact.pk for contact in contacts}
    if before != after:
        current.co_authors.set(contacts)
        names = ", ".join(sorted(str(contact) for contact in contacts)) or "aucun"
        log_action(actor=by, verb=AuditVerb.UPDATED, target=current, message=f"Co-auteurs : {names}")
    return current


# Sections


@dataclass
class RowChanges:
    """The rows of one repeated item that the editor asks to change: `deleted` (saved rows), and `saved`, the
    changed and the new rows as unsaved instances, each with the value an indicator row measured (year, value)
    or None. `recreate_changed`: rows with a unique key are deleted then inserted again (a swap of two keys)."""

    model: type
    deleted: list = field(default_factory=list)
    saved: list = field(default_factory=list)
    recreate_changed: bool = False


@dataclass
class SectionChanges:
    """What a valid section editor asks to write: the section's field values and its repeated items.
    `shown_related_sheets`: the sheets the editor offered; links to the others are kept as they are."""

    fields: dict
    rows: list = field(default_factory=list)
    shown_related_sheets: object = None


def section_version(sheet, slug):
    return int(sheet.section_versions.get(slug, 0))


def _write_fields(current, changes):
    for name, value in changes.fields.items():
        if not ActionSheet._meta.get_field(name).many_to_many:
            setattr(current, name, value)
        elif name == "related_sheets":
            hidden = current.related_sheets.exclude(pk__in=changes.shown_related_sheets.values("pk"))
            current.related_sheets.set([*value, *hidden])
        else:
            getattr(current, name).set(value)


def _write_rows(current, rows, by):
    """Deletions, changes, new rows (and measurements) of one repeated item, on the locked sheet."""
    gone = rows.deleted + ([item for item, _ in rows.saved if item.pk] if rows.recreate_changed else [])
    if gone:
        rows.model.objects.filter(pk__in=[item.pk for item in gone]).delete()
    for item in rows.deleted:
        if rows.model is Attachment and item.file:
            transaction.on_commit(lambda file=item.file: file.storage.delete(file.name))
    for item, measure in rows.saved:
        item.sheet = current
        if rows.recreate_changed and item.pk:
            item.pk = None
            item._state.adding = True
        if rows.model is Attachment and item.pk is None:
            item.size = item.file.size
            item.uploaded_by = by
            uploads.stored_with_row(item.file)  # removed again if the section is not saved (save_section)
        item.save()
        if measure is not None:
            year, value = measure
            Measurement.objects.update_or_create(
                indicator=item, year=year, defaults={"value": value, "recorded_by": by}
            )


def write_changes(current, changes, by):
    """Write what a section editor asks (SectionChanges) on the locked sheet `current`."""
    _write_fields(current, changes)
    for rows in changes.rows:
        _write_rows(current, rows, by)


@uploads.saving_files()
def save_section(*, by, sheet, section, base_version, apply=None, changes=None, keep_drafts=False):
    """Save one section on the locked row: `changes` (SectionChanges, from the editor) and/or `apply(locked_sheet)`
    (the demo, tests) write its fields and repeated items. The saver's draft of the section goes, unless
    `keep_drafts` (a change made from another page: the draft then shows as older than the section).

    Refused with SectionConflict when somebody saved the same section since `base_version`, and with
    SectionLocked when the sheet's state does not let this section change, and with UploadNotSaved when the
    storage refuses a new attachment (nothing saved, no file left). Each save is a new version."""
    current = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    if section not in SECTIONS_BY_SLUG:
        raise SectionLocked(section)
    if not section_is_open(section, current.status):
        raise SectionLocked(section)
    if section_version(current, section) != base_version:
        raise SectionConflict(current, section)
    if changes is not None:
        write_changes(current, changes, by)
    if apply is not None:
        apply(current)
    current.section_versions = {**current.section_versions, section: base_version + 1}
    current.revision += 1
    current.save()
    if not keep_drafts:
        SectionDraft.objects.filter(sheet=current, user=by, section=section).delete()
    record_version(by=by, sheet=current, section=section)
    schedule_refresh(current, section)
    log_action(
        actor=by, verb=AuditVerb.UPDATED, target=current, message=f"Section « {SECTIONS_BY_SLUG[section].title} »"
    )
    return current


@transaction.atomic
def link_finding(*, by, finding, add=(), remove=()):
    """Link the finding to the sheets `add` and unlink it from the sheets `remove` (« which fiches answer this
    need », from the finding's side). Each sheet that changes gets a save of its section « contexte », on its
    locked row, like the editor's: a new version in its history and a log row; the finding gets one log row.
    All or nothing: SectionLocked when one of them may no longer change (nothing is saved). Returns the codes
    of the sheets linked and unlinked."""
    wanted = {sheet.pk: True for sheet in add} | {sheet.pk: False for sheet in remove}
    locked = list(ActionSheet.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
    linked = set(finding.sheets.filter(pk__in=wanted).values_list("pk", flat=True))
    done = {True: [], False: []}
    for sheet in locked:
        link = wanted[sheet.pk]
        if link == (sheet.pk in linked):
            continue
        save_section(
            by=by,
            sheet=sheet,
            section="contexte",
            base_version=section_version(sheet, "contexte"),
            apply=lambda current, link=link: (current.findings.add if link else current.findings.remove)(finding),
            keep_drafts=True,
        )
        done[link].append(sheet.code)
    if done[True] or done[False]:
        changes = [f"{code} liée" for code in done[True]] + [f"{code} retirée" for code in done[False]]
        log_action(actor=by, verb=AuditVerb.UPDATED, target=finding, message="Fiches : " + ", ".join(changes))
    return done[True], done[False]


def save_draft(*, by, sheet, section, data, base_version):
    """Autosave: what the person typed, kept until the section is saved (no version, no log: not a change)."""
    SectionDraft.objects.update_or_create(
        sheet=sheet, user=by, section=section, defaults={"data": data, "base_version": base_version}
    )


def discard_draft(*, by, sheet, section):
    """« Supprimer le brouillon »: back to the section as saved."""
    SectionDraft.objects.filter(sheet=sheet, user=by, section=section).delete()


# Publication on the public page


PUBLICATION_FIELDS = ("is_publishable", "public_budget", "public_summary")


@transaction.atomic
def set_publication(*, by, sheet, is_publishable, public_budget=False, public_summary=""):
    """Mark the sheet « publiable » or not on the public page /actions/, with or without its budget, and its
    public summary (a coordinator's decision: actionsheets.permissions.can_publish). On the locked row; a change
    is a new version in the sheet's history (its « Publication » part) and a log row; no change, nothing written."""
    current = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    wanted = {
        "is_publishable": bool(is_publishable),
        "public_budget": bool(public_budget),
        "public_summary": (public_summary or "").strip(),
    }
    if all(getattr(current, name) == value for name, value in wanted.items()):
        return current
    for name, value in wanted.items():
        setattr(current, name, value)
    current.save(update_fields=[*PUBLICATION_FIELDS, "updated_at"])
    record_version(by=by, sheet=current, section=PUBLICATION_SECTION)
    shown = "publiable" if current.is_publishable else "non publiable"
    budget = ", budget public" if current.public_budget else ""
    log_action(actor=by, verb=AuditVerb.UPDATED, target=current, message=f"Page publique : {shown}{budget}")
    return current


# Workflow


def _check_move(current, step, allowed_roles, comment, copil_date):
    """Refuse (TransitionRefused) a move the state, the caller's hats or what it brings do not allow."""
    if step is None or current.status not in step.sources:
        raise TransitionRefused(
            f"Cette action n'est pas possible : la fiche est « {current.get_status_display().lower()} »."
        )
    if allowed_roles is not None and not set(allowed_roles) & set(step.who):
        raise TransitionRefused("Vous n'avez pas le rôle qui permet cette action.")
    if step.needs_comment and not comment:
        raise TransitionRefused("Un commentaire est nécessaire pour cette action.")
    if step.needs_copil_date and not copil_date:
        raise TransitionRefused("Indiquez la date du COPIL.")
    if copil_date and copil_date > timezone.localdate():
        raise TransitionRefused("La date du COPIL ne peut pas être dans le futur.")


@transaction.atomic
def move(*, by, sheet, action, comment="", copil_date=None, allowed_roles=None, section_comments=None, notify=True):
    """Make one workflow move on the locked row; exactly one Transition and one log row per accepted move.

    `allowed_roles`: the hats the caller wears (actionsheets.permissions.roles); the move is refused when none
    of them may make it. `notify=False` (demo data, imports of past decisions) sends no e-mail."""
    current = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    step = MOVES_BY_ACTION.get(action)
    comment = (comment or "").strip()
    _check_move(current, step, allowed_roles, comment, copil_date)
    previous = current.status
    current.status = step.target
    if step.needs_copil_date:
        current.copil_date = copil_date
    current.save(update_fields=["status", "copil_date", "updated_at"])
    record = Transition.objects.create(
        sheet=current,
        action=action,
        from_status=previous,
        to_status=step.target,
        by=by,
        comment=comment,
        copil_date=copil_date if step.needs_copil_date else None,
    )
    for slug, text in (section_comments or {}).items():
        if text.strip():
            current.comments.create(section=slug, text=text.strip(), author=by, transition=record)
    log_action(
        actor=by,
        verb=AuditVerb.UPDATED,
        target=current,
        message=f"{record.get_from_status_display()} → {record.get_to_status_display()}"
        + (f" : {comment}" if comment else ""),
    )
    if step.target in LEFT_OUT:  # no longer compared: its pending look-alike pairs go
        schedule_refresh(current)
    if notify:
        _notify(current, record)
    return current


def people_concerned(sheet, record):
    """Authors, the group's animateurs, the pilot; coordinators when the sheet reaches them."""
    emails = set(sheet.co_authors.exclude(email="").values_list("email", flat=True))
    if sheet.created_by and sheet.created_by.email:
        emails.add(sheet.created_by.email)
    emails |= set(
        sheet.group.memberships.filter(role__in=FACILITATING_ROLES, is_active=True)
        .exclude(contact__email="")
        .values_list("contact__email", flat=True)
    )
    if sheet.pilot and sheet.pilot.email:
        emails.add(sheet.pilot.email)
    if record.to_status == Status.FORWARDED:
        emails |= set(User.objects.managers().values_list("email", flat=True))
    if record.by and record.by.email:
        emails.discard(record.by.email)
    return sorted(emails)


def _notify(sheet, record):
    recipients = people_concerned(sheet, record)
    context = {"sheet": sheet, "transition": record, "commune": Commune.objects.current()}

    # Rows of the outbox, written in the transition's transaction: sent by a task once it is committed.
    context["url"] = settings.SITE_URL.rstrip("/") + sheet.get_absolute_url()
    for email in recipients:
        send_templated_email(to=[email], template="actionsheets/email/transition", context=context, related=sheet)
