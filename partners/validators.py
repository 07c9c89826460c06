"""Format checks shared by the model, the edit forms and the import: French phone numbers and postal codes."""

from django.core.validators import RegexValidator

PHONE_VALIDATOR = RegexValidator(
    r"^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$",
    "Numéro de téléphone français attendu, par exemple 01 30 79 63 00 ou +33 1 30 79 63 00.",
)
POSTAL_CODE_VALIDATOR = RegexValidator(r"^\d{5}$", "Un code postal compte 5 chiffres.")
