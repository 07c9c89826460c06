"""The 2015 working groups of Plaisir as data: venues, groups and their members' sizes, the partners' day, the
committees, the sessions still to come, the findings and the coordination obstacles (read by `demo.workshops`).

What the 2015 article says (shared/seed) is followed: the partners' day of 9 April 2015 at La Mosaïque with 98
partners, seven groups (one per axis) meeting that afternoon and again on 21 May and 11 June 2015 to write fiches
actions, each group also working on the common coordination axis and on the obstacles to coordination. Everything
else is invented but plausible, and says so where it matters: the people are the fictitious interlocutors of the
demo directory, the minutes, findings and obstacles are illustrative, the COTECH and COPIL dates are made up, and
no figure is given that is not in the sources (domain.md §3.2).
"""

from datetime import date
from zoneinfo import ZoneInfo

from workshops.models import CoordinationObstacle, Finding, Meeting, ObstacleCategory

PARIS = ZoneInfo("Europe/Paris")
PARTNER_EMAIL = "partenaire.demo@example.org"
COORDINATOR_EMAIL = "coordination.demo@example.org"
PARTNERS_DAY = date(2015, 4, 9)
SECOND_SESSION, THIRD_SESSION = date(2015, 5, 21), date(2015, 6, 11)
PARTNERS_DAY_ORGANISATIONS = 98  # « 98 partenaires et acteurs » (seed)
# The two demo structures left out of the partners' day to reach the 98 of the article: Plaisir only joined
# Saint-Quentin-en-Yvelines on 1 January 2016, and the ANRU came with the later renewal project (domain.md §3.2).
NOT_AT_PARTNERS_DAY = [
    "Communauté d'agglomération de Saint-Quentin-en-Yvelines",
    "Agence nationale pour la rénovation urbaine",
]
# Fictitious colleagues named when someone is represented (RGPD: no real person).
STAND_INS = [
    "Claire Fontaine",
    "Marc Lemaire",
    "Inès Carpentier",
    "Yves Delorme",
    "Hélène Brunet",
    "Karim Benali",
    "Lucie Marchand",
    "Thomas Renaud",
]

MOSAIQUE = "La Mosaïque – maison des familles"
HOTEL_DE_VILLE = "Hôtel de ville"
CHATEAU = "Château de Plaisir"
MEE = "Maison de l'entreprise et de l'emploi"
VENUES = [
    {
        "name": MOSAIQUE,
        # No street number: the precise address was not checked (the demo directory's one is illustrative).
        "address": "Quartier du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "accessibility": (
            "Maison des familles de plain-pied, accessible en fauteuil roulant. Espace enfants et place pour les "
            "poussettes. Au cœur du quartier du Valibout, desservi par les bus urbains. Pour une boucle magnétique "
            "ou un accompagnement, prévenir l'équipe quelques jours avant."
        ),
    },
    {
        "name": HOTEL_DE_VILLE,
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "accessibility": (
            "Centre-ville, desservi en bus depuis la gare de Plaisir-Grignon. Bâtiment ancien (ancienne maison du "
            "prieuré) : pour un accès en fauteuil ou une boucle magnétique, prévenir l'accueil avant la réunion."
        ),
    },
    {
        "name": CHATEAU,
        "address": "282 rue de la Bretéchelle",
        "postal_code": "78370",
        "city": "Plaisir",
        "accessibility": (
            "Monument historique au milieu de son parc. Accès en fauteuil et salles accessibles à vérifier auprès "
            "de la direction de la culture avant la réunion. Train jusqu'à Plaisir-Grignon, puis bus vers le "
            "centre-ville."
        ),
    },
    {
        "name": MEE,
        "address": "[à compléter]",
        "postal_code": "78370",
        "city": "Plaisir",
        "accessibility": (
            "Lieu d'accueil des acteurs de l'emploi et de l'antenne plaisiroise de la Mission locale. Conditions "
            "d'accès à compléter."
        ),
    },
]

COMMON_MANDATE = (
    "\n\nComme les six autres groupes, il intègre l'axe méthodologique commun : organiser au mieux la "
    "coordination entre les acteurs pour construire ensemble une action adaptée aux problématiques repérées, et "
    "repérer les freins à la coordination pour éviter le cloisonnement des actions. Réuni l'après-midi de la "
    "journée partenariale du 9 avril 2015, puis les 21 mai et 11 juin 2015, il établit des fiches actions "
    "examinées par le comité technique et validées par le comité de pilotage."
)
SECOND_AGENDA = (
    "Retour sur l'atelier du 9 avril et sur les constats du diagnostic\n"
    "Freins à la coordination repérés sur l'axe\n"
    "Choix des pistes d'actions prioritaires\n"
    "Répartition de la rédaction des fiches actions"
)
THIRD_AGENDA = (
    "Relecture des projets de fiches actions\n"
    "Partenaires associés, moyens et calendrier\n"
    "Indicateurs de suivi\n"
    "Préparation de la présentation au comité technique"
)

