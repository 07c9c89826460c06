"""Scale data for the page-speed benchmark (quality.md §4): a seeded, deterministic town.

`--scale 1` is the size of the real town: 100 structures and about 300 interlocutors, one working group per axis
(8) of about 15 members, 150 meetings with their invitations and about 2,250 attendance rows, and 50 fiches
actions. `--scale 100` multiplies everything by 100: 10,000 structures, about 30,000 interlocutors, 800 groups,
15,000 meetings, about 225,000 attendance rows and 5,000 fiches. Each scale unit is a « secteur » whose groups,
meetings and fiches involve its own structures only, so one group, meeting or fiche is the same size at every
scale while lists, searches and figures grow. Everything is made with bulk_create and reuses the reference data
(axes, structure types, publics and funders from the migrations, the neighbourhoods of the demo).

Generated rows are recognised by the e-mail domain of their structures and interlocutors and by the last line of
their groups' mandate and venues' accessibility notes (MARKER); meetings and fiches hang off generated groups,
memberships, invitations and attendance off generated groups, meetings or interlocutors. A second run at the same
scale changes nothing, another scale replaces them (venues, the same at every scale, are kept), and nothing else
in the database is touched: fiches are numbered after the highest number of each axis. Development and benchmark
databases only.
"""

import random
import time as clock
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import chain, count
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max, Q

from actionsheets.models import VALIDATED_STATES, ActionSheet, BudgetLine, Funder, FundingLine, Milestone, TargetPublic
from actionsheets.models import Status as SheetStatus
from actionsheets.overlaps import refresh_all_overlaps
from partners.models import Axis, Commune, Contact, Neighbourhood, Organisation, OrganisationType, normalise
from solidarites.demo.partners import (
    DEFAULT_FUNCTIONS,
    FIRST_NAMES,
    FUNCTIONS,
    LAST_NAMES,
    NEIGHBOURHOODS,
    PLAISIR,
)
from workshops.models import (
    FACILITATING_ROLES,
    Attendance,
    Invitation,
    Meeting,
    Membership,
    MembershipRole,
    Venue,
    WorkingGroup,
)

SEED = 2015
STRUCTURES_PER_SCALE = 100
MEMBERS_PER_GROUP = (13, 17)  # bounds of a random count: about 15 members per group
SESSIONS_PER_GROUP = 15  # and per sector: PLENARIES journées partenariales, COPILS, COTECHS (150 with 8 axes)
PLENARIES, COPILS, COTECHS = 5, 10, 15
SHEETS_PER_SCALE = 50
# Look-alike fiches: in each sector, the fiches from TWINS_FROM on take up the aims and the text of an earlier
# fiche of another group (a sector's groups each write their own version of a shared idea, as the town's did
# before the programme): even the 1× town has pairs to review (« Rapprochements »: 15 at 1×).
TWINS_FROM, TWINS = 25, 25
DOMAIN = "bench.example.org"
MARKER = f"Données fictives des mesures de vitesse ({DOMAIN})."
BATCH_SIZE = 2000
FLUSH_ROWS = 20 * BATCH_SIZE  # invitations and attendance are written as they are made, not all at the end
TABLES_TO_ANALYSE = [
    "partners_organisation",
    "partners_organisation_axes",
    "partners_organisation_neighbourhoods",
    "partners_contact",
    "workshops_workinggroup",
    "workshops_membership",
    "workshops_venue",
    "workshops_meeting",
    "workshops_meeting_groups",
    "workshops_invitation",
    "workshops_attendance",
    "actionsheets_actionsheet",
    "actionsheets_actionsheet_co_authors",
    "actionsheets_actionsheet_target_publics",
    "actionsheets_actionsheet_neighbourhoods",
    "actionsheets_budgetline",
    "actionsheets_fundingline",
    "actionsheets_milestone",
]
PARIS = ZoneInfo("Europe/Paris")
FIRST_MEETING_DAY, LAST_MEETING_DAY = date(2015, 4, 9), date(2017, 12, 15)

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

