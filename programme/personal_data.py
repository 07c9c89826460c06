"""What the programme app holds about a person (follow-up reminders and weekly digests sent), for « Mes
données »; and why its snapshots are left as they are: registered in partners.personal_data by
ProgrammeConfig.ready()."""

from partners import personal_data
from programme.followup_models import DigestSent, ReminderSent
from programme.snapshot_models import ProgrammeSnapshot, SnapshotRow

SNAPSHOTS_HOLD_NO_NAMES = (
    "instantanés du programme : immuables (déclencheur), ils ne copient aucun nom ni e-mail (codes, intitulés, "
    "montants, indicateurs ; l'auteur est une clé vers le compte, anonymisé avec lui)"
)


def reminders(person):
    if person.user is None:
        return []
    rows = ReminderSent.objects.filter(user=person.user).select_related("sheet").order_by("sent_at", "pk")
    return [
        {"rappel": row.get_kind_display(), "fiche": row.sheet.code, "echeance": row.due_on, "envoye_le": row.sent_at}
        for row in rows
    ]


def digests(person):
    if person.user is None:
        return []
    rows = DigestSent.objects.filter(user=person.user).order_by("sent_at")
    return [{"semaine": row.week, "envoyee_le": row.sent_at} for row in rows]


def register():
    personal_data.register("rappels_de_suivi", collect=reminders, label="les rappels de suivi de fiches envoyés")
    personal_data.register("lettres_hebdomadaires", collect=digests, label="les lettres hebdomadaires envoyées")
    for model in (ProgrammeSnapshot, SnapshotRow):
        personal_data.leave_untouched(model._meta.db_table, SNAPSHOTS_HOLD_NO_NAMES)
