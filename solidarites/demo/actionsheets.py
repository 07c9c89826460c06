"""The demo fiches actions (actionsheets app), loaded by `load_demo` after the working groups.

Two illustrative sheets per thematic axis, with the titles suggested in domain.md §3.2. They are invented
examples and say so twice: `is_example=True` and « (exemple) » at the end of the title, so that the mark shows
wherever the title does (lists, detail and history pages, exports, PDFs, e-mails) without any template having to
know about it. The people are the fictitious interlocutors of the demo directory, the amounts, head counts and
indicator values are illustrative, and the COPIL date is the demo COPIL of 8 October 2015.

The sheets are written through `actionsheets.services` (create_sheet, save_section with an `apply` callable,
set_co_authors), so that their numbers, versions (snapshots) and log entries are the real ones; the history
then shows the 2015 dates (each version and move is dated after the fact, as the workshops loader does for its
sessions). The workflow moves go through `services.move` with `notify=False`: the same checks and rows
(status, COPIL date, Transition, section comments, log entry), and no e-mail to the fictitious people.

Idempotent: a sheet is looked up by its title among the examples; when it exists nothing of it is touched. The
two drafts still being written are dated a few days before the first load, the rest follows the 2015 calendar.
"""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from actionsheets import services
from actionsheets.enums import VALIDATED_STATES
from actionsheets.models import (
    ActionSheet,
    Framework,
    Funder,
    Measurement,
    Participation,
    ReviewComment,
    SheetVersion,
    Status,
    TargetPublic,
    Transition,
)
from actionsheets.overlaps import held, refresh_all_overlaps
from partners.enums import Role
from partners.models import Contact, Neighbourhood, Organisation, User
from solidarites.demo.data.actionsheets import (
    COPIL,
    COTECH_NEXT_DAY,
    EXAMPLE,
    FORWARDED_AGAIN_ON,
    OVERLAP_SHEETS,
    PLANNED_ON,
    RECORDED_ON,
    RESUBMITTED_ON,
    REVISED_ON,
    SECOND_SESSION,
    SHEETS,
    SUBMITTED_ON,
    THIRD_SESSION,
)
from solidarites.demo.workshops import COORDINATOR_EMAIL, GROUPS, PARTNER_EMAIL, at
from workshops.models import FACILITATING_ROLES, CoordinationObstacle, Finding, MembershipRole, WorkingGroup

__all__ = ["OVERLAP_SHEETS", "SHEETS", "load_actionsheets", "load_overlap_examples", "summary"]


def example_title(spec):
    return spec["title"] + EXAMPLE


def all_indicators(spec):
    return [*spec.get("indicators", []), *spec.get("revision", {}).get("indicators", [])]


