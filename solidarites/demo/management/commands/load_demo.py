"""Load the demo data (Ville de Plaisir, 2015) idempotently, and print the demo logins. Development only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from partners.enums import Role
from partners.models import Axis, Commune, Contact, Neighbourhood, Organisation, OrganisationType, User, normalise
from solidarites import demo_actionsheets
from solidarites.demo_data import ORGANISATIONS
from solidarites.demo_workshops import load_workshops, summary

DEMO_PASSWORD = "demo-Plaisir-2015"
DEMO_PARTNER_ORGANISATION = "La Mosaïque – maison des familles"
NEIGHBOURHOODS = [
    "Centre-ville",
    "La Mare aux Saules",
    "Sainte-Apolline",
    "Les Gâtines",
    "Le Buisson",
    "La Chaîne",
    "La Brétechelle",
    "L'Aqueduc de l'Avre",
    "Les Ébisoires",
    "Les Petits Prés",
    "La Boissière",
    "Le Clos de Plaisir",
    "Le Valibout",
]
# Fictitious people only (RGPD): the organisations are real, their interlocutors are invented.
FIRST_NAMES = [
    "Amina",
    "Bruno",
    "Céline",
    "David",
    "Élodie",
    "Farid",
    "Gaëlle",
    "Hugo",
    "Isabelle",
    "Julien",
    "Karima",
    "Laurent",
    "Mélanie",
    "Nicolas",
    "Océane",
    "Patrick",
    "Rachida",
    "Sébastien",
    "Sophie",
    "Thierry",
    "Valérie",
    "Yannick",
    "Zoé",
    "Mathieu",
    "Nathalie",
    "Olivier",
    "Pauline",
    "Romain",
    "Sarah",
    "Vincent",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Mathieu",
]
FUNCTIONS = {
    "ville": ["Directeur ou directrice", "Chef ou cheffe de service", "Chargé ou chargée de mission"],
    "education": ["Principal ou principale", "Conseiller ou conseillère principale d'éducation", "Directeur d'école"],
    "asso": ["Président ou présidente", "Coordinateur ou coordinatrice", "Bénévole référent"],
}
DEFAULT_FUNCTIONS = ["Responsable", "Chargé ou chargée de mission", "Référent ou référente partenariats"]
DEMO_ACCOUNTS = [
    ("admin.demo@example.org", "Camille", "Administratrice", Role.ADMIN),
    ("coordination.demo@example.org", "Nadia", "Coordinatrice", Role.COORDINATOR),
    ("lecture.demo@example.org", "Paul", "Lecteur", Role.READER),
    ("partenaire.demo@example.org", "Léa", "Partenaire", Role.PARTNER),
]

PLAISIR = {
    "name": "Ville de Plaisir",
    "short_name": "Plaisir",
    "programme_name": "Projet Ville Solidarités",
    "address": "Hôtel de ville – 2 rue de la République, 78370 Plaisir",
    "phone": "0 8000 78370 (numéro gratuit)",
    "contact_email": "projet.solidarites@example.org",
    "intro": (
        "Le bien-être de tous les Plaisirois, le soutien et l'accompagnement des familles, des enfants, des jeunes, "
        "des parents et des seniors sont au cœur de l'action municipale. La Ville s'est engagée dans une nouvelle "
        "dynamique : appréhender les problématiques socio-urbaines dans leur globalité et y répondre de manière "
        "coordonnée avec l'ensemble des partenaires qui interviennent sur son territoire."
    ),
    "diagnostic_text": (
        "À l'automne 2014, la Ville a lancé un diagnostic social de son territoire, une première pour Plaisir, "
        "afin de dégager ses forces et ses faiblesses.\n\n"
        "Une enquête statistique et sociologique a été menée par entretiens auprès des services municipaux, des "
        "professionnels de l'action sociale, des associations présentes sur le terrain et des habitants, autour de la "
        "politique de la ville, des seniors, de la réussite éducative et de l'insertion professionnelle des jeunes."
    ),
    "partners_day_text": (
        "Le 9 avril 2015, à La Mosaïque, les résultats du diagnostic ont été présentés à 98 partenaires : l'ensemble "
        "des directions de la Ville, les institutions et les associations concernées.\n\n"
        "Sept groupes de travail se sont réunis l'après-midi, puis de nouveau les 21 mai et 11 juin 2015, pour "
        "établir des fiches actions, validées ensuite par le comité de pilotage."
    ),
    "coordination_text": (
        "Chaque groupe de travail intègre un axe méthodologique commun : comment organiser au mieux la coordination "
        "entre les acteurs pour construire ensemble une action adaptée aux problématiques repérées, dans un souci "
        "d'efficacité et de qualité.\n\n"
        "Il s'agit aussi de repérer les freins à la coordination pour y remédier et éviter le cloisonnement des "
        "actions engagées par chacun des acteurs du territoire."
    ),
    "publication_director": "Le maire de Plaisir – [à compléter] (nom à confirmer depuis les élections de 2026)",
    "host_name": "[à compléter] – hébergeur retenu par la Ville",
    "host_address": "[à compléter]",
    "host_phone": "[à compléter]",
    "controller": "Ville de Plaisir, représentée par son maire – 2 rue de la République, 78370 Plaisir",
    "dpo_name": "Délégué à la protection des données de la Ville de Plaisir – [à compléter]",
    "dpo_address": "Ville de Plaisir – Délégué à la protection des données, 2 rue de la République, 78370 Plaisir",
    "legal_basis": (
        "Exécution d'une mission d'intérêt public dont est investie la commune (article 6-1-e du RGPD) : coordination "
        "de l'action sociale sur son territoire. [à compléter : base légale à confirmer par le DPO]"
    ),
    "retention": (
        "Comptes d'accès : pendant la participation à la démarche, puis désactivation et anonymisation un an après "
        "la dernière connexion. Interlocuteurs de l'annuaire : tant qu'ils représentent leur structure. Journaux de "
        "connexion : un an. [à compléter : durées à valider par le DPO]"
    ),
}


class Command(BaseCommand):
    help = "Charge les données de démonstration (Ville de Plaisir) sans créer de doublons."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Les données de démonstration sont refusées en production (DJANGO_DEBUG=false).")
        with transaction.atomic():
            self.load_commune()
            self.load_directory()
            accounts = [self.load_account(*spec) for spec in DEMO_ACCOUNTS]
            self.link_partner_account(accounts)
            load_workshops(stdout=self.stdout)
            demo_actionsheets.load_actionsheets(stdout=self.stdout)
        self.print_logins(accounts)

    def load_commune(self):
        if not Commune.objects.exists():
            Commune.objects.create(**PLAISIR)

    def load_directory(self):
        for position, name in enumerate(NEIGHBOURHOODS, start=1):
            Neighbourhood.objects.get_or_create(
                name=name, defaults={"position": position, "is_qpv": name == "Le Valibout"}
            )
        if Organisation.objects.exists():
            return  # the directory is the coordinators' from now on; never overwrite it
        types = {kind.code: kind for kind in OrganisationType.objects.all()}
        axes = {axis.code: axis for axis in Axis.objects.all()}
        places = {place.name: place for place in Neighbourhood.objects.all()}
        created = {}
        for index, spec in enumerate(ORGANISATIONS):
            data = {k: v for k, v in spec.items() if k not in ("type", "parent", "axes", "neighbourhoods")}
            organisation = Organisation.objects.create(
                **data, type=types[spec["type"]], parent=created.get(spec["parent"])
            )
            organisation.axes.set([axes[code] for code in spec["axes"]])
            organisation.neighbourhoods.set([places[name] for name in spec["neighbourhoods"]])
            created[spec["name"]] = organisation
            self.load_contacts(organisation, index)

    def load_contacts(self, organisation, index):
        functions = FUNCTIONS.get(organisation.type.code.split("_")[0], DEFAULT_FUNCTIONS)
        for rank in range(2 + index % 2 + (index % 5 == 0)):  # 2 to 4 each, about 250 in all
            seed = index * 7 + rank * 3
            first, last = FIRST_NAMES[seed % len(FIRST_NAMES)], LAST_NAMES[(seed * 5 + index) % len(LAST_NAMES)]
            email = f"{normalise(first)}.{normalise(last)}.{index}{rank}@example.org".replace(" ", "-")
            Contact.objects.create(
                organisation=organisation,
                first_name=first,
                last_name=last,
                email=email,
                civility="Mme" if first[-1] in "aeé" else "M.",
                function=functions[rank % len(functions)],
                phone=f"01 99 01 {index:02d} {rank:02d}"[:14],
                is_primary=rank == 0,
            )

    def link_partner_account(self, accounts):
        partner = next(user for user in accounts if user.role == Role.PARTNER)
        organisation = Organisation.objects.filter(name=DEMO_PARTNER_ORGANISATION).first()
        if organisation and not Contact.objects.filter(user=partner).exists():
            Contact.objects.update_or_create(
                email=partner.email,
                defaults={
                    "first_name": partner.first_name,
                    "last_name": partner.last_name,
                    "user": partner,
                    "organisation": organisation,
                    "function": "Référente familles",
                },
            )

    def load_account(self, email, first_name, last_name, role):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email)
        user.first_name, user.last_name, user.role, user.is_active = first_name, last_name, role, True
        user.activated_at = user.activated_at or timezone.now()
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    def print_logins(self, accounts):
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes. Comptes de démonstration :"))
        for user in accounts:
            self.stdout.write(f"  {user.get_role_display():<48} {user.email:<34} mot de passe : {DEMO_PASSWORD}")
        self.stdout.write(f"  (le compte partenaire représente « {DEMO_PARTNER_ORGANISATION} »)")
        self.stdout.write(
            f"Annuaire : {Organisation.objects.count()} structures, {Contact.objects.count()} interlocuteurs."
        )
        self.stdout.write(summary())
        self.stdout.write(demo_actionsheets.summary())
        self.stdout.write("Portail : http://127.0.0.1:8000/")
