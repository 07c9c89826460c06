"""Who sees which part of the programme views.

Coordinators and readers (elected members) see the figures of every fiche; a partner sees those of the
validated fiches plus every fiche of its own groups. The partner × axis map and the overlap list are tools of
the project team: coordinators act on them, readers may read the map, partners get 403.
"""

from django.db.models import Q

from actionsheets.enums import VALIDATED_STATES
from actionsheets.models import ActionSheet
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


# Snapshots and « ce qui a changé » (issue 12). A snapshot is a picture of the whole programme, every fiche
# whatever its status, and « ce qui a changé » shows the moves of fiches still being written: coordinators and
# readers (elected members) see them; partners get 403 rather than a view cut down to their scope, which would
# misstate the axis totals a COPIL reads. Only coordinators close a COPIL (which freezes the snapshot).


def can_see_snapshots(user):
    return user.is_coordinator or user.is_reader


def can_close_copil(user):
    return user.is_coordinator