class _Loader:
    def __init__(self, today):
        self.today = today
        self.coordinator = (
            User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
            or User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
        )
        self.partner = Contact.objects.filter(user__email__iexact=PARTNER_EMAIL, is_active=True).first()
        names = {spec["axis"]: spec["name"] for spec in GROUPS}
        self.groups = {}
        for group in WorkingGroup.objects.filter(is_active=True).select_related("axis").order_by("position", "pk"):
            if group.name == names.get(group.axis.code) or group.axis.code not in self.groups:
                self.groups[group.axis.code] = group
        self.organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
        self.funders = {funder.label: funder for funder in Funder.objects.all()}
        self.publics = {item.label: item for item in TargetPublic.objects.all()}
        self.frameworks = {item.code: item for item in Framework.objects.all()}
        self.places = {place.name: place for place in Neighbourhood.objects.all()}

    # The people

    def members(self, group):
        return list(
            group.memberships.filter(is_active=True, contact__is_active=True).select_related("contact").order_by("pk")
        )

    def pilot(self, group, memberships, lead):
        """A member of the group from the lead structure, else the group's animateur."""
        for membership in memberships:
            if lead and membership.contact.organisation_id == lead.pk and membership.contact != self.partner:
                return membership.contact
        facilitators = [m.contact for m in memberships if m.role == MembershipRole.FACILITATOR]
        return facilitators[0] if facilitators else (memberships[0].contact if memberships else None)

    def co_authors(self, memberships, pilot, by_partner):
        """The group's animateurs, the pilot and one plain member; the demo partner only where it writes."""
        chosen = [m.contact for m in memberships if m.role in FACILITATING_ROLES and m.contact != self.partner]
        chosen += [pilot] if pilot else []
        chosen += [m.contact for m in memberships if m.role == MembershipRole.MEMBER and m.contact != self.partner][:1]
        if by_partner and self.partner:
            chosen.append(self.partner)
        return list(dict.fromkeys(contact for contact in chosen if contact))

    # Services, dated

    def save(self, sheet, section, when, apply, by=None):
        sheet = services.save_section(
            by=by or self.coordinator,
            sheet=sheet,
            section=section,
            base_version=services.section_version(sheet, section),
            apply=apply,
        )
        SheetVersion.objects.filter(pk=sheet.versions.order_by("-number").values("pk")[:1]).update(saved_at=when)
        self.last = when
        return sheet

    def move(self, sheet, action, when, comment="", copil_date=None, section_comments=None, by=None):
        """services.move without e-mails (notify=False), then dated in the 2015 calendar."""
        sheet = services.move(
            by=by or self.coordinator,
            sheet=sheet,
            action=action,
            comment=comment,
            copil_date=copil_date,
            section_comments=section_comments,
            notify=False,
        )
        record = sheet.transitions.order_by("-pk").first()
        Transition.objects.filter(pk=record.pk).update(at=when)
        ReviewComment.objects.filter(transition=record).update(created_at=when)
        self.last = when
        return sheet

    # Sections

    def fields(self, **values):
        def apply(sheet):
            for name, value in values.items():
                if ActionSheet._meta.get_field(name).many_to_many:
                    getattr(sheet, name).set(value)
                else:
                    setattr(sheet, name, value)

        return apply

    def partners(self, rows):
        def apply(sheet):
            for name, role, contribution in rows:
                organisation = self.organisations.get(name)
                if organisation:
                    sheet.partners.create(organisation=organisation, role=role, contribution=contribution)

        return apply

    def budget(self, spec, *, lines=True, funding=(), actual=False):
        def apply(sheet):
            for year, kind, label, planned, real in spec.get("budget", []):
                if lines:
                    sheet.budget_lines.create(year=year, kind=kind, label=label, planned=planned)
                elif actual and real is not None:
                    sheet.budget_lines.filter(year=year, label=label).update(actual=real)
            for funder, year, amount, state in funding:
                if funder in self.funders:
                    sheet.funding_lines.create(funder=self.funders[funder], year=year, amount=amount, state=state)

        return apply

    def calendar(self, spec):
        def apply(sheet):
            sheet.start_date, sheet.planned_end_date = spec.get("start"), spec.get("end")
            sheet.is_recurring = spec.get("recurring", False)
            for label, due, _done in spec.get("milestones", []):
                sheet.milestones.create(label=label, due_on=due)

        return apply

    def milestones_done(self, spec):
        def apply(sheet):
            done = [label for label, _due, is_done in spec.get("milestones", []) if is_done]
            sheet.milestones.filter(label__in=done).update(is_done=True)

        return apply

    def indicators(self, rows, monitoring=None):
        def apply(sheet):
            if monitoring is not None:
                sheet.monitoring, sheet.governance_body = monitoring
            for label, kind, unit, baseline, target, source, frequency, _values in rows:
                sheet.indicators.create(
                    label=label,
                    kind=kind,
                    unit=unit,
                    baseline=baseline,
                    target=target,
                    source=source,
                    frequency=frequency,
                )

        return apply

    def measurements(self, spec, year, by):
        def apply(sheet):
            indicators = {indicator.label: indicator for indicator in sheet.indicators.all()}
            for label, *_rest, values in all_indicators(spec):
                if year in values and label in indicators:
                    Measurement.objects.create(
                        indicator=indicators[label], year=year, value=values[year], recorded_by=by
                    )

        return apply

    def conditions(self, spec, axis):
        def apply(sheet):
            sheet.success_conditions = spec.get("success_conditions", "")
            sheet.frameworks.set(
                [self.frameworks[code] for code in spec.get("frameworks", []) if code in self.frameworks]
            )
            obstacle = CoordinationObstacle.objects.filter(axes=axis).order_by("pk").first()
            sheet.obstacles.set([obstacle] if obstacle else [])

        return apply

    # One sheet

    def sections(self, spec, group, pilot, lead):
        """The editor's sections in order, each with what it writes."""
        has_draft = "draft_objectives" in spec
        return [
            (
                "identification",
                self.fields(
                    pilot=pilot, lead_organisation=lead, elected_referent=spec["referent"], priority=spec["priority"]
                ),
            ),
            (
                "contexte",
                self.fields(
                    context=spec["context"],
                    general_objective=spec["general_objective"],
                    findings=list(Finding.objects.filter(axis=group.axis).order_by("position", "pk")[1:3]),
                ),
            ),
            (
                "objectifs",
                self.fields(
                    operational_objectives=spec["draft_objectives"] if has_draft else spec["objectives"],
                    expected_results="" if has_draft else spec["expected_results"],
                ),
            ),
            (
                "contenu",
                self.fields(
                    description=spec.get("description", ""),
                    target_publics=[self.publics[label] for label in spec.get("publics", []) if label in self.publics],
                    target_count=spec.get("target_count"),
                    neighbourhoods=[
                        self.places[name] for name in spec.get("neighbourhoods", []) if name in self.places
                    ],
                    citizen_participation=spec.get("participation", Participation.NONE),
                ),
            ),
            ("partenaires", self.partners(spec.get("partners", []))),
            (
                "moyens",
                self.fields(
                    human_resources=spec.get("human_resources", ""),
                    fte=spec.get("fte"),
                    material_resources=spec.get("material_resources", ""),
                ),
            ),
            ("budget", self.budget(spec, funding=spec.get("funding", []))),
            ("calendrier", self.calendar(spec)),
            (
                "evaluation",
                self.indicators(
                    spec.get("indicators", []), (spec.get("monitoring", ""), spec.get("governance_body", ""))
                ),
            ),
            ("conditions", self.conditions(spec, group.axis)),
        ]

    def load_sheet(self, spec):
        group = self.groups.get(spec["axis"])
        if group is None or self.coordinator is None:
            return None
        memberships = self.members(group)
        lead = self.organisations.get(spec["lead"])
        partner_writes = bool(spec.get("by_partner") and self.partner and self.partner.user_id)
        author = self.partner.user if partner_writes else self.coordinator
        pilot = self.partner if partner_writes and spec.get("partner_pilot") else self.pilot(group, memberships, lead)
        if spec.get("recent"):  # still being written: three sittings in the last days before the first load
            sittings = [
                at(self.today - timedelta(days=n), hhmm) for n, hhmm in ((24, "14:00"), (10, "10:00"), (3, "16:30"))
            ]
        else:  # the second and third sessions of the groups, in the afternoon
            sittings = [at(SECOND_SESSION, "14:00"), at(THIRD_SESSION, "14:00"), at(THIRD_SESSION, "16:00")]

        sheet = services.create_sheet(by=author, group=group, title=example_title(spec))
        ActionSheet.objects.filter(pk=sheet.pk).update(is_example=True)
        sheet.versions.update(saved_at=sittings[0])
        sheet = services.set_co_authors(
            by=author, sheet=sheet, contacts=self.co_authors(memberships, pilot, partner_writes)
        )
        written = spec.get("sections")  # drafts: only some sections so far
        for index, (section, apply) in enumerate(self.sections(spec, group, pilot, lead)):
            if written is None or section in written:
                # the first four sections at the first sitting, the others at the next one
                when = (
                    sittings[0] + timedelta(minutes=12 * (index + 1))
                    if index < 4
                    else sittings[1] + timedelta(minutes=12 * (index - 3))
                )
                sheet = self.save(sheet, section, when, apply, by=author)
        if "draft_objectives" in spec:  # reworded once the group read the sheet again
            reworded = self.fields(
                operational_objectives=spec["objectives"], expected_results=spec["expected_results"]
            )
            sheet = self.save(sheet, "objectifs", sittings[2], reworded, by=author)
        self.workflow(sheet, spec, follow_up_by=author if spec.get("partner_pilot") and partner_writes else None)
        ActionSheet.objects.filter(pk=sheet.pk).update(created_at=sittings[0], updated_at=self.last)
        return sheet

    def workflow(self, sheet, spec, follow_up_by=None):
        """The moves up to the sheet's final state, then its follow-up, each dated."""
        state = spec["state"]
        if state == Status.DRAFT:
            return
        sheet = self.move(sheet, "submit", at(SUBMITTED_ON, "09:15"))
        if state == Status.SUBMITTED:
            return
        if "send_back" in spec:
            sheet = self.move(
                sheet,
                "send_back",
                at(COTECH_NEXT_DAY, "10:00"),
                comment=spec["send_back"]["comment"],
                section_comments=spec["send_back"]["sections"],
            )
            revision = spec.get("revision", {})
            when = at(REVISED_ON, "14:00")
            if "objectives" in revision:
                sheet = self.save(sheet, "objectifs", when, self.fields(operational_objectives=revision["objectives"]))
            if "indicators" in revision:
                when += timedelta(minutes=20)
                sheet = self.save(sheet, "evaluation", when, self.indicators(revision["indicators"]))
            if "funding" in revision:
                when += timedelta(minutes=20)
                sheet = self.save(sheet, "budget", when, self.budget(spec, lines=False, funding=revision["funding"]))
            if state == Status.TO_REVISE:
                return
            sheet = self.move(sheet, "submit", at(RESUBMITTED_ON, "09:00"))
            sheet = self.move(sheet, "forward", at(FORWARDED_AGAIN_ON, "11:00"))
        else:
            sheet = self.move(sheet, "forward", at(COTECH_NEXT_DAY, "10:00"))
        if state == Status.FORWARDED:
            return
        sheet = self.move(
            sheet,
            "validate",
            at(RECORDED_ON, "09:30"),
            comment="Validée par le comité de pilotage du 8 octobre 2015.",
            copil_date=COPIL,
        )
        if state == Status.VALIDATED:
            return
        if "started" not in spec:
            self.move(sheet, "plan", at(PLANNED_ON, "10:00"))
            return
        self.follow_up(sheet, spec, follow_up_by or self.coordinator)

    def follow_up(self, sheet, spec, by):
        """Start, milestones, actual spending, indicator values, pause or completion, in date order."""
        started = at(spec["started"], "09:00")
        completed = at(spec["completed"], "10:30") if "completed" in spec else None
        events = [
            (started, "move", ("start", "")),
            (started + timedelta(minutes=5), "calendrier", self.milestones_done(spec)),
        ]
        if any(line[4] is not None for line in spec.get("budget", [])):
            spent = completed - timedelta(minutes=30) if completed else at(date(2016, 12, 20), "16:00")
            events.append((spent, "budget", self.budget(spec, lines=False, actual=True)))
        for year in sorted({year for *_rest, values in all_indicators(spec) for year in values}):
            # the values of a year are entered in January of the next, or at the closing review
            when = at(date(year + 1, 1, 16), "11:00")
            if completed and completed.year == year:
                when = completed - timedelta(minutes=45)
            events.append((when, "evaluation", self.measurements(spec, year, by)))
        if "follow_up" in spec:  # the flag and progress the pilot signals (« Indicateurs et suivi »)
            day, flag, progress = spec["follow_up"]
            events.append((at(day, "15:00"), "evaluation", self.fields(follow_up_flag=flag, progress=progress)))
        if "paused" in spec:
            events.append((at(spec["paused"][0], "17:00"), "move", ("pause", spec["paused"][1])))
        if completed:
            events.append((completed, "move", ("complete", "")))
        for when, what, payload in sorted(events, key=lambda event: event[0]):
            if what == "move":
                sheet = self.move(sheet, payload[0], when, comment=payload[1], by=by)
            else:
                sheet = self.save(sheet, what, when, payload, by=by)

    def run(self, specs=SHEETS):
        existing = set(ActionSheet.objects.filter(is_example=True).values_list("title", flat=True))
        created = 0
        for spec in specs:
            if example_title(spec) in existing:
                continue
            if self.load_sheet(spec) is not None:
                created += 1
        return created


