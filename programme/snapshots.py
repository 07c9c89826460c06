"""Closing a COPIL, which freezes a snapshot of the programme, and « ce qui a changé » between two snapshots or
between a snapshot and now.

The rows of « now » are built by the same function as those a snapshot stores (`current_rows`, unsaved), so both
sides of a comparison read alike. Fixed query counts whatever the number of fiches: closing is the dossier's lock,
its update, the fiches with their totals and three prefetches, the register of obstacles, two inserts and the log
row; a comparison reads each side's rows in one query (or the fiches as above for « now »).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from actionsheets.enums import FollowUpFlag, Status
from actionsheets.models import ActionSheet, Indicator
from partners.enums import AuditVerb
from partners.services import log_action
from programme.models import CopilDossier
from programme.permissions import can_see_snapshots
from programme.snapshot_models import ProgrammeSnapshot, SnapshotRow
from workshops.enums import ObstacleStatus
from workshops.models import CoordinationObstacle

DONE, LATE, TODO = "done", "late", "todo"
MONEY_FIELDS = {
    "planned_total": "Budget prévu",
    "funding_secured": "Financements acquis",
    "actual_total": "Dépenses réalisées",
}


class CopilAlreadyClosed(Exception):
    """The COPIL was closed already: its snapshot exists and is not taken twice."""


# Freezing


def _indicator_values(sheet):
    values = {}
    for indicator in sheet.indicators.all():
        measurements = sorted(indicator.measurements.all(), key=lambda m: (m.year, m.pk))
        latest = measurements[-1] if measurements else None
        values[str(indicator.pk)] = {
            "label": indicator.label,
            "unit": indicator.unit,
            "year": latest.year if latest else None,
            "value": str(latest.value) if latest else None,
            "count": len(measurements),
        }
    return values


def _milestone_states(sheet, today):
    def state(milestone):
        if milestone.is_done:
            return DONE
        return LATE if milestone.due_on and milestone.due_on < today else TODO

    return {
        str(m.pk): {"label": m.label, "due_on": m.due_on.isoformat() if m.due_on else None, "state": state(m)}
        for m in sheet.milestones.all()
    }


def current_rows(today=None, snapshot=None):
    """Every fiche of the programme as a SnapshotRow (unsaved), in the snapshot's order."""
    today = today or timezone.localdate()
    open_obstacles = CoordinationObstacle.objects.exclude(status=ObstacleStatus.LIFTED).only("pk")
    sheets = (
        ActionSheet.objects.with_totals()
        .select_related("axis", "group")
        .prefetch_related(
            "milestones",
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
            Prefetch("obstacles", queryset=open_obstacles, to_attr="open_obstacle_list"),
        )
        .order_by("axis__position", "code")
    )
    rows = []
    for sheet in sheets:
        milestones = _milestone_states(sheet, today)
        states = [item["state"] for item in milestones.values()]
        rows.append(
            SnapshotRow(
                snapshot=snapshot,
                sheet_id=sheet.pk,
                code=sheet.code,
                title=sheet.title,
                axis_code=sheet.axis.code,
                axis_title=sheet.axis.short_title,
                axis_position=sheet.axis.position,
                group_name=sheet.group.name,
                status=sheet.status,
                planned_total=sheet.planned_total,
                funding_secured=sheet.granted_total,
                funding_requested=sheet.requested_total,
                actual_total=sheet.actual_total,
                indicators=_indicator_values(sheet),
                milestones=milestones,
                milestones_done=states.count(DONE),
                milestones_overdue=states.count(LATE),
                follow_up_flag=sheet.follow_up_flag or "",
                progress=sheet.progress,
                open_obstacles=sorted(item.pk for item in sheet.open_obstacle_list),
            )
        )
    return rows


def obstacle_register():
    """The register of obstacles as a snapshot keeps it: {"<pk>": {"title", "status"}}."""
    return {
        str(pk): {"title": title, "status": status}
        for pk, title, status in CoordinationObstacle.objects.order_by("pk").values_list("pk", "title", "status")
    }


