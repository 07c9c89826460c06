"""The workflow of a fiche action, declared once (domain.md §2.3): which move goes from which states to
which state, who may make it, and what it needs (a comment, the COPIL date). Services and pages read it."""

from dataclasses import dataclass

from actionsheets.enums import Status


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    sources: tuple
    target: str
    who: tuple  # any of: "author", "facilitator", "coordinator", "pilot"
    needs_comment: bool = False
    needs_copil_date: bool = False
    button: str = "btn-primary"
    help: str = ""


IMPLEMENTATION = (Status.VALIDATED, Status.PLANNED, Status.IN_PROGRESS, Status.ON_HOLD)

MOVES = [
    Move(
        "submit",
        "Soumettre à l'animation du groupe",
        (Status.DRAFT, Status.TO_REVISE),
        Status.SUBMITTED,
        ("author", "facilitator", "coordinator"),
        help="La fiche ne peut plus être modifiée pendant la relecture.",
    ),
    Move(
        "send_back",
        "Renvoyer pour être retravaillée",
        (Status.SUBMITTED, Status.FORWARDED),
        Status.TO_REVISE,
        ("facilitator", "coordinator"),
        needs_comment=True,
        button="btn-outline-danger",
        help="Dites ce qu'il faut revoir : les auteurs reçoivent votre commentaire.",
    ),
    Move(
        "forward",
        "Transmettre au COPIL",
        (Status.SUBMITTED,),
        Status.FORWARDED,
        ("facilitator", "coordinator"),
    ),
    Move(
        "validate",
        "Enregistrer la validation du COPIL",
        (Status.FORWARDED, Status.SUBMITTED),
        Status.VALIDATED,
        ("coordinator",),
        needs_copil_date=True,
        button="btn-success",
    ),
    Move(
        "copil_rework",
        "Enregistrer un renvoi du COPIL",
        (Status.FORWARDED,),
        Status.TO_REVISE,
        ("coordinator",),
        needs_comment=True,
        needs_copil_date=True,
        button="btn-outline-danger",
    ),
    Move("plan", "Programmer (à venir)", (Status.VALIDATED,), Status.PLANNED, ("pilot", "coordinator")),
    Move(
        "start",
        "Démarrer (en cours)",
        (Status.VALIDATED, Status.PLANNED),
        Status.IN_PROGRESS,
        ("pilot", "coordinator"),
    ),
    Move(
        "pause",
        "Mettre en pause",
        (Status.IN_PROGRESS,),
        Status.ON_HOLD,
        ("pilot", "coordinator"),
        needs_comment=True,
        button="btn-outline-secondary",
    ),
    Move("resume", "Reprendre", (Status.ON_HOLD,), Status.IN_PROGRESS, ("pilot", "coordinator")),
    Move(
        "complete",
        "Déclarer réalisée",
        (Status.IN_PROGRESS,),
        Status.DONE,
        ("pilot", "coordinator"),
        button="btn-success",
    ),
    Move(
        "abandon",
        "Abandonner",
        IMPLEMENTATION,
        Status.ABANDONED,
        ("coordinator",),
        needs_comment=True,
        button="btn-outline-danger",
    ),
    Move(
        "archive",
        "Archiver",
        (Status.DONE, Status.ABANDONED, Status.VALIDATED),
        Status.ARCHIVED,
        ("coordinator",),
        button="btn-outline-secondary",
        help="À la fin d'un cycle du programme.",
    ),
]
MOVES_BY_ACTION = {move.action: move for move in MOVES}


# What a fiche needs before it goes to the group's review (« Soumettre »): the editor's menu marks a section whose
# field is still empty « champ obligatoire manquant » (actionsheets.completeness).
REQUIRED_TO_SUBMIT = (
    "title",
    "pilot",
    "lead_organisation",
    "general_objective",
    "operational_objectives",
    "description",
)


def moves_from(status):
    return [move for move in MOVES if status in move.sources]


# Which sections may change in which states (the rest is locked).
CONTENT_STATES = (Status.DRAFT, Status.TO_REVISE)
FOLLOW_UP_SECTIONS = {"evaluation", "budget", "calendrier", "bilan", "pieces"}
FOLLOW_UP_STATES = (Status.VALIDATED, Status.PLANNED, Status.IN_PROGRESS, Status.ON_HOLD, Status.DONE)


def section_is_open(section, status):
    """Content is written before the review; after the COPIL, only the follow-up (indicator values, actual
    budget, milestones, reviews, attachments) moves. Nothing moves during the review or once archived."""
    if status in CONTENT_STATES:
        return True
    return status in FOLLOW_UP_STATES and section in FOLLOW_UP_SECTIONS
