"""What the fiches actions add to the pages of the lower apps (solidarites.lib.panels): the fiches of a group
with « Nouvelle fiche » for its members, the fiches a structure pilots, carries or partners, the fiches that
answer a coordination obstacle or a finding of the diagnostic. Only the fiches the user may open are listed
(ActionSheet.objects.visible_to)."""

from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string

from actionsheets.models import ActionPartner, ActionSheet
from actionsheets.permissions import startable_groups
from solidarites.lib import panels

SHEETS_TEMPLATE = "actionsheets/includes/_panel_sheets.html"


def _visible(request):
    return ActionSheet.objects.visible_to(request.user).select_related("axis")


def group_sheets(request, group):
    """The group page's « Fiches actions » section, and « Nouvelle fiche » for those who may start one there."""
    can_start = group.is_active and startable_groups(request.user).filter(pk=group.pk).exists()
    context = {
        "sheets": _visible(request).filter(group=group),
        "heading": "Fiches actions du groupe",
        "slug": "fiches",
        "empty": "Aucune fiche pour l'instant.",
        "new_sheet_group": group if can_start else None,
    }
    return render_to_string(SHEETS_TEMPLATE, context, request=request)


def organisation_sheets(request, organisation):
    """The fiches a structure pilots (through its interlocutor), carries or takes part in, with its roles."""
    as_partner = Exists(ActionPartner.objects.filter(sheet=OuterRef("pk"), organisation=organisation))
    sheets = (
        _visible(request)
        .select_related("pilot")
        .annotate(as_partner=as_partner)
        .filter(Q(pilot__organisation=organisation) | Q(lead_organisation=organisation) | Q(as_partner=True))
    )
    rows = []
    for sheet in sheets:
        sheet.roles = [
            label
            for label, applies in (
                ("pilote", sheet.pilot_id and sheet.pilot.organisation_id == organisation.pk),
                ("porteuse", sheet.lead_organisation_id == organisation.pk),
                ("partenaire", sheet.as_partner),
            )
            if applies
        ]
        rows.append(sheet)
    context = {
        "sheets": rows,
        "heading": "Fiches actions",
        "slug": "fiches",
        "empty": "Cette structure ne pilote, ne porte et n'accompagne aucune fiche que vous pouvez consulter.",
    }
    return render_to_string(SHEETS_TEMPLATE, context, request=request)


def obstacle_sheets(request, obstacle):
    context = {
        "sheets": _visible(request).filter(obstacles=obstacle),
        "heading": "Fiches actions qui répondent à ce frein",
        "slug": "fiches",
        "empty": "Aucune fiche action ne répond à ce frein pour l'instant.",
    }
    return render_to_string(SHEETS_TEMPLATE, context, request=request)


def finding_sheets(request, findings):
    """{finding pk: the list of the fiches that answer it}, in one query for the whole diagnostic."""
    through = ActionSheet.findings.through
    links = (
        through.objects.filter(finding__in=[finding.pk for finding in findings])
        .filter(actionsheet__in=ActionSheet.objects.visible_to(request.user).values("pk"))
        .select_related("actionsheet")
        .order_by("actionsheet__code")
    )
    by_finding = {}
    for link in links:
        by_finding.setdefault(link.finding_id, []).append(link.actionsheet)
    return {
        pk: render_to_string("actionsheets/includes/_panel_finding_sheets.html", {"sheets": sheets})
        for pk, sheets in by_finding.items()
    }


def register():
    """Called by ActionsheetsConfig.ready()."""
    panels.register("workshops.group_detail", group_sheets)
    panels.register("partners.organisation_detail", organisation_sheets)
    panels.register("workshops.obstacle_detail", obstacle_sheets)
    panels.register("workshops.finding_list", finding_sheets)
