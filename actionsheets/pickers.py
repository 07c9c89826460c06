"""The fiches' pickers (partners/picking.py): the fiches `visible_to(user)`, found by code or title; and
the groups in which this user may start a fiche (the « Nouvelle fiche » form)."""

from django.core.exceptions import PermissionDenied

from actionsheets.models import ActionSheet
from actionsheets.permissions import startable_groups
from partners import picking as pickers
from workshops.pickers import group_label


def sheet_label(sheet):
    return f"{sheet.code} – {sheet.title}"


def search_sheets(queryset, words):
    return pickers.fold_search(queryset, words, "code", "title").order_by("code")


def check_starter(user):
    """As the « Nouvelle fiche » page: 403 for those who may start a fiche in no group."""
    if not startable_groups(user).exists():
        raise PermissionDenied


def register():
    pickers.register(
        pickers.Kind(
            name="fiches",
            visible=lambda user: ActionSheet.objects.visible_to(user).only("code", "title"),
            search=search_sheets,
            label=sheet_label,
            order=("code",),
        )
    )
    pickers.register(
        pickers.Kind(
            name="groupes-nouvelle-fiche",
            visible=startable_groups,
            search=lambda queryset, words: pickers.fold_search(queryset, words, "name").order_by("name", "pk"),
            label=group_label,
            order=("position", "name", "pk"),
            check=check_starter,
        )
    )
