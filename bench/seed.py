"""Seed the benchmark database: `python -m bench.seed` (idempotent; BENCH_* volumes)."""

import os
import time
from dataclasses import dataclass

from bench.django_setup import setup


@dataclass(frozen=True)
class Volumes:
    establishments: int = int(os.environ.get("BENCH_ESTABLISHMENTS", "200000"))
    unfiled: int = int(os.environ.get("BENCH_UNFILED_SIRETS", "300000"))
    tickets: int = int(os.environ.get("BENCH_TICKETS", "20000"))
    daps: int = int(os.environ.get("BENCH_DAPS", "1000000"))
    das: int = int(os.environ.get("BENCH_DAS", "200000"))
    di_lines: int = int(os.environ.get("BENCH_DI_LINES", "1000000"))
    # Drafts the send scenarios file (bench/seeders/sends.py), topped up at each seeding.
    sendable_daps: int = int(os.environ.get("BENCH_SENDABLE_DAPS", "5000"))
    sendable_dis: int = int(os.environ.get("BENCH_SENDABLE_DIS", "5000"))


def main() -> None:
    setup()
    from django.db import connection, transaction

    from bench.seeders import SEEDERS

    volumes = Volumes()
    for seeder in SEEDERS:
        if not seeder.wanted(volumes):
            reason = getattr(seeder, "skipped_reason", lambda: "déjà en base")()
            if hasattr(seeder, "models_present") and seeder.models_present():
                reason = "déjà en base"
            print(f"  {seeder.NAME}: {reason}")
            continue
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            written = seeder.seed(cursor, volumes)
        elapsed = time.perf_counter() - started
        rows = ", ".join(f"{table} {count:,}".replace(",", " ") for table, count in written.items())
        print(f"  {seeder.NAME}: {rows} en {elapsed:.1f} s")
    with connection.cursor() as cursor:
        # The runs' own writes (the sends, the batches and their undoing) leave dead rows
        # behind; a cluster with autovacuum off (this machine's) would keep them for ever
        # and each run would measure a more bloated database than the last.
        cursor.execute("VACUUM (ANALYZE)")
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] != "on":
            print("  autovacuum désactivé sur ce serveur : VACUUM (ANALYZE) fait avant la mesure")


if __name__ == "__main__":
    main()