# One group per thematic axis. "facilitator" and "co_facilitator" name demo structures (their first interlocutor
# is taken); "partner" marks the group the demo partner account co-facilitates. Tasks: (what, who, due, done).
GROUPS = [
    {
        "axis": "DS",
        "name": "Groupe de travail – Décrochage scolaire",
        "facilitator": "Direction de l'éducation et de la jeunesse",
        "co_facilitator": "Collège Blaise-Pascal",
        "size": 18,
        "slot": (HOTEL_DE_VILLE, "09:30", "12:00"),
        "mandate": (
            "Partager le repérage des élèves en risque de décrochage entre l'Éducation nationale, la Ville et leurs "
            "partenaires, et construire des réponses coordonnées de prévention et de raccrochage, en lien avec la "
            "réussite éducative."
        ),
        "minutes": [
            {
                "summary": (
                    "Le groupe est revenu sur les constats du diagnostic : des signes de décrochage repérés tôt par "
                    "les établissements, mais des informations dispersées entre le collège, le programme de réussite "
                    "éducative, la prévention spécialisée et la Mission locale. Les échanges ont porté sur les "
                    "moments de rupture (entrée en sixième, exclusions temporaires, fin de troisième) et sur la "
                    "difficulté à suivre un jeune d'une structure à l'autre. Deux pistes sont retenues pour être "
                    "rédigées en fiches actions."
                ),
                "decisions": [
                    "Rédiger une fiche « Cellule de veille partenariale collège / PRE / Mission locale ».",
                    "Rédiger une fiche « Accueil des collégiens temporairement exclus ».",
                    "Inviter le CIO et la plateforme de suivi et d'appui aux décrocheurs à la séance du 11 juin.",
                ],
                "tasks": [
                    (
                        "Recenser les dispositifs d'accompagnement des collégiens exclus",
                        "Direction de l'éducation et de la jeunesse",
                        date(2015, 6, 5),
                        True,
                    ),
                    (
                        "Proposer des règles de partage d'informations pour la cellule de veille",
                        "Collège Blaise-Pascal et programme de réussite éducative",
                        date(2015, 6, 5),
                        True,
                    ),
                ],
            },
            {
                "summary": (
                    "Relecture des deux projets de fiches actions. Pour la cellule de veille, le groupe propose une "
                    "réunion mensuelle autour du collège, limitée aux professionnels concernés, avec un cadre écrit "
                    "de partage d'informations respectueux du secret professionnel. Pour l'accueil des collégiens "
                    "exclus, les partenaires ont recensé les lieux possibles et les conditions d'encadrement. Les "
                    "indicateurs de suivi restent à préciser avec l'Éducation nationale."
                ),
                "decisions": [
                    "Les deux fiches actions sont transmises au comité technique.",
                    "Le collège Blaise-Pascal co-pilote la cellule de veille avec le programme de réussite éducative.",
                ],
                "tasks": [
                    (
                        "Compléter les indicateurs de suivi des deux fiches",
                        "Direction de l'éducation et de la jeunesse",
                        date(2015, 6, 22),
                        True,
                    ),
                    (
                        "Faire valider le cadre de partage d'informations par le service juridique",
                        "Direction de l'éducation et de la jeunesse",
                        date(2015, 9, 30),
                        False,
                    ),
                ],
            },
        ],
    },
    {
        "axis": "IPJ",
        "name": "Groupe de travail – Insertion professionnelle des jeunes",
        "facilitator": "Service développement économique et emploi",
        "co_facilitator": "Mission locale de Saint-Quentin-en-Yvelines et environs",
        "size": 16,
        "slot": (MEE, "09:30", "12:00"),
        "mandate": (
            "Améliorer l'accès des jeunes plaisirois, notamment ceux du Valibout, à l'information, à l'orientation, "
            "à la formation et à l'emploi, en rapprochant les acteurs de l'insertion, les entreprises et les "
            "structures de proximité."
        ),
        "minutes": [
            {
                "summary": (
                    "Le diagnostic met en évidence des jeunes sans solution qui ne fréquentent ni la Mission locale "
                    "ni Pôle emploi, en particulier au Valibout. Les partenaires soulignent la richesse de l'offre "
                    "(Mission locale, Maison de l'entreprise et de l'emploi, associations d'insertion, Point "
                    "information jeunesse) mais sa faible lisibilité pour les jeunes et leurs familles. Le groupe a "
                    "travaillé sur les moyens d'aller vers les jeunes et de rapprocher les entreprises du quartier."
                ),
                "decisions": [
                    "Rédiger une fiche « Forum emploi-jeunes à La Mosaïque ».",
                    "Étudier avec le bailleur une fiche « Chantiers éducatifs ».",
                ],
                "tasks": [
                    (
                        "Recenser les entreprises prêtes à participer à un forum",
                        "Service développement économique et emploi",
                        date(2015, 6, 5),
                        True,
                    ),
                    (
                        "Prendre contact avec Les Résidences Yvelines Essonne sur les chantiers éducatifs",
                        "Mission locale",
                        date(2015, 6, 5),
                        True,
                    ),
                ],
            },
            {
                "summary": (
                    "Le projet de forum emploi-jeunes est précisé : public visé, partenaires présents, communication "
                    "par les structures de proximité et le local jeunes. La fiche « Chantiers éducatifs » est "
                    "rédigée avec le bailleur et la prévention spécialisée ; son financement reste à trouver. Le "
                    "groupe souhaite un suivi commun des jeunes orientés d'une structure à l'autre."
                ),
                "decisions": [
                    "La fiche « Forum emploi-jeunes à La Mosaïque » est transmise au comité technique.",
                    "La fiche « Chantiers éducatifs avec le bailleur » est transmise sous réserve d'un plan de "
                    "financement.",
                    "Un point d'étape Mission locale, Pôle emploi et Ville aura lieu chaque trimestre.",
                ],
                "tasks": [
                    (
                        "Établir le plan de financement des chantiers éducatifs",
                        "Service développement économique et emploi",
                        date(2015, 9, 15),
                        True,
                    ),
                    ("Fixer la date du premier forum", "Mission locale et La Mosaïque", date(2015, 7, 3), True),
                ],
            },
        ],
    },
    {
        "axis": "HAB",
        "name": "Groupe de travail – Habitat",
        "facilitator": "Service logement",
        "co_facilitator": "Les Résidences Yvelines Essonne",
        "size": 13,
        "slot": (MOSAIQUE, "09:30", "12:00"),
        "mandate": (
            "Partager la connaissance des besoins en logement et des situations de fragilité (impayés, logements "
            "inadaptés, difficultés d'entretien), coordonner l'accompagnement des ménages et améliorer le cadre de "
            "vie, en particulier au Valibout."
        ),
        "minutes": [
            {
                "summary": (
                    "Le groupe a partagé les constats du diagnostic sur le parc social, très présent au Valibout, et "
                    "sur les situations de fragilité repérées par les partenaires : impayés, logements inadaptés au "
                    "vieillissement ou au handicap, difficultés d'entretien. Les habitants connaissent mal les lieux "
                    "d'information sur le logement. Les partenaires proposent de rapprocher l'information juridique "
                    "des habitants."
                ),
                "decisions": [
                    "Rédiger une fiche « Permanences logement avec l'ADIL 78 ».",
                    "Étudier un circuit de signalement des impayés entre le bailleur, le CCAS et le Département.",
                ],
                "tasks": [
                    (
                        "Prendre contact avec l'ADIL des Yvelines pour des permanences à Plaisir",
                        "Service logement",
                        date(2015, 6, 5),
                        True,
                    ),
                ],
            },
            {
                "summary": (
                    "La fiche « Permanences logement avec l'ADIL 78 » a été relue : lieu (La Mosaïque), fréquence à "
                    "définir avec l'ADIL, orientation par les travailleurs sociaux et le bailleur. Le circuit de "
                    "signalement des impayés suppose de préciser ce que chacun peut partager ; le groupe le renvoie "
                    "au travail commun sur les freins à la coordination."
                ),
                "decisions": [
                    "La fiche « Permanences logement avec l'ADIL 78 » est transmise au comité technique.",
                    "Le circuit de signalement des impayés est reporté à l'automne, après avis sur le partage "
                    "d'informations.",
                ],
                "tasks": [
                    (
                        "Rédiger une note sur les informations partageables en cas d'impayés",
                        "Service logement et Territoire d'action sociale",
                        date(2015, 10, 15),
                        False,
                    ),
                    (
                        "Préparer un support d'information sur les permanences",
                        "Direction de la communication",
                        date(2015, 9, 1),
                        True,
                    ),
                ],
            },
        ],
    },
    {
        "axis": "SEN",
        "name": "Groupe de travail – Seniors",
        "facilitator": "Service seniors",
        "co_facilitator": "Centre communal d'action sociale de Plaisir",
        "size": 14,
        "slot": (CHATEAU, "14:00", "16:30"),
        "mandate": (
            "Repérer et prévenir l'isolement des personnes âgées, faciliter le maintien à domicile, l'accès aux "
            "droits et aux activités, en coordonnant les services de la Ville, le CCAS, le Département et les "
            "associations."
        ),
        "minutes": [
            {
                "summary": (
                    "Les participants confirment l'isolement de certaines personnes âgées, parfois inconnues des "
                    "services jusqu'à une situation de crise. Chaque structure repère des situations (aide à "
                    "domicile, associations de visite, médiathèque, bailleurs), mais sans circuit commun. Le groupe "
                    "relève aussi la difficulté de certains seniors face aux démarches en ligne."
                ),
                "decisions": [
                    "Rédiger une fiche « Repérage et lutte contre l'isolement des seniors ».",
                    "Rédiger une fiche « Ateliers numériques seniors » avec la médiathèque.",
                ],
                "tasks": [
                    (
                        "Recenser les actions de visite et d'animation existantes",
                        "Service seniors",
                        date(2015, 6, 5),
                        True,
                    ),
                    (
                        "Proposer un format d'ateliers numériques",
                        "Médiathèque du centre-ville",
                        date(2015, 6, 5),
                        True,
                    ),
                ],
            },
            {
                "summary": (
                    "Le groupe a relu les deux projets de fiches. Le repérage de l'isolement s'appuiera sur les "
                    "partenaires de terrain, avec un interlocuteur unique au CCAS pour recevoir les signalements et "
                    "orienter. Les ateliers numériques seront proposés en petits groupes, avec des bénévoles. Le "
                    "conseil des sages sera associé à la suite."
                ),
                "decisions": [
                    "Les fiches « Repérage et lutte contre l'isolement des seniors » et « Ateliers numériques "
                    "seniors » sont transmises au comité technique.",
                    "Le CCAS est l'interlocuteur unique pour les signalements d'isolement.",
                ],
                "tasks": [
                    (
                        "Rédiger la fiche de signalement commune",
                        "Centre communal d'action sociale de Plaisir",
                        date(2015, 9, 15),
                        True,
                    ),
                    ("Présenter la démarche au conseil des sages", "Service seniors", date(2015, 10, 1), True),
                ],
            },
        ],
    },
    {
        "axis": "HAN",
        "name": "Groupe de travail – Handicap",
        "facilitator": "Mission handicap et accessibilité",
        "co_facilitator": None,
        "size": 11,
        "slot": (HOTEL_DE_VILLE, "14:00", "16:30"),
        "mandate": (
            "Améliorer l'information et l'orientation des personnes en situation de handicap et de leurs familles, "
            "l'accessibilité des lieux et des manifestations, et la continuité des parcours entre les acteurs."
        ),
        "minutes": [
            {
                "summary": (
                    "Les familles peinent à savoir qui fait quoi entre la Ville, le CCAS, la MDPH, les associations "
                    "et les services de soins. Les partenaires ont évoqué l'accessibilité des lieux publics et des "
                    "manifestations, et les ruptures de parcours au passage à l'âge adulte. Le groupe propose de "
                    "commencer par une information claire et partagée."
                ),
                "decisions": [
                    "Rédiger une fiche « Guide local du handicap ».",
                    "Rédiger une fiche « Accessibilité des manifestations municipales ».",
                ],
                "tasks": [
                    (
                        "Collecter les coordonnées et missions des structures à faire figurer dans le guide",
                        "Mission handicap et accessibilité",
                        date(2015, 6, 5),
                        True,
                    ),
                ],
            },
            {
                "summary": (
                    "Le sommaire du guide local du handicap est arrêté ; chaque association relira les pages qui la "
                    "concernent. Pour les manifestations municipales, le groupe propose une liste de points à "
                    "vérifier (cheminement, places réservées, information accessible) à intégrer à l'organisation de "
                    "chaque événement."
                ),
                "decisions": [
                    "Les deux fiches actions sont transmises au comité technique.",
                    "Les associations de personnes handicapées sont associées à la relecture du guide.",
                ],
                "tasks": [
                    (
                        "Rédiger la liste de points à vérifier pour les manifestations",
                        "Mission handicap et accessibilité",
                        date(2015, 9, 1),
                        True,
                    ),
                    (
                        "Faire relire le guide par les associations",
                        "Association des paralysés de France – délégation des Yvelines",
                        date(2015, 11, 30),
                        False,
                    ),
                ],
            },
        ],
    },
    {
        "axis": "AD",
        "name": "Groupe de travail – Accès aux droits",
        "facilitator": "Direction des solidarités",
        "co_facilitator": "Caisse d'allocations familiales des Yvelines",
        "size": 17,
        "slot": (MOSAIQUE, "14:00", "16:30"),
        "partner_member": True,
        "mandate": (
            "Faciliter l'accès aux droits et aux services publics au plus près des habitants : qualité du premier "
            "accueil, orientation entre les guichets, permanences de proximité, notamment au Valibout."
        ),
        "minutes": [
            {
                "summary": (
                    "Le diagnostic relève un non-recours aux droits lié à la méconnaissance des dispositifs, à la "
                    "complexité des démarches et à l'éloignement de certains guichets. Les agents d'accueil des "
                    "différentes structures orientent parfois vers le mauvais interlocuteur. Le groupe a travaillé "
                    "sur les permanences de proximité et sur la qualité du premier accueil."
                ),
                "decisions": [
                    "Rédiger une fiche « Permanences CAF / CPAM / Département à La Mosaïque ».",
                    "Rédiger une fiche « Formation des agents d'accueil au premier accueil social ».",
                ],
                "tasks": [
                    (
                        "Recenser les permanences existantes et leurs horaires",
                        "Direction des solidarités",
                        date(2015, 6, 5),
                        True,
                    ),
                    (
                        "Solliciter la CPAM et le Département sur des permanences au Valibout",
                        "Caisse d'allocations familiales des Yvelines",
                        date(2015, 6, 5),
                        True,
                    ),
                ],
            },
            {
                "summary": (
                    "La Mosaïque peut accueillir des permanences de partenaires ; le groupe a défini une première "
                    "organisation, à confirmer par chaque institution. Pour le premier accueil, les partenaires "
                    "proposent une formation commune des agents d'accueil et un annuaire partagé des interlocuteurs."
                ),
                "decisions": [
                    "Les deux fiches actions sont transmises au comité technique.",
                    "La Direction des solidarités tient à jour un annuaire partagé des interlocuteurs de l'accès aux "
                    "droits.",
                ],
                "tasks": [
                    (
                        "Confirmer les jours de permanence avec chaque institution",
                        MOSAIQUE,
                        date(2015, 9, 15),
                        True,
                    ),
                    (
                        "Construire le programme de la formation au premier accueil",
                        "Direction des solidarités",
                        date(2015, 10, 30),
                        True,
                    ),
                ],
            },
        ],
    },
    {
        "axis": "BVE",
        "name": "Groupe de travail – Bien vivre ensemble",
        "facilitator": "Direction de la politique de la ville",
        "co_facilitator": None,
        "partner": True,  # the demo partner account co-facilitates this group
        "size": 19,
        "slot": (MOSAIQUE, "18:00", "20:00"),  # in the evening, so that residents can come
        "mandate": (
            "Renforcer le lien social, la qualité de vie et la citoyenneté dans les quartiers : rencontres entre "
            "habitants et entre générations, participation des habitants, tranquillité et cadre de vie, avec les "
            "associations et les équipements de proximité."
        ),
        "minutes": [
            {
                "summary": (
                    "Habitants et associations du Valibout ont participé à la séance, organisée en soirée. Les "
                    "échanges ont porté sur les lieux de rencontre entre habitants, la participation aux décisions "
                    "qui concernent le quartier et le cadre de vie (propreté, espaces extérieurs, tranquillité). Le "
                    "groupe souhaite des actions simples et régulières, construites avec les habitants."
                ),
                "decisions": [
                    "Rédiger une fiche « Café des habitants ».",
                    "Rédiger une fiche « Diagnostics en marchant » avec le bailleur et les services techniques.",
                ],
                "tasks": [
                    ("Proposer un lieu et un rythme pour le café des habitants", MOSAIQUE, date(2015, 6, 5), True),
                    (
                        "Recenser les dysfonctionnements du cadre de vie signalés par les habitants",
                        "Service cadre de vie et propreté urbaine",
                        date(2015, 6, 5),
                        True,
                    ),
                ],
            },
            {
                "summary": (
                    "Le café des habitants se tiendrait à La Mosaïque, animé par l'équipe de la maison des familles "
                    "avec des habitants volontaires. Les diagnostics en marchant réuniraient habitants, bailleur, "
                    "services de la Ville et police municipale pour relever les dysfonctionnements et suivre leur "
                    "traitement. Le conseil citoyen du Valibout sera associé."
                ),
                "decisions": [
                    "Les fiches « Café des habitants » et « Diagnostics en marchant » sont transmises au comité "
                    "technique.",
                    "Un premier diagnostic en marchant aura lieu à l'automne 2015.",
                ],
                "tasks": [
                    (
                        "Fixer la date du premier diagnostic en marchant",
                        "Direction de la politique de la ville",
                        date(2015, 9, 15),
                        True,
                    ),
                    (
                        "Associer le conseil citoyen à la préparation",
                        "Direction de la politique de la ville",
                        date(2015, 10, 15),
                        True,
                    ),
                ],
            },
        ],
    },
]

