"""Load the demo data (Ville de Plaisir, 2015) idempotently, and print the demo logins. Development only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partners.models import Contact, Organisation
from solidarites.demo import actionsheets, partners, programme, workshops


class Command(BaseCommand):
    help = "Charge les données de démonstration (Ville de Plaisir) sans créer de doublons."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Les données de démonstration sont refusées en production (DJANGO_DEBUG=false).")
        with transaction.atomic():
            accounts = partners.load_partners()
            workshops.load_workshops(stdout=self.stdout)
            actionsheets.load_actionsheets(stdout=self.stdout)
            actionsheets.load_overlap_examples(stdout=self.stdout)
            programme.load_key_partner_types()
        self.print_logins(accounts)

    def print_logins(self, accounts):
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes. Comptes de démonstration :"))
        for user in accounts:
            self.stdout.write(
                f"  {user.get_role_display():<48} {user.email:<34} mot de passe : {partners.DEMO_PASSWORD}"
            )
        self.stdout.write(f"  (le compte partenaire représente « {partners.DEMO_PARTNER_ORGANISATION} »)")
        self.stdout.write(
            f"Annuaire : {Organisation.objects.count()} structures, {Contact.objects.count()} interlocuteurs."
        )
        self.stdout.write(workshops.summary())
        self.stdout.write(actionsheets.summary())
        self.stdout.write("Portail : http://127.0.0.1:8000/")
