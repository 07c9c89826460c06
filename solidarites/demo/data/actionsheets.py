"""The demo fiches actions as data: two illustrative sheets per thematic axis (domain.md §3.2), their 2015
calendar, partners, budgets, indicators and where each ends in the workflow (read by `demo.actionsheets`)."""

from datetime import date
from decimal import Decimal

from actionsheets.enums import FollowUpFlag
from actionsheets.models import ActionPartner, BudgetLine, FundingLine, Indicator, Participation, Priority, Status

EXAMPLE = " (exemple)"
# The 2015 calendar (demo.workshops): group sessions, submission, COTECH, COPIL.
SECOND_SESSION, THIRD_SESSION = date(2015, 5, 21), date(2015, 6, 11)
SUBMITTED_ON = date(2015, 6, 16)
COTECH_NEXT_DAY = date(2015, 6, 26)
REVISED_ON, RESUBMITTED_ON, FORWARDED_AGAIN_ON = date(2015, 9, 3), date(2015, 9, 7), date(2015, 9, 25)
COPIL = date(2015, 10, 8)
RECORDED_ON = date(2015, 10, 9)
PLANNED_ON = date(2015, 11, 2)

OPERATIONAL, CO_PILOT, EXPERTISE = (
    ActionPartner.Role.OPERATIONAL,
    ActionPartner.Role.CO_PILOT,
    ActionPartner.Role.EXPERTISE,
)
FUNDER, RELAY, PROVISION = ActionPartner.Role.FUNDER, ActionPartner.Role.RELAY, ActionPartner.Role.PROVISION
OPERATING, INVESTMENT = BudgetLine.Kind.OPERATING, BudgetLine.Kind.INVESTMENT
REQUESTED, GRANTED, REFUSED = FundingLine.State.REQUESTED, FundingLine.State.GRANTED, FundingLine.State.REFUSED
OUTPUT, RESULT, PROCESS = Indicator.Kind.OUTPUT, Indicator.Kind.RESULT, Indicator.Kind.PROCESS

