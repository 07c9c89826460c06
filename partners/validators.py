"""Format checks shared by the model, the edit forms and the import: French phone numbers, postal codes, and
websites (http or https only: a `javascript:` or `data:` address would run when its link is clicked)."""

from urllib.parse import urlsplit

from django.core.validators import RegexValidator, URLValidator

PHONE_VALIDATOR = RegexValidator(
    r"^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$",
    "Numéro de téléphone français attendu, par exemple 01 30 79 63 00 ou +33 1 30 79 63 00.",
)
POSTAL_CODE_VALIDATOR = RegexValidator(r"^\d{5}$", "Un code postal compte 5 chiffres.")
WEB_SCHEMES = ("http", "https")
WEBSITE_VALIDATOR = URLValidator(
    schemes=list(WEB_SCHEMES),
    code="web_scheme",  # not "invalid": a form field would put its own generic message in its place
    message="Adresse de site internet attendue, commençant par https:// ou http://, par exemple https://www.ville.fr.",
)


def web_link(url):
    """`url` when it may be the target of a link (http or https), else "" (older data is shown as text)."""
    try:
        return url if url and urlsplit(url).scheme.lower() in WEB_SCHEMES else ""
    except ValueError:
        return ""