PLENARY = {
    "title": "Journée partenariale du Projet Ville Solidarités",
    "agenda": (
        "Accueil des partenaires\n"
        "Ouverture de la journée par Madame le Maire et les élus\n"
        "Présentation des résultats et de l'analyse du diagnostic social\n"
        "Échanges avec les participants\n"
        "Déjeuner\n"
        "Sept groupes de travail, un par axe, avec l'axe méthodologique commun sur la coordination\n"
        "Restitution des groupes et suites de la démarche"
    ),
    "summary": (
        "La journée a réuni à La Mosaïque 98 partenaires : les directions de la Ville, les institutions et les "
        "associations concernées. Le matin, les résultats et l'analyse du diagnostic social lancé à l'automne 2014 "
        "ont été présentés et discutés. L'après-midi, sept groupes de travail se sont réunis, un par axe, en "
        "intégrant l'axe méthodologique commun : comment organiser au mieux la coordination entre les acteurs et "
        "lever les freins à la coordination pour éviter le cloisonnement des actions."
    ),
    "decisions": [
        "Sept groupes de travail sont constitués, un par axe, chacun avec un animateur ou une animatrice.",
        "Les groupes se réuniront de nouveau les 21 mai et 11 juin 2015 pour établir des fiches actions.",
        "Les fiches actions seront examinées par le comité technique puis validées par le comité de pilotage.",
    ],
    "tasks": [
        ("Diffuser la synthèse du diagnostic aux participants", "Direction des solidarités", date(2015, 4, 24), True),
        ("Envoyer les invitations aux séances des 21 mai et 11 juin", "Équipe projet", date(2015, 5, 7), True),
    ],
}
# The dates of the 2015 COTECH and COPIL are not in the sources: illustrative.
COMMITTEES = [
    {
        "kind": Meeting.Kind.COTECH,
        "title": "Comité technique – examen des projets de fiches actions",
        "day": date(2015, 6, 25),
        "slot": (HOTEL_DE_VILLE, "14:00", "16:30"),
        "invitees": ["Ville de Plaisir – direction générale des services", "Direction des solidarités"],
        "agenda": (
            "Synthèse des travaux des sept groupes\n"
            "Examen des projets de fiches actions\n"
            "Freins à la coordination relevés par les groupes\n"
            "Préparation du comité de pilotage"
        ),
        "summary": (
            "Le comité technique a examiné les projets de fiches actions issus des séances des 21 mai et 11 juin. "
            "Il a vérifié pour chacune les partenaires associés, les moyens nécessaires et les indicateurs de suivi, "
            "et demandé des compléments pour celles dont le financement n'est pas encore identifié. Les freins à la "
            "coordination relevés par les groupes ont été regroupés pour le comité de pilotage."
        ),
        "decisions": [
            "Les fiches complètes sont proposées au comité de pilotage.",
            "Les fiches sans plan de financement sont renvoyées aux groupes pour compléments.",
        ],
        "tasks": [("Préparer le dossier du comité de pilotage", "Direction des solidarités", date(2015, 9, 25), True)],
    },
    {
        "kind": Meeting.Kind.COPIL,
        "title": "Comité de pilotage – validation des fiches actions",
        "day": date(2015, 10, 8),
        "slot": (HOTEL_DE_VILLE, "18:00", "19:30"),
        "invitees": [
            "Ville de Plaisir – direction générale des services",
            "Direction des solidarités",
            "Direction de la politique de la ville",
            "Centre communal d'action sociale de Plaisir",
            "Préfet délégué pour l'égalité des chances",
            "Conseil départemental des Yvelines",
            "Caisse d'allocations familiales des Yvelines",
            "Communauté de communes de l'Ouest Parisien",
            "Conseil régional d'Île-de-France",
            "Direction des services départementaux de l'Éducation nationale des Yvelines",
            "Pôle emploi – agence de Plaisir",
            "Les Résidences Yvelines Essonne",
        ],
        "agenda": (
            "Présentation de la démarche et des travaux des groupes\n"
            "Fiches actions proposées par le comité technique\n"
            "Freins à la coordination et leviers proposés\n"
            "Calendrier de mise en œuvre et de suivi"
        ),
        "summary": (
            "Le comité de pilotage a pris connaissance des travaux des sept groupes de travail et des freins à la "
            "coordination qu'ils ont relevés. Il a validé les fiches actions proposées par le comité technique, sous "
            "réserve des ajustements demandés, et fixé les modalités de suivi : un point d'étape par groupe et un "
            "bilan annuel présenté aux partenaires."
        ),
        "decisions": [
            "Les fiches actions proposées par le comité technique sont validées, sous réserve des ajustements "
            "demandés.",
            "Chaque groupe de travail suit ses fiches et présente un point d'étape au comité technique.",
            "Un bilan annuel sera présenté aux partenaires.",
        ],
        "tasks": [("Informer les partenaires des fiches validées", "Équipe projet", date(2015, 10, 30), True)],
    },
]
# Upcoming sessions, placed relative to today (days from today, moved to a working day); invitations not sent yet.
UPCOMING = [
    {
        "days": 15,
        "groups": ["BVE"],
        "kind": Meeting.Kind.GROUP,
        "title": "Bien vivre ensemble – point d'étape des fiches actions",
        "slot": (MOSAIQUE, "18:00", "20:00"),
        "organiser": "partner",
        "agenda": (
            "Café des habitants : bilan des dernières rencontres\n"
            "Diagnostics en marchant : suites données aux signalements\n"
            "Propositions du conseil citoyen\n"
            "Questions diverses"
        ),
    },
    {
        "days": 19,
        "groups": ["DS"],
        "kind": Meeting.Kind.GROUP,
        "title": "Décrochage scolaire – point d'étape de la cellule de veille",
        "slot": (HOTEL_DE_VILLE, "09:30", "12:00"),
        "agenda": (
            "Bilan des situations suivies depuis la dernière séance (données anonymisées)\n"
            "Accueil des collégiens temporairement exclus : retour des établissements\n"
            "Indicateurs de suivi de la fiche action\n"
            "Calendrier des prochaines cellules de veille"
        ),
    },
    {
        "days": 24,
        "groups": ["AD"],
        "kind": Meeting.Kind.GROUP,
        "title": "Accès aux droits – bilan des permanences à La Mosaïque",
        "slot": (MOSAIQUE, "14:00", "16:30"),
        "agenda": (
            "Fréquentation des permanences CAF, CPAM et Département\n"
            "Formation au premier accueil social : prochaine session\n"
            "Mise à jour de l'annuaire des interlocuteurs\n"
            "Freins à la coordination : point sur les leviers engagés"
        ),
    },
    {
        "days": 27,
        "groups": ["SEN"],
        "kind": Meeting.Kind.GROUP,
        "title": "Seniors – repérage de l'isolement et ateliers numériques",
        "slot": (CHATEAU, "14:00", "16:30"),
        "agenda": (
            "Signalements d'isolement reçus par le CCAS : bilan\n"
            "Ateliers numériques seniors : retour des participants\n"
            "Préparation de la période estivale"
        ),
    },
    {
        "days": 31,
        "groups": [],
        "kind": Meeting.Kind.COTECH,
        "title": "Comité technique – suivi des fiches actions",
        "slot": (HOTEL_DE_VILLE, "14:00", "16:30"),
        "agenda": (
            "État d'avancement des fiches actions par axe\n"
            "Fiches en retard ou bloquées\n"
            "Registre des freins à la coordination\n"
            "Préparation du bilan annuel"
        ),
    },
    {
        "days": 40,
        "groups": ["DS", "IPJ", "HAB", "SEN", "HAN", "AD", "BVE"],
        "kind": Meeting.Kind.PLENARY,
        "title": "Journée partenariale – bilan annuel du Projet Ville Solidarités",
        "slot": (MOSAIQUE, "09:00", "12:30"),
        "agenda": (
            "Accueil des partenaires\n"
            "Bilan des fiches actions par axe\n"
            "Freins à la coordination levés et à lever\n"
            "Ateliers par groupe de travail : priorités de l'année à venir\n"
            "Conclusion et calendrier"
        ),
    },
]

