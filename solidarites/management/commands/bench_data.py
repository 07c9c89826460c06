"""Scale data for the page-speed benchmark (quality.md §4): a seeded, deterministic partners directory.

`--scale 1` is the size of the real town (100 structures, about 300 interlocutors), `--scale 100` is 10,000
structures and about 30,000 interlocutors. Everything is made with bulk_create and reuses the reference data
(axes and structure types from the migrations, the neighbourhoods of load_demo). Generated rows are recognised
by their e-mail domain: a second run at the same scale changes nothing, another scale replaces them, and
nothing else in the database is touched. Development and benchmark databases only.
"""

import random
from datetime import date, timedelta
from itertools import chain, count

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from partners.models import Axis, Commune, Contact, Neighbourhood, Organisation, OrganisationType, normalise
from solidarites.management.commands.load_demo import (
    DEFAULT_FUNCTIONS,
    FIRST_NAMES,
    FUNCTIONS,
    LAST_NAMES,
    NEIGHBOURHOODS,
    PLAISIR,
)

SEED = 2015
STRUCTURES_PER_SCALE = 100
DOMAIN = "bench.example.org"
BATCH_SIZE = 2000
TABLES_TO_ANALYSE = [
    "partners_organisation",
    "partners_organisation_axes",
    "partners_organisation_neighbourhoods",
    "partners_contact",
]

# (structure type code, name, acronym, axis codes)
KINDS = [
    ("ville", "Service jeunesse", "", ["IPJ", "BVE"]),
    ("ville", "Centre social", "", ["BVE", "AD"]),
    ("ville", "Service des sports", "", ["BVE"]),
    ("ville", "Service petite enfance", "", ["DS", "AD"]),
    ("ccas", "Antenne du centre communal d'action sociale", "CCAS", ["AD", "SEN"]),
    ("ccas", "Épicerie sociale", "", ["AD"]),
    ("interco", "Service habitat intercommunal", "", ["HAB"]),
    ("etat", "Point d'accès au droit", "PAD", ["AD"]),
    ("education", "Collège", "", ["DS"]),
    ("education", "École élémentaire", "", ["DS"]),
    ("education", "Lycée professionnel", "LP", ["DS", "IPJ"]),
    ("departement", "Territoire d'action sociale", "TAS", ["AD", "HAB"]),
    ("departement", "Centre de protection maternelle et infantile", "PMI", ["AD"]),
    ("caf", "Point relais de la caisse d'allocations familiales", "CAF", ["AD"]),
    ("organisme_social", "Permanence de l'assurance maladie", "CPAM", ["AD", "HAN"]),
    ("emploi", "Mission locale", "ML", ["IPJ"]),
    ("emploi", "Agence Pôle emploi", "", ["IPJ"]),
    ("emploi", "Cap emploi", "", ["HAN", "IPJ"]),
    ("bailleur", "Agence du bailleur social", "", ["HAB"]),
    ("asso_quartier", "Association des habitants", "", ["BVE"]),
    ("asso_quartier", "Amicale des locataires", "", ["HAB", "BVE"]),
    ("asso_insertion", "Chantier d'insertion", "ACI", ["IPJ"]),
    ("asso_insertion", "Régie de quartier", "", ["IPJ", "HAB"]),
    ("asso", "Association d'aide aux devoirs", "", ["DS"]),
    ("asso", "Club de prévention spécialisée", "", ["DS", "BVE"]),
    ("asso", "Association des aidants familiaux", "", ["SEN", "HAN"]),
    ("asso", "Atelier de français pour adultes", "", ["AD", "IPJ"]),
    ("equipement", "Maison de quartier", "", ["BVE"]),
    ("equipement", "Ludothèque", "", ["BVE", "DS"]),
    ("sante", "Centre médico-psychologique", "CMP", ["HAN"]),
    ("sante", "Maison de santé pluriprofessionnelle", "MSP", ["SEN", "AD"]),
    ("habitants", "Conseil citoyen", "", ["BVE"]),
]
TOWNS = {
    "Plaisir": "78370",
    "Les Clayes-sous-Bois": "78340",
    "Élancourt": "78990",
    "Trappes": "78190",
    "Maurepas": "78310",
    "Villepreux": "78450",
    "Fontenay-le-Fleury": "78330",
    "Bois-d'Arcy": "78390",
    "Saint-Cyr-l'École": "78210",
    "Montigny-le-Bretonneux": "78180",
    "Guyancourt": "78280",
    "Thiverval-Grignon": "78850",
    "Beynes": "78650",
    "Neauphle-le-Château": "78640",
    "Jouars-Pontchartrain": "78760",
    "Coignières": "78310",
    "Chavenay": "78450",
    "Versailles": "78000",
}
STREETS = [
    "rue de la République",
    "avenue de Saint-Germain",
    "rue Jean-Jaurès",
    "place du Valibout",
    "allée des Tilleuls",
    "chemin des Petits Prés",
    "boulevard Léon-Blum",
    "rue des Gâtines",
    "avenue du Général-de-Gaulle",
    "rue Pierre-Curie",
    "place de l'Église",
    "rue de la Boissière",
]
PUBLICS = [
    "les jeunes de 16 à 25 ans",
    "les familles monoparentales",
    "les personnes âgées isolées",
    "les personnes en situation de handicap",
    "les collégiens et leurs parents",
    "les demandeurs d'emploi de longue durée",
    "les locataires du parc social",
    "les habitants du quartier",
]
ACTIONS = [
    "Accueille, informe et oriente {public}",
    "Accompagne {public} dans leurs démarches administratives",
    "Propose des ateliers collectifs pour {public}",
    "Organise des permanences de proximité pour {public}",
    "Repère et soutient {public} avec les partenaires du territoire",
]
FOLLOW_UPS = [
    "Participe aux groupes de travail du Projet Ville Solidarités.",
    "Travaille en lien avec le centre communal d'action sociale et les services de la Ville.",
    "Anime un réseau de bénévoles et de professionnels.",
    "Intervient aussi lors des événements de quartier.",
    "Tient des permanences sans rendez-vous deux fois par semaine.",
]
FIRST_DAY = date(2015, 4, 9)