def close_copil(by, dossier):
    """Close the COPIL of `dossier` and freeze the programme's snapshot; refused (CopilAlreadyClosed) when the
    COPIL is closed already. Returns the snapshot."""
    with transaction.atomic():
        dossier = CopilDossier.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=dossier.pk)
        if dossier.closed_at is not None:
            raise CopilAlreadyClosed(f"Le COPIL « {dossier.meeting} » est déjà clos.")
        now = timezone.now()
        dossier.closed_at, dossier.closed_by = now, by
        dossier.save(update_fields=["closed_at", "closed_by"])
        day = date_format(timezone.localtime(dossier.meeting.starts_at), "j F Y")
        snapshot = ProgrammeSnapshot.objects.create(
            taken_at=now, taken_by=by, dossier=dossier, label=f"COPIL du {day}", obstacles=obstacle_register()
        )
        rows = SnapshotRow.objects.bulk_create(current_rows(timezone.localdate(), snapshot))
        log_action(
            actor=by,
            verb=AuditVerb.UPDATED,
            target=dossier,
            message=f"COPIL clos ; instantané du programme n° {snapshot.pk} ({len(rows)} fiches).",
        )
    return snapshot


# Comparing


@dataclass
class Side:
    """One side of a comparison: a snapshot, or now (snapshot None)."""

    snapshot: ProgrammeSnapshot | None
    rows: list
    obstacles: dict

    @property
    def label(self):
        if self.snapshot is None:
            return "aujourd'hui"
        return f"{self.snapshot.label} (instantané du {date_format(timezone.localtime(self.snapshot.taken_at))})"


def snapshot_side(snapshot):
    return Side(snapshot, list(snapshot.rows.all()), snapshot.obstacles)


def now_side():
    return Side(None, current_rows(), obstacle_register())


def status_label(value):
    return Status(value).label if value in Status.values else value


def flag_label(value):
    return FollowUpFlag(value).label if value in FollowUpFlag.values else value


@dataclass
class Changes:
    """What changed from `before` to `after`, section by section (lists of dicts the page and the export read)."""

    before: Side
    after: Side
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    moves: list = field(default_factory=list)
    money: list = field(default_factory=list)
    axes: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    milestones_reached: list = field(default_factory=list)
    milestones_late: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    obstacles: list = field(default_factory=list)

    @property
    def counts(self):
        return {
            "added": len(self.added),
            "moves": len(self.moves),
            "money": len(self.money),
            "indicators": len(self.indicators),
            "milestones_reached": len(self.milestones_reached),
            "milestones_late": len(self.milestones_late),
            "obstacles": len(self.obstacles),
        }

    @property
    def is_empty(self):
        return not any((self.added, self.removed, self.moves, self.money, self.indicators, self.flags)) and not any(
            (self.milestones_reached, self.milestones_late, self.obstacles)
        )


def _money_changes(old, new):
    changes = []
    for name, label in MONEY_FIELDS.items():
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            delta = (after or Decimal(0)) - (before or Decimal(0))
            changes.append({"row": new, "what": label, "before": before, "after": after, "delta": delta})
    return changes


def _axis_totals(rows):
    totals = defaultdict(lambda: {"planned_total": Decimal(0), "funding_secured": Decimal(0)})
    titles = {}
    for row in rows:
        titles[row.axis_code] = (row.axis_position, row.axis_title)
        totals[row.axis_code]["planned_total"] += row.planned_total
        totals[row.axis_code]["funding_secured"] += row.funding_secured
    return totals, titles


