"""What the fiches actions hold about a person (fiches they lead or write, versions they saved, comments,
status changes, unsaved drafts), for « Mes données », anonymisation and retention: registered in
partners.personal_data by ActionsheetsConfig.ready()."""

from django.db.models import Q

from actionsheets.models import ActionSheet, ReviewComment, SectionDraft, SheetVersion, Transition
from partners import personal_data


def sheets(person):
    user, contact = person.user, person.contact
    query = Q(pk__in=[])
    if user is not None:
        query |= Q(created_by=user)
    if contact is not None:
        query |= Q(pilot=contact) | Q(co_authors=contact)
    rows = []
    for sheet in ActionSheet.objects.filter(query).distinct().order_by("code"):
        roles = [
            label
            for label, holds in (
                ("créée par vous", user is not None and sheet.created_by_id == user.pk),
                ("pilote", contact is not None and sheet.pilot_id == contact.pk),
                ("co-rédaction", contact is not None and sheet.co_authors.filter(pk=contact.pk).exists()),
            )
            if holds
        ]
        row = {"fiche": sheet.code, "intitule": sheet.title, "statut": sheet.get_status_display()}
        rows.append({**row, "role": ", ".join(roles)})
    return rows


def versions(person):
    if person.user is None:
        return []
    rows = SheetVersion.objects.filter(saved_by=person.user).select_related("sheet").order_by("saved_at", "pk")
    return [
        {
            "fiche": row.sheet.code,
            "version": row.number,
            "section": row.section,
            "le": row.saved_at,
            "contenu": row.data,
        }
        for row in rows
    ]


def comments(person):
    if person.user is None:
        return []
    rows = ReviewComment.objects.filter(author=person.user).select_related("sheet").order_by("created_at", "pk")
    return [
        {"fiche": row.sheet.code, "section": row.section, "le": row.created_at, "commentaire": row.text}
        for row in rows
    ]


def transitions(person):
    if person.user is None:
        return []
    rows = Transition.objects.filter(by=person.user).select_related("sheet").order_by("at", "pk")
    return [
        {
            "fiche": row.sheet.code,
            "le": row.at,
            "de": row.get_from_status_display(),
            "vers": row.get_to_status_display(),
            "commentaire": row.comment,
        }
        for row in rows
    ]


def drafts(person):
    if person.user is None:
        return []
    rows = SectionDraft.objects.filter(user=person.user).select_related("sheet").order_by("updated_at")
    return [
        {"fiche": row.sheet.code, "section": row.section, "modifie_le": row.updated_at, "texte": row.data}
        for row in rows
    ]


def forget_drafts(person, alias):
    """Unsaved drafts are the person's own work in progress: deleted. Saved versions stay (the fiche's history),
    linked to the anonymised account."""
    if person.user is not None:
        SectionDraft.objects.filter(user=person.user).delete()


def purge_drafts(cutoff):
    """« Brouillons abandonnés »: section drafts (typed, never saved) untouched since `cutoff`. Fiches in the
    « brouillon » state are shared work with a history, never purged."""
    return SectionDraft.objects.filter(updated_at__lt=cutoff).delete()[0]


def register():
    add = personal_data.register
    add("fiches", collect=sheets, label="les fiches actions que vous avez créées, pilotez ou co-rédigez")
    add("versions_de_fiches", collect=versions, label="les versions de fiches que vous avez enregistrées (historique)")
    add("commentaires", collect=comments, label="vos commentaires de relecture sur les fiches")
    add("changements_de_statut", collect=transitions, label="les changements de statut de fiches que vous avez faits")
    add("brouillons", collect=drafts, anonymise=forget_drafts, label="vos brouillons de sections non enregistrés")
    personal_data.register_retention(
        "drafts",
        setting="RETENTION_DRAFT_DAYS",
        label="Brouillons de sections jamais enregistrés, sans modification depuis",
        purge=purge_drafts,
    )
