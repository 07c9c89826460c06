"""The demo commune, directory and accounts (partners app), loaded first by `load_demo`.

The structures and their interlocutors are written through `partners.services` (create_organisation,
create_contact), as a coordinator would enter them, so that they get their log entries. The commune, the
neighbourhoods and the accounts have no service (they come from the admin or `createsuperuser`): the accounts are
reset to their demo role and password on each run, which is what a demo login needs.
"""

from partners import services
from partners.enums import Role
from partners.models import Axis, Commune, Contact, Neighbourhood, Organisation, OrganisationType, User, normalise
from solidarites.demo.data.directory import (
    DEFAULT_FUNCTIONS,
    FIRST_NAMES,
    FUNCTIONS,
    LAST_NAMES,
    NEIGHBOURHOODS,
    ORGANISATIONS,
    PLAISIR,
)

DEMO_PASSWORD = "demo-Plaisir-2015"
DEMO_PARTNER_ORGANISATION = "La Mosaïque – maison des familles"
DEMO_ACCOUNTS = [
    ("admin.demo@example.org", "Camille", "Administratrice", Role.ADMIN),
    ("coordination.demo@example.org", "Nadia", "Coordinatrice", Role.COORDINATOR),
    ("lecture.demo@example.org", "Paul", "Lecteur", Role.READER),
    ("partenaire.demo@example.org", "Léa", "Partenaire", Role.PARTNER),
]

__all__ = ["DEFAULT_FUNCTIONS", "FIRST_NAMES", "FUNCTIONS", "LAST_NAMES", "NEIGHBOURHOODS", "PLAISIR"]


def load_partners():
    """The commune, the accounts and the directory; return the demo accounts (for the logins printed)."""
    load_commune()
    accounts = [load_account(*spec) for spec in DEMO_ACCOUNTS]
    load_directory()
    link_partner_account(accounts)
    return accounts


def load_commune():
    if not Commune.objects.exists():
        Commune.objects.create(**PLAISIR)


def coordinator():
    """Who enters the demo directory in the log: the demo coordinator, if the accounts are there."""
    email = next(spec[0] for spec in DEMO_ACCOUNTS if spec[3] == Role.COORDINATOR)
    return User.objects.filter(email__iexact=email).first()


def load_directory():
    for position, name in enumerate(NEIGHBOURHOODS, start=1):
        defaults = {"position": position, "is_qpv": name == "Le Valibout"}
        Neighbourhood.objects.get_or_create(name=name, defaults=defaults)
    if Organisation.objects.exists():
        return  # the directory is the coordinators' from now on; never overwrite it
    by = coordinator()
    types = {kind.code: kind for kind in OrganisationType.objects.all()}
    axes = {axis.code: axis for axis in Axis.objects.all()}
    places = {place.name: place for place in Neighbourhood.objects.all()}
    created = {}
    for index, spec in enumerate(ORGANISATIONS):
        data = {k: v for k, v in spec.items() if k not in ("type", "parent", "axes", "neighbourhoods")}
        data |= {
            "type": types[spec["type"]],
            "parent": created.get(spec["parent"]),
            "axes": [axes[code] for code in spec["axes"]],
            "neighbourhoods": [places[name] for name in spec["neighbourhoods"]],
        }
        organisation = services.create_organisation(by=by, data=data)
        created[spec["name"]] = organisation
        load_contacts(by, organisation, index)


def load_contacts(by, organisation, index):
    functions = FUNCTIONS.get(organisation.type.code.split("_")[0], DEFAULT_FUNCTIONS)
    for rank in range(2 + index % 2 + (index % 5 == 0)):  # 2 to 4 each, about 250 in all
        seed = index * 7 + rank * 3
        first, last = FIRST_NAMES[seed % len(FIRST_NAMES)], LAST_NAMES[(seed * 5 + index) % len(LAST_NAMES)]
        email = f"{normalise(first)}.{normalise(last)}.{index}{rank}@example.org".replace(" ", "-")
        data = {
            "first_name": first,
            "last_name": last,
            "email": email,
            "civility": "Mme" if first[-1] in "aeé" else "M.",
            "function": functions[rank % len(functions)],
            "phone": f"01 99 01 {index:02d} {rank:02d}"[:14],
            "is_primary": rank == 0,
        }
        services.create_contact(by=by, organisation=organisation, data=data)


def link_partner_account(accounts):
    """The demo partner account represents « La Mosaïque » through an interlocutor of its own."""
    partner = next(user for user in accounts if user.role == Role.PARTNER)
    organisation = Organisation.objects.filter(name=DEMO_PARTNER_ORGANISATION).first()
    if organisation is None or Contact.objects.filter(user=partner).exists():
        return
    data = {
        "first_name": partner.first_name,
        "last_name": partner.last_name,
        "user": partner,
        "organisation": organisation,
        "function": "Référente familles",
    }
    existing = Contact.objects.filter(email=partner.email).first()
    if existing:
        services.update_versioned(by=coordinator(), instance=existing, version=existing.version, changes=data)
    else:
        data.pop("organisation")
        services.create_contact(by=coordinator(), organisation=organisation, data=data | {"email": partner.email})


def load_account(email, first_name, last_name, role):
    """A demo login, created or reset to its role and password (the password through its service)."""
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.first_name, user.last_name, user.role, user.is_active = first_name, last_name, role, True
    user.save()
    if not user.check_password(DEMO_PASSWORD) or user.activated_at is None:
        user = services.set_password_from_link(user=user, password=DEMO_PASSWORD)
    return user
