from django.core.management.base import BaseCommand

from support import faq_content
from support.models import Category, Entry
from support.sanitize import sanitize_html


class Command(BaseCommand):
    help = "Charge (ou met à jour) le contenu initial de la base documentaire."

    def handle(self, *args, **options):
        created, updated = faq_content.load(Category, Entry, sanitize_html)
        self.stdout.write(
            f"Base documentaire : {created} article(s) créé(s), {updated} mis à jour."
        )