def load_actionsheets(stdout=None, today=None):
    """Create the demo fiches actions that are missing (none is changed once there); send no e-mail. Their
    look-alike pairs are computed once at the end, by load_overlap_examples."""
    with held():
        created = _Loader(today or timezone.localdate()).run()
    # The validated examples are on the public page of actions (/actions/), their budget too: as a town would
    # publish them once the COPIL has decided.
    ActionSheet.objects.filter(is_example=True, status__in=VALIDATED_STATES, is_publishable=False).update(
        is_publishable=True, public_budget=True
    )
    if stdout is not None and created:
        stdout.write(f"Fiches actions – créées : {created} fiches d'exemple")
    return created


def load_overlap_examples(stdout=None, today=None):
    """Create the missing fiches that look like a fiche of another group (OVERLAP_SHEETS), then compare every
    fiche again (actionsheets.overlaps), so that the overlap pages have their planted pairs."""
    with held():
        created = _Loader(today or timezone.localdate()).run(OVERLAP_SHEETS)
    changes = refresh_all_overlaps()
    if stdout is not None and (created or changes["created"]):
        stdout.write(f"Rapprochements – {created} fiches proches d'une autre, {changes['created']} paires proposées")
    return created


def summary():
    examples = ActionSheet.objects.filter(is_example=True)
    counts = examples.aggregate(
        total=Count("pk"),
        validated=Count(
            "pk", filter=~Q(status__in=[Status.DRAFT, Status.SUBMITTED, Status.TO_REVISE, Status.FORWARDED])
        ),
    )
    return (
        f"Fiches actions : {ActionSheet.objects.count()} fiches dont {counts['total']} exemples "
        f"({counts['validated']} validées par le COPIL), {SheetVersion.objects.count()} versions, "
        f"{Transition.objects.count()} changements de statut."
    )
