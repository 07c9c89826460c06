"""What every page's frame needs: the commune, the main navigation, the session timer and the few permissions the
header and the site map ask (computed once per request)."""

from django.conf import settings
from django.urls import reverse

from partners.models import Commune
from partners.permissions import can_manage_accounts


def navigation(user):
    """Main navigation entries for this user: (label, url name)."""
    if not user.is_authenticated:
        return [("Accueil", "home")]
    items = [
        ("Mon espace", "my_space"),
        ("Annuaire", "partners:organisation_list"),
        ("Fiches actions", "actionsheets:sheet_list"),
        ("Groupes de travail", "workshops:group_list"),
        ("Calendrier", "workshops:calendar"),
        ("Diagnostic", "workshops:finding_list"),
        ("Freins", "workshops:obstacle_list"),
    ]
    if can_manage_accounts(user):
        items += [("Comptes", "accounts:account_list"), ("E-mails envoyés", "accounts:email_list")]
    return items


def portal(request):
    user = request.user
    nav = [{"label": label, "url": reverse(name)} for label, name in navigation(user)]
    for item in nav:
        item["current"] = request.path == item["url"] or (item["url"] != "/" and request.path.startswith(item["url"]))
    return {
        "commune": Commune.objects.current(),
        "main_nav": nav,
        "can_manage_accounts": can_manage_accounts(user),
        "session_timeout": settings.SESSION_COOKIE_AGE if user.is_authenticated else 0,
        "session_warning": settings.SESSION_WARNING_SECONDS,
    }
