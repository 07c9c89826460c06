"""Organisations partenaires de démonstration du « Projet Ville Solidarités » de Plaisir (Yvelines, 78370).

Photographie au printemps 2015 (journée partenariale du 9 avril 2015 à La Mosaïque, ateliers des 21 mai et
11 juin 2015), avec les dénominations de l'époque (Pôle emploi, Communauté de communes de l'Ouest Parisien,
Conseil départemental des Yvelines, CGET…). Les noms d'organisations sont réels ou vraisemblables ; les adresses
hors sièges connus sont génériques ; les téléphones (plage 01 99 00 xx xx) et les courriels (@example.org) sont
fictifs. Aucune donnée personnelle.

Chaque « parent » désigne le nom d'une organisation placée plus haut dans la liste. S'y ajoutent la commune
(PLAISIR), ses quartiers et les prénoms, noms et fonctions des interlocuteurs fictifs (lus par `demo.partners`).
"""

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

ORGANISATIONS = [
    {
        "name": "Ville de Plaisir – direction générale des services",
        "acronym": "DGS",
        "type": "ville",
        "parent": None,
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 01",
        "email": "dgs.plaisir@example.org",
        "website": "",
        "missions": (
            "Pilote le « Projet Ville Solidarités » et coordonne l'ensemble des directions municipales. Organise "
            "la journée partenariale et le suivi des fiches actions."
        ),
        "axes": ["BVE", "AD"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction des solidarités",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 02",
        "email": "solidarites.plaisir@example.org",
        "website": "",
        "missions": (
            "Conçoit et anime la politique sociale municipale et assure la coordination technique du projet. "
            "Fait le lien entre les services de la Ville, le CCAS et les partenaires institutionnels."
        ),
        "axes": ["AD", "SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service seniors",
        "acronym": "",
        "type": "ville",
        "parent": "Direction des solidarités",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 03",
        "email": "seniors.plaisir@example.org",
        "website": "",
        "missions": (
            "Organise les animations, sorties et ateliers destinés aux retraités plaisirois. Repère les "
            "personnes âgées isolées avec les partenaires du maintien à domicile."
        ),
        "axes": ["SEN", "BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Mission handicap et accessibilité",
        "acronym": "",
        "type": "ville",
        "parent": "Direction des solidarités",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 04",
        "email": "handicap.plaisir@example.org",
        "website": "",
        "missions": (
            "Informe et oriente les personnes en situation de handicap et leurs familles. Suit la mise en "
            "accessibilité des bâtiments et des manifestations municipales."
        ),
        "axes": ["HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service logement",
        "acronym": "",
        "type": "ville",
        "parent": "Direction des solidarités",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 05",
        "email": "logement.plaisir@example.org",
        "website": "",
        "missions": (
            "Enregistre les demandes de logement social et prépare les propositions aux commissions "
            "d'attribution. Accompagne les ménages en difficulté de logement avec les bailleurs."
        ),
        "axes": ["HAB", "AD"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction de la politique de la ville",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 06",
        "email": "politique-ville.plaisir@example.org",
        "website": "",
        "missions": (
            "Pilote le contrat de ville du Valibout et prépare le projet de renouvellement urbain du quartier. "
            "Anime le partenariat de proximité avec les habitants, le bailleur et les services de l'État."
        ),
        "axes": ["BVE", "HAB", "IPJ"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Service de médiation sociale",
        "acronym": "",
        "type": "ville",
        "parent": "Direction de la politique de la ville",
        "address": "50 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 07",
        "email": "mediation.plaisir@example.org",
        "website": "",
        "missions": (
            "Les médiateurs vie sociale assurent une présence de proximité dans le quartier. Ils préviennent les "
            "conflits de voisinage et orientent les habitants vers les services compétents."
        ),
        "axes": ["BVE", "AD"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Service de médiation école-famille",
        "acronym": "",
        "type": "ville",
        "parent": "Direction de la politique de la ville",
        "address": "57 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 08",
        "email": "mediation-ecole.plaisir@example.org",
        "website": "",
        "missions": (
            "Facilite le dialogue entre les familles et les établissements scolaires du quartier. Accompagne les "
            "parents dans le suivi de la scolarité de leurs enfants."
        ),
        "axes": ["DS", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Atelier santé ville",
        "acronym": "ASV",
        "type": "ville",
        "parent": "Direction de la politique de la ville",
        "address": "4 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 09",
        "email": "asv.plaisir@example.org",
        "website": "",
        "missions": (
            "Coordonne les actions de prévention et d'accès aux soins dans le quartier prioritaire. Organise des "
            "permanences d'information avec l'Assurance maladie et les professionnels de santé."
        ),
        "axes": ["AD", "SEN"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-05-21",
    },
    {
        "name": "Direction de l'éducation et de la jeunesse",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 10",
        "email": "education-jeunesse.plaisir@example.org",
        "website": "",
        "missions": (
            "Pilote le projet éducatif de territoire et la politique municipale en faveur de l'enfance et de la "
            "jeunesse. Co-anime le groupe de travail sur le décrochage scolaire."
        ),
        "axes": ["DS", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service de l'enseignement et des affaires scolaires",
        "acronym": "",
        "type": "ville",
        "parent": "Direction de l'éducation et de la jeunesse",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 11",
        "email": "enseignement.plaisir@example.org",
        "website": "",
        "missions": (
            "Gère les inscriptions scolaires, la restauration et les moyens alloués aux écoles. Relaie auprès "
            "des écoles les actions de prévention du décrochage."
        ),
        "axes": ["DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service périscolaire et des accueils de loisirs",
        "acronym": "",
        "type": "ville",
        "parent": "Direction de l'éducation et de la jeunesse",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 12",
        "email": "periscolaire.plaisir@example.org",
        "website": "",
        "missions": (
            "Organise l'accueil des enfants avant et après la classe, le mercredi et pendant les vacances. Met "
            "en œuvre les nouvelles activités périscolaires issues de la réforme des rythmes."
        ),
        "axes": ["DS", "BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service jeunesse",
        "acronym": "",
        "type": "ville",
        "parent": "Direction de l'éducation et de la jeunesse",
        "address": "32 rue des Gâtines",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 13",
        "email": "jeunesse.plaisir@example.org",
        "website": "",
        "missions": (
            "Propose aux 11-25 ans des activités, des séjours et un accompagnement de leurs projets. Oriente les "
            "jeunes vers les dispositifs d'insertion et de formation."
        ),
        "axes": ["IPJ", "BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Programme de réussite éducative de Plaisir",
        "acronym": "PRE",
        "type": "ville",
        "parent": "Direction de l'éducation et de la jeunesse",
        "address": "39 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 14",
        "email": "pre.plaisir@example.org",
        "website": "",
        "missions": (
            "Accompagne de façon individualisée les enfants de 2 à 16 ans présentant des fragilités et leurs "
            "familles. Réunit les équipes pluridisciplinaires de soutien avec l'Éducation nationale et le "
            "Département."
        ),
        "axes": ["DS", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Direction de la petite enfance",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 15",
        "email": "petite-enfance.plaisir@example.org",
        "website": "",
        "missions": (
            "Gère les crèches municipales, le relais assistants maternels et les actions de soutien à la "
            "parentalité. Travaille avec la PMI et la CAF sur l'accueil des jeunes enfants."
        ),
        "axes": ["BVE", "AD"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction des sports",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "53 avenue du Général-de-Gaulle",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 16",
        "email": "sports.plaisir@example.org",
        "website": "",
        "missions": (
            "Gère les équipements sportifs et soutient les clubs de la commune. Développe des actions sportives "
            "de proximité pour les jeunes des quartiers."
        ),
        "axes": ["BVE", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction de la culture",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 17",
        "email": "culture.plaisir@example.org",
        "website": "",
        "missions": (
            "Définit la programmation culturelle et coordonne les équipements culturels municipaux. Favorise "
            "l'accès de tous les publics à la culture."
        ),
        "axes": ["BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction des services techniques",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "7 rue des Ébisoires",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 18",
        "email": "services-techniques.plaisir@example.org",
        "website": "",
        "missions": (
            "Entretient la voirie, les espaces verts et les bâtiments communaux. Conduit les travaux "
            "d'accessibilité et d'amélioration du cadre de vie."
        ),
        "axes": ["HAB", "HAN", "BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service cadre de vie et propreté urbaine",
        "acronym": "",
        "type": "ville",
        "parent": "Direction des services techniques",
        "address": "14 rue des Ébisoires",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 19",
        "email": "cadre-de-vie.plaisir@example.org",
        "website": "",
        "missions": (
            "Assure la propreté des espaces publics et le traitement des dépôts sauvages. Participe aux "
            "diagnostics en marchant avec les habitants et le bailleur."
        ),
        "axes": ["BVE", "HAB"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction de la prévention et de la sécurité",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 20",
        "email": "prevention-securite.plaisir@example.org",
        "website": "",
        "missions": (
            "Coordonne la politique locale de prévention de la délinquance et de tranquillité publique. Anime le "
            "partenariat avec la police nationale, la justice et les acteurs éducatifs."
        ),
        "axes": ["BVE", "DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Police municipale",
        "acronym": "",
        "type": "ville",
        "parent": "Direction de la prévention et de la sécurité",
        "address": "28 rue de la Gare",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 21",
        "email": "police-municipale.plaisir@example.org",
        "website": "",
        "missions": (
            "Assure la tranquillité publique et la sécurité aux abords des écoles. Mène des actions de "
            "prévention routière et de proximité auprès des habitants."
        ),
        "axes": ["BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Conseil local de sécurité et de prévention de la délinquance",
        "acronym": "CLSPD",
        "type": "ville",
        "parent": "Direction de la prévention et de la sécurité",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 22",
        "email": "clspd.plaisir@example.org",
        "website": "",
        "missions": (
            "Instance de concertation entre la Ville, l'État, la justice et les partenaires de la prévention. "
            "Suit les situations de jeunes exposés au décrochage et aux conduites à risque."
        ),
        "axes": ["BVE", "DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service vie associative et démocratie locale",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 23",
        "email": "vie-associative.plaisir@example.org",
        "website": "",
        "missions": (
            "Accompagne les associations plaisiroises, met à leur disposition salles et matériel et instruit les "
            "subventions. Anime les instances de démocratie locale et les réunions de quartier."
        ),
        "axes": ["BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction de la communication",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 24",
        "email": "communication.plaisir@example.org",
        "website": "",
        "missions": (
            "Réalise le magazine municipal et les supports d'information de la Ville. Fait connaître aux "
            "habitants les actions et permanences issues du projet."
        ),
        "axes": ["AD", "BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction de l'urbanisme et de l'aménagement",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 25",
        "email": "urbanisme.plaisir@example.org",
        "website": "",
        "missions": (
            "Instruit les autorisations d'urbanisme et prépare les projets d'aménagement de la commune. "
            "Participe aux études préalables au renouvellement urbain du Valibout."
        ),
        "axes": ["HAB"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Service développement économique et emploi",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 26",
        "email": "emploi.plaisir@example.org",
        "website": "",
        "missions": (
            "Fait le lien entre les entreprises du territoire et les acteurs de l'emploi. Organise avec ses "
            "partenaires des forums et des rencontres emploi pour les jeunes."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction de la population et de la citoyenneté",
        "acronym": "",
        "type": "ville",
        "parent": "Ville de Plaisir – direction générale des services",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 27",
        "email": "population.plaisir@example.org",
        "website": "",
        "missions": (
            "Assure l'accueil du public, l'état civil, les élections et les formalités administratives. Premier "
            "point de contact des habitants pour l'orientation vers leurs droits."
        ),
        "axes": ["AD"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "La Mosaïque – maison des familles",
        "acronym": "",
        "type": "equipement",
        "parent": "Direction de la politique de la ville",
        "address": "17 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 28",
        "email": "lamosaique.plaisir@example.org",
        "website": "",
        "missions": (
            "Lieu d'accueil, d'animation et de soutien à la parentalité au cœur du Valibout. Accueille les "
            "permanences des partenaires et a hébergé la journée partenariale du 9 avril 2015."
        ),
        "axes": ["BVE", "AD"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Local jeunes du Valibout",
        "acronym": "",
        "type": "equipement",
        "parent": "Service jeunesse",
        "address": "24 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 29",
        "email": "local-jeunes.plaisir@example.org",
        "website": "",
        "missions": (
            "Espace d'accueil et d'animation pour les adolescents et jeunes adultes du quartier. Point d'appui "
            "des animateurs et des éducateurs pour repérer les jeunes sans solution."
        ),
        "axes": ["IPJ", "DS", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Point information jeunesse",
        "acronym": "PIJ",
        "type": "equipement",
        "parent": "Service jeunesse",
        "address": "31 rue des Gâtines",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 30",
        "email": "pij.plaisir@example.org",
        "website": "",
        "missions": (
            "Informe les jeunes sur l'orientation, les métiers, les jobs, la santé et la mobilité. Les aide à "
            "rédiger CV et lettres de motivation."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Médiathèque du centre-ville",
        "acronym": "",
        "type": "equipement",
        "parent": "Direction de la culture",
        "address": "38 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 31",
        "email": "mediatheque.plaisir@example.org",
        "website": "",
        "missions": (
            "Offre le prêt de documents, un accès public à internet et des ateliers numériques. Propose des "
            "animations intergénérationnelles et un accompagnement aux démarches en ligne."
        ),
        "axes": ["SEN", "AD", "BVE"],
        "neighbourhoods": ["Centre-ville", "La Brétechelle", "Les Ébisoires"],
        "since": "2015-04-09",
    },
    {
        "name": "Médiathèque de quartier du Valibout",
        "acronym": "",
        "type": "equipement",
        "parent": "Direction de la culture",
        "address": "45 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 32",
        "email": "mediatheque-valibout.plaisir@example.org",
        "website": "",
        "missions": (
            "Bibliothèque de proximité qui accueille les classes, les familles et les jeunes du quartier. Porte "
            "des actions de lecture et d'aide aux devoirs."
        ),
        "axes": ["DS", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Centre communal d'action sociale de Plaisir",
        "acronym": "CCAS",
        "type": "ccas",
        "parent": None,
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 33",
        "email": "ccas.plaisir@example.org",
        "website": "",
        "missions": (
            "Établissement public communal chargé de l'aide sociale légale et facultative et de l'analyse des "
            "besoins sociaux. Pilote les actions en direction des seniors et de l'accès aux droits."
        ),
        "axes": ["AD", "SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service d'aide et d'accompagnement à domicile du CCAS",
        "acronym": "SAAD",
        "type": "ccas",
        "parent": "Centre communal d'action sociale de Plaisir",
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 34",
        "email": "saad.plaisir@example.org",
        "website": "",
        "missions": (
            "Intervient au domicile des personnes âgées ou handicapées pour les actes de la vie quotidienne. "
            "Signale les situations d'isolement aux partenaires."
        ),
        "axes": ["SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Foyer-logement pour personnes âgées du centre-ville",
        "acronym": "",
        "type": "equipement",
        "parent": "Centre communal d'action sociale de Plaisir",
        "address": "6 rue de la Gare",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 35",
        "email": "foyer-logement.plaisir@example.org",
        "website": "",
        "missions": (
            "Propose des logements autonomes et des services collectifs aux retraités. Ouvre ses animations aux "
            "seniors du voisinage."
        ),
        "axes": ["SEN", "HAB"],
        "neighbourhoods": ["Centre-ville"],
        "since": "2015-04-09",
    },
    {
        "name": "Communauté de communes de l'Ouest Parisien",
        "acronym": "CCOP",
        "type": "interco",
        "parent": None,
        "address": "13 rue de la Gare",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 36",
        "email": "ccop@example.org",
        "website": "",
        "missions": (
            "Intercommunalité regroupant Plaisir, Les Clayes-sous-Bois et Villepreux jusqu'à la fin de 2015. "
            "Exerce les compétences de développement économique et d'aménagement."
        ),
        "axes": ["IPJ", "HAB"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Communauté d'agglomération de Saint-Quentin-en-Yvelines",
        "acronym": "SQY",
        "type": "interco",
        "parent": None,
        "address": "1 rue Eugène-Hénaff",
        "postal_code": "78190",
        "city": "Trappes",
        "phone": "01 99 00 10 37",
        "email": "sqy@example.org",
        "website": "",
        "missions": (
            "Pilote la politique de la ville et finance la Mission locale sur son territoire. Prépare "
            "l'intégration de Plaisir au 1er janvier 2016."
        ),
        "axes": ["IPJ", "HAB"],
        "neighbourhoods": [],
        "since": "2015-06-11",
    },
    {
        "name": "Préfecture des Yvelines",
        "acronym": "",
        "type": "etat",
        "parent": None,
        "address": "1 rue Jean-Houdon",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 38",
        "email": "prefecture78@example.org",
        "website": "",
        "missions": (
            "Représente l'État dans le département et signe le contrat de ville. Mobilise les crédits de droit "
            "commun et spécifiques de la politique de la ville."
        ),
        "axes": ["BVE", "HAB", "IPJ"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Préfet délégué pour l'égalité des chances",
        "acronym": "",
        "type": "etat",
        "parent": "Préfecture des Yvelines",
        "address": "1 rue Jean-Houdon",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 39",
        "email": "egalite-chances78@example.org",
        "website": "",
        "missions": (
            "Coordonne l'action de l'État dans les quartiers prioritaires du département. Anime le réseau des "
            "délégués du préfet."
        ),
        "axes": ["BVE", "IPJ"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Délégué du préfet – quartier du Valibout",
        "acronym": "",
        "type": "etat",
        "parent": "Préfecture des Yvelines",
        "address": "1 rue Jean-Houdon",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 40",
        "email": "delegue-prefet.valibout@example.org",
        "website": "",
        "missions": (
            "Interlocuteur de proximité de l'État pour le quartier du Valibout. Instruit les demandes de "
            "subvention de la politique de la ville et suit les actions financées."
        ),
        "axes": ["BVE", "IPJ", "DS"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Direction départementale de la cohésion sociale des Yvelines",
        "acronym": "DDCS 78",
        "type": "etat",
        "parent": "Préfecture des Yvelines",
        "address": "48 avenue de Paris",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 41",
        "email": "ddcs78@example.org",
        "website": "",
        "missions": (
            "Met en œuvre les politiques de cohésion sociale, d'hébergement, de jeunesse et de vie associative. "
            "Soutient les associations de quartier et l'accès au logement des publics prioritaires."
        ),
        "axes": ["HAB", "BVE", "AD"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "DIRECCTE Île-de-France – unité territoriale des Yvelines",
        "acronym": "DIRECCTE UT 78",
        "type": "etat",
        "parent": None,
        "address": "55 rue de l'Indépendance-Américaine",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 42",
        "email": "direccte-ut78@example.org",
        "website": "",
        "missions": (
            "Pilote les politiques de l'emploi de l'État : emplois d'avenir, contrats aidés, insertion par "
            "l'activité économique. Anime le service public de l'emploi local."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Commissariat de police de Plaisir",
        "acronym": "",
        "type": "etat",
        "parent": None,
        "address": "2 avenue de Sainte-Apolline",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 43",
        "email": "commissariat.plaisir@example.org",
        "website": "",
        "missions": (
            "Assure la sécurité publique sur la circonscription. Participe au CLSPD et aux actions de prévention "
            "auprès des jeunes."
        ),
        "axes": ["BVE", "DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Direction territoriale de la protection judiciaire de la jeunesse des Yvelines",
        "acronym": "DTPJJ 78",
        "type": "etat",
        "parent": None,
        "address": "9 rue de Satory",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 44",
        "email": "pjj78@example.org",
        "website": "",
        "missions": (
            "Prend en charge les mineurs sous main de justice et propose des mesures de réparation. Contribue à "
            "la prévention du décrochage et de la récidive."
        ),
        "axes": ["DS", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Direction des services départementaux de l'Éducation nationale des Yvelines",
        "acronym": "DSDEN 78",
        "type": "education",
        "parent": None,
        "address": "19 avenue du Centre",
        "postal_code": "78280",
        "city": "Guyancourt",
        "phone": "01 99 00 10 45",
        "email": "dsden78@example.org",
        "website": "",
        "missions": (
            "Met en œuvre la politique éducative dans le département et pilote la lutte contre le décrochage "
            "scolaire. Mobilise les établissements dans le cadre de l'éducation prioritaire."
        ),
        "axes": ["DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Inspection de l'Éducation nationale – circonscription de Plaisir",
        "acronym": "IEN Plaisir",
        "type": "education",
        "parent": "Direction des services départementaux de l'Éducation nationale des Yvelines",
        "address": "23 rue de la Gare",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 46",
        "email": "ien.plaisir@example.org",
        "website": "",
        "missions": (
            "Encadre et accompagne les écoles maternelles et élémentaires de la circonscription. Coordonne le "
            "travail des écoles avec le programme de réussite éducative."
        ),
        "axes": ["DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Réseau d'aides spécialisées aux élèves en difficulté de Plaisir",
        "acronym": "RASED",
        "type": "education",
        "parent": "Inspection de l'Éducation nationale – circonscription de Plaisir",
        "address": "30 rue de la Gare",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 47",
        "email": "rased.plaisir@example.org",
        "website": "",
        "missions": (
            "Apporte une aide pédagogique et psychologique aux élèves en difficulté dans les écoles. Participe "
            "aux équipes éducatives avec les familles."
        ),
        "axes": ["DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Centre d'information et d'orientation de Plaisir",
        "acronym": "CIO",
        "type": "education",
        "parent": "Direction des services départementaux de l'Éducation nationale des Yvelines",
        "address": "37 rue Jean-Jaurès",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 48",
        "email": "cio.plaisir@example.org",
        "website": "",
        "missions": (
            "Informe et conseille les élèves, les jeunes et leurs familles sur l'orientation. Reçoit les jeunes "
            "sortis du système scolaire sans diplôme."
        ),
        "axes": ["DS", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Plateforme de suivi et d'appui aux décrocheurs de Saint-Quentin-en-Yvelines",
        "acronym": "PSAD",
        "type": "education",
        "parent": "Direction des services départementaux de l'Éducation nationale des Yvelines",
        "address": "44 rue Jean-Jaurès",
        "postal_code": "78190",
        "city": "Trappes",
        "phone": "01 99 00 10 49",
        "email": "psad-sqy@example.org",
        "website": "",
        "missions": (
            "Repère les jeunes de plus de 16 ans sortis sans diplôme et leur propose une solution de retour en "
            "formation ou d'insertion. Associe Mission locale, CIO et établissements."
        ),
        "axes": ["DS", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Collège Blaise-Pascal",
        "acronym": "",
        "type": "education",
        "parent": "Direction des services départementaux de l'Éducation nationale des Yvelines",
        "address": "51 rue Blaise-Pascal",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 50",
        "email": "college-blaise-pascal@example.org",
        "website": "",
        "missions": (
            "Collège de secteur du Valibout relevant de l'éducation prioritaire. Partenaire de la cellule de "
            "veille sur le décrochage et de l'accueil des élèves exclus temporairement."
        ),
        "axes": ["DS", "BVE"],
        "neighbourhoods": ["Le Valibout", "Centre-ville"],
        "since": "2015-04-09",
    },
    {
        "name": "Lycée Jean-Vilar",
        "acronym": "",
        "type": "education",
        "parent": "Direction des services départementaux de l'Éducation nationale des Yvelines",
        "address": "58 avenue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 51",
        "email": "lycee-jean-vilar@example.org",
        "website": "",
        "missions": (
            "Lycée d'enseignement général et technologique de Plaisir. Mobilisé sur la prévention des ruptures "
            "scolaires et l'orientation des lycéens."
        ),
        "axes": ["DS", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Groupe scolaire Pierre-Brossolette",
        "acronym": "",
        "type": "education",
        "parent": "Inspection de l'Éducation nationale – circonscription de Plaisir",
        "address": "5 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 52",
        "email": "ecole-brossolette@example.org",
        "website": "",
        "missions": (
            "Écoles maternelle et élémentaire du Valibout. Travaille avec la médiation école-famille et le "
            "programme de réussite éducative."
        ),
        "axes": ["DS"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Groupe scolaire Danielle-Casanova",
        "acronym": "",
        "type": "education",
        "parent": "Inspection de l'Éducation nationale – circonscription de Plaisir",
        "address": "12 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 53",
        "email": "ecole-casanova@example.org",
        "website": "",
        "missions": (
            "Écoles maternelle et élémentaire accueillant les enfants du Valibout. Participe aux actions de "
            "soutien à la parentalité de La Mosaïque."
        ),
        "axes": ["DS"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "École Louise-Michel",
        "acronym": "",
        "type": "education",
        "parent": "Inspection de l'Éducation nationale – circonscription de Plaisir",
        "address": "19 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 54",
        "email": "ecole-louise-michel@example.org",
        "website": "",
        "missions": (
            "École du quartier du Valibout. Associée aux actions d'accompagnement à la scolarité et de lien avec "
            "les familles."
        ),
        "axes": ["DS"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Agence nationale pour la rénovation urbaine",
        "acronym": "ANRU",
        "type": "etat_agence",
        "parent": None,
        "address": "69 bis rue de Vaugirard",
        "postal_code": "75006",
        "city": "Paris",
        "phone": "01 99 00 10 55",
        "email": "anru@example.org",
        "website": "",
        "missions": (
            "Finance et accompagne les projets de renouvellement urbain des quartiers prioritaires. Suit "
            "l'inscription du Valibout au nouveau programme national de renouvellement urbain."
        ),
        "axes": ["HAB"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-06-11",
    },
    {
        "name": "Commissariat général à l'égalité des territoires",
        "acronym": "CGET",
        "type": "etat_agence",
        "parent": None,
        "address": "5 rue Pleyel",
        "postal_code": "93200",
        "city": "Saint-Denis",
        "phone": "01 99 00 10 56",
        "email": "cget@example.org",
        "website": "",
        "missions": (
            "Conçoit et anime la politique de la ville au niveau national et finance les contrats de ville. "
            "Diffuse les outils d'observation et d'évaluation des quartiers prioritaires."
        ),
        "axes": ["BVE", "IPJ"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Agence régionale de santé d'Île-de-France – délégation départementale des Yvelines",
        "acronym": "ARS",
        "type": "etat_agence",
        "parent": None,
        "address": "143 boulevard de la Reine",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 57",
        "email": "ars78@example.org",
        "website": "",
        "missions": (
            "Pilote la politique de santé et autorise les établissements médico-sociaux. Cofinance les ateliers "
            "santé ville et les actions de prévention."
        ),
        "axes": ["SEN", "HAN", "AD"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Conseil départemental des Yvelines",
        "acronym": "CD 78",
        "type": "departement",
        "parent": None,
        "address": "2 place André-Mignot",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 58",
        "email": "cd78@example.org",
        "website": "",
        "missions": (
            "Chef de file de l'action sociale : protection de l'enfance, RSA, autonomie des personnes âgées et "
            "handicapées, collèges. Cofinance les projets du quartier prioritaire."
        ),
        "axes": ["AD", "SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Territoire d'action sociale de Plaisir",
        "acronym": "",
        "type": "departement",
        "parent": "Conseil départemental des Yvelines",
        "address": "54 rue Jean-Jaurès",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 59",
        "email": "tas.plaisir@example.org",
        "website": "",
        "missions": (
            "Service social départemental de secteur : accueil, évaluation et accompagnement des familles. "
            "Assure les permanences d'assistantes sociales et le suivi des bénéficiaires du RSA."
        ),
        "axes": ["AD", "HAB"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Centre de protection maternelle et infantile du Valibout",
        "acronym": "PMI",
        "type": "sante",
        "parent": "Conseil départemental des Yvelines",
        "address": "1 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 60",
        "email": "pmi.valibout@example.org",
        "website": "",
        "missions": (
            "Consultations médicales préventives pour les enfants de moins de 6 ans et suivi des futures mères. "
            "Agrément et accompagnement des assistants maternels."
        ),
        "axes": ["AD", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Service de prévention spécialisée – équipe de Plaisir",
        "acronym": "",
        "type": "departement",
        "parent": "Conseil départemental des Yvelines",
        "address": "8 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 61",
        "email": "prevention-specialisee.plaisir@example.org",
        "website": "",
        "missions": (
            "Les éducateurs spécialisés vont à la rencontre des jeunes en rupture dans le quartier et au "
            "collège. Ils les accompagnent vers la scolarité, la formation ou l'emploi."
        ),
        "axes": ["DS", "IPJ", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Service autonomie des personnes âgées et des personnes handicapées",
        "acronym": "",
        "type": "departement",
        "parent": "Conseil départemental des Yvelines",
        "address": "2 place André-Mignot",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 62",
        "email": "autonomie78@example.org",
        "website": "",
        "missions": (
            "Instruit l'allocation personnalisée d'autonomie et coordonne le maintien à domicile. Anime la "
            "coordination gérontologique locale."
        ),
        "axes": ["SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Maison départementale des personnes handicapées des Yvelines",
        "acronym": "MDPH 78",
        "type": "departement",
        "parent": "Conseil départemental des Yvelines",
        "address": "22 avenue de Paris",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 63",
        "email": "mdph78@example.org",
        "website": "",
        "missions": (
            "Accueille, informe et évalue les besoins des personnes handicapées. Attribue les droits et "
            "prestations liés au handicap."
        ),
        "axes": ["HAN", "AD"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service insertion et revenu de solidarité active",
        "acronym": "",
        "type": "departement",
        "parent": "Conseil départemental des Yvelines",
        "address": "2 place André-Mignot",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 64",
        "email": "rsa78@example.org",
        "website": "",
        "missions": (
            "Gère le RSA et les parcours d'insertion de ses bénéficiaires. Finance des actions d'insertion "
            "professionnelle et sociale."
        ),
        "axes": ["AD", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Service de l'aide sociale à l'enfance",
        "acronym": "ASE",
        "type": "departement",
        "parent": "Conseil départemental des Yvelines",
        "address": "2 place André-Mignot",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 65",
        "email": "ase78@example.org",
        "website": "",
        "missions": (
            "Protège les enfants en danger et soutient les familles en difficulté éducative. Accompagne les "
            "jeunes majeurs vers l'autonomie."
        ),
        "axes": ["DS", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Conseil régional d'Île-de-France",
        "acronym": "",
        "type": "region",
        "parent": None,
        "address": "33 rue Barbet-de-Jouy",
        "postal_code": "75007",
        "city": "Paris",
        "phone": "01 99 00 10 66",
        "email": "region-idf@example.org",
        "website": "",
        "missions": (
            "Compétente pour les lycées, la formation professionnelle et l'apprentissage. Cofinance le "
            "renouvellement urbain et les actions d'insertion des jeunes."
        ),
        "axes": ["IPJ", "HAB"],
        "neighbourhoods": [],
        "since": "2015-06-11",
    },
    {
        "name": "Caisse d'allocations familiales des Yvelines",
        "acronym": "CAF 78",
        "type": "caf",
        "parent": None,
        "address": "2 avenue des Prés",
        "postal_code": "78180",
        "city": "Montigny-le-Bretonneux",
        "phone": "01 99 00 10 67",
        "email": "caf78@example.org",
        "website": "",
        "missions": (
            "Verse les prestations familiales et sociales et finance les équipements d'accueil et de "
            "parentalité. Tient des permanences d'accès aux droits et soutient La Mosaïque."
        ),
        "axes": ["AD", "BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Caisse primaire d'assurance maladie des Yvelines",
        "acronym": "CPAM 78",
        "type": "organisme_social",
        "parent": None,
        "address": "92 avenue de Paris",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 68",
        "email": "cpam78@example.org",
        "website": "",
        "missions": (
            "Gère l'assurance maladie et la couverture maladie universelle complémentaire. Propose des "
            "rendez-vous des droits et des actions de prévention santé."
        ),
        "axes": ["AD", "SEN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Caisse nationale d'assurance vieillesse – Assurance retraite Île-de-France",
        "acronym": "CNAV",
        "type": "organisme_social",
        "parent": None,
        "address": "110 avenue de Flandre",
        "postal_code": "75019",
        "city": "Paris",
        "phone": "01 99 00 10 69",
        "email": "cnav-idf@example.org",
        "website": "",
        "missions": (
            "Assure en Île-de-France le rôle d'une CARSAT pour la retraite. Finance des ateliers de prévention "
            "et d'aide au bien vieillir."
        ),
        "axes": ["SEN", "AD"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Mutualité sociale agricole d'Île-de-France",
        "acronym": "MSA Île-de-France",
        "type": "organisme_social",
        "parent": None,
        "address": "14 rue Scandicci",
        "postal_code": "93500",
        "city": "Pantin",
        "phone": "01 99 00 10 70",
        "email": "msa-idf@example.org",
        "website": "",
        "missions": (
            "Assure la protection sociale des exploitants et salariés agricoles. Mène des actions de lutte "
            "contre l'isolement des retraités."
        ),
        "axes": ["SEN", "AD"],
        "neighbourhoods": ["La Boissière"],
        "since": "2015-05-21",
    },
    {
        "name": "Pôle emploi – agence de Plaisir",
        "acronym": "",
        "type": "emploi",
        "parent": None,
        "address": "18 rue des Ébisoires",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 71",
        "email": "pole-emploi.plaisir@example.org",
        "website": "",
        "missions": (
            "Inscrit, indemnise et accompagne les demandeurs d'emploi. Propose des offres et des prestations "
            "adaptées aux jeunes du quartier prioritaire."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Mission locale de Saint-Quentin-en-Yvelines et environs",
        "acronym": "",
        "type": "emploi",
        "parent": None,
        "address": "25 rue Jean-Jaurès",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 72",
        "email": "mission-locale@example.org",
        "website": "",
        "missions": (
            "Accompagne les jeunes de 16 à 25 ans sortis du système scolaire dans leur insertion sociale et "
            "professionnelle. Met en œuvre la Garantie jeunes et les emplois d'avenir."
        ),
        "axes": ["IPJ", "DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Cap emploi Yvelines",
        "acronym": "Cap emploi 78",
        "type": "emploi",
        "parent": None,
        "address": "32 avenue de Paris",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 73",
        "email": "capemploi78@example.org",
        "website": "",
        "missions": (
            "Accompagne vers l'emploi les personnes reconnues travailleurs handicapés. Conseille les employeurs "
            "sur le recrutement et le maintien dans l'emploi."
        ),
        "axes": ["HAN", "IPJ"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Maison de l'entreprise et de l'emploi",
        "acronym": "MEE",
        "type": "emploi",
        "parent": None,
        "address": "39 rue Jean-Jaurès",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 74",
        "email": "mee.plaisir@example.org",
        "website": "",
        "missions": (
            "Lieu unique réunissant les acteurs de l'emploi et de la création d'entreprise à Plaisir. Accueille "
            "les permanences de la Mission locale et des ateliers de recherche d'emploi."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Les Résidences Yvelines Essonne",
        "acronym": "",
        "type": "bailleur",
        "parent": None,
        "address": "46 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 75",
        "email": "lesresidences@example.org",
        "website": "",
        "missions": (
            "Seul bailleur social du Valibout et principal bailleur de la commune. Partenaire de la gestion "
            "urbaine de proximité, des chantiers éducatifs et du renouvellement urbain."
        ),
        "axes": ["HAB", "BVE", "IPJ"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Immobilière 3F",
        "acronym": "I3F",
        "type": "bailleur",
        "parent": None,
        "address": "159 rue Nationale",
        "postal_code": "75013",
        "city": "Paris",
        "phone": "01 99 00 10 76",
        "email": "i3f@example.org",
        "website": "",
        "missions": (
            "Bailleur social gérant des résidences sur le plateau sud de Plaisir. Participe aux actions de "
            "tranquillité résidentielle et de maintien à domicile des locataires âgés."
        ),
        "axes": ["HAB", "SEN"],
        "neighbourhoods": ["Sainte-Apolline", "La Mare aux Saules"],
        "since": "2015-05-21",
    },
    {
        "name": "Logirep",
        "acronym": "",
        "type": "bailleur",
        "parent": None,
        "address": "127 rue Gambetta",
        "postal_code": "92150",
        "city": "Suresnes",
        "phone": "01 99 00 10 77",
        "email": "logirep@example.org",
        "website": "",
        "missions": (
            "Bailleur social présent dans plusieurs résidences de la commune. Associé aux réflexions sur "
            "l'adaptation des logements au vieillissement et au handicap."
        ),
        "axes": ["HAB", "HAN"],
        "neighbourhoods": ["Les Petits Prés", "L'Aqueduc de l'Avre", "Le Clos de Plaisir"],
        "since": "2015-05-21",
    },
    {
        "name": "Association des résidents du Valibout",
        "acronym": "",
        "type": "asso_quartier",
        "parent": None,
        "address": "7 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 78",
        "email": "residents-valibout@example.org",
        "website": "",
        "missions": (
            "Représente les habitants du quartier auprès du bailleur et de la Ville. Organise des fêtes de "
            "quartier et des actions de solidarité entre voisins."
        ),
        "axes": ["BVE", "HAB"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Amicale des locataires de la MIS",
        "acronym": "",
        "type": "asso_quartier",
        "parent": None,
        "address": "14 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 79",
        "email": "amicale-mis@example.org",
        "website": "",
        "missions": (
            "Défend les intérêts des locataires et relaie leurs demandes sur l'entretien des résidences. "
            "Participe aux diagnostics en marchant."
        ),
        "axes": ["HAB", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "Association des habitants des Gâtines",
        "acronym": "",
        "type": "asso_quartier",
        "parent": None,
        "address": "21 rue des Gâtines",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 80",
        "email": "habitants-gatines@example.org",
        "website": "",
        "missions": (
            "Anime la vie du quartier des Gâtines et fait remonter les attentes des habitants. Organise des "
            "rencontres entre générations."
        ),
        "axes": ["BVE", "SEN"],
        "neighbourhoods": ["Les Gâtines", "Le Buisson", "La Chaîne"],
        "since": "2015-05-21",
    },
    {
        "name": "Association d'accompagnement à la scolarité du Valibout",
        "acronym": "",
        "type": "asso_quartier",
        "parent": None,
        "address": "28 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 81",
        "email": "aide-scolarite-valibout@example.org",
        "website": "",
        "missions": (
            "Propose aux écoliers et collégiens du quartier une aide aux devoirs assurée par des bénévoles. "
            "Accompagne les parents dans leur relation avec l'école."
        ),
        "axes": ["DS", "BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-04-09",
    },
    {
        "name": "FACE Yvelines",
        "acronym": "",
        "type": "asso_insertion",
        "parent": None,
        "address": "35 avenue de l'Europe",
        "postal_code": "78180",
        "city": "Montigny-le-Bretonneux",
        "phone": "01 99 00 10 82",
        "email": "face78@example.org",
        "website": "",
        "missions": (
            "Mobilise les entreprises contre l'exclusion : parrainage, découverte des métiers, préparation à "
            "l'emploi. Anime le club d'entreprises du territoire."
        ),
        "axes": ["IPJ", "DS"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Aciac",
        "acronym": "",
        "type": "asso_insertion",
        "parent": None,
        "address": "42 rue des Ébisoires",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 83",
        "email": "aciac@example.org",
        "website": "",
        "missions": (
            "Association d'insertion qui accompagne vers l'emploi des personnes éloignées du marché du travail. "
            "Propose des parcours d'insertion et un suivi individualisé."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Association pour le droit à l'initiative économique – Yvelines",
        "acronym": "Adie",
        "type": "asso_insertion",
        "parent": None,
        "address": "49 rue Jean-Jaurès",
        "postal_code": "78190",
        "city": "Trappes",
        "phone": "01 99 00 10 84",
        "email": "adie78@example.org",
        "website": "",
        "missions": (
            "Finance par le microcrédit et accompagne les créateurs d'entreprise n'ayant pas accès au crédit "
            "bancaire. Tient des permanences à la Maison de l'entreprise et de l'emploi."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Nos quartiers ont des talents",
        "acronym": "NQT",
        "type": "asso_insertion",
        "parent": None,
        "address": "56 avenue de l'Europe",
        "postal_code": "78180",
        "city": "Montigny-le-Bretonneux",
        "phone": "01 99 00 10 85",
        "email": "nqt78@example.org",
        "website": "",
        "missions": (
            "Accompagne les jeunes diplômés issus des quartiers prioritaires par un parrainage de cadres en "
            "entreprise. Favorise leur accès à un premier emploi qualifié."
        ),
        "axes": ["IPJ"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-05-21",
    },
    {
        "name": "Agence départementale d'information sur le logement des Yvelines",
        "acronym": "ADIL 78",
        "type": "asso",
        "parent": None,
        "address": "3 rue de la Paroisse",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 86",
        "email": "adil78@example.org",
        "website": "",
        "missions": (
            "Informe gratuitement sur le logement : droits et obligations des locataires, accession, prévention "
            "des expulsions. Tient des permanences à Plaisir."
        ),
        "axes": ["HAB", "AD"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Les Restaurants du cœur – centre de Plaisir",
        "acronym": "Restos du cœur",
        "type": "asso",
        "parent": None,
        "address": "10 rue des Ébisoires",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 87",
        "email": "restosducoeur.plaisir@example.org",
        "website": "",
        "missions": (
            "Distribue une aide alimentaire aux personnes en difficulté pendant les campagnes d'hiver et d'été. "
            "Oriente les bénéficiaires vers l'accès aux droits."
        ),
        "axes": ["AD"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Secours populaire français – comité de Plaisir",
        "acronym": "SPF",
        "type": "asso",
        "parent": None,
        "address": "17 rue de la Gare",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 88",
        "email": "secourspopulaire.plaisir@example.org",
        "website": "",
        "missions": (
            "Apporte une aide alimentaire, vestimentaire et un soutien aux familles. Organise des sorties et des "
            "vacances pour les enfants et les familles."
        ),
        "axes": ["AD", "BVE"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Secours catholique – équipe de Plaisir",
        "acronym": "",
        "type": "asso",
        "parent": None,
        "address": "24 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 89",
        "email": "secourscatholique.plaisir@example.org",
        "website": "",
        "missions": (
            "Accueille et accompagne les personnes en situation de précarité. Anime des lieux de convivialité et "
            "des visites aux personnes isolées."
        ),
        "axes": ["AD", "SEN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Centre d'information sur les droits des femmes et des familles des Yvelines",
        "acronym": "CIDFF 78",
        "type": "asso",
        "parent": None,
        "address": "31 rue de la Paroisse",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 90",
        "email": "cidff78@example.org",
        "website": "",
        "missions": (
            "Informe sur le droit de la famille, les violences faites aux femmes et l'emploi des femmes. Tient "
            "des permanences juridiques de proximité."
        ),
        "axes": ["AD"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Association des paralysés de France – délégation des Yvelines",
        "acronym": "APF",
        "type": "asso",
        "parent": None,
        "address": "38 avenue de Paris",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 91",
        "email": "apf78@example.org",
        "website": "",
        "missions": (
            "Défend les droits des personnes en situation de handicap moteur et de leurs familles. Conseille la "
            "Ville sur l'accessibilité."
        ),
        "axes": ["HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "France Alzheimer Yvelines",
        "acronym": "",
        "type": "asso",
        "parent": None,
        "address": "45 avenue de Paris",
        "postal_code": "78000",
        "city": "Versailles",
        "phone": "01 99 00 10 92",
        "email": "alzheimer78@example.org",
        "website": "",
        "missions": (
            "Soutient les familles de malades par des groupes de parole et des formations d'aidants. Propose des "
            "activités aux personnes malades."
        ),
        "axes": ["SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Les petits frères des Pauvres – équipe de Plaisir",
        "acronym": "",
        "type": "asso",
        "parent": None,
        "address": "52 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 93",
        "email": "petitsfreres.plaisir@example.org",
        "website": "",
        "missions": (
            "Accompagne par des visites de bénévoles les personnes âgées isolées. Organise des moments festifs "
            "et des séjours de vacances."
        ),
        "axes": ["SEN"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Club omnisports plaisirois",
        "acronym": "",
        "type": "asso",
        "parent": None,
        "address": "59 avenue du Général-de-Gaulle",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 94",
        "email": "omnisports.plaisir@example.org",
        "website": "",
        "missions": (
            "Club multisport ouvert aux jeunes et aux adultes de tous les quartiers. Propose des tarifs "
            "solidaires et des activités adaptées aux seniors et aux personnes handicapées."
        ),
        "axes": ["BVE", "SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Boxe éducative du Valibout",
        "acronym": "",
        "type": "asso",
        "parent": None,
        "address": "6 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 95",
        "email": "boxe-valibout@example.org",
        "website": "",
        "missions": (
            "Utilise la boxe éducative pour transmettre aux jeunes le respect des règles et la confiance en soi. "
            "Travaille avec le local jeunes et les éducateurs de prévention."
        ),
        "axes": ["BVE", "DS"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-05-21",
    },
    {
        "name": "Compagnie de danse hip-hop du Valibout",
        "acronym": "",
        "type": "asso",
        "parent": None,
        "address": "13 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 96",
        "email": "hiphop-valibout@example.org",
        "website": "",
        "missions": (
            "Propose des cours et des spectacles de danse aux jeunes du quartier. Participe aux fêtes de "
            "quartier et aux projets culturels de la Ville."
        ),
        "axes": ["BVE"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-05-21",
    },
    {
        "name": "Centre hospitalier de Plaisir",
        "acronym": "CH de Plaisir",
        "type": "sante",
        "parent": None,
        "address": "220 rue Mansart",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 97",
        "email": "ch.plaisir@example.org",
        "website": "",
        "missions": (
            "Établissement public de santé spécialisé en psychiatrie, gériatrie et accueil médico-social. "
            "Partenaire des actions en faveur des seniors et des personnes en situation de handicap."
        ),
        "axes": ["SEN", "HAN"],
        "neighbourhoods": [],
        "since": "2015-04-09",
    },
    {
        "name": "Centre médico-psychologique de Plaisir",
        "acronym": "CMP",
        "type": "sante",
        "parent": None,
        "address": "27 rue Jean-Jaurès",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 98",
        "email": "cmp.plaisir@example.org",
        "website": "",
        "missions": (
            "Assure des consultations et un suivi en santé mentale de proximité. Travaille avec les écoles et le "
            "programme de réussite éducative pour les enfants en souffrance."
        ),
        "axes": ["DS", "HAN"],
        "neighbourhoods": [],
        "since": "2015-05-21",
    },
    {
        "name": "Conseil citoyen du Valibout",
        "acronym": "",
        "type": "habitants",
        "parent": None,
        "address": "34 place du Valibout",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 10 99",
        "email": "conseil-citoyen.valibout@example.org",
        "website": "",
        "missions": (
            "Instance de participation des habitants et des acteurs locaux créée par la loi de 2014. Associé à "
            "l'élaboration et au suivi du contrat de ville."
        ),
        "axes": ["BVE", "HAB"],
        "neighbourhoods": ["Le Valibout"],
        "since": "2015-06-11",
    },
    {
        "name": "Conseil des sages de Plaisir",
        "acronym": "",
        "type": "habitants",
        "parent": None,
        "address": "2 rue de la République",
        "postal_code": "78370",
        "city": "Plaisir",
        "phone": "01 99 00 11 00",
        "email": "conseil-sages.plaisir@example.org",
        "website": "",
        "missions": (
            "Instance consultative de retraités plaisirois qui rend des avis à la municipalité. Contribue aux "
            "réflexions sur le bien vieillir et le lien entre générations."
        ),
        "axes": ["SEN", "BVE"],
        "neighbourhoods": [],
        "since": "2015-06-11",
    },
]
