"""What every page's frame needs: the commune, the main navigation, the session timer and the few permissions the
header and the site map ask (computed once per request)."""

from django.conf import settings
from django.urls import reverse

from background.permissions import can_see_worker_status
from partners.models import Commune
from partners.permissions import can_manage_accounts
from programme.permissions import can_see_overlaps, can_see_partner_map, can_see_snapshots
from workshops.permissions import can_see_attendance_stats

# Pages that belong to a navigation entry besides those under its own address.
SECTIONS = {"programme:dashboard": ["/axes/"], "workshops:calendar": ["/seances/"]}
OBSTACLES = "workshops:obstacle_list"


def navigation(user):
    """Main navigation for this user: (label, url name) entries and (label, [entries]) menus. Six top items fit one
    line beside the account button from 1,200 px on (RGAA 10.11); below, they fold behind « Menu »."""
    if not user.is_authenticated:
        return [("Accueil", "home"), ("Les actions du programme", "public:action_list")]
    programme = [
        ("Tableau de bord", "programme:dashboard"),
        ("Chronologie des actions", "programme:timeline"),
        ("Couverture du diagnostic", "programme:coverage"),
    ]
    if can_see_partner_map(user):
        programme.append(("Cartographie des partenaires", "programme:partner_map"))
    if can_see_overlaps(user):
        programme.append(("Fiches proches entre groupes", "programme:overlap_list"))
    if can_see_snapshots(user):
        programme += [("Instantanés des COPIL", "programme:snapshot_list"), ("Ce qui a changé", "programme:changes")]
    groups = [("Groupes de travail", "workshops:group_list"), ("Calendrier des séances", "workshops:calendar")]
    if can_see_attendance_stats(user):
        groups.append(("Participation aux séances", "workshops:attendance_stats"))
    return [
        ("Mon espace", "my_space"),
        ("Programme", programme),
        ("Groupes et séances", groups),
        ("Diagnostic", [("Constats", "workshops:finding_list"), ("Freins à la coordination", OBSTACLES)]),
        ("Annuaire", "partners:organisation_list"),
        ("Fiches actions", "actionsheets:sheet_list"),
    ]


def entry(label, name):
    url = reverse(name)
    return {"label": label, "url": url, "prefixes": [url, *SECTIONS.get(name, [])], "current": ""}


def main_nav(user, path):
    """The navigation as the header shows it: each item a link or a menu of links; the link of the page gets
    aria-current="page", the link of its section (an axis page: « Tableau de bord ») and the menu holding it
    are marked current too ("true")."""
    items = [
        entry(label, target) if isinstance(target, str) else {"label": label, "children": [entry(*c) for c in target]}
        for label, target in navigation(user)
    ]
    leaves = [leaf for item in items for leaf in item.get("children", [item])]
    current = current_entry(leaves, path)
    if current is not None:
        current["current"] = "page" if current["url"] == path else "true"
        for item in (item for item in items if current in item.get("children", [])):
            item["current"] = "true"
    return items


def current_entry(nav, path):
    """The entry the page at `path` belongs to: the one with the longest address that starts the path (so that
    /diagnostic/couverture/ is « Couverture du diagnostic », not « Constats » at /diagnostic/)."""
    best, length = None, 0
    for item in nav:
        for prefix in item["prefixes"]:
            matches = path == prefix or (prefix != "/" and path.startswith(prefix))
            if matches and len(prefix) > length:
                best, length = item, len(prefix)
    return best


def portal(request):
    user = request.user
    return {
        "commune": Commune.objects.current(),
        "main_nav": main_nav(user, request.path),
        "can_manage_accounts": can_manage_accounts(user),
        "can_see_worker_status": can_see_worker_status(user),
        "session_timeout": settings.SESSION_COOKIE_AGE if user.is_authenticated else 0,
        "session_warning": settings.SESSION_WARNING_SECONDS,
    }
