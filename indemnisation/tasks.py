"""Thin Celery tasks: the 72 h DI batch at 6h and 20h on working days, and by hand; the
employers' emails it leaves to write, a chunk per task."""

from celery import shared_task
from django.utils import timezone

from dap import batching
from dap.models.batch import BatchTrigger


@shared_task
def scheduled_validation_batch() -> int | None:
    """Beat fires at 6h and 20h every day; weekends and public holidays are skipped."""
    if not batching.is_scheduled_now(timezone.now()):
        return None
    return run_validation_batch_task(trigger=BatchTrigger.SCHEDULE)


@shared_task
def run_validation_batch_task(*, trigger: str = BatchTrigger.COMMAND, user_id=None):
    from accounts.models import User
    from indemnisation.batch import run_validation_batch

    user = User.objects.filter(pk=user_id).first() if user_id else None
    return run_validation_batch(trigger=trigger, user=user).accepted


@shared_task(acks_late=True)
def notify_validations_task(*, limit: int) -> int:
    """Email one chunk of validated DIs not yet notified (queued by the batch after commit)."""
    from indemnisation.services.notifications import notify_validations_chunk

    return notify_validations_chunk(limit=limit)
