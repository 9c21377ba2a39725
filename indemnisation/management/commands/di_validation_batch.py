from django.core.management.base import BaseCommand

from dap.models.batch import BatchTrigger
from indemnisation.batch import run_validation_batch


class Command(BaseCommand):
    help = "Valide et met en paiement les DI envoyées depuis plus de 72 heures et non arrêtées."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000)
        parser.add_argument(
            "--no-email", action="store_true", help="Ne pas écrire les courriels aux employeurs."
        )

    def handle(self, *args, chunk_size, no_email, **options):
        run = run_validation_batch(
            trigger=BatchTrigger.COMMAND, notify=not no_email, chunk_size=chunk_size
        )
        if run.skipped:
            self.stdout.write("Un autre traitement est en cours : rien n'a été fait.")
        else:
            self.stdout.write(f"{run.accepted} demande(s) d'indemnisation validée(s).")
