"""Every change to a fiche action goes through these functions: atomic on a locked row, logged (AuditEntry,
Transition, SheetVersion), e-mails sent after commit."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone

from actionsheets.models import ActionSheet, SectionDraft, SheetVersion, Status, Transition
from actionsheets.sections import SECTIONS, SECTIONS_BY_SLUG
from actionsheets.workflow import MOVES_BY_ACTION, section_is_open
from partners.enums import AuditVerb
from partners.mail import send_templated_email
from partners.models import Axis, Commune, Contact
from partners.services import log_action


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


# Snapshots (history and diffs)


def display(value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def field_display(sheet, name):
    field = ActionSheet._meta.get_field(name)
    if field.many_to_many:
        return sorted(str(item) for item in getattr(sheet, name).all())
    if field.choices:
        return getattr(sheet, f"get_{name}_display")()
    return display(getattr(sheet, name))


def child_rows(sheet, related):
    rows = []
    for item in getattr(sheet, related).all():
        if related == "partners":
            rows.append(
                f"{item.organisation} – {item.get_role_display()}"
                + (f" : {item.contribution}" if item.contribution else "")
            )
        elif related == "budget_lines":
            actual = f", réalisé {display(item.actual)} €" if item.actual is not None else ""
            rows.append(
                f"{item.year} – {item.get_kind_display()} – {item.label} : prévu {display(item.planned)} €{actual}"
            )
        elif related == "funding_lines":
            rows.append(f"{item.year} – {item.funder} : {display(item.amount)} € ({item.get_state_display().lower()})")
        elif related == "milestones":
            rows.append(
                f"{item.label} – {display(item.due_on) or 'sans date'}" + (" (réalisée)" if item.is_done else "")
            )
        elif related == "indicators":
            values = ", ".join(f"{m.year} : {display(m.value)}" for m in item.measurements.all())
            rows.append(
                f"{item.label} ({item.get_kind_display().lower()}) – référence {display(item.baseline) or '—'}, "
                f"cible {display(item.target) or '—'} {item.unit}".rstrip()
                + (f" – mesures {values}" if values else "")
            )
        elif related == "attachments":
            rows.append(f"{item.title} ({item.file.name.rsplit('/', 1)[-1]})")
        elif related == "reviews":
            rows.append(f"Bilan {item.year} – {item.get_next_step_display()} : {item.qualitative[:200]}")
    return rows


def snapshot(sheet):
    """Every section's readable content: {section slug: {label: value or list of lines}}."""
    data = {}
    for section in SECTIONS:
        content = {}
        for name in section.fields:
            label = str(ActionSheet._meta.get_field(name).verbose_name)
            content[label[:1].upper() + label[1:]] = field_display(sheet, name)
        for related in section.children:
            model = ActionSheet._meta.get_field(related).related_model
            content[str(model._meta.verbose_name_plural).capitalize()] = child_rows(sheet, related)
        data[section.slug] = content
    data["statut"] = {"Statut": sheet.get_status_display()}
    return data


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


def section_version(sheet, slug):
    return int(sheet.section_versions.get(slug, 0))


@transaction.atomic
def save_section(*, by, sheet, section, base_version, apply):
    """Save one section: `apply(locked_sheet)` writes its fields and repeated items on the locked row.

    Refused with SectionConflict when somebody saved the same section since `base_version`, and with
    SectionLocked when the sheet's state does not let this section change. Each save is a new version."""
    current = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    if section not in SECTIONS_BY_SLUG:
        raise SectionLocked(section)
    if not section_is_open(section, current.status):
        raise SectionLocked(section)
    if section_version(current, section) != base_version:
        raise SectionConflict(current, section)
    apply(current)
    current.section_versions = {**current.section_versions, section: base_version + 1}
    current.revision += 1
    current.save()
    SectionDraft.objects.filter(sheet=current, user=by, section=section).delete()
    record_version(by=by, sheet=current, section=section)
    log_action(
        actor=by, verb=AuditVerb.UPDATED, target=current, message=f"Section « {SECTIONS_BY_SLUG[section].title} »"
    )
    return current


def save_draft(*, by, sheet, section, data, base_version):
    """Autosave: what the person typed, kept until the section is saved (no version, no log: not a change)."""
    SectionDraft.objects.update_or_create(
        sheet=sheet, user=by, section=section, defaults={"data": data, "base_version": base_version}
    )


# Workflow


@transaction.atomic
def move(*, by, sheet, action, comment="", copil_date=None, allowed_roles=None, section_comments=None, notify=True):
    """Make one workflow move on the locked row; exactly one Transition and one log row per accepted move.

    `allowed_roles`: the hats the caller wears (actionsheets.permissions.roles); the move is refused when none
    of them may make it. `notify=False` (demo data, imports of past decisions) sends no e-mail."""
    current = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    step = MOVES_BY_ACTION.get(action)
    if step is None or current.status not in step.sources:
        raise TransitionRefused(
            f"Cette action n'est pas possible : la fiche est « {current.get_status_display().lower()} »."
        )
    if allowed_roles is not None and not set(allowed_roles) & set(step.who):
        raise TransitionRefused("Vous n'avez pas le rôle qui permet cette action.")
    comment = (comment or "").strip()
    if step.needs_comment and not comment:
        raise TransitionRefused("Un commentaire est nécessaire pour cette action.")
    if step.needs_copil_date and not copil_date:
        raise TransitionRefused("Indiquez la date du COPIL.")
    if copil_date and copil_date > timezone.localdate():
        raise TransitionRefused("La date du COPIL ne peut pas être dans le futur.")
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
    if notify:
        _notify(current, record)
    return current


def people_concerned(sheet, record):
    """Authors, the group's animateurs, the pilot; coordinators when the sheet reaches them."""
    from partners.models import User
    from workshops.models import FACILITATING_ROLES

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

    def send():
        from django.conf import settings

        context["url"] = settings.SITE_URL.rstrip("/") + sheet.get_absolute_url()
        for email in recipients:
            send_templated_email(to=[email], template="actionsheets/email/transition", context=context, related=sheet)

    transaction.on_commit(send)
