"""SentEmail becomes the outbox: a state (queued/sent/failed), attempts and retries, the stored message, an
idempotency key (the Message-ID). Rows of the old log were sent (or failed) without their content: they become
« Envoyé » (or « Échec », not resendable), with content_kept False."""

import uuid

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def old_log_to_outbox(apps, schema_editor):
    SentEmail = apps.get_model("partners", "SentEmail")
    rows = SentEmail.objects.all()
    rows.update(created_at=F("sent_at"), next_attempt_at=F("sent_at"), content_kept=False, attempts=1)
    rows.filter(ok=True).update(status="sent")
    rows.filter(ok=False).update(
        status="failed",
        sent_at=None,
        last_error="Échec d'un envoi antérieur à la file d'envoi (contenu non conservé).",
    )
    for pk in SentEmail.objects.filter(idempotency_key__isnull=True).values_list("pk", flat=True).iterator():
        SentEmail.objects.filter(pk=pk).update(idempotency_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0008_list_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="sentemail",
            name="idempotency_key",
            field=models.UUIDField(null=True, editable=False, verbose_name="clé d'envoi"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="status",
            field=models.CharField(
                choices=[("queued", "En attente"), ("sent", "Envoyé"), ("failed", "Échec")],
                default="queued",
                max_length=10,
                verbose_name="état",
            ),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="créé le"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="next_attempt_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="prochain essai"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="essais"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="last_error",
            field=models.CharField(blank=True, max_length=300, verbose_name="dernière erreur"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="template",
            field=models.CharField(blank=True, max_length=100, verbose_name="modèle"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="from_email",
            field=models.CharField(blank=True, max_length=300, verbose_name="expéditeur"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="recipients",
            field=models.JSONField(blank=True, default=dict, verbose_name="adresses"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="body",
            field=models.TextField(blank=True, verbose_name="texte"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="alternatives",
            field=models.JSONField(blank=True, default=list, verbose_name="versions HTML"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="headers",
            field=models.JSONField(blank=True, default=dict, verbose_name="en-têtes"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="attachments",
            field=models.JSONField(blank=True, default=list, verbose_name="pièces jointes"),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="content_kept",
            field=models.BooleanField(default=True, verbose_name="contenu conservé"),
        ),
        migrations.AlterField(
            model_name="sentemail",
            name="sent_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="envoyé le"),
        ),
        migrations.RunPython(old_log_to_outbox, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sentemail",
            name="idempotency_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="clé d'envoi"),
        ),
        migrations.RemoveField(model_name="sentemail", name="ok"),
        migrations.AlterModelOptions(
            name="sentemail",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "e-mail envoyé",
                "verbose_name_plural": "e-mails envoyés",
            },
        ),
        migrations.AddIndex(
            model_name="sentemail",
            index=models.Index(fields=["status", "next_attempt_at"], name="sentemail_due_idx"),
        ),
        migrations.AddIndex(
            model_name="sentemail",
            index=models.Index(fields=["related_type", "related_id"], name="sentemail_related_idx"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="verb",
            field=models.CharField(
                choices=[
                    ("created", "Création"),
                    ("updated", "Modification"),
                    ("deactivated", "Désactivation"),
                    ("reactivated", "Réactivation"),
                    ("activation_sent", "Lien « Définir mon mot de passe » envoyé"),
                    ("password_set", "Mot de passe défini"),
                    ("merged", "Fusion"),
                    ("imported", "Import"),
                    ("invited", "Invitations envoyées"),
                    ("answered", "Réponse à une invitation"),
                    ("cancelled", "Annulation"),
                    ("attendance", "Émargement"),
                    ("published", "Publication"),
                    ("revoked", "Révocation"),
                    ("resent", "E-mail renvoyé"),
                ],
                max_length=40,
                verbose_name="action",
            ),
        ),
    ]
