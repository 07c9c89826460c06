"""The choices of the workshops app: kinds and statuses of findings, meetings, invitations, attendance,
minutes and coordination obstacles, and the roles in a working group. The models keep them as class
attributes too (`Meeting.Kind`, `Invitation.Answer`…), so callers may use either name."""

from django.db import models


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Atout"
    WEAKNESS = "weakness", "Fragilité"
    NEED = "need", "Besoin"


class FindingSource(models.TextChoices):
    STATISTICS = "statistics", "Statistiques"
    INTERVIEWS = "interviews", "Entretiens"
    DOCUMENTS = "documents", "Études et documents"
    PARTNERS = "partners", "Journée partenariale et groupes"


class MembershipRole(models.TextChoices):
    FACILITATOR = "facilitator", "Animateur ou animatrice"
    CO_FACILITATOR = "co_facilitator", "Co-animateur ou co-animatrice"
    MEMBER = "member", "Membre"
    OBSERVER = "observer", "Observateur ou observatrice"


# The roles that run a group: its members, sessions, attendance and minutes.
FACILITATING_ROLES = (MembershipRole.FACILITATOR, MembershipRole.CO_FACILITATOR)


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", "Journée partenariale ou séance plénière"
    GROUP = "group", "Séance de groupe de travail"
    COPIL = "copil", "Comité de pilotage (COPIL)"
    COTECH = "cotech", "Comité technique (COTECH)"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Prévue"
    CANCELLED = "cancelled", "Annulée"


class InvitationAnswer(models.TextChoices):
    PENDING = "pending", "Pas de réponse"
    YES = "yes", "Je viens"
    NO = "no", "Je ne viens pas"
    REPRESENTED = "represented", "Je me fais représenter"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Présent ou présente"
    EXCUSED = "excused", "Excusé ou excusée"
    ABSENT = "absent", "Absent ou absente"
    REPRESENTED = "represented", "Représenté ou représentée"


# Who counts as having taken part in a meeting.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publié"


class ObstacleCategory(models.TextChoices):
    KNOWLEDGE = "knowledge", "Méconnaissance des acteurs et des dispositifs"
    SILOS = "silos", "Cloisonnement institutionnel, travail en silo"
    SECRECY = "secrecy", "Partage d'informations et secret professionnel"
    TIMEFRAMES = "timeframes", "Temporalités et calendriers différents"
    TURNOVER = "turnover", "Rotation des professionnels"
    MEANS = "means", "Manque de temps ou de moyens"
    TOOLS = "tools", "Absence de lieu ou d'outil commun de coordination"
    COMPETITION = "competition", "Concurrence entre structures"
    OVERLAP = "overlap", "Empilement des dispositifs"


class ObstacleStatus(models.TextChoices):
    OPEN = "open", "Ouvert"
    IN_PROGRESS = "in_progress", "En cours de traitement"
    LIFTED = "lifted", "Levé"
