"""The background side of `make bench`: what one Celery worker processes, on the bench
database and a Redis database of its own.

1. « Créer mon espace » requests processed per second by one worker (solo pool): each
   creates the account, habilitation and attachment and writes three emails to the outbox
   (IDENTIFIANT, MOT DE PASSE, HABILITATION), each then sent by its own task (locmem backend).
2. The outbox draining a backlog of BENCH_OUTBOX pending emails (100,000) through the sweep
   (the path taken after a broker outage), in two processes at once to show it is safe with
   several workers: every email is sent, none twice.
3. The batches on the seeded backlog: the DAPs' tacit acceptance, and the DIs' validation
   at 72 hours with the employers' emails it leaves to write.
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
    """What `sweep_outbox` does, its time budget cut to what is left of the bounded run."""
    setup()
    from django.conf import settings

    from apart.core import outbox

    started = time.process_time()
    while (left := deadline - time.time()) > 0 and outbox.sweep(
        older_than_seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS,
        budget_seconds=min(left, settings.OUTBOX_SWEEP_BUDGET_SECONDS),
    ):
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
        _undo_tacit_acceptances(cursor)  # what an earlier run left (older benches did)
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
    with connection.cursor() as cursor:
        _undo_tacit_acceptances(cursor)
    return (
        f"| acceptation tacite des DAP (lot, 1 000 000 DAP en base) | {run.accepted} DAP "
        f"échues acceptées (sur {due}) en {elapsed:.1f} s | **{run.accepted / elapsed:.0f} "
        f"DAP/s** (DA créées, transitions journalisées ; CPU Python {cpu:.1f} s) |"
    )


def _undo_tacit_acceptances(cursor) -> int:
    """Put the DAPs the batch accepted back to « envoyée », their deadline ahead, their DA
    gone: the next run finds the seeded backlog again, and the read scenarios the UD 75
    queue of sent DAPs (a DA that a DI already uses is left alone)."""
    cursor.execute(
        """
        WITH undone AS (
            DELETE FROM dap_transition t
            WHERE t.batch_run_id IS NOT NULL AND t.to_status = 'tacit'
              AND NOT EXISTS (SELECT 1 FROM dap_decision d
                              JOIN indemnisation_claim c ON c.decision_id = d.id
                              WHERE d.request_id = t.request_id)
            RETURNING t.request_id
        ), decisions AS (
            DELETE FROM dap_decision WHERE request_id IN (SELECT request_id FROM undone)
        )
        UPDATE dap_authorizationrequest
        SET status = 'sent', concluded_at = NULL, tacit_deadline = now() + interval '15 days'
        WHERE id IN (SELECT request_id FROM undone)
        """
    )
    return cursor.rowcount


def _di_backlog(cursor) -> int:
    """The seeded backlog of the 72 h batch (one seeded DI in five, see the seeder), put
    back as filed four days ago by each run, so that every run has the same one."""
    from bench.seeders.indemnisation import OVERDUE_EVERY, PENDING_VALIDATION

    params = {"every": OVERDUE_EVERY, "pending": PENDING_VALIDATION}
    backlog = (
        "SELECT id FROM indemnisation_claim WHERE number LIKE 'DIZ%%' "
        "AND substr(number, 4)::bigint %% %(every)s = 0"
    )
    cursor.execute(
        "DELETE FROM indemnisation_claimtransition "
        f"WHERE batch_run_id IS NOT NULL AND claim_id IN ({backlog})",
        params,
    )
    cursor.execute(
        f"""
        UPDATE indemnisation_claim SET status = %(pending)s, validated_at = NULL,
               notified_at = NULL, sent_at = now() - interval '4 days'
        WHERE id IN ({backlog})
          AND NOT (status = %(pending)s AND sent_at <= now() - interval '72 hours')
        """,
        params,
    )
    cursor.execute(
        "SELECT count(*) FROM indemnisation_claim "
        "WHERE status = %s AND sent_at <= now() - interval '72 hours'",
        [PENDING_VALIDATION],
    )
    return cursor.fetchone()[0]


def di_batch() -> str:
    """The DI validation batch (issue 12) on the seeded backlog, then the employers' emails
    it leaves to the workers, written here chunk after chunk as its tasks do (the sending
    tasks are not queued: sending is what the outbox line measures; the rows are dropped)."""
    from unittest import mock

    from django.db import connection

    from apart.core.models import OutboxEmail
    from bench.seeders import indemnisation

    if not indemnisation.models_present():
        reason = indemnisation.skipped_reason()
        return f"| validation des DI à 72 h (lot) | — | ignorée : {reason} |"
    from indemnisation.batch import run_validation_batch
    from indemnisation.services.notifications import notify_pending_validations

    with connection.cursor() as cursor:
        due = _di_backlog(cursor)
        cursor.execute("SELECT count(*) FROM indemnisation_claim")
        claims = cursor.fetchone()[0]
    started, cpu = time.perf_counter(), time.process_time()
    run = run_validation_batch(notify=False)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    written_from = time.perf_counter()
    mail_cpu = time.process_time()
    with mock.patch("apart.core.outbox._send_after_commit"):
        notified = notify_pending_validations()
    writing, mail_cpu = time.perf_counter() - written_from, time.process_time() - mail_cpu
    OutboxEmail.objects.filter(template="di_validated", status="pending").delete()
    return (
        f"| validation des DI à 72 h (lot, {claims} DI en base) | {run.accepted} DI échues "
        f"validées et mises en paiement (sur {due}) en {elapsed:.1f} s ; {notified} courriels "
        f"écrits en {writing:.1f} s | **{run.accepted / elapsed:.0f} DI/s** (transitions "
        f"journalisées ; CPU Python {cpu:.1f} s), courriels **{notified / writing:.0f}/s** "
        f"(CPU Python {1000 * mail_cpu / max(notified, 1):.1f} ms par courriel) |"
    )


def main() -> None:
    os.environ["CELERY_QUEUE"] = QUEUE
    setup()
    env = dict(os.environ)
    lines = ["| traitement de fond | mesure | débit |", "|---|---|---|"]
    print("\n".join(lines), flush=True)
    for measure in (lambda: account_creation_rate(env), outbox_drain, batches, di_batch):
        lines.append(measure())
        print(lines[-1], flush=True)  # each line as soon as measured
    table = "\n".join(lines)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "background.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
