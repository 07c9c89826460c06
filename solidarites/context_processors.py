"""What every page's frame needs: the commune, the main navigation, the session timer and the few permissions the
header and the site map ask (computed once per request)."""

from django.conf import settings
from django.urls import reverse

from background.permissions import can_see_worker_status
from partners.models import Commune
from partners.permissions import can_manage_accounts

# Pages that belong to a navigation entry besides those under its own address.
SECTIONS = {
    "programme:dashboard": ["/axes/", "/diagnostic/couverture/"],
    "workshops:calendar": ["/seances/"],
}


def navigation(user):
    """Main navigation entries for this user: (label, url name)."""
    if not user.is_authenticated:
        return [("Accueil", "home"), ("Les actions du programme", "public:action_list")]
    return [
        ("Mon espace", "my_space"),
        ("Programme", "programme:dashboard"),
        ("Annuaire", "partners:organisation_list"),
        ("Fiches actions", "actionsheets:sheet_list"),
        ("Groupes de travail", "workshops:group_list"),
        ("Calendrier", "workshops:calendar"),
        ("Diagnostic", "workshops:finding_list"),
        ("Freins", "workshops:obstacle_list"),
    ]


def current_entry(nav, path):
    """The entry the page at `path` belongs to: the one with the longest address that starts the path (so that
    /diagnostic/couverture/ is « Programme », not « Diagnostic »)."""
    best, length = None, 0
    for item in nav:
        for prefix in item["prefixes"]:
            matches = path == prefix or (prefix != "/" and path.startswith(prefix))
            if matches and len(prefix) > length:
                best, length = item, len(prefix)
    return best


def portal(request):
    user = request.user
    nav = [
        {"label": label, "url": reverse(name), "prefixes": [reverse(name), *SECTIONS.get(name, [])]}
        for label, name in navigation(user)
    ]
    current = current_entry(nav, request.path)
    for item in nav:
        item["current"] = item is current
    return {
        "commune": Commune.objects.current(),
        "main_nav": nav,
        "can_manage_accounts": can_manage_accounts(user),
        "can_see_worker_status": can_see_worker_status(user),
        "session_timeout": settings.SESSION_COOKIE_AGE if user.is_authenticated else 0,
        "session_warning": settings.SESSION_WARNING_SECONDS,
    }