def _axis_changes(before_rows, after_rows):
    old, old_titles = _axis_totals(before_rows)
    new, new_titles = _axis_totals(after_rows)
    titles = {**old_titles, **new_titles}
    changes = []
    for code in sorted(titles, key=lambda code: titles[code]):
        for name in ("planned_total", "funding_secured"):
            before, after = old[code][name], new[code][name]
            if before != after:
                changes.append(
                    {
                        "code": code,
                        "title": titles[code][1],
                        "what": MONEY_FIELDS[name],
                        "before": before,
                        "after": after,
                        "delta": after - before,
                    }
                )
    return changes


def _indicator_changes(old, new):
    changes = []
    for pk, value in new.indicators.items():
        previous = (old.indicators if old else {}).get(pk, {})
        if value["value"] is None:
            continue
        if (value["year"], value["value"], value["count"]) != tuple(
            previous.get(k) for k in ("year", "value", "count")
        ):
            changes.append({"row": new, **value, "previous": previous if previous.get("value") is not None else None})
    return changes


def _milestone_changes(old, new, state):
    previous = old.milestones if old else {}
    return [
        {"row": new, **item}
        for pk, item in new.milestones.items()
        if item["state"] == state and previous.get(pk, {}).get("state") != state
    ]


def compare(before, after):
    """The changes from the Side `before` to the Side `after`."""
    result = Changes(before, after)
    old_rows = {row.sheet_id: row for row in before.rows}
    new_ids = {row.sheet_id for row in after.rows}
    result.removed = [row for row in before.rows if row.sheet_id not in new_ids]
    for row in after.rows:
        old = old_rows.get(row.sheet_id)
        if old is None:
            result.added.append(row)
        else:
            if old.status != row.status:
                result.moves.append(
                    {"row": row, "before": status_label(old.status), "after": status_label(row.status)}
                )
            if (old.follow_up_flag, old.progress) != (row.follow_up_flag, row.progress):
                result.flags.append(
                    {
                        "row": row,
                        "before": flag_label(old.follow_up_flag),
                        "after": flag_label(row.follow_up_flag),
                        "progress_before": old.progress,
                        "progress_after": row.progress,
                    }
                )
            result.money += _money_changes(old, row)
        result.indicators += _indicator_changes(old, row)
        result.milestones_reached += _milestone_changes(old, row, DONE)
        result.milestones_late += _milestone_changes(old, row, LATE)
    result.axes = _axis_changes(before.rows, after.rows)
    result.obstacles = [{"pk": int(pk), **item} for pk, item in after.obstacles.items() if pk not in before.obstacles]
    return result


def latest_snapshot():
    return ProgrammeSnapshot.objects.select_related("dossier__meeting").order_by("-taken_at", "-pk").first()


def changes_since_last_copil(user, dossier=None):
    """The context of programme/changes_summary.html: what changed since the last closed COPIL, in figures, and
    the link to the full page; `can_see_changes` False for those who may not see it (nothing else is read).

    With the `dossier` of a COPIL closed already, what changed between the COPIL before it and its own closing
    (its snapshot), so that its page keeps saying what that committee saw."""
    if not can_see_snapshots(user):
        return {"can_see_changes": False}
    until = ProgrammeSnapshot.objects.filter(dossier=dossier).first() if dossier is not None else None
    if until is None:
        since = latest_snapshot()
    else:
        earlier = ProgrammeSnapshot.objects.filter(taken_at__lt=until.taken_at).order_by("-taken_at", "-pk")
        since = earlier.first()
    url = reverse("programme:changes")
    context = {"can_see_changes": True, "changes_since": since, "changes_until": until, "changes_url": url}
    if since is not None:
        changes = compare(snapshot_side(since), snapshot_side(until) if until else now_side())
        context.update(changes_counts=changes.counts, changes_empty=changes.is_empty)
        context["changes_query"] = f"?depuis={since.pk}" + (f"&jusqu_a={until.pk}" if until else "")
    return context


