"""The tacit-acceptance batch (seed 003: « L'acceptation tacite est effectuée
automatiquement après un délai de 48 heures sans conclusion (invalidation, refus ou
validation) de l'instruction de la DAP par l'UD »).

Unlike the 2020 batch, it has no time window: it takes every sent request (DAP or avenant)
whose own deadline (48 h or 15 days by the rule in force when it was sent, stored on the
request at sending) has passed, however long since the last run, and never one before.
Each chunk is one set-based statement that accepts the requests, logs the transitions and
creates the DAs. The emails are not written by the batch: once it has committed, one task
per chunk of DAs to notify is queued, and the workers write them in parallel (disjoint
chunks, SKIP LOCKED), so that a huge backlog is accepted at once and notified meanwhile.
"""

import logging
import secrets
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from apart.core.queue import BROKER_ERRORS
from dap import batching
from dap.models import (
    AuthorizationRequest,
    BatchKind,
    BatchRun,
    Decision,
    RequestStatus,
    Transition,
)
from dap.models.batch import BatchTrigger
from dap.models.decisions import CODE_ALPHABET, CODE_LENGTH, DecisionKind
from dap.services.notifications import (
    NOTIFY_CHUNK,
    notify_pending_decisions,
    pending_notifications,
)
from establishments.models import Establishment

logger = logging.getLogger(__name__)

LOCK_NAME = "dap-tacit"
TACIT_MOTIVE = (
    "Acceptation tacite : aucune conclusion de l'unité départementale dans le délai "
    "(article R5122-4 du code du travail)."
)

_REQ = AuthorizationRequest._meta.db_table
_TRANS = Transition._meta.db_table
_DEC = Decision._meta.db_table
_EST = Establishment._meta.db_table
_DEC_COLUMNS = (
    "number, code, request_id, establishment_id, kind, period_start, period_end, "
    "authorized_hours, employees, requested_at, iban, bic, account_holder, created_at"
)
# One random code per row, drawn in SQL (the correlation on a.id makes PostgreSQL
# evaluate the sub-select for every row instead of once).
_PG_CODE = (
    f"(SELECT string_agg(substr('{CODE_ALPHABET}', 1 + floor(random() * "
    f"{len(CODE_ALPHABET)})::int, 1), '') FROM generate_series(1, {CODE_LENGTH}) "
    "WHERE a.id IS NOT NULL)"
)


def _claim_sql() -> str:
    return (
        f"SELECT id FROM {_REQ} WHERE status = %(sent)s AND tacit_deadline <= %(now)s "
        f"ORDER BY tacit_deadline LIMIT %(limit)s{batching.skip_locked_clause()}"
    )


def _pg_step(params: dict) -> int:
    sql = f"""
    WITH accepted AS (
        UPDATE {_REQ} r SET status = %(tacit)s, concluded_at = %(now)s
        WHERE r.status = %(sent)s AND r.id = ANY(ARRAY({_claim_sql()}))
        RETURNING r.id, r.number, r.establishment_id, r.period_start, r.period_end,
                  r.hours, r.employees, r.sent_at
    ), logged AS (
        INSERT INTO {_TRANS} (request_id, actor_id, batch_run_id, at, from_status,
                              to_status, motive)
        SELECT id, NULL, %(run)s, %(now)s, %(sent)s, %(tacit)s, %(motive)s FROM accepted
    )
    INSERT INTO {_DEC} ({_DEC_COLUMNS})
    SELECT 'DA' || substr(a.number, 4), {_PG_CODE}, a.id, a.establishment_id, %(kind)s,
           a.period_start, a.period_end, a.hours, a.employees, a.sent_at,
           e.iban, e.bic, e.account_holder, %(now)s
    FROM accepted a JOIN {_EST} e ON e.id = a.establishment_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def random_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _portable_step(params: dict) -> int:
    """The same in three statements, for SQLite (no data-modifying CTE, no row locks)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_REQ} SET status = %(tacit)s, concluded_at = %(now)s "
            f"WHERE status = %(sent)s AND id IN ({_claim_sql()}) RETURNING id",
            params,
        )
        ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return 0
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"INSERT INTO {_TRANS} (request_id, actor_id, batch_run_id, at, from_status, "
            f"to_status, motive) SELECT id, NULL, %s, %s, %s, %s, %s FROM {_REQ} "
            f"WHERE id IN ({marks})",
            [params["run"], params["now"], params["sent"], params["tacit"], params["motive"]] + ids,
        )
        cursor.executemany(
            f"INSERT INTO {_DEC} ({_DEC_COLUMNS}) "
            f"SELECT 'DA' || substr(a.number, 4), %s, a.id, a.establishment_id, %s, "
            "a.period_start, a.period_end, a.hours, a.employees, a.sent_at, "
            f"e.iban, e.bic, e.account_holder, %s FROM {_REQ} a "
            f"JOIN {_EST} e ON e.id = a.establishment_id WHERE a.id = %s",
            [(random_code(), params["kind"], params["now"], pk) for pk in ids],
        )
        return len(ids)


