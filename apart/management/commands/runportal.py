"""`make run`: the web server, a Celery worker and Celery beat, stopped together by Ctrl-C."""

import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


def voice_status() -> str:
    """Whether the captcha can be heard (RGAA 1.5): said at start, so a missing voice is seen."""
    if shutil.which("espeak-ng"):
        return "Captcha audio : voix française (espeak-ng)."
    if shutil.which("flite"):
        return "Captcha audio : voix anglaise seulement (flite) ; apt-get install espeak-ng."
    return (
        "Captcha audio : AUCUNE VOIX installée, pas de version audio "
        "(apt-get install espeak-ng) ; l'opération à résoudre reste proposée."
    )


class Command(BaseCommand):
    help = "Démarre le serveur web, un worker Celery et Celery beat (arrêtés ensemble par Ctrl-C)."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        python = sys.executable
        beat_schedule = str(settings.VAR_DIR / "celerybeat-schedule")
        commands = {
            "web": [python, "manage.py", "runserver", addrport],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "apart",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "--without-gossip",
                "--without-mingle",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "apart",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                beat_schedule,
            ],
        }
        broker = "Redis" if settings.REDIS_URL else "courtier embarqué (fichiers sous var/broker)"
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"Base de données : {database} — courtier : {broker}")
        self.stdout.write(voice_status())
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
        self.stdout.write(self.style.SUCCESS(f"Portail : http://{addrport}/ (Ctrl-C pour arrêter)"))
        try:
            while all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
            dead = [name for name, p in processes.items() if p.poll() is not None]
            self.stderr.write(f"Processus arrêté : {', '.join(dead)} — arrêt des autres.")
        except KeyboardInterrupt:
            self.stdout.write("Arrêt…")
        finally:
            self._stop(processes)

    def _stop(self, processes):
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
