"""What the programme adds to the pages of the lower apps (solidarites.lib.panels): on a COPIL meeting's page,
the link to its dossier, for those who may read it (programme.permissions)."""

from django.template.loader import render_to_string

from programme.permissions import can_read_copil_dossier
from solidarites.lib import panels
from workshops.enums import MeetingKind


def copil_dossier_link(request, meeting):
    """« Dossier du COPIL » on the page of a COPIL meeting; nothing on other meetings or for other people."""
    if meeting.kind != MeetingKind.COPIL or not can_read_copil_dossier(request.user):
        return None
    return render_to_string("programme/copil_meeting_panel.html", {"meeting": meeting}, request=request)


def register():
    panels.register("workshops.meeting_detail", copil_dossier_link)
