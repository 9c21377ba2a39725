"""Thin Celery tasks: the batch at 6h and 20h on working days, and by hand; the DA emails
it leaves to write, a chunk per task."""

from celery import shared_task
from django.utils import timezone

from dap import batching
from dap.models.batch import BatchTrigger


@shared_task
def scheduled_tacit_batch() -> int | None:
    """Beat fires at 6h and 20h every day; weekends and public holidays are skipped."""
    if not batching.is_scheduled_now(timezone.now()):
        return None
    return run_tacit_batch_task(trigger=BatchTrigger.SCHEDULE)


@shared_task
def run_tacit_batch_task(*, trigger: str = BatchTrigger.COMMAND, user_id: int | None = None):
    from accounts.models import User
    from dap.tacit import run_tacit_batch

    user = User.objects.filter(pk=user_id).first() if user_id else None
    return run_tacit_batch(trigger=trigger, user=user).accepted


@shared_task(acks_late=True)
def notify_decisions_task(*, limit: int) -> int:
    """Email one chunk of DAs not yet notified (queued by the batch after it commits)."""
    from dap.services.notifications import notify_decisions_chunk

    return notify_decisions_chunk(limit=limit)