def accept_overdue(*, run: BatchRun | None = None, chunk_size: int = batching.DEFAULT_CHUNK_SIZE):
    """Accept every overdue pending request; returns how many (no lock, no record)."""
    params = {
        "sent": RequestStatus.SENT,
        "tacit": RequestStatus.TACIT,
        "kind": DecisionKind.TACIT,
        "motive": TACIT_MOTIVE,
        "run": run.pk if run else None,
    }
    step = _pg_step if batching.is_postgresql() else _portable_step

    def one_chunk(limit: int) -> int:
        now = batching.db_datetime(timezone.now())
        return step({**params, "now": now, "limit": limit})

    return batching.run_in_chunks(one_chunk, chunk_size=chunk_size)


def _accept_in_parallel(run: BatchRun, chunk_size: int, workers: int) -> int:
    """`workers` connections claim disjoint chunks (SKIP LOCKED) until none is left."""

    def work() -> int:
        try:
            return accept_overdue(run=run, chunk_size=chunk_size)
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tacit") as pool:
        return sum(pool.map(lambda _n: work(), range(workers)))


def run_tacit_batch(
    *,
    trigger: str = BatchTrigger.COMMAND,
    user=None,
    notify: bool = True,
    chunk_size: int = batching.DEFAULT_CHUNK_SIZE,
    workers: int | None = None,
) -> BatchRun:
    """One recorded run: lock, accept in chunks (on PostgreSQL with `workers` connections,
    one per core by default), then queue the employers' emails (`queue_notifications`)."""
    workers = workers or settings.DAP_BATCH_WORKERS
    run = BatchRun.objects.create(kind=BatchKind.DAP_TACIT, trigger=trigger, triggered_by=user)
    with batching.advisory_lock(LOCK_NAME) as acquired:
        if not acquired:
            run.skipped = True
        elif workers > 1 and batching.is_postgresql() and not connection.in_atomic_block:
            run.accepted = _accept_in_parallel(run, chunk_size, workers)
        else:
            run.accepted = accept_overdue(run=run, chunk_size=chunk_size)
    run.finished_at = timezone.now()
    run.save(update_fields=["accepted", "skipped", "finished_at"])
    if notify:
        queue_notifications()
    return run


def queue_notifications(*, chunk: int = NOTIFY_CHUNK) -> int:
    """After commit, one task per `chunk` DAs not yet notified (this run's and any a lost
    task left behind); the workers claim disjoint chunks. With the broker down, the emails
    are written here instead. Returns the number of tasks."""
    tasks = -(-pending_notifications() // chunk)
    if tasks:
        transaction.on_commit(lambda: _queue(tasks, chunk))
    return tasks


def _queue(tasks: int, chunk: int) -> None:
    from dap.tasks import notify_decisions_task  # the task module imports this one

    try:
        for _task in range(tasks):
            notify_decisions_task.delay(limit=chunk)
    except BROKER_ERRORS:
        logger.warning("Broker unreachable: the DA emails are written by the batch itself")
        notify_pending_decisions(chunk=chunk)