# Constats du diagnostic: qualitative, or with figures taken from domain.md §3.2 (sourced there).
FINDINGS = {
    "DS": [
        (
            Finding.Kind.STRENGTH,
            Finding.Source.DOCUMENTS,
            "Une expérience ancienne de la réussite éducative au Valibout",
            "Le Valibout a accueilli la première maison de la réussite éducative des Yvelines, dans le cadre du "
            "contrat urbain de cohésion sociale signé en 2007 ; des médiateurs école-famille y interviennent.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Des signaux de décrochage repérés mais peu partagés",
            "Les établissements, la réussite éducative, la prévention spécialisée et la Mission locale repèrent "
            "chacun des élèves en difficulté, sans lieu commun pour croiser ces repérages.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Des ruptures aux moments de transition",
            "Les professionnels citent l'entrée en sixième, les exclusions temporaires et la fin du collège comme "
            "des moments où des jeunes sortent de tout suivi.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Un accueil encadré des collégiens exclus temporairement",
            "Les partenaires souhaitent qu'une exclusion temporaire soit un temps encadré et utile plutôt qu'un "
            "temps passé sans activité.",
        ),
    ],
    "IPJ": [
        (
            Finding.Kind.STRENGTH,
            Finding.Source.DOCUMENTS,
            "Une offre d'accompagnement vers l'emploi présente sur la commune",
            "Mission locale, Pôle emploi, Maison de l'entreprise et de l'emploi, Point information jeunesse et "
            "associations d'insertion interviennent à Plaisir ; le Valibout a accueilli le premier médiateur emploi "
            "du département.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Des jeunes sans solution inconnus des structures d'insertion",
            "Une partie des jeunes du Valibout ne fréquente aucune structure d'insertion : ils sont connus des "
            "animateurs et des éducateurs, pas des conseillers emploi.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Une offre peu lisible pour les jeunes et leurs familles",
            "La multiplicité des dispositifs et des lieux rend l'orientation difficile.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Rapprocher les entreprises des jeunes du quartier",
            "Les partenaires proposent des rencontres directes (forum, chantiers éducatifs, parrainage) pour lever "
            "les freins à l'embauche.",
        ),
    ],
    "HAB": [
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.STATISTICS,
            "Un quartier prioritaire presque entièrement social",
            "Le Valibout compte 1 107 logements, dont 98 % de logements sociaux gérés par un seul bailleur, Les "
            "Résidences Yvelines Essonne, et environ 4 000 habitants, soit près de 12,5 % de la population de "
            "Plaisir.",
        ),
        (
            Finding.Kind.STRENGTH,
            Finding.Source.INTERVIEWS,
            "Un bailleur unique, interlocuteur identifié",
            "Au Valibout, la présence d'un seul bailleur facilite le dialogue avec la Ville et les partenaires sur "
            "la gestion du quartier.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Des situations de fragilité repérées tardivement",
            "Impayés, logements inadaptés au vieillissement ou au handicap et difficultés d'entretien sont souvent "
            "connus des partenaires quand la situation est déjà dégradée.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Une information logement de proximité",
            "Les habitants connaissent mal les lieux où s'informer sur leurs droits et obligations de locataires.",
        ),
    ],
    "SEN": [
        (
            Finding.Kind.STRENGTH,
            Finding.Source.INTERVIEWS,
            "Des acteurs mobilisés auprès des seniors",
            "Service seniors, CCAS et son service d'aide à domicile, associations de visite et foyer-logement "
            "proposent animations, aide et accompagnement.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "L'isolement de certaines personnes âgées",
            "Des personnes âgées isolées ne sont connues des services qu'au moment d'une crise (hospitalisation, "
            "chute, épisode de forte chaleur).",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.PARTNERS,
            "Des démarches en ligne difficiles pour une partie des seniors",
            "La dématérialisation des démarches conduit certains seniors à renoncer à des droits ou à dépendre de "
            "leurs proches.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Un circuit commun de repérage de l'isolement",
            "Les partenaires demandent un interlocuteur unique pour signaler une situation d'isolement et être "
            "informés des suites.",
        ),
    ],
    "HAN": [
        (
            Finding.Kind.STRENGTH,
            Finding.Source.DOCUMENTS,
            "Une mission municipale dédiée au handicap",
            "La Ville dispose d'une mission handicap et accessibilité qui informe, oriente et suit la mise en "
            "accessibilité des bâtiments et des manifestations.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Une information dispersée",
            "Les personnes en situation de handicap et leurs familles peinent à savoir à qui s'adresser entre la "
            "Ville, le CCAS, la MDPH, les associations et les services de soins.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Des ruptures de parcours au passage à l'âge adulte",
            "La sortie du milieu scolaire est un moment où l'accompagnement s'interrompt souvent.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Des manifestations municipales accessibles à tous",
            "Cheminements, places réservées et information accessible sont à prévoir dès l'organisation de chaque "
            "événement.",
        ),
    ],
    "AD": [
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Un non-recours aux droits",
            "Méconnaissance des dispositifs, complexité des démarches et éloignement de certains guichets conduisent "
            "des habitants à renoncer à des droits.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Des orientations parfois inadaptées",
            "Les agents d'accueil connaissent mal les missions des autres structures et orientent parfois vers le "
            "mauvais interlocuteur.",
        ),
        (
            Finding.Kind.STRENGTH,
            Finding.Source.DOCUMENTS,
            "Un équipement de proximité au cœur du Valibout",
            "La Mosaïque, maison des familles, accueille déjà les habitants et des permanences de partenaires au "
            "cœur du quartier.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Des permanences institutionnelles de proximité",
            "Les partenaires proposent de regrouper des permanences de la CAF, de la CPAM et du Département à La "
            "Mosaïque.",
        ),
    ],
    "BVE": [
        (
            Finding.Kind.STRENGTH,
            Finding.Source.DOCUMENTS,
            "Une politique de la ville ancienne au Valibout",
            "Reconnu comme quartier sensible en 2004, le Valibout bénéficie depuis 2007 d'un contrat urbain de "
            "cohésion sociale ; des médiateurs vie sociale et école-famille y interviennent.",
        ),
        (
            Finding.Kind.STRENGTH,
            Finding.Source.INTERVIEWS,
            "Un tissu associatif actif",
            "Associations de résidents, associations sportives et culturelles animent la vie du quartier.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.INTERVIEWS,
            "Peu de lieux de rencontre entre habitants",
            "Habitants et générations se croisent peu en dehors des équipements et des événements ponctuels.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Associer les habitants au suivi du cadre de vie",
            "Propreté, espaces extérieurs et tranquillité sont des préoccupations fortes ; les habitants souhaitent "
            "participer au repérage et au suivi des dysfonctionnements.",
        ),
    ],
    "COORD": [
        (
            Finding.Kind.STRENGTH,
            Finding.Source.PARTNERS,
            "Une forte mobilisation des partenaires",
            "98 partenaires, directions de la Ville, institutions et associations, ont participé à la journée "
            "partenariale du 9 avril 2015.",
        ),
        (
            Finding.Kind.WEAKNESS,
            Finding.Source.PARTNERS,
            "Des acteurs qui se connaissent mal",
            "Lors de la journée partenariale, de nombreux participants ont découvert les missions d'autres "
            "structures qui interviennent auprès des mêmes publics.",
        ),
        (
            Finding.Kind.NEED,
            Finding.Source.PARTNERS,
            "Des interlocuteurs identifiés et un annuaire partagé",
            "Les groupes demandent de savoir qui contacter dans chaque structure et d'être prévenus des changements.",
        ),
    ],
}

