"""The background side of `make bench`: what one Celery worker processes, on the bench
database and a Redis database of its own.

1. « Créer mon espace » requests processed per second by one worker (solo pool): each
   creates the account, habilitation and attachment and writes three emails to the outbox
   (IDENTIFIANT, MOT DE PASSE, HABILITATION), each then sent by its own task (locmem backend).
2. The outbox draining a backlog of BENCH_OUTBOX pending emails (100,000) through the sweep
   (the path taken after a broker outage), in two processes at once to show it is safe with
   several workers: every email is sent, none twice.
3. The batches on the seeded backlog (tacit validation of DAPs…) when their issues land.
"""

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.django_setup import setup

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_ACCOUNT_REQUESTS", "200"))
OUTBOX = int(os.environ.get("BENCH_OUTBOX", "100000"))
DRAIN_LIMIT_SECONDS = int(os.environ.get("BENCH_DRAIN_SECONDS", "300"))  # bounded run
QUEUE = "apart-bench"


def _account_requests(count: int) -> list[int]:
    from django.db import connection, transaction
    from django.utils import timezone

    from apart.core.sealed import seal
    from bench.seeders.copy import copy_rows
    from bench.seeders.establishments import unfiled_sirets
    from habilitations.services import SECRET_ANSWER_PURPOSE

    now = timezone.now()
    stamp = int(time.time())
    with transaction.atomic(), connection.cursor() as cursor:
        sirets = unfiled_sirets(cursor)[:count]
        columns = [
            "kind", "status", "outcome", "siret", "establishment_data", "last_name", "first_name",
            "phone", "email", "secret_question", "secret_answer_sealed", "secret_answer_hash",
            "attachment_role", "created_at",
        ]  # fmt: skip
        data = (
            '{"denomination": "SOCIETE BENCH", "street_label": "RUE", "postal_code": "75001", '
            '"city": "PARIS", "insee_code": "75101", "email": "contact@bench.exemple.fr", '
            '"phone": "0145000000"}'
        )
        rows = (
            ("create_space", "received", "", siret, data, f"Lot{stamp}", f"Personne{n}",
             "0612345678", f"lot{stamp}.{n}@bench.exemple.fr", "Ville de naissance ?",
             seal("Limoges", purpose=SECRET_ANSWER_PURPOSE), "", "user", now)
            for n, siret in enumerate(sirets)
        )  # fmt: skip
        copy_rows(cursor, "habilitations_accountrequest", columns, rows)
        cursor.execute(
            "SELECT id FROM habilitations_accountrequest WHERE email LIKE %s ORDER BY id",
            [f"lot{stamp}.%"],
        )
        return [row[0] for row in cursor.fetchall()]


