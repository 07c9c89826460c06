"""« Mes actions » on « Mon espace » (slot "solidarites.my_space", solidarites.lib.panels): the fiches the person
pilots or co-writes, with what is due on each (programme.followup.my_actions)."""

from django.template.loader import render_to_string
from django.utils import timezone

from programme.followup import my_actions
from solidarites.lib import panels

MY_ACTIONS_TEMPLATE = "programme/includes/_my_actions.html"


def today():
    """The date the panel counts from (a test sets it)."""
    return timezone.localdate()


def my_actions_panel(request, user):
    """Nothing for a person who pilots and co-writes no fiche under way (one query either way)."""
    rows = my_actions(user, today())
    if not rows:
        return None
    return render_to_string(MY_ACTIONS_TEMPLATE, {"rows": rows}, request=request)


def register():
    panels.register("solidarites.my_space", my_actions_panel)
