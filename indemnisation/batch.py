"""The 72 h batch (apart-facts.md §3.4): a complete DI « En attente de validation » that no
agent took into instruction is validated and put into payment 72 hours after it was filed.

It shares the DAP batch's machinery (dap.batching): the 6h/20h working-day schedule, the
advisory lock, the chunked runner and the BatchRun record. Like the DAP batch it has no
time window: it takes every DI whose 72 h have passed, however long since the last run.
Each chunk is one UPDATE … RETURNING on the claimed rows and one INSERT … SELECT per logged
transition; the emails are written afterwards, in chunks too.
"""

from django.db import connection
from django.utils import timezone

from dap import batching
from dap.models import BatchKind, BatchRun
from dap.models.batch import BatchTrigger
from indemnisation.models import Claim, ClaimStatus, ClaimTransition
from indemnisation.rules import AUTO_VALIDATION_DELAY

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
    """One recorded run: lock, validate in chunks, then write the employers' emails."""
    run = BatchRun.objects.create(kind=BatchKind.DI_VALIDATION, trigger=trigger, triggered_by=user)
    with batching.advisory_lock(LOCK_NAME) as acquired:
        if acquired:
            run.accepted = validate_overdue(run=run, chunk_size=chunk_size)
        else:
            run.skipped = True
    run.finished_at = timezone.now()
    run.save(update_fields=["accepted", "skipped", "finished_at"])
    if notify:
        from indemnisation.services.notifications import notify_pending_validations

        notify_pending_validations()
    return run