# One entry per sheet, in the order of the axes; "state" is where the sheet ends. Optional keys:
# "draft_objectives" (a first wording, reworded at the third session: the history shows the change word by word),
# "send_back" (the COTECH's comment and section comments), "revision" (sections saved after being sent back),
# "started"/"completed"/"paused" (dates), "sections" (for drafts: the sections written so far),
# "follow_up" (date, flag, progress %: what the pilot signals in « Indicateurs et suivi »).
# Partners: (structure, role, contribution); budget: (year, kind, label, planned, actual); funding: (funder,
# year, amount, state); milestones: (label, due, done); indicators: (label, kind, unit, baseline, target, source,
# frequency, {year: value}).
SHEETS = [
    {
        "axis": "DS",
        "title": "Cellule de veille partenariale collège / PRE / Mission locale",
        "state": Status.IN_PROGRESS,
        "lead": "Direction de l'éducation et de la jeunesse",
        "referent": "Adjointe au maire déléguée à l'éducation",
        "priority": Priority.HIGH,
        "context": (
            "Le collège, le programme de réussite éducative, la prévention spécialisée et la Mission locale repèrent "
            "chacun des élèves qui décrochent, sans lieu commun pour croiser ces repérages. Les ruptures se situent "
            "surtout à l'entrée en sixième, lors des exclusions temporaires et en fin de troisième."
        ),
        "general_objective": "Prévenir le décrochage scolaire des collégiens plaisirois par un repérage partagé.",
        "draft_objectives": (
            "Réunir chaque mois les partenaires autour du collège.\nProposer une solution aux élèves repérés."
        ),
        "objectives": (
            "Réunir chaque mois, autour du collège Blaise-Pascal, les professionnels concernés.\n"
            "Proposer une solution aux élèves repérés.\n"
            "Suivre les jeunes de plus de 16 ans jusqu'à leur prise en charge par la Mission locale."
        ),
        "expected_results": (
            "Moins d'élèves sans solution à la fin de la troisième ; des familles associées plus tôt ; des "
            "partenaires qui se connaissent et s'appellent."
        ),
        "description": (
            "Une cellule de veille restreinte (principal ou CPE, coordinatrice du PRE, éducateur de prévention, "
            "conseiller de la Mission locale, médiateur école-famille) se réunit une fois par mois pendant l'année "
            "scolaire. Chaque situation est présentée avec l'accord de la famille ; la cellule désigne un référent "
            "et fait le point à la réunion suivante."
        ),
        "publics": ["Collégiens et lycéens", "Familles et parents"],
        "target_count": 40,
        "neighbourhoods": ["Le Valibout", "Centre-ville"],
        "participation": Participation.INFORMATION,
        "partners": [
            ("Collège Blaise-Pascal", CO_PILOT, "Repérage des élèves, accueil de la cellule"),
            ("Programme de réussite éducative de Plaisir", CO_PILOT, "Coordination, parcours individualisés"),
            ("Mission locale de Saint-Quentin-en-Yvelines et environs", OPERATIONAL, "Suivi des plus de 16 ans"),
            ("Service de prévention spécialisée – équipe de Plaisir", OPERATIONAL, "Travail de rue, lien familles"),
            ("Centre d'information et d'orientation de Plaisir", EXPERTISE, "Orientation scolaire"),
        ],
        "human_resources": "Coordinatrice du PRE (0,2 ETP) ; temps des partenaires membres de la cellule.",
        "fte": Decimal("0.20"),
        "material_resources": "Salle de réunion du collège ; outil de suivi partagé (tableau anonymisé).",
        "budget": [
            (2016, OPERATING, "Coordination (temps de la coordinatrice PRE)", Decimal("8000"), Decimal("8000")),
            (2016, OPERATING, "Médiation école-famille", Decimal("4000"), Decimal("3600")),
        ],
        "funding": [
            ("Commune", 2016, Decimal("6000"), GRANTED),
            ("État", 2016, Decimal("6000"), GRANTED),
        ],
        "start": date(2015, 11, 2),
        "end": date(2018, 7, 6),
        "recurring": True,
        "milestones": [
            ("Cadre de partage d'informations validé par le service juridique", date(2015, 10, 15), True),
            ("Première réunion de la cellule", date(2015, 11, 17), True),
            ("Bilan de la première année scolaire", date(2016, 7, 5), True),
        ],
        "monitoring": "Bilan de fin d'année scolaire présenté au groupe de travail puis au comité technique.",
        "governance_body": "Groupe de travail « Décrochage scolaire », puis COTECH",
        "indicators": [
            ("Réunions de la cellule tenues", PROCESS, "réunions", 0, 9, "Comptes rendus", "annuelle", {2016: 8}),
        ],
        "success_conditions": (
            "Un cadre écrit de partage d'informations limité au strict nécessaire ; l'accord des familles ; la "
            "présence régulière des mêmes professionnels."
        ),
        "frameworks": ["PRE", "CV"],
        "send_back": {
            "comment": (
                "Le comité technique demande de préciser les objectifs et les indicateurs avant le comité de "
                "pilotage, en particulier la valeur cible."
            ),
            "sections": {
                "objectifs": "Objectifs à rendre mesurables : délai, nombre d'élèves concernés.",
                "evaluation": "Ajouter un indicateur de résultat avec une valeur cible.",
            },
        },
        # the group's answer to the comments, before the sheet goes through again
        "revision": {
            "objectives": (
                "Réunir chaque mois, autour du collège Blaise-Pascal, les professionnels concernés dans un cadre "
                "écrit de partage d'informations.\n"
                "Proposer à chaque élève repéré un référent et une solution dans le mois qui suit.\n"
                "Suivre les jeunes de plus de 16 ans jusqu'à leur prise en charge par la Mission locale."
            ),
            "indicators": [
                (
                    "Élèves repérés ayant un référent dans le mois",
                    RESULT,
                    "%",
                    None,
                    80,
                    "Tableau de suivi de la cellule",
                    "annuelle",
                    {2016: Decimal("72"), 2017: Decimal("81")},
                ),
            ],
        },
        "started": date(2015, 11, 17),
        "follow_up": (date(2016, 11, 22), FollowUpFlag.NONE, 60),
    },
    {
        "axis": "DS",
        "title": "Accueil des collégiens temporairement exclus",
        "state": Status.VALIDATED,
        "lead": "Service jeunesse",
        "referent": "Adjointe au maire déléguée à l'éducation",
        "priority": Priority.MEDIUM,
        "context": (
            "Un collégien exclu quelques jours reste souvent seul à la maison ou dans la rue ; l'exclusion est vécue "
            "comme des vacances et la reprise est difficile."
        ),
        "general_objective": "Faire de l'exclusion temporaire un temps encadré et utile.",
        "objectives": (
            "Accueillir au local jeunes, sur orientation du collège, les élèves exclus de un à cinq jours.\n"
            "Proposer chaque demi-journée un temps de travail scolaire et un temps de réflexion sur l'exclusion.\n"
            "Préparer le retour au collège avec l'élève et sa famille."
        ),
        "expected_results": "Des retours au collège mieux préparés ; moins d'exclusions répétées.",
        "description": (
            "Sur orientation du collège et avec l'accord de la famille, l'élève est accueilli le matin au local "
            "jeunes du Valibout par un animateur et un bénévole de l'accompagnement à la scolarité. Un entretien de "
            "retour réunit l'élève, sa famille, le CPE et l'animateur."
        ),
        "publics": ["Collégiens et lycéens"],
        "target_count": 30,
        "neighbourhoods": [],
        "participation": Participation.NONE,
        "partners": [
            ("Collège Blaise-Pascal", RELAY, "Orientation des élèves, travail scolaire à faire"),
            (
                "Association d'accompagnement à la scolarité du Valibout",
                OPERATIONAL,
                "Bénévoles pour l'aide aux devoirs",
            ),
            ("Local jeunes du Valibout", PROVISION, "Accueil dans ses locaux le matin"),
        ],
        "human_resources": "Un animateur jeunesse le matin (0,3 ETP) ; deux bénévoles.",
        "fte": Decimal("0.30"),
        "material_resources": "Local jeunes du Valibout, le matin, hors vacances scolaires.",
        "budget": [(2016, OPERATING, "Animation (temps d'animateur)", Decimal("9000"), None)],
        "funding": [("Commune", 2016, Decimal("6000"), GRANTED), ("CAF", 2016, Decimal("3000"), REQUESTED)],
        "start": date(2016, 1, 4),
        "end": date(2016, 7, 5),
        "recurring": True,
        "milestones": [
            ("Convention avec le collège", date(2015, 12, 11), False),
            ("Premiers accueils", date(2016, 1, 4), False),
        ],
        "monitoring": "Point trimestriel avec le CPE ; bilan annuel au groupe de travail.",
        "governance_body": "Groupe de travail « Décrochage scolaire »",
        "indicators": [
            ("Élèves accueillis", OUTPUT, "élèves", 0, 30, "Registre d'accueil", "annuelle", {}),
            ("Élèves exclus de nouveau dans l'année", RESULT, "%", None, 20, "Collège", "annuelle", {}),
        ],
        "success_conditions": "Une orientation systématique par le collège ; l'accord et la présence des familles.",
        "frameworks": ["PRE", "PEDT"],
    },
    {
        "axis": "IPJ",
        "title": "Forum emploi-jeunes à La Mosaïque",
        "state": Status.DONE,
        "lead": "Service développement économique et emploi",
        "referent": "Adjoint au maire délégué à l'emploi et au développement économique",
        "priority": Priority.HIGH,
        "context": (
            "Une partie des jeunes du Valibout ne fréquente aucune structure d'insertion ; les entreprises du bassin "
            "recrutent mais connaissent peu ces jeunes."
        ),
        "general_objective": "Rapprocher les entreprises et les jeunes du quartier.",
        "objectives": (
            "Organiser chaque printemps un forum à La Mosaïque réunissant entreprises, organismes de formation et "
            "structures d'accompagnement.\n"
            "Préparer les jeunes en amont (CV, simulations d'entretien) avec la Mission locale et le Point "
            "information jeunesse."
        ),
        "expected_results": (
            "Des entretiens d'embauche ou de stage obtenus le jour même ; des jeunes inscrits à la Mission locale."
        ),
        "description": (
            "Un après-midi de forum en avril, précédé de deux ateliers de préparation. Les jeunes sont mobilisés par "
            "les animateurs, les éducateurs et le Point information jeunesse."
        ),
        "publics": ["Jeunes de 16 à 25 ans", "Demandeurs d'emploi"],
        "target_count": 150,
        "neighbourhoods": ["Le Valibout"],
        "participation": Participation.CONSULTATION,
        "partners": [
            ("Mission locale de Saint-Quentin-en-Yvelines et environs", CO_PILOT, "Préparation des jeunes, suivi"),
            ("Pôle emploi – agence de Plaisir", OPERATIONAL, "Offres d'emploi, stand"),
            ("La Mosaïque – maison des familles", PROVISION, "Accueil du forum"),
            ("FACE Yvelines", OPERATIONAL, "Mobilisation des entreprises"),
            ("Point information jeunesse", RELAY, "Information et mobilisation des jeunes"),
        ],
        "human_resources": "Chargée de mission emploi (0,1 ETP) ; agents de La Mosaïque le jour du forum.",
        "fte": Decimal("0.10"),
        "material_resources": "Salles de La Mosaïque, tables, signalétique.",
        "budget": [
            (2016, OPERATING, "Communication et impressions", Decimal("1500"), Decimal("1320")),
            (2016, OPERATING, "Accueil et logistique", Decimal("1000"), Decimal("1150")),
        ],
        "funding": [("Commune", 2016, Decimal("1500"), GRANTED), ("Intercommunalité", 2016, Decimal("1000"), GRANTED)],
        "start": date(2016, 2, 1),
        "end": date(2016, 6, 30),
        "recurring": True,
        "milestones": [
            ("Liste des entreprises invitées", date(2016, 2, 26), True),
            ("Ateliers de préparation", date(2016, 4, 6), True),
            ("Forum", date(2016, 4, 13), True),
            ("Bilan avec les partenaires", date(2016, 6, 2), True),
        ],
        "monitoring": "Bilan du forum présenté au groupe de travail en juin.",
        "governance_body": "Groupe de travail « Insertion professionnelle des jeunes »",
        "indicators": [
            ("Jeunes venus au forum", OUTPUT, "jeunes", None, 150, "Registre d'accueil", "annuelle", {2016: 164}),
            ("Entreprises présentes", OUTPUT, "entreprises", None, 25, "Liste des stands", "annuelle", {2016: 22}),
            ("Jeunes ayant obtenu un entretien", RESULT, "jeunes", None, 30, "Entreprises", "annuelle", {2016: 27}),
        ],
        "success_conditions": "Mobiliser les jeunes par les professionnels qu'ils connaissent ; des offres réelles.",
        "frameworks": ["CV"],
        "started": date(2016, 2, 1),
        "completed": date(2016, 6, 3),
        "follow_up": (date(2016, 6, 2), FollowUpFlag.NONE, 100),
    },
    {
        "axis": "IPJ",
        "title": "Chantiers éducatifs avec le bailleur",
        "state": Status.SUBMITTED,
        "lead": "Service de prévention spécialisée – équipe de Plaisir",
        "referent": "Adjoint au maire délégué à la jeunesse",
        "priority": Priority.MEDIUM,
        "context": (
            "Des jeunes éloignés de l'emploi n'ont aucune expérience professionnelle à faire valoir ; le bailleur a "
            "des besoins de petits travaux dans les parties communes."
        ),
        "general_objective": "Offrir une première expérience de travail rémunérée et encadrée.",
        "objectives": (
            "Organiser quatre chantiers d'une semaine par an (peinture, espaces verts) pour six jeunes chacun.\n"
            "Orienter chaque jeune vers la Mission locale à l'issue du chantier."
        ),
        "expected_results": "Des jeunes qui reprennent contact avec les structures d'insertion.",
        "description": (
            "Les jeunes sont repérés par les éducateurs, embauchés par une association intermédiaire et encadrés par "
            "un éducateur technique. Le bailleur finance les travaux."
        ),
        "publics": ["Jeunes de 16 à 25 ans", "Habitants du quartier prioritaire"],
        "target_count": 24,
        "neighbourhoods": ["Le Valibout"],
        "participation": Participation.CONSULTATION,
        "partners": [
            ("Les Résidences Yvelines Essonne", FUNDER, "Financement des travaux, choix des chantiers"),
            ("Mission locale de Saint-Quentin-en-Yvelines et environs", RELAY, "Suite de parcours"),
            ("Aciac", OPERATIONAL, "Portage des contrats de travail"),
        ],
        "human_resources": "Un éducateur technique par chantier ; éducateurs de prévention.",
        "fte": Decimal("0.25"),
        "material_resources": "Matériel de peinture et d'espaces verts fourni par le bailleur.",
        "budget": [
            (2016, OPERATING, "Salaires des jeunes", Decimal("9600"), None),
            (2016, OPERATING, "Encadrement technique", Decimal("6400"), None),
        ],
        "funding": [
            ("Bailleur social", 2016, Decimal("12000"), REQUESTED),
            ("Département", 2016, Decimal("4000"), REQUESTED),
        ],
        "start": date(2016, 3, 1),
        "end": date(2016, 12, 16),
        "recurring": True,
        "milestones": [("Convention avec le bailleur", date(2016, 2, 15), False)],
        "monitoring": "Bilan de chaque chantier avec les jeunes et le bailleur.",
        "governance_body": "Groupe de travail « Insertion professionnelle des jeunes »",
        "indicators": [
            ("Jeunes ayant terminé un chantier", OUTPUT, "jeunes", 0, 24, "Feuilles de présence", "annuelle", {}),
            (
                "Jeunes suivis par la Mission locale trois mois après",
                RESULT,
                "%",
                None,
                50,
                "Mission locale",
                "annuelle",
                {},
            ),
        ],
        "success_conditions": "Un encadrement technique stable ; des travaux visibles et utiles pour les habitants.",
        "frameworks": ["CV"],
    },
    {
        "axis": "HAB",
        "title": "Permanences logement avec l'ADIL 78",
        "state": Status.PLANNED,
        "lead": "Service logement",
        "referent": "Adjoint au maire délégué au logement",
        "priority": Priority.MEDIUM,
        "context": (
            "Les habitants connaissent mal leurs droits et devoirs de locataires ; les impayés sont repérés tard."
        ),
        "general_objective": "Informer tôt les ménages sur le logement pour prévenir les impayés et les expulsions.",
        "objectives": (
            "Tenir une permanence mensuelle gratuite de l'ADIL à Plaisir.\n"
            "Orienter vers la permanence les ménages repérés par le bailleur, le CCAS et le Département."
        ),
        "expected_results": "Des ménages informés avant le contentieux.",
        "description": (
            "Un juriste de l'ADIL reçoit sur rendez-vous, une demi-journée par mois, en mairie puis à La Mosaïque en "
            "alternance. Le service logement prend les rendez-vous."
        ),
        "publics": ["Familles et parents", "Tous publics"],
        "target_count": 120,
        "neighbourhoods": [],
        "participation": Participation.NONE,
        "partners": [
            ("Agence départementale d'information sur le logement des Yvelines", OPERATIONAL, "Juriste"),
            ("Centre communal d'action sociale de Plaisir", RELAY, "Orientation des ménages"),
            ("Les Résidences Yvelines Essonne", RELAY, "Repérage des premiers impayés"),
        ],
        "human_resources": "Un juriste de l'ADIL une demi-journée par mois ; accueil du service logement.",
        "fte": Decimal("0.05"),
        "material_resources": "Bureau en mairie et à La Mosaïque.",
        "budget": [(2016, OPERATING, "Convention avec l'ADIL", Decimal("3600"), None)],
        "funding": [("Commune", 2016, Decimal("3600"), GRANTED)],
        "start": date(2016, 1, 12),
        "end": date(2016, 12, 13),
        "recurring": True,
        "milestones": [("Convention signée avec l'ADIL", date(2015, 12, 15), False)],
        "monitoring": "Nombre et motifs des rendez-vous, transmis chaque trimestre par l'ADIL.",
        "governance_body": "Groupe de travail « Habitat »",
        "indicators": [
            ("Ménages reçus", OUTPUT, "ménages", 0, 120, "ADIL", "trimestrielle", {}),
            ("Part des ménages reçus avant tout contentieux", RESULT, "%", None, 60, "ADIL", "annuelle", {}),
        ],
        "success_conditions": "Un repérage précoce partagé entre bailleur, CCAS et Département.",
        "frameworks": ["CV"],
    },
    {
        "axis": "HAB",
        "title": "Accompagnement social du relogement (NPNRU)",
        "state": Status.DRAFT,
        "recent": True,
        "sections": ["identification", "contexte", "objectifs", "partenaires"],
        "lead": "Les Résidences Yvelines Essonne",
        "referent": "Adjoint au maire délégué à la rénovation urbaine",
        "priority": Priority.HIGH,
        "context": (
            "Le projet de renouvellement urbain du Valibout prévoit des démolitions : les ménages concernés devront "
            "être relogés, certains depuis longtemps dans le quartier."
        ),
        "general_objective": "Reloger chaque ménage selon ses besoins et ses souhaits, sans rupture de suivi social.",
        "draft_objectives": "Accompagner les ménages relogés.",
        "objectives": (
            "Rencontrer chaque ménage concerné avant le relogement (enquête sociale).\n"
            "Proposer au moins deux logements adaptés.\n"
            "Assurer un suivi six mois après l'emménagement."
        ),
        "expected_results": "Des relogements acceptés, sans hausse du reste à charge.",
        "partners": [
            ("Centre communal d'action sociale de Plaisir", OPERATIONAL, "Accompagnement des ménages fragiles"),
            ("Territoire d'action sociale de Plaisir", OPERATIONAL, "Suivi social"),
            ("Association des résidents du Valibout", RELAY, "Information des habitants"),
        ],
    },
    {
        "axis": "SEN",
        "title": "Repérage et lutte contre l'isolement des seniors",
        "state": Status.IN_PROGRESS,
        "lead": "Centre communal d'action sociale de Plaisir",
        "referent": "Adjointe au maire déléguée aux seniors",
        "priority": Priority.HIGH,
        "context": (
            "Le diagnostic relève des seniors isolés, peu connus des services, notamment après un veuvage ou une "
            "hospitalisation."
        ),
        "general_objective": "Repérer les seniors isolés et leur proposer des liens réguliers.",
        "objectives": (
            "Constituer un réseau de repérage (gardiens, pharmaciens, aides à domicile, facteurs).\n"
            "Proposer des visites de convivialité par des bénévoles formés."
        ),
        "expected_results": "Des seniors isolés connus et visités ; une inscription au registre canicule.",
        "description": (
            "Le CCAS centralise les signalements, rend une première visite et propose un bénévole visiteur des "
            "petits frères des Pauvres. Un café des seniors mensuel complète les visites."
        ),
        "publics": ["Seniors", "Personnes isolées"],
        "target_count": 60,
        "neighbourhoods": [],
        "participation": Participation.CONCERTATION,
        "partners": [
            ("Les petits frères des Pauvres – équipe de Plaisir", OPERATIONAL, "Bénévoles visiteurs"),
            ("Service d'aide et d'accompagnement à domicile du CCAS", RELAY, "Repérage au domicile"),
            ("Conseil des sages de Plaisir", OPERATIONAL, "Café des seniors"),
            (
                "Caisse nationale d'assurance vieillesse – Assurance retraite Île-de-France",
                FUNDER,
                "Action collective",
            ),
        ],
        "human_resources": "Référente seniors du CCAS (0,3 ETP) ; une dizaine de bénévoles.",
        "fte": Decimal("0.30"),
        "material_resources": "Salle du foyer-logement pour le café des seniors.",
        "budget": [
            (2016, OPERATING, "Formation des bénévoles", Decimal("2000"), Decimal("1800")),
            (2016, OPERATING, "Café des seniors", Decimal("1500"), Decimal("1450")),
        ],
        "funding": [
            ("Commune", 2016, Decimal("1500"), GRANTED),
            ("Autres organismes sociaux", 2016, Decimal("2000"), GRANTED),
        ],
        "start": date(2016, 1, 4),
        "end": date(2018, 12, 31),
        "recurring": True,
        "milestones": [
            ("Charte du réseau de repérage", date(2016, 2, 29), True),
            ("Formation des premiers bénévoles", date(2016, 4, 15), True),
        ],
        "monitoring": "Tableau de bord trimestriel du CCAS.",
        "governance_body": "Groupe de travail « Seniors »",
        "indicators": [
            ("Seniors signalés au CCAS", OUTPUT, "personnes", 0, 60, "CCAS", "annuelle", {2016: 41}),
            ("Seniors visités régulièrement", RESULT, "personnes", 0, 40, "Bénévoles", "annuelle", {2016: 23}),
        ],
        "success_conditions": "Des bénévoles formés et soutenus ; le respect du choix de la personne.",
        "frameworks": ["ABS"],
        "started": date(2016, 1, 4),
        "follow_up": (date(2016, 10, 18), FollowUpFlag.LATE, 35),
    },
    {
        "axis": "SEN",
        "title": "Ateliers numériques seniors",
        "state": Status.TO_REVISE,
        "lead": "Médiathèque du centre-ville",
        "referent": "Adjointe au maire déléguée aux seniors",
        "priority": Priority.LOW,
        "context": "De plus en plus de démarches se font en ligne ; beaucoup de seniors n'ont ni équipement ni aide.",
        "general_objective": "Rendre les seniors autonomes pour leurs démarches en ligne courantes.",
        "objectives": (
            "Ouvrir deux cycles de huit ateliers par an à la médiathèque.\nPrêter des tablettes pendant les cycles."
        ),
        "expected_results": "Des seniors qui font seuls leurs démarches courantes en ligne.",
        "description": (
            "Ateliers hebdomadaires de deux heures, huit personnes au plus, animés par un médiateur numérique."
        ),
        "publics": ["Seniors"],
        "target_count": 32,
        "neighbourhoods": [],
        "participation": Participation.CONSULTATION,
        "partners": [
            ("Conseil des sages de Plaisir", RELAY, "Information des seniors"),
            ("Caisse nationale d'assurance vieillesse – Assurance retraite Île-de-France", FUNDER, "À solliciter"),
        ],
        "human_resources": "Un médiateur numérique (0,2 ETP).",
        "fte": Decimal("0.20"),
        "material_resources": "Salle multimédia de la médiathèque ; huit tablettes.",
        "budget": [
            (2016, INVESTMENT, "Tablettes", Decimal("3200"), None),
            (2016, OPERATING, "Médiateur numérique", Decimal("7000"), None),
        ],
        "funding": [],
        "start": date(2016, 3, 1),
        "end": date(2016, 12, 16),
        "recurring": True,
        "milestones": [("Premier cycle d'ateliers", date(2016, 3, 1), False)],
        "monitoring": "Questionnaire en fin de cycle.",
        "governance_body": "Groupe de travail « Seniors »",
        "indicators": [
            ("Seniors ayant suivi un cycle complet", OUTPUT, "personnes", 0, 32, "Médiathèque", "annuelle", {})
        ],
        "success_conditions": "Des groupes petits et un rythme régulier.",
        "frameworks": ["ABS"],
        "send_back": {
            "comment": "Fiche sans plan de financement : à compléter avant d'être proposée au comité de pilotage.",
            "sections": {
                "budget": "Le plan de financement est vide : quels financeurs solliciter, pour quel montant ?"
            },
        },
        # after being sent back, the group started the funding plan (still to be completed)
        "revision": {
            "funding": [
                ("Autres organismes sociaux", 2016, Decimal("5000"), REQUESTED),
                ("Commune", 2016, Decimal("2000"), REQUESTED),
            ]
        },
    },
    {
        "axis": "HAN",
        "title": "Guide local du handicap",
        "state": Status.DONE,
        "lead": "Mission handicap et accessibilité",
        "referent": "Conseiller municipal délégué au handicap",
        "priority": Priority.MEDIUM,
        "context": (
            "Les familles ne savent pas à qui s'adresser ; l'information est dispersée entre de nombreux acteurs."
        ),
        "general_objective": "Rassembler en un seul document les ressources locales utiles aux personnes handicapées.",
        "objectives": (
            "Publier un guide papier et en ligne, en version facile à lire et à comprendre.\n"
            "Le diffuser dans tous les lieux d'accueil de la ville."
        ),
        "expected_results": "Des personnes et des familles mieux orientées.",
        "description": (
            "Le guide est écrit avec les associations et relu par des personnes concernées ; la version en ligne "
            "respecte le référentiel d'accessibilité."
        ),
        "publics": ["Personnes en situation de handicap", "Familles et parents", "Professionnels et bénévoles"],
        "target_count": None,
        "neighbourhoods": [],
        "participation": Participation.CO_CONSTRUCTION,
        "partners": [
            ("Maison départementale des personnes handicapées des Yvelines", EXPERTISE, "Relecture"),
            ("Association des paralysés de France – délégation des Yvelines", OPERATIONAL, "Rédaction, relecture"),
            ("Direction de la communication", OPERATIONAL, "Mise en page, impression, mise en ligne"),
        ],
        "human_resources": "Chargée de mission handicap (0,15 ETP) pendant six mois.",
        "fte": Decimal("0.15"),
        "material_resources": "Impression en 2 000 exemplaires.",
        "budget": [(2016, OPERATING, "Mise en page et impression", Decimal("4500"), Decimal("4200"))],
        "funding": [("Commune", 2016, Decimal("3000"), GRANTED), ("Département", 2016, Decimal("1500"), GRANTED)],
        "start": date(2016, 1, 11),
        "end": date(2016, 9, 30),
        "recurring": False,
        "milestones": [
            ("Recensement des ressources", date(2016, 3, 31), True),
            ("Relecture par des personnes concernées", date(2016, 5, 31), True),
            ("Diffusion du guide", date(2016, 9, 15), True),
        ],
        "monitoring": "Nombre d'exemplaires diffusés et de consultations en ligne.",
        "governance_body": "Groupe de travail « Handicap »",
        "indicators": [
            (
                "Exemplaires diffusés",
                OUTPUT,
                "exemplaires",
                0,
                2000,
                "Direction de la communication",
                "annuelle",
                {2016: 1850},
            ),
        ],
        "success_conditions": "Associer les personnes concernées dès la rédaction.",
        "frameworks": [],
        "started": date(2016, 1, 11),
        "completed": date(2016, 10, 3),
        "follow_up": (date(2016, 9, 30), FollowUpFlag.NONE, 100),
    },
    {
        "axis": "HAN",
        "title": "Accessibilité des manifestations municipales",
        "state": Status.ON_HOLD,
        "lead": "Mission handicap et accessibilité",
        "referent": "Conseiller municipal délégué au handicap",
        "priority": Priority.MEDIUM,
        "context": "Les manifestations municipales restent difficiles d'accès pour les personnes handicapées.",
        "general_objective": "Rendre accessibles les grandes manifestations de la ville.",
        "objectives": (
            "Établir une liste de contrôle d'accessibilité pour chaque manifestation.\n"
            "Équiper deux manifestations par an (boucle magnétique, places réservées, "
            "interprète en langue des signes)."
        ),
        "expected_results": "Des personnes handicapées présentes aux manifestations.",
        "description": "La mission handicap accompagne les services organisateurs dès la préparation.",
        "publics": ["Personnes en situation de handicap", "Tous publics"],
        "target_count": None,
        "neighbourhoods": [],
        "participation": Participation.CONCERTATION,
        "partners": [
            ("Direction de la culture", OPERATIONAL, "Organisation des manifestations"),
            ("Association des paralysés de France – délégation des Yvelines", EXPERTISE, "Conseil, tests"),
        ],
        "human_resources": "Chargée de mission handicap (0,1 ETP).",
        "fte": Decimal("0.10"),
        "material_resources": "Boucle magnétique portable ; signalétique.",
        "budget": [
            (2016, INVESTMENT, "Boucle magnétique portable", Decimal("2500"), None),
            (2016, OPERATING, "Interprétariat en langue des signes", Decimal("1500"), None),
        ],
        "funding": [("Commune", 2016, Decimal("1500"), GRANTED), ("Département", 2016, Decimal("2500"), REFUSED)],
        "start": date(2016, 3, 1),
        "end": date(2016, 12, 31),
        "recurring": True,
        "milestones": [("Liste de contrôle validée", date(2016, 4, 29), True)],
        "monitoring": "Bilan après chaque manifestation.",
        "governance_body": "Groupe de travail « Handicap »",
        "indicators": [
            ("Manifestations équipées", OUTPUT, "manifestations", 0, 2, "Mission handicap", "annuelle", {})
        ],
        "success_conditions": "Penser l'accessibilité dès la préparation, pas la veille.",
        "frameworks": [],
        "started": date(2016, 3, 1),
        "follow_up": (date(2016, 9, 12), FollowUpFlag.BLOCKED, 20),
        "paused": (
            date(2016, 6, 20),
            (
                "En pause : la subvention du Département pour la boucle magnétique a été refusée ; achat reporté "
                "au budget suivant."
            ),
        ),
    },
    {
        "axis": "AD",
        "title": "Permanences CAF / CPAM / Département à La Mosaïque",
        "state": Status.IN_PROGRESS,
        "lead": "Direction des solidarités",
        "referent": "Adjointe au maire déléguée aux solidarités",
        "priority": Priority.HIGH,
        "context": (
            "Les habitants du Valibout doivent se déplacer loin pour rencontrer un agent de la CAF, de la CPAM ou du "
            "Département ; beaucoup renoncent à leurs droits."
        ),
        "general_objective": "Rapprocher les services publics des habitants du quartier.",
        "objectives": (
            "Tenir une permanence hebdomadaire commune à La Mosaïque.\n"
            "Traiter sur place les dossiers simples et prendre rendez-vous pour les autres."
        ),
        "expected_results": "Des droits ouverts plus vite ; moins de renoncements.",
        "description": (
            "Chaque mardi matin, un agent de chaque organisme tient permanence à La Mosaïque ; l'accueil de la "
            "maison des familles oriente et aide à préparer les pièces."
        ),
        "publics": ["Familles et parents", "Habitants du quartier prioritaire"],
        "target_count": 400,
        "neighbourhoods": ["Le Valibout"],
        "participation": Participation.INFORMATION,
        "partners": [
            ("Caisse d'allocations familiales des Yvelines", CO_PILOT, "Agent d'accueil une matinée par semaine"),
            ("Caisse primaire d'assurance maladie des Yvelines", OPERATIONAL, "Agent d'accueil"),
            ("Territoire d'action sociale de Plaisir", OPERATIONAL, "Travailleur social"),
            ("La Mosaïque – maison des familles", PROVISION, "Bureaux et accueil"),
        ],
        "human_resources": "Trois agents une matinée par semaine ; accueil de La Mosaïque.",
        "fte": Decimal("0.30"),
        "material_resources": "Deux bureaux confidentiels à La Mosaïque ; accès internet.",
        "budget": [(2016, OPERATING, "Équipement des bureaux", Decimal("2000"), Decimal("2000"))],
        "funding": [("Commune", 2016, Decimal("1000"), GRANTED), ("CAF", 2016, Decimal("1000"), GRANTED)],
        "start": date(2016, 1, 5),
        "end": None,
        "recurring": True,
        "milestones": [("Convention entre les trois organismes et la Ville", date(2015, 12, 18), True)],
        "monitoring": "Fréquentation et motifs, transmis chaque trimestre.",
        "governance_body": "Groupe de travail « Accès aux droits »",
        "indicators": [
            (
                "Personnes reçues",
                OUTPUT,
                "personnes",
                0,
                400,
                "Registre d'accueil",
                "annuelle",
                {2016: 455, 2017: 512},
            ),
        ],
        "success_conditions": (
            "Une présence régulière des mêmes agents ; une information relayée par les associations."
        ),
        "frameworks": ["CTG", "CV"],
        "started": date(2016, 1, 5),
        "follow_up": (date(2016, 11, 8), FollowUpFlag.TO_DISCUSS, 50),
    },
    {
        "axis": "AD",
        "title": "Formation des agents d'accueil au premier accueil social",
        "state": Status.FORWARDED,
        "lead": "Centre communal d'action sociale de Plaisir",
        "referent": "Adjointe au maire déléguée aux solidarités",
        "priority": Priority.MEDIUM,
        "context": "Les agents d'accueil de la ville reçoivent des demandes sociales sans savoir vers qui orienter.",
        "general_objective": "Que toute personne reçue à un guichet de la ville soit bien orientée.",
        "objectives": (
            "Former en deux ans tous les agents d'accueil de la ville et du CCAS.\n"
            "Diffuser une fiche « qui fait quoi » mise à jour chaque année."
        ),
        "expected_results": "Des orientations justes dès le premier contact.",
        "description": "Deux journées de formation par groupe de douze agents, avec des intervenants des partenaires.",
        "publics": ["Professionnels et bénévoles"],
        "target_count": 60,
        "neighbourhoods": [],
        "participation": Participation.NONE,
        "partners": [
            ("Caisse d'allocations familiales des Yvelines", EXPERTISE, "Intervention"),
            ("Territoire d'action sociale de Plaisir", EXPERTISE, "Intervention"),
        ],
        "human_resources": "Responsable du CCAS ; intervenants des partenaires.",
        "fte": Decimal("0.05"),
        "material_resources": "Salle de formation de la mairie.",
        "budget": [(2016, OPERATING, "Formation", Decimal("3000"), None)],
        "funding": [("Commune", 2016, Decimal("3000"), REQUESTED)],
        "start": date(2016, 3, 1),
        "end": date(2017, 12, 15),
        "recurring": False,
        "milestones": [("Première session de formation", date(2016, 3, 15), False)],
        "monitoring": "Nombre d'agents formés ; questionnaire à trois mois.",
        "governance_body": "Groupe de travail « Accès aux droits »",
        "indicators": [("Agents formés", OUTPUT, "agents", 0, 60, "CCAS", "annuelle", {})],
        "success_conditions": "Libérer du temps aux agents pour se former.",
        "frameworks": ["CTG"],
    },
    {
        "axis": "BVE",
        "title": "Café des habitants",
        "state": Status.IN_PROGRESS,
        "by_partner": True,
        "partner_pilot": True,  # the demo partner account follows it up (indicator values, start)
        "lead": "La Mosaïque – maison des familles",
        "referent": "Adjoint au maire délégué à la politique de la ville",
        "priority": Priority.MEDIUM,
        "context": "Les habitants du Valibout disent manquer de lieux pour se rencontrer et donner leur avis.",
        "general_objective": "Créer un lieu de rencontre et d'expression des habitants.",
        "objectives": (
            "Ouvrir un café des habitants deux après-midi par semaine à La Mosaïque.\n"
            "Faire émerger des projets portés par les habitants."
        ),
        "expected_results": "Des habitants qui se rencontrent et portent des projets.",
        "description": (
            "Un café animé par des habitants bénévoles et une animatrice de La Mosaïque, avec des temps thématiques."
        ),
        "publics": ["Habitants du quartier prioritaire", "Tous publics"],
        "target_count": 200,
        "neighbourhoods": ["Le Valibout"],
        "participation": Participation.CO_CONSTRUCTION,
        "partners": [
            ("Conseil citoyen du Valibout", CO_PILOT, "Animation avec les habitants"),
            ("Association des résidents du Valibout", OPERATIONAL, "Bénévoles"),
            ("Service vie associative et démocratie locale", EXPERTISE, "Appui méthodologique"),
        ],
        "human_resources": "Animatrice de La Mosaïque (0,2 ETP) ; habitants bénévoles.",
        "fte": Decimal("0.20"),
        "material_resources": "Espace d'accueil de La Mosaïque ; petit équipement de cuisine.",
        "budget": [
            (2016, INVESTMENT, "Équipement de cuisine", Decimal("1200"), Decimal("1150")),
            (2016, OPERATING, "Fournitures et animations", Decimal("1800"), Decimal("1700")),
        ],
        "funding": [
            ("Commune", 2016, Decimal("1800"), GRANTED),
            ("État", 2016, Decimal("1200"), GRANTED),
        ],
        "start": date(2016, 1, 19),
        "end": None,
        "recurring": True,
        "milestones": [("Ouverture du café", date(2016, 1, 19), True)],
        "monitoring": "Fréquentation, projets issus du café ; bilan annuel avec les habitants.",
        "governance_body": "Groupe de travail « Bien vivre ensemble »",
        "indicators": [
            ("Participants différents dans l'année", OUTPUT, "personnes", 0, 200, "Registre", "annuelle", {2016: 176}),
            ("Projets portés par des habitants", RESULT, "projets", 0, 3, "La Mosaïque", "annuelle", {2016: 2}),
        ],
        "success_conditions": "Laisser la main aux habitants ; des horaires stables.",
        "frameworks": ["CV", "GUSP"],
        "started": date(2016, 1, 19),
        "follow_up": (date(2016, 12, 6), FollowUpFlag.LATE, 40),
    },
    {
        "axis": "BVE",
        "title": "Diagnostics en marchant (GUSP)",
        "state": Status.DRAFT,
        "recent": True,
        "by_partner": True,
        "sections": ["identification", "contexte", "objectifs", "contenu", "partenaires", "calendrier"],
        "lead": "Direction de la politique de la ville",
        "referent": "Adjoint au maire délégué à la politique de la ville",
        "priority": Priority.MEDIUM,
        "context": (
            "Propreté, éclairage, stationnement : les dysfonctionnements du quartier sont signalés au coup par coup, "
            "sans suivi commun entre la ville, le bailleur et les habitants."
        ),
        "general_objective": "Améliorer la gestion quotidienne du quartier avec les habitants.",
        "draft_objectives": "Organiser des marches dans le quartier avec les habitants.",
        "objectives": (
            "Organiser deux diagnostics en marchant par an avec les habitants, le bailleur et les services.\n"
            "Suivre chaque dysfonctionnement relevé jusqu'à sa résolution et rendre compte aux habitants."
        ),
        "expected_results": "Des dysfonctionnements traités plus vite ; des habitants associés.",
        "description": (
            "Un parcours préparé avec le conseil citoyen ; chaque point relevé est noté, attribué à un responsable et "
            "suivi dans un tableau partagé."
        ),
        "publics": ["Habitants du quartier prioritaire"],
        "target_count": 40,
        "neighbourhoods": ["Le Valibout"],
        "participation": Participation.CO_CONSTRUCTION,
        "partners": [
            ("Les Résidences Yvelines Essonne", CO_PILOT, "Participation, traitement des points relevés"),
            ("Conseil citoyen du Valibout", OPERATIONAL, "Préparation du parcours, mobilisation"),
            ("Service cadre de vie et propreté urbaine", OPERATIONAL, "Traitement des points relevés"),
        ],
        "start": None,
        "end": None,
        "recurring": True,
        "milestones": [("Premier diagnostic en marchant", None, False)],
    },
]