def axes_of(rows):
    """The rows of a snapshot by axis, with each axis's totals: [{code, title, rows, planned, secured, actual}]."""
    axes = {}
    for row in rows:
        axis = axes.setdefault(
            row.axis_code,
            {"code": row.axis_code, "title": row.axis_title, "rows": [], "planned": 0, "secured": 0, "actual": 0},
        )
        axis["rows"].append(row)
        axis["planned"] += row.planned_total
        axis["secured"] += row.funding_secured
        axis["actual"] += row.actual_total or 0
    return list(axes.values())


# The page's form: which snapshots to compare


class SnapshotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} – instantané du {date_format(timezone.localtime(obj.taken_at))}"


class ChangesForm(forms.Form):
    depuis = SnapshotChoiceField(
        label="Depuis",
        queryset=ProgrammeSnapshot.objects.order_by("-taken_at", "-pk"),
        required=False,
        empty_label="Le dernier COPIL clos",
    )
    jusqu_a = SnapshotChoiceField(
        label="Jusqu'à",
        queryset=ProgrammeSnapshot.objects.order_by("-taken_at", "-pk"),
        required=False,
        empty_label="Aujourd'hui",
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("depuis"), data.get("jusqu_a")
        if since and until and since.taken_at > until.taken_at:
            self.add_error("jusqu_a", "Choisissez un instantané pris après celui de départ, ou « Aujourd'hui ».")
        return data


def changes_from(params):
    """(the form, the Changes it asks for, or None while the form is wrong or no COPIL was closed yet);
    `form.has_snapshots` tells the two cases apart."""
    form = ChangesForm(params)
    form.has_snapshots = True
    if not form.is_valid():
        return form, None
    since = form.cleaned_data["depuis"] or latest_snapshot()
    until = form.cleaned_data["jusqu_a"]
    if since is None:
        form.has_snapshots = False
        return form, None
    before = snapshot_side(since)
    after = snapshot_side(until) if until else now_side()
    return form, compare(before, after)


# Export

EXPORT_HEADERS = ["Rubrique", "Fiche", "Intitulé", "Axe", "Avant", "Après", "Écart"]


def _amount(value):
    return "" if value is None else value  # a number in the spreadsheet


def export_rows(changes):
    """The changes as rows of text, one per change, in the page's order."""
    rows = [["Fiche ajoutée", r.code, r.title, r.axis_code, "", status_label(r.status), ""] for r in changes.added]
    rows += [["Fiche retirée", r.code, r.title, r.axis_code, status_label(r.status), "", ""] for r in changes.removed]
    for move in changes.moves:
        row = move["row"]
        rows.append(["Changement de statut", row.code, row.title, row.axis_code, move["before"], move["after"], ""])
    for item in changes.money:
        row = item["row"]
        before, after, delta = (_amount(item[k]) for k in ("before", "after", "delta"))
        rows.append([item["what"], row.code, row.title, row.axis_code, before, after, delta])
    for item in changes.axes:
        before, after, delta = (_amount(item[k]) for k in ("before", "after", "delta"))
        rows.append([f"{item['what']} de l'axe", "", item["title"], item["code"], before, after, delta])
    for item in changes.indicators:
        row, previous = item["row"], item["previous"]
        before = f"{previous['year']} : {previous['value']}" if previous else ""
        after = f"{item['year']} : {item['value']} {item['unit']}".rstrip()
        rows.append([f"Indicateur : {item['label']}", row.code, row.title, row.axis_code, before, after, ""])
    for title, items in (("Étape réalisée", changes.milestones_reached), ("Étape en retard", changes.milestones_late)):
        for item in items:
            row = item["row"]
            rows.append(
                [f"{title} : {item['label']}", row.code, row.title, row.axis_code, "", item["due_on"] or "", ""]
            )
    for item in changes.flags:
        row = item["row"]
        rows.append(["Signalement", row.code, row.title, row.axis_code, item["before"], item["after"], ""])
    rows += [["Nouveau frein", "", item["title"], "", "", item["status"], ""] for item in changes.obstacles]
    return rows
