"""What the partners app (and the background layer below it) holds about a person, and its retention rules,
registered in partners.personal_data by PartnersConfig.ready()."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from partners import personal_data
from partners.enums import Role
from partners.models import AuditEntry, ImportBatch, SentEmail, User


def account(person):
    user = person.user
    if user is None:
        return []
    return [
        {
            "adresse_e_mail": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "role": user.get_role_display(),
            "actif": user.is_active,
            "cree_le": user.date_joined,
            "active_le": user.activated_at,
            "derniere_connexion": user.last_login,
            "rappels_de_suivi": user.follow_up_reminders,
            "lettre_hebdomadaire": user.weekly_digest,
        }
    ]


def contact_card(person):
    contact = person.contact
    if contact is None:
        return []
    return [
        {
            "civilite": contact.get_civility_display(),
            "prenom": contact.first_name,
            "nom": contact.last_name,
            "fonction": contact.function,
            "structure": contact.organisation.name,
            "e_mail_professionnel": contact.email,
            "telephone_professionnel": contact.phone,
            "interlocuteur_principal": contact.is_primary,
            "actif": contact.is_active,
            "modifie_le": contact.updated_at,
        }
    ]


def _about(person):
    """Q of the journal's entries about the person's account or card."""
    query = Q(pk__in=[])
    for holder in (person.user, person.contact):
        if holder is not None:
            kind = ContentType.objects.get_for_model(holder)
            query |= Q(target_type=kind, target_id=str(holder.pk))
    return query


def journal(person):
    by_them = Q(actor=person.user) if person.user else Q(pk__in=[])
    entries = AuditEntry.objects.filter(_about(person) | by_them).select_related("target_type").order_by("at", "pk")
    return [
        {
            "date": entry.at,
            "action": entry.get_verb_display(),
            "objet": f"{entry.target_type.name} n° {entry.target_id}",
            "detail": entry.message,
            "vous_concerne": entry.actor_id != getattr(person.user, "pk", None),
            "fait_par_vous": person.user is not None and entry.actor_id == person.user.pk,
        }
        for entry in entries
    ]


def emails(person):
    return [
        {
            "cree_le": sent.created_at,
            "envoye_le": sent.sent_at,
            "etat": sent.get_status_display(),
            "destinataires": sent.to,
            "objet": sent.subject,
        }
        for sent in personal_data.emails_sent_to(person).order_by("created_at", "pk")
    ]


def imports(person):
    if person.user is None:
        return []
    batches = ImportBatch.objects.filter(created_by=person.user).order_by("created_at")
    return [
        {
            "depose_le": batch.created_at,
            "fichier": batch.file_name,
            "importe_le": batch.applied_at,
            "resultat": batch.summary,
        }
        for batch in batches
    ]


def documents(person):
    from background.models import DocumentBuild

    if person.user is None:
        return []
    builds = DocumentBuild.objects.filter(requested_by=person.user).order_by("created_at")
    return [
        {
            "document": build.kind,
            "demande_le": build.created_at,
            "etat": build.get_status_display(),
            "parametres": build.params,
        }
        for build in builds
    ]


def logins(person):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    rows = []
    for email in person.emails:
        for log in AccessLog.objects.filter(username__iexact=email):
            rows.append({"date": log.attempt_time, "resultat": "connexion", "adresse_ip": log.ip_address})
        for log in AccessFailureLog.objects.filter(username__iexact=email):
            result = "échec (compte bloqué)" if log.locked_out else "échec"
            rows.append({"date": log.attempt_time, "resultat": result, "adresse_ip": log.ip_address})
        for attempt in AccessAttempt.objects.filter(username__iexact=email):
            result = f"échec ({attempt.failures_since_start} tentative(s) depuis la dernière connexion réussie)"
            rows.append({"date": attempt.attempt_time, "resultat": result, "adresse_ip": attempt.ip_address})
    return sorted(rows, key=lambda row: row["date"])


def register_sections():
    register = personal_data.register
    register("compte", collect=account, label="votre compte sur le portail et vos préférences de suivi")
    register("fiche_interlocuteur", collect=contact_card, label="votre fiche d'interlocuteur dans l'annuaire")
    register(
        "journal",
        collect=journal,
        label="le journal des actions à votre sujet et de celles que vous avez faites",
        about=(
            "« vous_concerne » : l'action porte sur votre compte ou votre fiche ; "
            "« fait_par_vous » : vous l'avez faite."
        ),
    )
    register(
        "courriels",
        collect=emails,
        label="les e-mails que le portail vous a envoyés",
        about=(
            "Le texte d'un e-mail est effacé dès son envoi ; celui d'un e-mail en attente n'est pas repris ici "
            "(il peut contenir un lien personnel à usage unique)."
        ),
    )
    register("imports", collect=imports, label="les listes de partenaires que vous avez déposées (sans leur contenu)")
    register("documents", collect=documents, label="les documents (PDF) que vous avez demandés")
    register("connexions", collect=logins, label="le journal de sécurité de vos connexions et tentatives échouées")


# --- Retention rules ----------------------------------------------------------------------------------------


def purge_sent_emails(cutoff):
    return SentEmail.objects.exclude(status=SentEmail.Status.QUEUED).filter(created_at__lt=cutoff).delete()[0]


def purge_audit(cutoff):
    return AuditEntry.objects.filter(at__lt=cutoff).delete()[0]


def empty_import_contents(cutoff):
    """Uploaded lists keep their content (and the table read from it) until imported; after the delay (or abandoned
    that long) both are emptied."""
    old = ImportBatch.objects.exclude(content=b"").filter(Q(applied_at__lt=cutoff) | Q(created_at__lt=cutoff))
    return old.update(content=b"", table=[])


def purge_sessions(cutoff):
    expired = Session.objects.filter(expire_date__lt=timezone.now())
    return expired.delete()[0]


def purge_login_logs(cutoff):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    )


def purge_task_results(cutoff):
    from background.worker import prune_task_results

    return prune_task_results()


def retire_idle_accounts(cutoff):
    """Accounts unused since `cutoff` (administrators apart): anonymised, unless their interlocutor card still
    represents an active structure — then the account is only deactivated (the card stays in the directory)."""
    from partners.services import set_account_active

    idle = (
        User.objects.exclude(role=Role.ADMIN)
        .exclude(email__endswith=personal_data.PLACEHOLDER_EMAIL.split("@")[1])
        .annotate(last_seen=Coalesce("last_login", "activated_at", "date_joined"))
        .filter(last_seen__lt=cutoff)
    )
    done = 0
    for user in idle:
        person = personal_data.Person.of_user(user)
        contact = person.contact
        if contact is not None and contact.is_active and contact.organisation.is_active:
            if user.is_active:
                set_account_active(by=None, user=user, active=False)
                done += 1
            continue
        personal_data.anonymise(person=person, by=None)
        done += 1
    return done


def register_retentions():
    rule = personal_data.register_retention
    rule(
        "sent_emails",
        setting="RETENTION_SENT_EMAIL_DAYS",
        label="E-mails envoyés (journal d'envoi)",
        purge=purge_sent_emails,
    )
    rule("audit", setting="RETENTION_AUDIT_DAYS", label="Journal des actions", purge=purge_audit)
    rule(
        "import_contents",
        setting="RETENTION_IMPORT_DAYS",
        label="Contenu des listes de partenaires importées (après l'import, ou abandonnées)",
        purge=empty_import_contents,
    )
    rule(
        "login_logs",
        setting="RETENTION_LOGINS_DAYS",
        label="Journal de sécurité des connexions (réussies, échouées, blocages)",
        purge=purge_login_logs,
    )
    rule(
        "idle_accounts",
        setting="RETENTION_IDLE_ACCOUNT_DAYS",
        label=(
            "Comptes sans connexion : anonymisés (seulement désactivés tant que leur fiche d'interlocuteur est active)"
        ),
        purge=retire_idle_accounts,
    )
    rule(
        "sessions",
        label="Sessions de connexion",
        duration="jusqu'à leur expiration (inactivité ou durée maximale de session)",
        purge=purge_sessions,
    )
    rule(
        "task_results",
        setting="TASK_RESULTS_KEEP_DAYS",
        label="Résultats des travaux en arrière-plan",
        purge=purge_task_results,
    )