def slug(text):
    return "".join(char if char.isalnum() else "-" for char in normalise(text)).strip("-")


class Generator:
    """Builds the rows in memory from one seeded random stream: same scale, same rows."""

    def __init__(self, scale):
        self.scale = scale
        self.rng = random.Random(SEED)
        self.types = {kind.code: kind for kind in OrganisationType.objects.all()}
        self.axes = {axis.code: axis for axis in Axis.objects.all()}
        self.places = list(Neighbourhood.objects.filter(name__in=NEIGHBOURHOODS).order_by("position", "name"))
        # Structures already in the database keep their names: ours never collide with them.
        self.taken = {
            (normalise(name), type_id)
            for name, type_id in Organisation.objects.exclude(email__endswith=DOMAIN).values_list("name", "type_id")
        }

    def structures(self):
        for index in range(self.scale * STRUCTURES_PER_SCALE):
            type_code, base, acronym, axis_codes = self.rng.choice(KINDS)
            town = self.rng.choice(list(TOWNS))
            place = self.rng.choice(self.places).name if town == "Plaisir" else town
            address = f"{self.rng.randint(1, 120)} {self.rng.choice(STREETS)}"
            organisation = Organisation(
                name=self.unique_name(f"{base} – {place}", f"{base} – {place}, {address}", self.types[type_code].pk),
                acronym=acronym,
                type=self.types[type_code],
                address=address,
                postal_code=TOWNS[town],
                city=town,
                phone=f"01 99 {index // 10000:02d} {index // 100 % 100:02d} {index % 100:02d}",
                email=f"accueil.{index:05d}@{DOMAIN}",
                missions=self.missions(),
                since=FIRST_DAY + timedelta(days=self.rng.randint(0, 3650)),
                is_active=self.rng.random() >= 0.05,
            )
            yield organisation, axis_codes

    def unique_name(self, short, long, type_id):
        """The first free name (unique on normalised name + type, as in the database): short, long, numbered."""
        candidates = chain([short, long], (f"{long} n° {number}" for number in count(2)))
        name = next(name for name in candidates if (normalise(name), type_id) not in self.taken)
        self.taken.add((normalise(name), type_id))
        return name

    def missions(self):
        action = self.rng.choice(ACTIONS).format(public=self.rng.choice(PUBLICS))
        return f"{action}. {self.rng.choice(FOLLOW_UPS)}"

    def links(self, organisation, axis_codes):
        codes = set(axis_codes)
        if self.rng.random() < 0.3:
            codes.add(self.rng.choice(sorted(self.axes)))
        axes = [self.axes[code] for code in sorted(codes) if code in self.axes]
        places = self.rng.sample(self.places, self.rng.choice((0, 0, 1, 1, 2, 3)))
        return (
            [Organisation.axes.through(organisation=organisation, axis=axis) for axis in axes],
            [Organisation.neighbourhoods.through(organisation=organisation, neighbourhood=place) for place in places],
        )

    def contacts(self, organisation, first_index):
        functions = FUNCTIONS.get(organisation.type.code.split("_")[0], DEFAULT_FUNCTIONS)
        for rank in range(self.rng.choice((2, 3, 3, 4))):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            yield Contact(
                organisation=organisation,
                civility="Mme" if first[-1] in "aeé" else "M.",
                first_name=first,
                last_name=last,
                function=self.rng.choice(functions),
                email=f"{slug(first)}.{slug(last)}.{first_index + rank:06d}@{DOMAIN}",
                phone=f"06 99 {self.rng.randint(0, 99):02d} {self.rng.randint(0, 99):02d} {rank:02d}",
                is_primary=rank == 0,
                is_active=self.rng.random() >= 0.05,
            )

    def parent_index(self, index, type_code, indexes_by_type):
        """About a third of the city's, CCAS and département structures hang under an earlier one of theirs."""
        earlier = indexes_by_type.setdefault(type_code, [])
        parent = None
        if type_code in ("ville", "ccas", "departement") and earlier and self.rng.random() < 0.35:
            parent = self.rng.choice(earlier)
        earlier.append(index)
        return parent


