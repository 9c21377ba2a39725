"""Server time and SQL queries of the key pages, on the demo data (`make bench`).

Prints the median and 95th percentile of N renders through Django's test client (no network),
and the number of queries of one render, for an anonymous visitor and for the demo
expert-comptable attached to 200 establishments.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apart.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "50"))


def measure(client: Client, url: str) -> tuple[float, float, int, int]:
    client.get(url)  # warm-up
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return statistics.median(timings), p95, len(queries), response.status_code


def main() -> None:
    anonymous = Client()
    accountant = Client()
    accountant.force_login(User.objects.get(identifiant="demo.comptable"))
    pages = [
        ("accueil (anonyme)", anonymous, reverse("home")),
        (
            "tableau de bord, expert-comptable 200 SIRET",
            accountant,
            reverse("establishments:dashboard"),
        ),
        ("liste des établissements, 200 SIRET", accountant, reverse("establishments:list")),
    ]
    print(f"{'page':<48} {'médiane':>9} {'p95':>9} {'requêtes':>9} {'HTTP':>5}")
    for label, client, url in pages:
        median, p95, queries, status = measure(client, url)
        print(f"{label:<48} {median:>7.1f}ms {p95:>7.1f}ms {queries:>9} {status:>5}")


if __name__ == "__main__":
    main()
