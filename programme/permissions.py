"""Who sees which part of the programme views.

Coordinators and readers (elected members) see the figures of every fiche; a partner sees those of the
validated fiches plus every fiche of its own groups. The partner × axis map and the overlap list are tools of
the project team: coordinators act on them, readers may read the map, partners get 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from actionsheets.enums import VALIDATED_STATES
from actionsheets.models import ActionSheet
from programme.models import CopilDossier
from workshops.models import Meeting
from workshops.permissions import my_memberships


def programme_sheets(user):
    """The fiches whose figures `user` sees on the programme pages (dashboard, axis pages, coverage, timeline)."""
    sheets = ActionSheet.objects.all()
    if user.is_coordinator or user.is_reader:
        return sheets
    return sheets.filter(Q(status__in=VALIDATED_STATES) | Q(group__in=list(my_memberships(user))))


def sees_every_sheet(user):
    return user.is_coordinator or user.is_reader


def can_see_partner_map(user):
    return user.is_coordinator or user.is_reader


def can_see_overlaps(user):
    return user.is_coordinator


def can_decide_overlaps(user):
    return user.is_coordinator


def offers_finding_links(user):
    """Whether the coverage page offers « Lier des fiches » on each need: coordinators and the members of a
    working group (who write fiches); whether they may change a given fiche is can_edit_section's answer."""
    return user.is_coordinator or (user.is_partner and bool(my_memberships(user)))


def can_link_finding(user, editable_sheets):
    """Whether `user` may open the page linking a finding to fiches: coordinators, and whoever may change the
    section « contexte » of at least one of the fiches it offers (`editable_sheets`); readers never."""
    return user.is_coordinator or (not user.is_reader and bool(editable_sheets))


# --- The COPIL dossier (issue 12) ----------------------------------------------------------------------------------


def can_read_copil_dossier(user):
    """The dossier of a COPIL and its documents: the project team and the elected members (readers), who sit on
    the committee and so read the fiches put before it in full, those under review included (elsewhere readers
    open validated fiches only); partners and outsiders do not see it (404, as for a page outside their scope)."""
    return user.is_coordinator or user.is_reader


def can_manage_copil_dossier(user):
    """Choosing the fiches of a COPIL's dossier: the project team."""
    return user.is_coordinator


# The COPIL's decisions (programme.decisions)


def can_record_copil_decisions(user):
    """The project team records what the COPIL decided; readers and invited partners only read it."""
    return user.is_coordinator


def get_dossier_for_decisions(user, meeting_pk):
    """The dossier of the COPIL `meeting_pk` for its decisions: 404 when the user may not see the meeting (or it
    has no dossier), 403 when the user sees it but may not record decisions."""
    dossier = get_object_or_404(
        CopilDossier.objects.select_related("meeting"),
        meeting__in=Meeting.objects.visible_to(user).filter(kind=Meeting.Kind.COPIL),
        meeting__pk=meeting_pk,
    )
    if not can_record_copil_decisions(user):
        raise PermissionDenied
    return dossier


# Snapshots and « ce qui a changé » (issue 12). A snapshot is a picture of the whole programme, every fiche
# whatever its status, and « ce qui a changé » shows the moves of fiches still being written: coordinators and
# readers (elected members) see them; partners get 403 rather than a view cut down to their scope, which would
# misstate the axis totals a COPIL reads. Only coordinators close a COPIL (which freezes the snapshot).


def can_see_snapshots(user):
    return user.is_coordinator or user.is_reader


def can_close_copil(user):
    return user.is_coordinator
