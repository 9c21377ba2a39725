"""Demandes d'assistance for the support queue: a backlog of every motif and status."""

from django.utils import timezone

from bench.seeders.copy import copy_rows, scalar
from bench.seeders.establishments import SERIES_ESTABLISHED, siret

NAME = "demandes d'assistance"
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MOTIFS = ["habilitation", "fiche_etablissement", "dap", "decision", "indemnisation", "autres"]
STATUSES = ["new", "new", "in_progress", "closed", "closed", "closed"]
COLUMNS = [
    "reference", "siret", "denomination", "requester_name", "phone", "email", "motif",
    "description", "status", "created_at", "updated_at",
]  # fmt: skip


def reference(n: int) -> str:
    """A unique reference in the tickets' alphabet, prefixed so it never meets a real one."""
    digits = ""
    for _ in range(7):
        n, rest = divmod(n, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return "Z" + digits


def wanted(volumes) -> bool:
    from support.models import Ticket

    return Ticket.objects.filter(reference__startswith="Z").count() < volumes.tickets


def seed(cursor, volumes) -> dict:
    have = scalar(cursor, "SELECT count(*) FROM support_ticket WHERE reference LIKE 'Z%%'")
    now = timezone.now()

    def rows():
        for n in range(have, volumes.tickets):
            moment = now - timezone.timedelta(minutes=n)
            yield (
                reference(n), siret(n, SERIES_ESTABLISHED), f"BENCH {n:06d}", f"Prénom NOM{n}",
                "0600000000", f"employeur{n}@bench.exemple.fr", MOTIFS[n % len(MOTIFS)],
                "Je n'arrive pas à accéder à mon espace.", STATUSES[n % len(STATUSES)],
                moment, moment,
            )  # fmt: skip

    return {"support_ticket": copy_rows(cursor, "support_ticket", COLUMNS, rows())}