class Command(BaseCommand):
    help = "Génère l'annuaire de mesure (100 structures × échelle), reproductible, pour scripts/bench."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="1 (la ville réelle), 10 ou 100.")
        parser.add_argument("--fresh", action="store_true", help="Régénère même si l'échelle demandée est en place.")

    def handle(self, *args, scale, fresh, **options):
        if not settings.DEBUG:
            raise CommandError("Les données de mesure sont refusées en production (DJANGO_DEBUG=false).")
        if scale < 1:
            raise CommandError("--scale doit valoir au moins 1.")
        expected = scale * STRUCTURES_PER_SCALE
        with transaction.atomic():
            self.load_reference_data()
            ours = Organisation.objects.filter(email__endswith=DOMAIN)
            if ours.count() == expected and not fresh:
                self.stdout.write(f"Données de mesure déjà en place à l'échelle {scale} : rien à faire.")
                return
            self.remove(ours)
            self.generate(Generator(scale))
        with connection.cursor() as cursor:
            for table in TABLES_TO_ANALYSE:  # fresh statistics, as autovacuum would compute them later
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Annuaire de mesure à l'échelle {scale} : {ours.count()} structures, "
                f"{Contact.objects.filter(email__endswith=DOMAIN).count()} interlocuteurs."
            )
        )

    def load_reference_data(self):
        if not Commune.objects.exists():
            Commune.objects.create(**PLAISIR)
        for position, name in enumerate(NEIGHBOURHOODS, start=1):
            Neighbourhood.objects.get_or_create(
                name=name, defaults={"position": position, "is_qpv": name == "Le Valibout"}
            )

    def remove(self, organisations):
        Contact.objects.filter(organisation__in=organisations).delete()
        organisations.update(parent=None)
        organisations.delete()

    def generate(self, generator):
        rows = list(generator.structures())
        created = Organisation.objects.bulk_create([organisation for organisation, _ in rows], batch_size=BATCH_SIZE)
        axis_links, place_links, contacts, children, indexes_by_type = [], [], [], [], {}
        for index, (organisation, (_, axis_codes)) in enumerate(zip(created, rows, strict=True)):
            axes, places = generator.links(organisation, axis_codes)
            axis_links += axes
            place_links += places
            contacts += generator.contacts(organisation, len(contacts))
            parent = generator.parent_index(index, organisation.type.code, indexes_by_type)
            if parent is not None:
                organisation.parent = created[parent]
                children.append(organisation)
        Organisation.objects.bulk_update(children, ["parent"], batch_size=BATCH_SIZE)
        Organisation.axes.through.objects.bulk_create(axis_links, batch_size=BATCH_SIZE)
        Organisation.neighbourhoods.through.objects.bulk_create(place_links, batch_size=BATCH_SIZE)
        Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
