"""Load the reference data shipped in the repo (idempotent: every import upserts)."""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

IMPORTS = ["import_communes", "import_naf", "import_idcc", "import_sirene", "load_faq"]


class Command(BaseCommand):
    help = "Charge les données de référence livrées (communes, NAF, IDCC, SIRENE, FAQ)."

    def handle(self, *args, **options):
        available = get_commands()
        for name in IMPORTS:
            if name in available:
                self.stdout.write(f"→ {name}")
                call_command(name, stdout=self.stdout, stderr=self.stderr)