# Freins à la coordination: (category, title, description, axes, raised at (axis, session 2 or 3, or 1 for the
# partners' day), levers, status).
OBSTACLES = [
    (
        ObstacleCategory.KNOWLEDGE,
        "Les acteurs du décrochage connaissent mal les dispositifs des autres",
        "Chaque structure découvre en séance des dispositifs voisins du sien (réussite éducative, plateforme de "
        "suivi des décrocheurs, prévention spécialisée).",
        ["DS"],
        ("DS", 2),
        "Présentation croisée des dispositifs ; fiche « qui fait quoi » remise aux établissements ; annuaire "
        "partagé des acteurs.",
        CoordinationObstacle.Status.LIFTED,
    ),
    (
        ObstacleCategory.SECRECY,
        "Partage d'informations sur les élèves en risque de décrochage",
        "Les partenaires hésitent à échanger sur des situations individuelles sans cadre clair.",
        ["DS", "IPJ"],
        ("DS", 3),
        "Cadre écrit limité au strict nécessaire, information des familles, avis du service juridique ; cellule "
        "de veille restreinte aux professionnels concernés.",
        CoordinationObstacle.Status.IN_PROGRESS,
    ),
    (
        ObstacleCategory.SILOS,
        "Suivi des jeunes interrompu d'une structure à l'autre",
        "Un jeune orienté vers une autre structure n'est plus suivi par celle qui l'a orienté.",
        ["IPJ"],
        ("IPJ", 2),
        "Référent unique par jeune ; point d'étape trimestriel Mission locale, Pôle emploi et Ville.",
        CoordinationObstacle.Status.IN_PROGRESS,
    ),
    (
        ObstacleCategory.TIMEFRAMES,
        "Calendrier scolaire et calendrier des dispositifs d'insertion décalés",
        "Les entrées en formation ne coïncident pas avec les sorties du système scolaire.",
        ["IPJ", "DS"],
        ("IPJ", 3),
        "Calendrier commun des entrées en formation et des temps forts ; anticipation dès le printemps.",
        CoordinationObstacle.Status.OPEN,
    ),
    (
        ObstacleCategory.SECRECY,
        "Signalement des impayés de loyer entre bailleur, CCAS et Département",
        "Chacun connaît une partie de la situation du ménage, mais aucun cadre ne dit ce qui peut être partagé.",
        ["HAB", "AD"],
        ("HAB", 3),
        "Note commune sur les informations partageables ; accord du ménage avant toute transmission.",
        CoordinationObstacle.Status.OPEN,
    ),
    (
        ObstacleCategory.TURNOVER,
        "Rotation des professionnels et perte des contacts",
        "Les changements de poste font perdre les contacts et l'historique des partenariats.",
        ["AD", "SEN", "BVE"],
        ("AD", 2),
        "Annuaire partagé tenu à jour ; deux référents par structure ; accueil des nouveaux professionnels par la "
        "Direction des solidarités.",
        CoordinationObstacle.Status.IN_PROGRESS,
    ),
    (
        ObstacleCategory.MEANS,
        "Temps de coordination non reconnu dans les missions",
        "Le temps passé en réunion partenariale n'est pas prévu dans les plans de charge.",
        ["SEN", "HAN"],
        ("SEN", 3),
        "Inscrire le temps de coordination dans les moyens humains des fiches actions ; réunions courtes à date fixe.",
        CoordinationObstacle.Status.OPEN,
    ),
    (
        ObstacleCategory.TOOLS,
        "Pas d'outil commun pour suivre les signalements d'isolement",
        "Les signalements circulent par téléphone et se perdent.",
        ["SEN"],
        ("SEN", 2),
        "Fiche de signalement commune ; interlocuteur unique au CCAS ; retour systématique à la personne qui signale.",
        CoordinationObstacle.Status.LIFTED,
    ),
    (
        ObstacleCategory.OVERLAP,
        "Empilement des dispositifs d'accès aux droits",
        "Permanences et guichets se superposent sans que les habitants sachent lequel choisir.",
        ["AD"],
        ("AD", 3),
        "Cartographie des permanences ; regroupement à La Mosaïque ; formation commune au premier accueil.",
        CoordinationObstacle.Status.IN_PROGRESS,
    ),
    (
        ObstacleCategory.COMPETITION,
        "Associations en concurrence sur les mêmes financements",
        "Des associations hésitent à partager leurs projets par crainte de perdre un financement.",
        ["BVE", "IPJ"],
        ("BVE", 3),
        "Actions co-portées par plusieurs associations ; calendrier partagé des appels à projets.",
        CoordinationObstacle.Status.OPEN,
    ),
    (
        ObstacleCategory.KNOWLEDGE,
        "Information éparpillée sur le handicap",
        "Les professionnels eux-mêmes ne savent pas toujours vers qui orienter une famille.",
        ["HAN"],
        ("HAN", 2),
        "Guide local du handicap ; un référent handicap identifié dans chaque structure.",
        CoordinationObstacle.Status.IN_PROGRESS,
    ),
    (
        ObstacleCategory.TOOLS,
        "Pas de lieu commun de coordination des acteurs du Valibout",
        "Les acteurs du quartier se croisent sans temps d'échange régulier.",
        ["BVE", "HAB"],
        ("BVE", 2),
        "Réunion régulière des acteurs du quartier à La Mosaïque ; diagnostics en marchant partagés.",
        CoordinationObstacle.Status.IN_PROGRESS,
    ),
    (
        ObstacleCategory.SILOS,
        "Services qui travaillent chacun avec son public",
        "Directions de la Ville et institutions construisent leurs actions séparément, pour des publics qui sont "
        "souvent les mêmes.",
        ["COORD", "AD", "BVE"],
        (None, 1),
        "Comité technique transversal ; axe méthodologique commun à tous les groupes de travail.",
        CoordinationObstacle.Status.IN_PROGRESS,
    ),
]
