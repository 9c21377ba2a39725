"""Exit 0 when the Celery worker executed its heartbeat task recently, 1 otherwise.

A worker whose pool processes hang still answers `celery inspect ping` (the main process
is alive) but runs nothing: the heartbeat, scheduled by beat every 30 seconds and run by
the pool, is what shows that tasks get done (issue 10, hole 9). docker-compose's
healthcheck of the worker runs this command.
"""

import sys
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Vérifie que le worker Celery exécute encore des tâches (battement récent)."

    def add_arguments(self, parser):
        parser.add_argument("--max-age", type=int, default=180, help="secondes")

    def handle(self, *args, max_age, **options):
        path = Path(settings.WORKER_HEARTBEAT_FILE)
        try:
            beat = datetime.fromisoformat(path.read_text().strip())
        except (OSError, ValueError):
            self.stderr.write("Aucun battement du worker : il n'a encore exécuté aucune tâche.")
            sys.exit(1)
        age = (timezone.now() - beat).total_seconds()
        if age > max_age:
            self.stderr.write(f"Dernier battement du worker il y a {int(age)} s : bloqué ?")
            sys.exit(1)
        self.stdout.write(f"Worker vivant (dernier battement il y a {int(age)} s).")