# Per axis code: the group's mandate, session topics, and the vocabulary of its fiches (the full-text search finds
# « décrochage », « logement », « emploi »… in them). Axes added since the migrations take the COORD texts.
AXIS_TEXTS = {
    "DS": {
        "mandate": (
            "Prévenir le décrochage scolaire et accompagner les élèves fragiles et leurs familles, de l'école "
            "élémentaire au lycée, avec l'Éducation nationale, les services de la Ville et les associations."
        ),
        "topics": [
            "repérage des élèves en voie de décrochage",
            "liaison entre l'école et le collège",
            "accueil des collégiens exclus temporairement",
            "accompagnement à la scolarité et aide aux devoirs",
            "place des parents dans la réussite éducative",
        ],
        "titles": [
            "Repérer plus tôt les signes de décrochage scolaire",
            "Accueillir les collégiens exclus temporairement",
            "Créer une cellule de veille contre le décrochage",
            "Renforcer l'accompagnement à la scolarité",
            "Associer les parents au suivi de la scolarité",
            "Proposer un parcours de remobilisation aux jeunes décrocheurs",
        ],
        "context": [
            "Le diagnostic social relève un nombre croissant d'élèves en situation de décrochage scolaire au collège.",
            "Les absences répétées sont repérées tard et l'information circule mal entre l'établissement, la "
            "famille et les partenaires.",
            "Les familles les plus éloignées de l'école connaissent peu les dispositifs de réussite éducative.",
            "Plusieurs jeunes quittent chaque année le lycée professionnel sans diplôme ni solution d'emploi.",
        ],
        "objectives": [
            "Prévenir le décrochage scolaire par un repérage précoce et partagé",
            "Maintenir le lien entre les élèves exclus et leur établissement",
            "Soutenir les parents dans leur rôle éducatif",
            "Proposer une solution à chaque jeune décrocheur repéré",
        ],
        "actions": [
            "Une cellule de veille réunit chaque mois le collège, le programme de réussite éducative et le club de "
            "prévention pour étudier les situations d'élèves en décrochage.",
            "Les collégiens exclus temporairement sont accueillis en demi-journée par une association partenaire, "
            "avec un travail sur le sens de la sanction.",
            "Des ateliers d'aide aux devoirs sont proposés après la classe dans les maisons de quartier.",
            "Un référent de parcours accompagne chaque jeune décrocheur vers une formation, un stage ou un emploi.",
        ],
        "results": [
            "Baisse du nombre d'élèves sortant du collège sans solution",
            "Chaque situation de décrochage repérée fait l'objet d'un suivi partagé",
            "Davantage de parents présents aux rencontres avec les enseignants",
        ],
    },
    "IPJ": {
        "mandate": (
            "Favoriser l'accès à l'emploi et à la formation des jeunes de 16 à 25 ans, en particulier de ceux qui ne "
            "sont ni en emploi, ni en études, ni en formation."
        ),
        "topics": [
            "accès des jeunes aux offres d'emploi locales",
            "parrainage par des professionnels",
            "mobilité et permis de conduire",
            "découverte des métiers et stages",
            "jeunes sans solution après la scolarité",
        ],
        "titles": [
            "Organiser un forum de l'emploi et de l'alternance",
            "Mettre en place un parrainage vers l'emploi",
            "Faciliter le passage du permis de conduire",
            "Développer les stages de découverte des métiers",
            "Aller vers les jeunes sans emploi ni formation",
        ],
        "context": [
            "Le chômage des jeunes de 16 à 25 ans reste nettement plus élevé dans les quartiers prioritaires que "
            "dans le reste de la commune.",
            "Une partie des jeunes sans emploi n'est connue ni de la mission locale ni de Pôle emploi.",
            "Le manque de mobilité freine l'accès à l'emploi dans les zones d'activité voisines.",
            "Les employeurs du territoire peinent à recruter des apprentis alors que des jeunes cherchent une "
            "alternance.",
        ],
        "objectives": [
            "Rapprocher les jeunes des employeurs du territoire",
            "Lever les freins périphériques à l'emploi, notamment la mobilité",
            "Repérer et accompagner les jeunes qui ne sont suivis par aucun service",
            "Développer l'alternance et l'apprentissage",
        ],
        "actions": [
            "La mission locale et les employeurs locaux organisent chaque trimestre des rencontres pour l'emploi "
            "dans les quartiers.",
            "Des professionnels bénévoles parrainent des jeunes pendant six mois dans leur recherche d'emploi ou "
            "d'alternance.",
            "Une bourse au permis de conduire est proposée en contrepartie d'heures d'engagement citoyen.",
            "Des éducateurs vont à la rencontre des jeunes au pied des immeubles pour leur présenter l'offre "
            "d'accompagnement vers l'emploi.",
        ],
        "results": [
            "Davantage de jeunes accompagnés vers un emploi durable ou une formation qualifiante",
            "Des entreprises du territoire engagées dans le parrainage",
            "Une baisse du nombre de jeunes sans solution",
        ],
    },
    "HAB": {
        "mandate": (
            "Améliorer les conditions de logement, prévenir les expulsions et accompagner les ménages dans leur "
            "parcours résidentiel, avec les bailleurs et les services sociaux."
        ),
        "topics": [
            "prévention des impayés de loyer",
            "logement des jeunes et des familles monoparentales",
            "lutte contre l'habitat indigne",
            "vie dans les résidences du parc social",
            "parcours résidentiel des seniors",
        ],
        "titles": [
            "Prévenir les expulsions locatives",
            "Accompagner l'accès au premier logement",
            "Repérer et traiter les logements indignes",
            "Améliorer la gestion urbaine de proximité",
            "Adapter les logements au vieillissement",
        ],
        "context": [
            "Les demandes de logement social dépassent largement l'offre disponible sur la commune.",
            "Les impayés de loyer sont repérés tard, quand la procédure d'expulsion est déjà engagée.",
            "Certains logements du parc privé ancien présentent des problèmes d'humidité et de sécurité.",
            "Les jeunes qui travaillent trouvent difficilement un premier logement à un loyer accessible.",
        ],
        "objectives": [
            "Prévenir les impayés de loyer et les expulsions",
            "Faciliter l'accès au logement des publics prioritaires",
            "Améliorer la qualité de vie dans le parc social",
            "Adapter les logements à la perte d'autonomie",
        ],
        "actions": [
            "Une commission de prévention réunit le bailleur, le centre communal d'action sociale et la caisse "
            "d'allocations familiales dès le deuxième mois d'impayé de loyer.",
            "Des permanences logement sont tenues dans les centres sociaux pour aider à constituer les demandes.",
            "Des visites conjointes du service habitat et du bailleur repèrent les logements à réhabiliter.",
            "Un atelier « premier logement » présente aux jeunes le budget, les aides et les droits du locataire.",
        ],
        "results": [
            "Moins de procédures d'expulsion engagées",
            "Des demandes de logement complètes et à jour",
            "Des locataires mieux informés de leurs droits et de leurs devoirs",
        ],
    },
    "SEN": {
        "mandate": (
            "Rompre l'isolement des personnes âgées, favoriser leur maintien à domicile et leur participation à la "
            "vie de la commune."
        ),
        "topics": [
            "repérage des personnes âgées isolées",
            "maintien à domicile",
            "accès au numérique des seniors",
            "prévention des chutes et de la perte d'autonomie",
            "liens entre les générations",
        ],
        "titles": [
            "Créer un réseau de visiteurs bénévoles",
            "Accompagner les seniors vers le numérique",
            "Prévenir la perte d'autonomie",
            "Développer les activités intergénérationnelles",
            "Recenser les personnes âgées isolées",
        ],
        "context": [
            "La part des plus de 75 ans augmente et beaucoup vivent seuls, parfois sans famille à proximité.",
            "Les seniors isolés sont mal connus des services, en dehors des périodes de canicule.",
            "La dématérialisation des démarches éloigne une partie des personnes âgées de leurs droits.",
            "Le logement de nombreux seniors n'est plus adapté à leur perte d'autonomie.",
        ],
        "objectives": [
            "Rompre l'isolement des personnes âgées",
            "Favoriser le maintien à domicile dans de bonnes conditions",
            "Faciliter l'accès aux droits des seniors",
            "Créer des liens entre les générations",
        ],
        "actions": [
            "Des bénévoles formés rendent visite chaque semaine aux personnes âgées isolées repérées par le centre "
            "communal d'action sociale.",
            "Des ateliers numériques sont proposés en petits groupes à la médiathèque et dans les résidences "
            "autonomie.",
            "Un programme de prévention des chutes est animé avec les kinésithérapeutes du territoire.",
            "Des collégiens et des résidents de la résidence autonomie préparent ensemble un spectacle de fin "
            "d'année.",
        ],
        "results": [
            "Davantage de personnes âgées isolées repérées et accompagnées",
            "Des seniors plus autonomes dans leurs démarches en ligne",
            "Moins d'hospitalisations liées aux chutes",
        ],
    },
    "HAN": {
        "mandate": (
            "Faciliter l'accès aux droits, à l'emploi, aux loisirs et à la vie sociale des personnes en situation de "
            "handicap, et soutenir leurs aidants."
        ),
        "topics": [
            "accessibilité des équipements publics",
            "soutien aux aidants familiaux",
            "inclusion des enfants handicapés dans les loisirs",
            "emploi des personnes handicapées",
            "information sur les droits et les démarches",
        ],
        "titles": [
            "Soutenir les aidants familiaux",
            "Rendre les accueils de loisirs inclusifs",
            "Favoriser l'emploi des personnes handicapées",
            "Améliorer l'accessibilité des équipements",
            "Créer un guide local du handicap",
        ],
        "context": [
            "Les familles d'enfants handicapés trouvent difficilement une place en accueil de loisirs.",
            "Les aidants familiaux s'épuisent et connaissent mal les solutions de répit.",
            "Le taux de chômage des personnes handicapées reste le double de celui de l'ensemble de la population.",
            "Plusieurs équipements publics restent difficiles d'accès en fauteuil roulant.",
        ],
        "objectives": [
            "Favoriser l'inclusion des personnes handicapées dans la vie de la commune",
            "Soutenir et reconnaître les aidants",
            "Faciliter l'accès à l'emploi des personnes handicapées",
            "Rendre les équipements publics accessibles à tous",
        ],
        "actions": [
            "Des animateurs sont formés à l'accueil des enfants handicapés dans les accueils de loisirs.",
            "Un café des aidants se réunit chaque mois avec une psychologue et l'association des aidants familiaux.",
            "Cap emploi et les employeurs publics organisent des journées de découverte des métiers.",
            "Un diagnostic d'accessibilité des équipements est mené avec les associations de personnes handicapées.",
        ],
        "results": [
            "Des enfants handicapés accueillis dans les accueils de loisirs",
            "Des aidants mieux informés et moins isolés",
            "Davantage de personnes handicapées en emploi",
        ],
    },
    "AD": {
        "mandate": (
            "Faciliter l'accès aux droits et aux services publics de proximité, lutter contre le non-recours et "
            "accompagner les démarches en ligne."
        ),
        "topics": [
            "non-recours aux droits sociaux",
            "démarches administratives en ligne",
            "accueil et orientation des publics",
            "accès aux soins",
            "apprentissage du français",
        ],
        "titles": [
            "Créer un point d'accueil unique des droits",
            "Accompagner les démarches en ligne",
            "Lutter contre le non-recours aux prestations",
            "Faciliter l'accès aux soins",
            "Développer les ateliers de français",
        ],
        "context": [
            "De nombreux habitants ne demandent pas les prestations auxquelles ils ont droit, faute d'information.",
            "La dématérialisation des démarches met en difficulté les personnes sans équipement ou peu à l'aise "
            "avec l'écrit.",
            "Les publics sont souvent orientés d'un guichet à l'autre sans obtenir de réponse.",
            "Une partie des habitants renonce aux soins pour des raisons financières ou de mobilité.",
        ],
        "objectives": [
            "Réduire le non-recours aux droits sociaux",
            "Accompagner les habitants dans leurs démarches en ligne",
            "Améliorer l'orientation entre les guichets",
            "Faciliter l'accès aux soins des plus fragiles",
        ],
        "actions": [
            "Un point d'accueil partagé réunit chaque semaine la caisse d'allocations familiales, l'assurance "
            "maladie et le centre communal d'action sociale.",
            "Des médiateurs numériques accompagnent les démarches en ligne sans rendez-vous.",
            "Un annuaire commun des permanences est diffusé à tous les partenaires.",
            "Des ateliers de français à visée professionnelle préparent l'accès à l'emploi et à la formation.",
        ],
        "results": [
            "Davantage de droits ouverts",
            "Des habitants plus autonomes dans leurs démarches",
            "Moins de réorientations inutiles entre les services",
        ],
    },
    "BVE": {
        "mandate": (
            "Améliorer la qualité de vie dans les quartiers, la tranquillité publique et la participation des "
            "habitants à la vie locale."
        ),
        "topics": [
            "participation des habitants",
            "tranquillité publique",
            "animation de la vie des quartiers",
            "fêtes et événements de quartier",
            "respect du cadre de vie",
        ],
        "titles": [
            "Organiser des fêtes de quartier avec les habitants",
            "Créer un budget participatif de quartier",
            "Développer la médiation sociale",
            "Améliorer la propreté des espaces communs",
            "Soutenir les initiatives des conseils citoyens",
        ],
        "context": [
            "Les habitants expriment un sentiment d'insécurité et regrettent le manque de lieux de rencontre.",
            "Les associations de quartier peinent à renouveler leurs bénévoles.",
            "Les incivilités dans les espaces communs dégradent la qualité de vie.",
            "Les habitants participent peu aux instances de concertation.",
        ],
        "objectives": [
            "Renforcer le lien social entre les habitants",
            "Favoriser la participation des habitants aux décisions qui les concernent",
            "Améliorer la tranquillité et le cadre de vie",
            "Soutenir la vie associative des quartiers",
        ],
        "actions": [
            "Des médiateurs sociaux vont à la rencontre des habitants en soirée et le week-end.",
            "Les habitants proposent et votent des projets financés par un budget participatif.",
            "Les associations, le centre social et le bailleur organisent ensemble une fête de quartier chaque été.",
            "Un diagnostic en marchant réunit les habitants, le bailleur et les services de la Ville.",
        ],
        "results": [
            "Davantage d'habitants impliqués dans la vie du quartier",
            "Moins d'incivilités signalées",
            "Des espaces communs mieux entretenus",
        ],
    },
    "COORD": {
        "mandate": (
            "Organiser la coordination entre les acteurs, partager l'information et lever les freins au travail en "
            "commun."
        ),
        "topics": [
            "partage d'informations entre professionnels",
            "connaissance mutuelle des acteurs",
            "outils communs de coordination",
            "secret professionnel partagé",
            "suivi des fiches actions",
        ],
        "titles": [
            "Créer un annuaire partagé des partenaires",
            "Organiser des rencontres interprofessionnelles",
            "Élaborer une charte de partage d'informations",
            "Mettre en place un outil commun de suivi",
            "Former les professionnels à la coordination",
        ],
        "context": [
            "Les professionnels se connaissent mal et travaillent souvent en silo.",
            "Le partage d'informations bute sur les règles du secret professionnel.",
            "La rotation des professionnels fait perdre les contacts et l'historique des actions.",
            "Les dispositifs s'empilent sans que les partenaires sachent qui fait quoi.",
        ],
        "objectives": [
            "Améliorer la connaissance mutuelle des acteurs",
            "Sécuriser le partage d'informations",
            "Donner aux partenaires des outils communs",
            "Éviter les ruptures de parcours entre les services",
        ],
        "actions": [
            "Des petits-déjeuners partenaires réunissent chaque trimestre les professionnels d'un quartier.",
            "Une charte de partage d'informations est rédigée avec les institutions.",
            "Le portail des partenaires tient l'annuaire et le suivi des fiches actions.",
            "Une journée d'immersion permet à chaque professionnel de découvrir le service d'un partenaire.",
        ],
        "results": [
            "Des professionnels qui s'orientent mutuellement les publics",
            "Des situations suivies sans rupture",
            "Des partenaires qui utilisent les outils communs",
        ],
    },
}
# Sentences any fiche may take, whatever its axis.
CONTEXTS = [
    "Ce besoin a été confirmé lors de la journée partenariale du 9 avril 2015 et dans les groupes de travail.",
    "Les difficultés de logement, d'emploi et de santé se cumulent souvent dans les mêmes familles.",
    "Les partenaires constatent que les publics les plus fragiles sont aussi les moins informés.",
    "Le quartier concentre une part importante des ménages à bas revenus de la commune.",
]
OPERATIONAL = [
    "Réunir les partenaires concernés au moins une fois par trimestre",
    "Désigner un référent dans chaque structure partenaire",
    "Informer les habitants par les relais de proximité",
    "Évaluer l'action chaque année avec les bénéficiaires",
    "Mobiliser les financements de droit commun avant les crédits spécifiques",
]
MODALITIES = [
    "L'action s'adresse en priorité à {public}, dans le quartier {place} puis dans toute la commune.",
    "Les partenaires se réunissent en comité de suivi deux fois par an pour ajuster l'action aux besoins de {public}.",
    "Une première session est organisée à titre expérimental dans le quartier {place}, avant d'être étendue.",
    "L'orientation de {public} vers l'action se fait par les travailleurs sociaux, les établissements et les "
    "associations.",
]
HUMAN_RESOURCES = [
    "Un coordinateur à mi-temps, les travailleurs sociaux des structures partenaires et une dizaine de bénévoles.",
    "Deux animateurs de la Ville, un éducateur du club de prévention et un référent de la mission locale.",
    "Le temps de travail des professionnels des structures partenaires, sans recrutement supplémentaire.",
]
MATERIAL_RESOURCES = [
    "Une salle de la maison de quartier deux demi-journées par semaine, un ordinateur et un vidéoprojecteur.",
    "Les locaux du centre social, le minibus de la Ville pour les sorties, du matériel pédagogique.",
    "Un local d'accueil en rez-de-chaussée, accessible, avec un poste informatique en libre accès.",
]
MONITORING = [
    "Bilan quantitatif tous les six mois (nombre de bénéficiaires, orientations, sorties positives) et bilan "
    "qualitatif annuel présenté au comité technique.",
    "Tableau de bord partagé entre les partenaires, mis à jour chaque trimestre, et questionnaire de satisfaction.",
    "Suivi par le groupe de travail à chaque séance, et évaluation finale par le comité de pilotage.",
]
SUCCESS_CONDITIONS = [
    "L'engagement durable des partenaires et la stabilité des professionnels référents.",
    "Un repérage partagé des publics et le respect du secret professionnel.",
    "Des financements pluriannuels et une communication adaptée aux habitants.",
]
GOVERNANCE = ["Comité technique", "Comité de pilotage", "Groupe de travail", "Comité de suivi partenarial"]
REFERENTS = [
    "Adjointe au maire déléguée à la jeunesse",
    "Adjoint au maire délégué à l'action sociale",
    "Adjointe au maire déléguée au logement",
    "Conseiller municipal délégué aux seniors",
    "Adjoint au maire délégué à la vie des quartiers",
]
BUDGET_LABELS = [
    "Rémunération des intervenants",
    "Location de salles",
    "Matériel pédagogique",
    "Transport des participants",
    "Communication et impressions",
    "Formation des bénévoles",
    "Petit équipement",
]
MILESTONES = [
    "Réunion de lancement avec les partenaires",
    "Recrutement des bénéficiaires",
    "Première session",
    "Bilan intermédiaire",
    "Bilan final et présentation au COPIL",
]
SHEET_STATUSES = [  # (status, weight): most sheets of a running programme are validated and under way
    (SheetStatus.DRAFT, 10),
    (SheetStatus.SUBMITTED, 5),
    (SheetStatus.TO_REVISE, 4),
    (SheetStatus.FORWARDED, 4),
    (SheetStatus.VALIDATED, 12),
    (SheetStatus.PLANNED, 8),
    (SheetStatus.IN_PROGRESS, 25),
    (SheetStatus.ON_HOLD, 5),
    (SheetStatus.DONE, 15),
    (SheetStatus.ABANDONED, 5),
    (SheetStatus.ARCHIVED, 7),
]
# (name, address, capacity, accessibility): the rooms of the generated meetings, the same at every scale.
VENUES = [
    ("Salle polyvalente des Gâtines", "rue des Gâtines", 120, "De plain-pied, boucle magnétique, parking."),
    ("Maison de quartier du Valibout – grande salle", "place du Valibout", 80, "De plain-pied, bus urbains."),
    ("Centre social de la Boissière – salle d'activités", "rue de la Boissière", 30, "Ascenseur, bus urbains."),
    ("Médiathèque – salle de conférence", "avenue du Général-de-Gaulle", 60, "Ascenseur, boucle magnétique."),
    ("Espace des Petits Prés – salle de réunion", "chemin des Petits Prés", 25, "Rez-de-chaussée, parking."),
    ("Pôle social – salle du premier étage", "rue Jean-Jaurès", 20, "Ascenseur ; prévenir l'accueil."),
    ("Maison des associations – salle 3", "rue Pierre-Curie", 35, "De plain-pied, stationnement réservé."),
    ("Salle des fêtes de Sainte-Apolline", "boulevard Léon-Blum", 200, "De plain-pied, boucle magnétique."),
]
# Start times of group sessions (hour, minute); plenaries start at 9:00, COPIL at 10:00, COTECH at 14:00.
GROUP_SLOTS = [(9, 30), (14, 0), (17, 30)]
PLENARY_TITLES = [
    "Journée partenariale",
    "Séance plénière : bilan d'étape",
    "Séance plénière : présentation des fiches actions",
    "Rencontre annuelle des partenaires",
]
COPIL_TOPICS = [
    "validation des fiches actions",
    "bilan annuel du projet",
    "programmation budgétaire",
    "suivi des actions engagées",
]
COTECH_TOPICS = [
    "préparation du comité de pilotage",
    "relecture des fiches actions",
    "suivi des indicateurs",
    "freins à la coordination",
]
AGENDA = [
    "Accueil et tour de table",
    "Retour sur la séance précédente",
    "Point sur les fiches actions en cours",
    "Freins à la coordination repérés",
    "Présentation d'un partenaire",
    "Indicateurs de suivi",
    "Calendrier des prochaines étapes",
    "Questions diverses",
]
ANSWERS = [  # (answer, weight)
    (Invitation.Answer.PENDING, 20),
    (Invitation.Answer.YES, 55),
    (Invitation.Answer.NO, 17),
    (Invitation.Answer.REPRESENTED, 8),
]
# The attendance recorded for each answer: (status, weight).
PRESENCE = {
    Invitation.Answer.YES: [
        (Attendance.Status.PRESENT, 90),
        (Attendance.Status.ABSENT, 6),
        (Attendance.Status.EXCUSED, 4),
    ],
    Invitation.Answer.NO: [(Attendance.Status.EXCUSED, 85), (Attendance.Status.ABSENT, 15)],
    Invitation.Answer.REPRESENTED: [(Attendance.Status.REPRESENTED, 1)],
    Invitation.Answer.PENDING: [
        (Attendance.Status.PRESENT, 30),
        (Attendance.Status.ABSENT, 50),
        (Attendance.Status.EXCUSED, 20),
    ],
}


def weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


FOLLOWED_UP = (SheetStatus.PLANNED, SheetStatus.IN_PROGRESS, SheetStatus.ON_HOLD)
# Follow-up flag by sheet index (modulo 20) among the fiches being carried out: 3 in 20 late, 2 blocked,
# 1 to discuss. Derived from the index, not drawn: the random stream (and every row after) stays the same.
FLAGS_BY_INDEX = {3: "late", 8: "late", 15: "late", 6: "blocked", 17: "blocked", 11: "to_discuss"}


def follow_up(index, status):
    """(flag, progress %) of the bench fiche number `index`: fiches being carried out have both, done 100 %."""
    if status == SheetStatus.DONE:
        return "", 100
    if status not in FOLLOWED_UP:
        return "", None
    return FLAGS_BY_INDEX.get(index % 20, ""), (index * 37) % 95 + 5


def meetings_per_unit(axis_count):
    return SESSIONS_PER_GROUP * axis_count + PLENARIES + COPILS + COTECHS


def slug(text):
    return "".join(char if char.isalnum() else "-" for char in normalise(text)).strip("-")


def twin(original, sheet, place):
    """`sheet` takes up the idea of `original` (another group's fiche): its title, aims and description."""
    if original.group_id == sheet.group_id:
        return
    sheet.title = f"{original.title.rsplit(' – ', 1)[0]} – {place}"
    sheet.general_objective = original.general_objective
    sheet.operational_objectives = original.operational_objectives
    sheet.expected_results = original.expected_results
    sheet.description = original.description
    sheet.context = original.context


