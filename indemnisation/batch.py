"""The 72 h batch (apart-facts.md §3.4): a complete DI « En attente de validation » that no
agent took into instruction is validated and put into payment 72 hours after it was filed.

It shares the DAP batch's machinery (dap.batching): the 6h/20h working-day schedule, the
advisory lock, the chunked runner and the BatchRun record. Like the DAP batch it has no
time window: it takes every DI whose 72 h have passed, however long since the last run.
Each chunk is one UPDATE … RETURNING on the claimed rows and one INSERT … SELECT per logged
transition. The emails are not written by the batch: once it has committed, one task per
chunk of DIs to notify is queued, and the workers write them in parallel (disjoint chunks,
SKIP LOCKED, one INSERT of the chunk's emails each), as the DAP batch does.
"""

import logging

from django.db import connection, transaction
from django.utils import timezone

from apart.core.queue import BROKER_ERRORS
from dap import batching
from dap.models import BatchKind, BatchRun
from dap.models.batch import BatchTrigger
from indemnisation.models import Claim, ClaimStatus, ClaimTransition
from indemnisation.rules import AUTO_VALIDATION_DELAY
from indemnisation.services.notifications import (
    NOTIFY_CHUNK,
    notify_pending_validations,
    pending_notifications,
)
from indemnisation.tasks import notify_validations_task

logger = logging.getLogger(__name__)

LOCK_NAME = "di-validation"
VALIDATION_MOTIVE = (
    "Validation automatique : demande complète non arrêtée par l'unité départementale dans "
    "les 72 heures suivant son envoi."
)
PAYMENT_MOTIVE = "Mise en paiement transmise à l'ASP."

_CLAIM = Claim._meta.db_table
_TRANS = ClaimTransition._meta.db_table
S = ClaimStatus


def _step(params: dict) -> int:
    claim_sql = (
        f"SELECT id FROM {_CLAIM} WHERE status = %(pending)s AND sent_at <= %(due)s "
        f"ORDER BY sent_at, id LIMIT %(limit)s{batching.skip_locked_clause()}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_CLAIM} SET status = %(payment)s, validated_at = %(now)s, "
            f"updated_at = %(now)s WHERE status = %(pending)s AND id IN ({claim_sql}) "
            "RETURNING id",
            params,
        )
        ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return 0
        marks = ", ".join(["%s"] * len(ids))
        for from_status, to_status, motive in (
            (S.PENDING_VALIDATION, S.VALIDATED, VALIDATION_MOTIVE),
            (S.VALIDATED, S.PAYMENT_REQUESTED, PAYMENT_MOTIVE),
        ):
            cursor.execute(
                f"INSERT INTO {_TRANS} (claim_id, actor_id, batch_run_id, at, from_status, "
                f"to_status, motive) SELECT id, NULL, %s, %s, %s, %s, %s FROM {_CLAIM} "
                f"WHERE id IN ({marks}) ORDER BY id",
                [params["run"], params["now"], int(from_status), int(to_status), motive] + ids,
            )
        return len(ids)


def validate_overdue(*, run: BatchRun | None = None, chunk_size=batching.DEFAULT_CHUNK_SIZE):
    params = {
        "pending": int(S.PENDING_VALIDATION),
        "payment": int(S.PAYMENT_REQUESTED),
        "run": run.pk if run else None,
    }

    def one_chunk(limit: int) -> int:
        now = timezone.now()
        return _step(
            {
                **params,
                "now": batching.db_datetime(now),
                "due": batching.db_datetime(now - AUTO_VALIDATION_DELAY),
                "limit": limit,
            }
        )

    return batching.run_in_chunks(one_chunk, chunk_size=chunk_size)


def run_validation_batch(
    *,
    trigger: str = BatchTrigger.COMMAND,
    user=None,
    notify: bool = True,
    chunk_size: int = batching.DEFAULT_CHUNK_SIZE,
) -> BatchRun:
    """One recorded run: lock, validate in chunks, then queue the employers' emails."""
    run = BatchRun.objects.create(kind=BatchKind.DI_VALIDATION, trigger=trigger, triggered_by=user)
    with batching.advisory_lock(LOCK_NAME) as acquired:
        if acquired:
            run.accepted = validate_overdue(run=run, chunk_size=chunk_size)
        else:
            run.skipped = True
    run.finished_at = timezone.now()
    run.save(update_fields=["accepted", "skipped", "finished_at"])
    if notify:
        queue_notifications()
    return run


def queue_notifications(*, chunk: int = NOTIFY_CHUNK) -> int:
    """After commit, one task per `chunk` DIs not yet notified (this run's and any a lost
    task left behind); the workers claim disjoint chunks. With the broker down, the emails
    are written here instead. Returns the number of tasks."""
    tasks = -(-pending_notifications() // chunk)
    if tasks:
        transaction.on_commit(lambda: _queue(tasks, chunk))
    return tasks


def _queue(tasks: int, chunk: int) -> None:
    try:
        for _task in range(tasks):
            notify_validations_task.delay(limit=chunk)
    except BROKER_ERRORS:
        logger.warning("Broker unreachable: the DI emails are written by the batch itself")
        notify_pending_validations(chunk=chunk)
