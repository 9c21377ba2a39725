from django.core.management.base import BaseCommand

from dap.models.batch import BatchTrigger
from dap.tacit import run_tacit_batch


class Command(BaseCommand):
    help = "Accepte tacitement les DAP et avenants dont le délai d'instruction est écoulé."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000)
        parser.add_argument(
            "--no-email", action="store_true", help="Ne pas écrire les courriels aux employeurs."
        )

    def handle(self, *args, chunk_size, no_email, **options):
        run = run_tacit_batch(
            trigger=BatchTrigger.COMMAND, notify=not no_email, chunk_size=chunk_size
        )
        if run.skipped:
            self.stdout.write("Un autre traitement est en cours : rien n'a été fait.")
        else:
            self.stdout.write(f"{run.accepted} demande(s) acceptée(s) tacitement.")