class Generator:
    """Builds the rows from one seeded random stream: same scale (and same other data), same rows."""

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
        # Groups and fiches (after the generated ones were removed): other groups' names and numbers are kept.
        self.axis_list = list(Axis.objects.order_by("is_cross_cutting", "position", "code"))
        self.group_names = set(WorkingGroup.objects.values_list("name", flat=True))
        self.last_numbers = dict(
            ActionSheet.objects.order_by().values("axis").annotate(last=Max("number")).values_list("axis", "last")
        )
        self.publics = list(TargetPublic.objects.order_by("position", "label"))
        self.funders = list(Funder.objects.order_by("position", "label"))

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

    # Working groups, meetings, invitations and attendance: one « secteur » per scale unit.

    def groups(self, unit):
        """One group per axis, named after the axis and the sector, its mandate ending with MARKER."""
        for axis in self.axis_list:
            short = axis.short_title[:1].lower() + axis.short_title[1:]
            yield WorkingGroup(
                name=self.free_name(f"Groupe {short} – secteur {unit + 1}", self.group_names),
                axis=axis,
                mandate=f"{self.texts(axis)['mandate']}\n\n{MARKER}",
                position=axis.position,
            )

    @staticmethod
    def free_name(name, taken):
        """`name`, or the first « name n° 2 », « n° 3 »… not in `taken` (names unique in the database)."""
        name = next(name for name in chain([name], (f"{name} n° {n}" for n in count(2))) if name not in taken)
        taken.add(name)
        return name

    @staticmethod
    def texts(axis):
        return AXIS_TEXTS.get(axis.code, AXIS_TEXTS["COORD"])

    def memberships(self, group, people):
        """About 15 active interlocutors of the sector, first from structures working on the group's axis: an
        animateur, a co-animateur, members and two observers; a few members have left the group."""
        close = [contact for contact, codes in people if contact.is_active and group.axis.code in codes]
        others = [contact for contact, codes in people if contact.is_active and group.axis.code not in codes]
        size = self.rng.randint(*MEMBERS_PER_GROUP)
        chosen = self.rng.sample(close, min(len(close), size - 2))
        chosen += self.rng.sample(others, min(len(others), size - len(chosen)))
        for rank, contact in enumerate(chosen):
            role = MembershipRole.MEMBER
            if rank < len(FACILITATING_ROLES):
                role = FACILITATING_ROLES[rank]
            elif rank >= len(chosen) - 2:
                role = MembershipRole.OBSERVER
            yield Membership(
                group=group,
                contact=contact,
                role=role,
                since=FIRST_MEETING_DAY + timedelta(days=self.rng.choice((0, 0, 0, 42, 63, 180, 400))),
                is_active=role in FACILITATING_ROLES or self.rng.random() >= 0.07,
            )

    def venues(self, ours):
        """The rooms of VENUES: ours (`ours`, by name) kept, the missing ones made; other venues' names avoided."""
        taken = set(Venue.objects.exclude(accessibility__endswith=MARKER).values_list("name", flat=True))
        rooms, missing = [], []
        for name, address, capacity, accessibility in VENUES:
            name = self.free_name(name, taken)
            venue = ours.get(name) or Venue(
                name=name,
                address=address,
                postal_code="78370",
                city="Plaisir",
                capacity=capacity,
                accessibility=f"{accessibility}\n\n{MARKER}",
            )
            if venue.pk is None:
                missing.append(venue)
            rooms.append(venue)
        return rooms, missing

    def meetings(self, unit, groups, venues):
        """(meeting, its groups) of one sector: SESSIONS_PER_GROUP sessions of each group, then the plenaries
        (every group), the COPIL (every group) and the COTECH (three groups), their animateurs invited."""
        plan = [(Meeting.Kind.GROUP, [group]) for group in groups for _ in range(SESSIONS_PER_GROUP)]
        plan += [(Meeting.Kind.PLENARY, groups)] * PLENARIES + [(Meeting.Kind.COPIL, groups)] * COPILS
        plan += [(Meeting.Kind.COTECH, self.rng.sample(groups, min(len(groups), 3))) for _ in range(COTECHS)]
        halls = [venue for venue in venues if (venue.capacity or 0) >= 80]
        sector = f"secteur {unit + 1}"
        for kind, concerned in plan:
            day = FIRST_MEETING_DAY + timedelta(days=self.rng.randint(0, (LAST_MEETING_DAY - FIRST_MEETING_DAY).days))
            day -= timedelta(days=max(0, day.weekday() - 4))  # a Saturday or Sunday becomes the Friday before
            if kind == Meeting.Kind.GROUP:
                (hour, minute), minutes = self.rng.choice(GROUP_SLOTS), 120
                topic = self.rng.choice(self.texts(concerned[0].axis)["topics"])
                title, venue = f"Séance de travail : {topic} – {sector}", self.rng.choice(venues)
            elif kind == Meeting.Kind.PLENARY:
                (hour, minute), minutes = (9, 0), 450
                title, venue = f"{self.rng.choice(PLENARY_TITLES)} – {sector}", self.rng.choice(halls or venues)
            else:
                topics = COPIL_TOPICS if kind == Meeting.Kind.COPIL else COTECH_TOPICS
                (hour, minute), minutes = ((10, 0) if kind == Meeting.Kind.COPIL else (14, 0)), 120
                name = "Comité de pilotage" if kind == Meeting.Kind.COPIL else "Comité technique"
                title, venue = f"{name} : {self.rng.choice(topics)} – {sector}", self.rng.choice(venues)
            starts_at = datetime.combine(day, time(hour, minute), tzinfo=PARIS)
            cancelled = self.rng.random() < 0.04
            meeting = Meeting(
                kind=kind,
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=minutes),
                venue=venue,
                agenda="\n".join(self.rng.sample(AGENDA, self.rng.randint(3, 5))),
                status=Meeting.Status.CANCELLED if cancelled else Meeting.Status.SCHEDULED,
                sequence=1 if cancelled else 0,
                invitations_sent_at=starts_at - timedelta(days=14),
            )
            yield meeting, concerned

    def answers(self, meeting, concerned, members, people):
        """Invitations of the active members of the meeting's groups (only their animateurs for a COPIL or a
        COTECH), answers spread; attendance of a meeting that took place, by answer, with a walk-in now and then
        at group sessions. A plenary's sign-in sheet lists those who came or sent apologies, not the absent."""
        facilitators_only = meeting.kind in (Meeting.Kind.COPIL, Meeting.Kind.COTECH)
        invited = {}
        for group in concerned:
            for membership in members[group.pk]:
                if membership.is_active and (membership.role in FACILITATING_ROLES or not facilitators_only):
                    invited.setdefault(membership.contact_id, membership.contact)
        invitations, attendances = [], []
        sent_at = meeting.invitations_sent_at
        for contact_id in invited:
            answer = weighted(self.rng, ANSWERS)
            stand_in = ""
            if answer == Invitation.Answer.REPRESENTED:
                stand_in = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            answered = answer != Invitation.Answer.PENDING
            invitations.append(
                Invitation(
                    meeting_id=meeting.pk,
                    contact_id=contact_id,
                    answer=answer,
                    represented_by=stand_in,
                    answered_at=sent_at + timedelta(minutes=self.rng.randint(30, 12 * 24 * 60)) if answered else None,
                    sent_at=sent_at,
                    reminded_at=None if answered else meeting.starts_at - timedelta(days=1),
                )
            )
            if meeting.is_cancelled:
                continue
            status = weighted(self.rng, PRESENCE[answer])
            if meeting.kind == Meeting.Kind.PLENARY and status == Attendance.Status.ABSENT:
                continue
            attendances.append(
                Attendance(meeting_id=meeting.pk, contact_id=contact_id, status=status, represented_by=stand_in)
            )
        if meeting.kind == Meeting.Kind.GROUP and not meeting.is_cancelled and self.rng.random() < 0.35:
            walk_in = self.rng.choice(people)[0]
            if walk_in.is_active and walk_in.pk not in invited:
                attendances.append(
                    Attendance(
                        meeting_id=meeting.pk, contact_id=walk_in.pk, status=Attendance.Status.PRESENT, is_walk_in=True
                    )
                )
        return invitations, attendances

    # Fiches actions

    def sheets(self, groups, members):
        """SHEETS_PER_SCALE fiches of one sector, spread over its groups, numbered after the highest number of
        their axis: (sheet, co-authors, target publics, neighbourhoods)."""
        made = []
        for index in range(SHEETS_PER_SCALE):
            group = groups[index % len(groups)]
            axis, texts = group.axis, self.texts(group.axis)
            number = self.last_numbers.get(axis.pk, 0) + 1
            self.last_numbers[axis.pk] = number
            writers = [m.contact for m in members[group.pk] if m.is_active and m.role != MembershipRole.OBSERVER]
            pilot = self.rng.choice(writers)
            co_authors = self.rng.sample([c for c in writers if c.pk != pilot.pk], self.rng.randint(0, 2))
            place = self.rng.choice(self.places).name
            public = self.rng.choice(PUBLICS)
            status = weighted(self.rng, SHEET_STATUSES)
            start = date(2016, 1, 1) + timedelta(days=self.rng.randint(0, 540))
            sheet = ActionSheet(
                code=f"{axis.code}-{number:02d}",
                number=number,
                axis=axis,
                group=group,
                title=f"{self.rng.choice(texts['titles'])} – {place}",
                pilot=pilot,
                elected_referent=self.rng.choice(REFERENTS),
                lead_organisation_id=pilot.organisation_id,
                priority=self.rng.choice(("high", "medium", "medium", "low")),
                context=" ".join(
                    self.rng.sample(texts["context"], self.rng.randint(1, 3)) + [self.rng.choice(CONTEXTS)]
                ),
                general_objective=f"{self.rng.choice(texts['objectives'])}.",
                operational_objectives="\n".join(
                    self.rng.sample(texts["objectives"] + OPERATIONAL, self.rng.randint(2, 5))
                ),
                expected_results="\n".join(self.rng.sample(texts["results"], self.rng.randint(1, 3))),
                description=" ".join(
                    self.rng.sample(texts["actions"], self.rng.randint(1, 4))
                    + [sentence.format(public=public, place=place) for sentence in self.rng.sample(MODALITIES, 2)]
                ),
                target_count=self.rng.choice((None, 20, 30, 50, 80, 120, 200)),
                citizen_participation=self.rng.choice(("none", "information", "consultation", "co_construction")),
                human_resources=self.rng.choice(HUMAN_RESOURCES),
                fte=self.rng.choice((None, Decimal("0.20"), Decimal("0.50"), Decimal("1.00"))),
                material_resources=self.rng.choice(MATERIAL_RESOURCES),
                start_date=start,
                planned_end_date=start + timedelta(days=self.rng.choice((180, 365, 730))),
                is_recurring=self.rng.random() < 0.3,
                monitoring=self.rng.choice(MONITORING),
                governance_body=self.rng.choice(GOVERNANCE),
                success_conditions=self.rng.choice(SUCCESS_CONDITIONS),
                status=status,
                follow_up_flag=follow_up(index, status)[0],
                progress=follow_up(index, status)[1],
                copil_date=start - timedelta(days=self.rng.randint(20, 90)) if status in VALIDATED_STATES else None,
            )
            publics = self.rng.sample(self.publics, min(len(self.publics), self.rng.randint(1, 3)))
            places = self.rng.sample(self.places, self.rng.choice((0, 1, 1, 2)))
            if TWINS_FROM <= index < TWINS_FROM + TWINS:
                twin(made[index - TWINS_FROM], sheet, place)
            made.append(sheet)
            yield sheet, co_authors, publics, places

    def sheet_lines(self, sheet):
        """A few budget lines, funding lines and milestones of a saved sheet."""
        spent = sheet.status in (SheetStatus.IN_PROGRESS, SheetStatus.DONE)
        for _ in range(self.rng.randint(1, 4)):
            planned = Decimal(self.rng.randint(5, 200) * 100)
            yield BudgetLine(
                sheet_id=sheet.pk,
                year=self.rng.choice((2016, 2017)),
                kind="investment" if self.rng.random() < 0.15 else "operating",
                label=self.rng.choice(BUDGET_LABELS),
                planned=planned,
                actual=(planned * self.rng.randint(70, 110) / 100).quantize(Decimal("1")) if spent else None,
            )
        for _ in range(self.rng.randint(0, 3) if self.funders else 0):
            yield FundingLine(
                sheet_id=sheet.pk,
                funder=self.rng.choice(self.funders),
                year=self.rng.choice((2016, 2017)),
                amount=Decimal(self.rng.randint(5, 100) * 100),
                state=self.rng.choice(("requested", "granted", "granted", "refused")),
            )
        for step, label in enumerate(self.rng.sample(MILESTONES, self.rng.randint(1, 4))):
            due_on = sheet.start_date + timedelta(days=60 * step)
            yield Milestone(sheet_id=sheet.pk, label=label, due_on=due_on, is_done=spent and due_on < date(2017, 1, 1))


