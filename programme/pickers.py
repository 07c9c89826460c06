"""The COPIL dossier's picker (partners/picking.py): the fiches the project team may add to a dossier
(transmitted, validated or under way: drafts and finished fiches are not offered); nobody else finds any."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from actionsheets.models import ActionSheet
from actionsheets.pickers import search_sheets, sheet_label
from partners import picking as pickers
from programme.copil import NOT_ADDABLE
from programme.permissions import can_manage_copil_dossier, can_read_copil_dossier


def check(user):
    """As the dossier's form: 404 for those who may not read a dossier, 403 for readers."""
    if not can_read_copil_dossier(user):
        raise Http404
    if not can_manage_copil_dossier(user):
        raise PermissionDenied


def addable(user):
    return ActionSheet.objects.visible_to(user).exclude(status__in=NOT_ADDABLE).only("code", "title")


def register():
    pickers.register(
        pickers.Kind(
            name="fiches-copil", visible=addable, search=search_sheets, label=sheet_label, order=("code",), check=check
        )
    )