# Fiches written in one group that look like a fiche of another group: what the overlap detection
# (actionsheets.overlaps) must find first. Loaded after SHEETS by `demo.actionsheets.load_overlap_examples`.
# - digital help for isolated seniors, in « Accès aux droits » as in « Seniors » (Ateliers numériques seniors);
# - job coaching and driving licence of the 16-25, in « Insertion des jeunes » as in « Décrochage scolaire »,
#   both with the Mission locale;
# - adapting the homes of the elderly, in « Habitat » as in « Seniors ».
OVERLAP_SHEETS = [
    {
        "axis": "AD",
        "title": "Aide aux démarches en ligne pour les seniors isolés",
        "state": Status.DRAFT,
        "recent": True,
        "lead": "Centre communal d'action sociale de Plaisir",
        "referent": "Adjointe au maire déléguée aux solidarités",
        "priority": Priority.HIGH,
        "context": (
            "Les démarches de retraite, de santé et d'aides sociales se font désormais en ligne. Les seniors isolés, "
            "sans équipement numérique ni proche pour les aider, renoncent à leurs droits."
        ),
        "general_objective": "Aider les seniors isolés à faire leurs démarches en ligne et à devenir autonomes.",
        "objectives": (
            "Ouvrir une permanence numérique hebdomadaire au CCAS avec un médiateur numérique.\n"
            "Proposer des ateliers numériques pour les seniors à la médiathèque.\n"
            "Prêter des tablettes aux seniors isolés pendant les ateliers."
        ),
        "expected_results": "Des seniors isolés autonomes pour leurs démarches en ligne ; moins de droits perdus.",
        "description": (
            "Un médiateur numérique reçoit les seniors sur rendez-vous, les aide à créer leurs comptes en ligne "
            "(retraite, santé, CAF) et les oriente vers les ateliers numériques de la médiathèque. Les seniors "
            "isolés repérés par le CCAS sont appelés et, si besoin, accompagnés à domicile avec une tablette."
        ),
        "publics": ["Seniors", "Personnes isolées"],
        "target_count": 50,
        "neighbourhoods": [],
        "participation": Participation.CONSULTATION,
        "partners": [
            ("Médiathèque du centre-ville", OPERATIONAL, "Ateliers numériques"),
            ("Caisse nationale d'assurance vieillesse – Assurance retraite Île-de-France", FUNDER, "Financement"),
            ("Conseil des sages de Plaisir", RELAY, "Information des seniors"),
        ],
        "human_resources": "Un médiateur numérique (0,3 ETP).",
        "fte": Decimal("0.30"),
        "material_resources": "Bureau d'accueil du CCAS ; six tablettes.",
    },
    {
        "axis": "IPJ",
        "title": "Coaching vers l'emploi et aide au permis de conduire des 16-25 ans",
        "state": Status.VALIDATED,
        "lead": "Mission locale de Saint-Quentin-en-Yvelines et environs",
        "referent": "Adjoint au maire délégué à l'emploi",
        "priority": Priority.HIGH,
        "context": (
            "Au Valibout, beaucoup de jeunes sans diplôme ne trouvent pas d'emploi faute de moyen de transport et "
            "de permis de conduire ; les offres sont dans les zones d'activités mal desservies."
        ),
        "general_objective": "Lever les freins de mobilité et accompagner les jeunes vers l'emploi.",
        "objectives": (
            "Proposer un coaching individuel vers l'emploi par un conseiller de la Mission locale.\n"
            "Financer une partie du permis de conduire en échange d'heures de bénévolat.\n"
            "Organiser des stages en entreprise et des visites des zones d'activités."
        ),
        "expected_results": "Des jeunes mobiles, titulaires du permis, en stage puis en emploi.",
        "description": (
            "Chaque jeune suivi a un coach de la Mission locale pendant six mois : projet professionnel, stages en "
            "entreprise, préparation du permis de conduire avec une aide au financement, apprentissage des "
            "transports en commun jusqu'aux zones d'activités."
        ),
        "publics": ["Jeunes de 16 à 25 ans", "Demandeurs d'emploi"],
        "target_count": 30,
        "neighbourhoods": ["Le Valibout"],
        "participation": Participation.INFORMATION,
        "partners": [
            ("Pôle emploi – agence de Plaisir", OPERATIONAL, "Offres d'emploi et stages"),
            ("Point information jeunesse", RELAY, "Information des jeunes"),
        ],
        "human_resources": "Un conseiller de la Mission locale (0,5 ETP).",
        "fte": Decimal("0.50"),
    },
    {
        "axis": "DS",
        "title": "Remobilisation des décrocheurs de plus de 16 ans : coaching, stages et permis",
        "state": Status.DRAFT,
        "recent": True,
        "lead": "Mission locale de Saint-Quentin-en-Yvelines et environs",
        "referent": "Adjointe au maire déléguée à l'éducation",
        "priority": Priority.MEDIUM,
        "context": (
            "Les jeunes de plus de 16 ans sortis du collège ou du lycée sans diplôme restent sans solution ; "
            "le manque de mobilité et de permis de conduire les éloigne des stages et de l'emploi."
        ),
        "general_objective": "Remobiliser les décrocheurs de plus de 16 ans vers une formation ou l'emploi.",
        "objectives": (
            "Proposer à chaque décrocheur un coaching individuel par la Mission locale.\n"
            "Organiser des stages en entreprise et une aide au permis de conduire.\n"
            "Accompagner la mobilité des jeunes jusqu'aux lieux de stage."
        ),
        "expected_results": "Des jeunes décrocheurs en formation, en stage ou en emploi six mois après.",
        "description": (
            "Le coach de la Mission locale rencontre le jeune repéré par la cellule de veille, construit avec lui "
            "un parcours de stages en entreprise et l'aide à financer le permis de conduire."
        ),
        "publics": ["Jeunes de 16 à 25 ans", "Collégiens et lycéens"],
        "target_count": 20,
        "neighbourhoods": ["Le Valibout"],
        "participation": Participation.NONE,
        "partners": [
            ("Centre d'information et d'orientation de Plaisir", EXPERTISE, "Orientation"),
            ("Point information jeunesse", RELAY, "Information des jeunes"),
        ],
    },
    {
        "axis": "HAB",
        "title": "Adaptation des logements au vieillissement",
        "state": Status.VALIDATED,
        "lead": "Les Résidences Yvelines Essonne",
        "referent": "Adjoint au maire délégué au logement",
        "priority": Priority.MEDIUM,
        "context": (
            "Les locataires âgés du parc social vivent dans des logements inadaptés (baignoires, marches) ; les "
            "chutes à domicile précipitent l'entrée en établissement."
        ),
        "general_objective": "Adapter les logements des seniors pour favoriser le maintien à domicile.",
        "objectives": (
            "Réaliser un diagnostic d'adaptation du logement par un ergothérapeute.\n"
            "Remplacer les baignoires par des douches et poser des barres d'appui.\n"
            "Prévenir les chutes à domicile des seniors."
        ),
        "expected_results": "Des logements adaptés ; moins de chutes ; un maintien à domicile prolongé.",
        "description": (
            "Sur demande du locataire senior ou du CCAS, un ergothérapeute visite le logement ; le bailleur réalise "
            "les travaux d'adaptation (douche, barres d'appui, éclairage) avec l'aide de la caisse de retraite."
        ),
        "publics": ["Seniors", "Personnes en situation de handicap"],
        "target_count": 40,
        "neighbourhoods": [],
        "participation": Participation.CONSULTATION,
        "partners": [
            ("Caisse nationale d'assurance vieillesse – Assurance retraite Île-de-France", FUNDER, "Aides travaux"),
            ("Service logement", OPERATIONAL, "Repérage des demandes"),
        ],
    },
    {
        "axis": "SEN",
        "title": "Maintien à domicile : adapter le logement des seniors",
        "state": Status.SUBMITTED,
        "lead": "Service d'aide et d'accompagnement à domicile du CCAS",
        "referent": "Adjointe au maire déléguée aux seniors",
        "priority": Priority.MEDIUM,
        "context": (
            "Les aides à domicile voient des seniors chuter dans des logements inadaptés ; beaucoup ignorent les "
            "aides aux travaux d'adaptation."
        ),
        "general_objective": "Favoriser le maintien à domicile des seniors dans un logement adapté.",
        "objectives": (
            "Repérer les logements inadaptés lors des passages des aides à domicile.\n"
            "Proposer un diagnostic d'adaptation du logement par un ergothérapeute.\n"
            "Monter les dossiers d'aide aux travaux (douche, barres d'appui) avec la caisse de retraite."
        ),
        "expected_results": "Des seniors qui restent chez eux dans un logement adapté ; moins de chutes.",
        "description": (
            "Les aides à domicile signalent les logements à risque ; l'ergothérapeute fait le diagnostic ; le "
            "bailleur et la caisse de retraite financent les travaux d'adaptation."
        ),
        "publics": ["Seniors"],
        "target_count": 30,
        "neighbourhoods": [],
        "participation": Participation.INFORMATION,
        "partners": [
            ("Les Résidences Yvelines Essonne", OPERATIONAL, "Travaux dans le parc social"),
            ("Caisse nationale d'assurance vieillesse – Assurance retraite Île-de-France", FUNDER, "Aides travaux"),
        ],
    },
]
