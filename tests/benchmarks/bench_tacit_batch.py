"""The tacit-acceptance batch on a large backlog, in PostgreSQL (`make bench`).

Creates a throwaway database next to DATABASE_URL's (never the portal's own), seeds
BENCH_TACIT_ROWS pending requests (1,000,000 by default; half of them past their delay, one
in ten an avenant) with generate_series, then times the batch (accept, log, create the DAs)
and prints requests/s and peak memory (tracemalloc for Python objects, ru_maxrss for the
process). A first, ten times smaller backlog shows that memory does not grow with the
backlog (bounded chunks). Target: the whole backlog in under 60 s on the 2-core machine.
The DAs' emails are written afterwards by the notification step, timed on a sample.
Skips (exit 0) with a message when DATABASE_URL is not PostgreSQL.
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
ROWS = int(os.environ.get("BENCH_TACIT_ROWS", "1000000"))
ESTABLISHMENTS = 2000
NOTIFY_SAMPLE = int(os.environ.get("BENCH_TACIT_NOTIFY", "2000"))


def bench_database_url() -> str | None:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return None
    name = parts.path.lstrip("/") or "apart"
    return urlunsplit(parts._replace(path=f"/{name}_bench_tacit"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def seed_establishments() -> None:
    from dap.tests.factories import complete_fiche  # noqa: F401  (same fiche as the tests)
    from establishments.models import Establishment
    from establishments.synthetic import synthetic_siret

    Establishment.objects.bulk_create(
        [
            Establishment(
                siret=synthetic_siret(n, series=7), siren=synthetic_siret(n, series=7)[:9],
                denomination=f"ENTREPRISE {n}", street_label="RUE DE LA PAIX",
                postal_code="75002", city="PARIS", insee_code="75102",
                email=f"e{n}@exemple.fr", phone="0144556677",
                iban="FR7630006000011234567890189", bic="AGRIFRPP", account_holder=f"E {n}",
            )
            for n in range(ESTABLISHMENTS)
        ],
        batch_size=1000,
    )  # fmt: skip


def seed_requests(first: int, count: int) -> None:
    """`count` pending requests in one INSERT … SELECT generate_series: odd ones overdue."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM establishments_establishment")
        first_establishment = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO dap_authorizationrequest (
                kind, number, establishment_id, status, reason, sub_reason, circumstances,
                closure, period_start, period_end, employees, hours, cse_opinion, prior_use,
                engagements, engagement_other, change_reason, created_at, updated_at, sent_at,
                first_sent_at, tacit_deadline)
            SELECT CASE WHEN g %% 10 = 0 THEN 'avenant' ELSE 'dap' END,
                   CASE WHEN g %% 10 = 0 THEN 'AVE' ELSE 'DAP' END || '07520'
                       || lpad(g::text, 8, '0'),
                   %(est)s + (g %% %(n_est)s), 'sent', 'exceptional', 'coronavirus',
                   'Fermeture administrative', 'closure', DATE '2020-03-16', DATE '2020-06-30',
                   5, 1000, 'no_cse', false, '[]'::jsonb, '', '', now(), now(),
                   now() - interval '3 days', now() - interval '3 days',
                   CASE WHEN g %% 2 = 1 THEN now() - interval '1 day'
                        ELSE now() + interval '1 day' END
            FROM generate_series(%(first)s, %(last)s) AS g
            """,
            {"est": first_establishment, "n_est": ESTABLISHMENTS, "first": first,
             "last": first + count - 1},
        )  # fmt: skip
        cursor.execute("ANALYZE dap_authorizationrequest")


def backend_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend (same machine: /proc), so that the
    figure is read apart from what the other processes of a busy machine take."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_batch(label: str, backlog: int, workers: int) -> dict:
    from dap.models import AuthorizationRequest
    from dap.tacit import run_tacit_batch

    overdue = AuthorizationRequest.objects.pending().filter(tacit_deadline__lte=_now()).count()
    load = os.getloadavg()[0]
    tracemalloc.start()
    cpu_before, cpu_start = backend_cpu_seconds(), time.process_time()
    start = time.perf_counter()
    run = run_tacit_batch(notify=False, workers=workers)
    elapsed = time.perf_counter() - start
    cpu_after, python_cpu = backend_cpu_seconds(), time.process_time() - cpu_start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert run.accepted == overdue, (run.accepted, overdue)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:<10} {workers} connection(s), backlog {backlog:>9,} pending, "
        f"{run.accepted:>9,} overdue accepted in "
        f"{elapsed:6.1f} s: {run.accepted / elapsed:9,.0f} requests/s; Python peak "
        f"{peak / 2**20:6.1f} MiB (tracemalloc), process max RSS {rss:6.0f} MiB"
    )
    if workers == 1 and cpu_before is not None and cpu_after is not None:
        cpu = cpu_after - cpu_before + python_cpu
        print(
            f"{'':<10} CPU used: PostgreSQL backend {cpu_after - cpu_before:5.1f} s + Python "
            f"{python_cpu:4.1f} s = {run.accepted / cpu:9,.0f} requests per CPU-second "
            f"(load average {load:.1f} on {os.cpu_count()} cores when it started)"
        )
    return {"elapsed": elapsed, "peak": peak}


def _now():
    from django.utils import timezone

    return timezone.now()


def timed_notifications() -> None:
    from dap.models import Decision
    from dap.services.notifications import notify_pending_decisions

    keep = list(Decision.objects.order_by("id").values_list("id", flat=True)[:NOTIFY_SAMPLE])
    Decision.objects.exclude(id__in=keep).update(notified_at=_now())
    start, cpu_start = time.perf_counter(), time.process_time()
    sent = notify_pending_decisions()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"emails     {sent:,} DA emails written to the outbox in {elapsed:5.1f} s: "
        f"{sent / elapsed:,.0f} emails/s (rendering three templates each); Python CPU "
        f"{cpu:4.1f} s = {sent / cpu:,.0f} emails per CPU-second (load average "
        f"{os.getloadavg()[0]:.1f})"
    )


def timed_drain() -> None:
    """The worker's side: the rows just written, sent (locmem backend) one task per chunk
    as `send_outbox_emails` does, then the same number one row per call as the sweep does."""
    from django.core import mail

    from apart.core import outbox
    from apart.core.models import OutboxEmail, OutboxStatus

    ids = list(OutboxEmail.objects.filter(status=OutboxStatus.PENDING).values_list("pk", flat=True))
    half, chunk = len(ids) // 2, outbox.WRITE_CHUNK
    mail.outbox = []
    start = time.perf_counter()
    for first in range(0, half, chunk):
        outbox.send_each_pending(ids[first : min(first + chunk, half)])
    by_chunk = time.perf_counter() - start
    start = time.perf_counter()
    for email_id in ids[half:]:
        outbox.send_if_pending(email_id)
    one_by_one = time.perf_counter() - start
    assert len(mail.outbox) == len(ids), (len(mail.outbox), len(ids))
    print(
        f"drain      {half:,} pending emails sent in chunks of {chunk} in {by_chunk:5.1f} s: "
        f"{half / by_chunk:,.0f} emails/s; {len(ids) - half:,} one row per call in "
        f"{one_by_one:5.1f} s: {(len(ids) - half) / one_by_one:,.0f} emails/s (locmem backend)"
    )


def main() -> None:
    url = bench_database_url()
    if url is None:
        print(
            "SKIPPED bench_tacit_batch: DATABASE_URL is not PostgreSQL. The batch's set-based "
            "SQL (FOR UPDATE SKIP LOCKED) is measured on PostgreSQL only; run e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/apart make bench"
        )
        return
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "apart.settings"
    # Emails stay in the outbox (a scratch filesystem broker, no worker): the bench times
    # the portal's work, not SMTP.
    os.environ.pop("REDIS_URL", None)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
    os.environ["DEBUG"] = "0"  # no query log growing with the number of chunks
    os.environ["APART_VAR_DIR"] = tempfile.mkdtemp(prefix="apart-bench-tacit-")
    sys.path.insert(0, str(ROOT))
    recreate_database(url)
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        for directory in settings.LOCAL_DIRECTORIES:  # the filesystem broker's (as manage.py)
            Path(directory).mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0)
        seed_establishments()
        small = max(ROWS // 10, 1000)
        start = time.perf_counter()
        seed_requests(1, small)
        print(f"seeded     {small:,} requests in {time.perf_counter() - start:.1f} s")
        first = timed_batch("small", small, workers=1)
        start = time.perf_counter()
        seed_requests(small + 1, ROWS)
        print(f"seeded     {ROWS:,} requests in {time.perf_counter() - start:.1f} s")
        full = timed_batch("full", ROWS + small // 2, workers=settings.DAP_BATCH_WORKERS)
        growth = full["peak"] / max(first["peak"], 1)
        verdict = "PASS" if full["elapsed"] < 60 else "SLOWER THAN TARGET"
        print(
            f"target     whole backlog < 60 s: {verdict}; Python peak memory "
            f"{first['peak'] / 2**20:.2f} -> {full['peak'] / 2**20:.2f} MiB (x{growth:.2f}) "
            f"for a backlog x{(ROWS + small // 2) / small:.0f}"
        )
        timed_notifications()
        timed_drain()
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(url)


if __name__ == "__main__":
    main()