def _worker(env) -> subprocess.Popen:
    celery = str(Path(sys.executable).with_name("celery"))
    command = [
        celery, "-A", "apart", "worker", "-P", "solo", "-Q", QUEUE, "--without-heartbeat",
        "--without-mingle", "--without-gossip", "--loglevel", "WARNING",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (from /proc): what the work cost, whatever the
    other programs of a shared machine do to the wall-clock time."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def _stop(process) -> None:
    import signal

    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def account_creation_rate(env) -> str:
    from apart.core.models import OutboxEmail
    from habilitations.models import AccountRequest
    from habilitations.tasks import process_account_request

    ids = _account_requests(REQUESTS)
    worker = _worker(env)
    try:
        time.sleep(3)  # the worker connects to the broker
        cpu_before = _cpu_seconds(worker.pid)
        started = time.perf_counter()
        for request_id in ids:
            process_account_request.delay(request_id)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            requests = AccountRequest.objects.filter(pk__in=ids)
            pending = requests.filter(processed_at__isnull=True).count()
            recipients = requests.values("email")
            unsent = OutboxEmail.objects.filter(recipient__in=recipients).exclude(status="sent")
            if not pending and not unsent.exists():
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds(worker.pid) - cpu_before
    finally:
        _stop(worker)
    emails = OutboxEmail.objects.filter(
        recipient__in=AccountRequest.objects.filter(pk__in=ids).values("email"), status="sent"
    ).count()
    done = AccountRequest.objects.filter(pk__in=ids, processed_at__isnull=False).count()
    return (
        f"| demandes « Créer mon espace » traitées par 1 worker (solo) | {done} en {elapsed:.1f} s "
        f"| **{done / elapsed:.1f} demandes/s**, {emails} courriels envoyés "
        f"({emails / elapsed:.1f}/s) ; CPU du worker {1000 * cpu / max(done, 1):.0f} ms par "
        f"demande, soit {done / cpu:.0f} demandes/s par cœur |"
    )


def _seed_outbox(count: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from apart.core.models import OutboxEmail
    from bench.seeders.copy import copy_rows

    table = OutboxEmail._meta.db_table
    old = timezone.now() - timezone.timedelta(minutes=10)  # older than the sweep's delay
    columns = [
        "recipient", "subject", "template", "body_text", "body_html", "status", "attempts",
        "last_error", "created_at",
    ]  # fmt: skip
    rows = (
        (f"arriere{n}@bench.exemple.fr", "Votre habilitation", "bench_backlog",
         "Bonjour,\nvotre habilitation est créée.\n", "", "pending", 0, "", old)
        for n in range(count)
    )  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE template = 'bench_backlog'")
        copy_rows(cursor, table, columns, rows)


def _sweeper(deadline: float, cpu) -> None:
    setup()
    from apart.core.tasks import sweep_outbox

    started = time.process_time()
    while time.time() < deadline and sweep_outbox():
        pass
    cpu.put(time.process_time() - started)


def outbox_drain() -> str:
    from apart.core.models import OutboxEmail

    _seed_outbox(OUTBOX)
    backlog = OutboxEmail.objects.filter(template="bench_backlog")
    started = time.perf_counter()
    deadline = time.time() + DRAIN_LIMIT_SECONDS
    context = multiprocessing.get_context("spawn")
    cpu_times = context.Queue()
    sweepers = [context.Process(target=_sweeper, args=(deadline, cpu_times)) for _ in range(2)]
    for process in sweepers:
        process.start()
    for process in sweepers:
        process.join()
    elapsed = time.perf_counter() - started
    cpu = sum(cpu_times.get() for _ in sweepers)
    sent = backlog.filter(status="sent").count()
    twice = backlog.filter(attempts__gt=1).count()
    left = backlog.exclude(status="sent").count()
    projected = f", vidage complet estimé à {OUTBOX / sent * elapsed / 60:.0f} min" if left else ""
    return (
        f"| arriéré de {OUTBOX} courriels vidé par le balayage, 2 processus | {sent} envoyés en "
        f"{elapsed:.0f} s, {left} restants{projected} | **{sent / elapsed:.0f} courriels/s**, "
        f"{twice} tentés deux fois ; CPU Python {1000 * cpu / max(sent, 1):.1f} ms par "
        f"courriel, soit {sent / cpu:.0f} courriels/s par cœur |"
    )


def batches() -> str:
    """The tacit-acceptance batch (issue 11) on the seeded backlog: BENCH_TACIT_BACKLOG sent
    DAPs are made overdue first (taken from those whose deadline is still ahead), so that
    each run has a backlog; the DA emails are written by the notification step, not timed."""
    from django.db import connection

    from bench.seeders import dap

    if not dap.models_present():
        reason = dap.skipped_reason()
        return f"| traitements par lots (validation tacite…) | — | ignorés : {reason} |"
    from dap.tacit import run_tacit_batch

    backlog = int(os.environ.get("BENCH_TACIT_BACKLOG", "100000"))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE dap_authorizationrequest SET tacit_deadline = now() - interval '1 hour'
            WHERE id IN (SELECT id FROM dap_authorizationrequest
                         WHERE status = 'sent' AND tacit_deadline > now() LIMIT %s)
            """,
            [backlog],
        )
        cursor.execute(
            "SELECT count(*) FROM dap_authorizationrequest "
            "WHERE status = 'sent' AND tacit_deadline <= now()"
        )
        due = cursor.fetchone()[0]
    started, cpu = time.perf_counter(), time.process_time()
    run = run_tacit_batch(notify=False)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return (
        f"| acceptation tacite des DAP (lot, 1 000 000 DAP en base) | {run.accepted} DAP "
        f"échues acceptées (sur {due}) en {elapsed:.1f} s | **{run.accepted / elapsed:.0f} "
        f"DAP/s** (DA créées, transitions journalisées ; CPU Python {cpu:.1f} s) |"
    )


def main() -> None:
    os.environ["CELERY_QUEUE"] = QUEUE
    setup()
    env = dict(os.environ)
    lines = ["| traitement de fond | mesure | débit |", "|---|---|---|"]
    lines.append(account_creation_rate(env))
    lines.append(outbox_drain())
    lines.append(batches())
    table = "\n".join(lines)
    print(table)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "background.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