class Command(BaseCommand):
    help = (
        "Génère les données de mesure (par unité d'échelle : 100 structures, 8 groupes, 150 séances, 50 fiches "
        "actions), reproductibles, pour scripts/bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="1 (la ville réelle), 10 ou 100.")
        parser.add_argument("--fresh", action="store_true", help="Régénère même si l'échelle demandée est en place.")

    def handle(self, *args, scale, fresh, **options):
        if not settings.DEBUG:
            raise CommandError("Les données de mesure sont refusées en production (DJANGO_DEBUG=false).")
        if scale < 1:
            raise CommandError("--scale doit valoir au moins 1.")
        started = clock.monotonic()
        with transaction.atomic():
            self.load_reference_data()
            organisations = Organisation.objects.filter(email__endswith=DOMAIN)
            groups = WorkingGroup.objects.filter(mandate__endswith=MARKER)
            axes = Axis.objects.count()
            expected = [scale * STRUCTURES_PER_SCALE, scale * axes, scale * meetings_per_unit(axes)]
            expected.append(scale * SHEETS_PER_SCALE)
            if self.sizes(organisations, groups) == expected and not fresh:
                self.stdout.write(f"Données de mesure déjà en place à l'échelle {scale} : rien à faire.")
                return
            self.remove(organisations, groups)
            self.generate(Generator(scale))
        with connection.cursor() as cursor:
            for table in TABLES_TO_ANALYSE:  # fresh statistics, as autovacuum would compute them later
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        overlaps = refresh_all_overlaps()  # the look-alike pairs of the fiches just made (actionsheets.overlaps)
        contacts = Contact.objects.filter(email__endswith=DOMAIN)
        meetings = Meeting.objects.filter(pk__in=generated_meetings(groups))
        self.stdout.write(
            self.style.SUCCESS(
                f"Données de mesure à l'échelle {scale} en {clock.monotonic() - started:.0f} s : "
                f"{organisations.count()} structures, {contacts.count()} interlocuteurs, {groups.count()} groupes "
                f"({Membership.objects.filter(group__in=groups).count()} membres), {meetings.count()} séances, "
                f"{Invitation.objects.filter(meeting__in=meetings).count()} invitations, "
                f"{Attendance.objects.filter(meeting__in=meetings).count()} présences, "
                f"{ActionSheet.objects.filter(group__in=groups).count()} fiches actions, "
                f"{overlaps['created']} rapprochements."
            )
        )

    @staticmethod
    def sizes(organisations, groups):
        return [
            organisations.count(),
            groups.count(),
            Meeting.objects.filter(pk__in=generated_meetings(groups)).count(),
            ActionSheet.objects.filter(group__in=groups).count(),
        ]

    def load_reference_data(self):
        if not Commune.objects.exists():
            Commune.objects.create(**PLAISIR)
        for position, name in enumerate(NEIGHBOURHOODS, start=1):
            Neighbourhood.objects.get_or_create(
                name=name, defaults={"position": position, "is_qpv": name == "Le Valibout"}
            )

    def remove(self, organisations, groups):
        """The generated rows, in the order the PROTECT foreign keys require: fiches (and their lines), the
        attendance, invitations and memberships of generated meetings, groups or interlocutors, the meetings,
        the groups, then the interlocutors and structures. Venues stay (the same at every scale)."""
        contacts = Contact.objects.filter(organisation__in=organisations)
        meetings = generated_meetings(groups)
        ActionSheet.objects.filter(group__in=groups).delete()
        Attendance.objects.filter(Q(meeting__in=meetings) | Q(contact__in=contacts)).delete()
        Invitation.objects.filter(Q(meeting__in=meetings) | Q(contact__in=contacts)).delete()
        Meeting.objects.filter(pk__in=meetings).delete()
        Membership.objects.filter(Q(group__in=groups) | Q(contact__in=contacts)).delete()
        groups.delete()
        contacts.delete()
        organisations.update(parent=None)
        organisations.delete()

    def generate(self, generator):
        people = self.generate_directory(generator)
        units = range(generator.scale)
        groups_by_unit = [list(generator.groups(unit)) for unit in units]
        WorkingGroup.objects.bulk_create(list(chain.from_iterable(groups_by_unit)), batch_size=BATCH_SIZE)
        members = {
            group.pk: list(generator.memberships(group, people[unit]))
            for unit in units
            for group in groups_by_unit[unit]
        }
        Membership.objects.bulk_create(chain.from_iterable(members.values()), batch_size=BATCH_SIZE)
        ours = {venue.name: venue for venue in Venue.objects.filter(accessibility__endswith=MARKER)}
        venues, missing = generator.venues(ours)
        Venue.objects.bulk_create(missing, batch_size=BATCH_SIZE)
        planned = [(unit, *pair) for unit in units for pair in generator.meetings(unit, groups_by_unit[unit], venues)]
        Meeting.objects.bulk_create([meeting for _, meeting, _ in planned], batch_size=BATCH_SIZE)
        Meeting.groups.through.objects.bulk_create(
            [
                Meeting.groups.through(meeting_id=meeting.pk, workinggroup_id=group.pk)
                for _, meeting, concerned in planned
                for group in concerned
            ],
            batch_size=BATCH_SIZE,
        )
        invitations, attendances = [], []
        for unit, meeting, concerned in planned:
            invited, present = generator.answers(meeting, concerned, members, people[unit])
            invitations += invited
            attendances += present
            if len(invitations) + len(attendances) >= FLUSH_ROWS:
                self.write_answers(invitations, attendances)
        self.write_answers(invitations, attendances)
        self.generate_sheets(generator, groups_by_unit, members)

    @staticmethod
    def write_answers(invitations, attendances):
        Invitation.objects.bulk_create(invitations, batch_size=BATCH_SIZE)
        Attendance.objects.bulk_create(attendances, batch_size=BATCH_SIZE)
        invitations.clear()
        attendances.clear()

    def generate_sheets(self, generator, groups_by_unit, members):
        rows = [row for groups in groups_by_unit for row in generator.sheets(groups, members)]
        ActionSheet.objects.bulk_create([sheet for sheet, *_ in rows], batch_size=BATCH_SIZE)
        through = (
            ActionSheet.co_authors.through,
            ActionSheet.target_publics.through,
            ActionSheet.neighbourhoods.through,
        )
        links = [], [], []
        for sheet, co_authors, publics, places in rows:
            links[0].extend(through[0](actionsheet_id=sheet.pk, contact_id=contact.pk) for contact in co_authors)
            links[1].extend(through[1](actionsheet_id=sheet.pk, targetpublic_id=public.pk) for public in publics)
            links[2].extend(through[2](actionsheet_id=sheet.pk, neighbourhood_id=place.pk) for place in places)
        for model, rows_of_model in zip(through, links, strict=True):
            model.objects.bulk_create(rows_of_model, batch_size=BATCH_SIZE)
        lines = {BudgetLine: [], FundingLine: [], Milestone: []}
        for sheet, *_ in rows:
            for line in generator.sheet_lines(sheet):
                lines[type(line)].append(line)
        for model, rows_of_model in lines.items():
            model.objects.bulk_create(rows_of_model, batch_size=BATCH_SIZE)

    def generate_directory(self, generator):
        """The structures, their axes, neighbourhoods and interlocutors; returns, per scale unit, the
        interlocutors (saved) with the axis codes of their structure."""
        rows = list(generator.structures())
        created = Organisation.objects.bulk_create([organisation for organisation, _ in rows], batch_size=BATCH_SIZE)
        axis_links, place_links, contacts, children, indexes_by_type = [], [], [], [], {}
        people = [[] for _ in range(generator.scale)]
        for index, (organisation, (_, axis_codes)) in enumerate(zip(created, rows, strict=True)):
            axes, places = generator.links(organisation, axis_codes)
            axis_links += axes
            place_links += places
            codes = {link.axis.code for link in axes}
            for contact in generator.contacts(organisation, len(contacts)):
                contacts.append(contact)
                people[index // STRUCTURES_PER_SCALE].append((contact, codes))
            parent = generator.parent_index(index, organisation.type.code, indexes_by_type)
            if parent is not None:
                organisation.parent = created[parent]
                children.append(organisation)
        Organisation.objects.bulk_update(children, ["parent"], batch_size=BATCH_SIZE)
        Organisation.axes.through.objects.bulk_create(axis_links, batch_size=BATCH_SIZE)
        Organisation.neighbourhoods.through.objects.bulk_create(place_links, batch_size=BATCH_SIZE)
        Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
        return people


def generated_meetings(groups):
    """The primary keys of the meetings of generated groups, as a subquery."""
    return Meeting.objects.filter(groups__in=groups).values("pk")
