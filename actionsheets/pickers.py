"""The fiches' picker (solidarites/lib/pickers.py): the fiches `visible_to(user)`, found by code or title."""

from actionsheets.models import ActionSheet
from solidarites.lib import pickers


def sheet_label(sheet):
    return f"{sheet.code} – {sheet.title}"


def register():
    pickers.register(
        pickers.Kind(
            name="fiches",
            visible=lambda user: ActionSheet.objects.visible_to(user).only("code", "title"),
            search=lambda queryset, words: pickers.fold_search(queryset, words, "code", "title").order_by("code"),
            label=sheet_label,
            order=("code",),
        )
    )
