from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from apart.core import outbox
from apart.core.locks import batch_lock
from apart.core.queue import sweep_each


@shared_task(bind=True, default_retry_delay=30, acks_late=True)
def send_outbox_email(self, email_id: int) -> None:
    email = outbox.claim(email_id)
    if email is None:
        return  # already sent, or being sent by another worker
    try:
        outbox.deliver(email)
    except Exception as error:
        # The one cap is OUTBOX_MAX_ATTEMPTS, counted on the row (a retry and the sweep alike).
        if email.attempts < settings.OUTBOX_MAX_ATTEMPTS:
            raise self.retry(
                exc=error, countdown=30 * email.attempts, max_retries=settings.OUTBOX_MAX_ATTEMPTS
            ) from error


@shared_task
def sweep_outbox() -> int:
    """Send what a lost task or a broker outage left pending (one sweep at a time)."""
    with batch_lock("sweep:outbox") as mine:
        return _sweep_outbox() if mine else 0


def _sweep_outbox() -> int:
    ids = outbox.pending_ids(older_than_seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    return sweep_each(ids, outbox.send_if_pending, what="outbox")


@shared_task(ignore_result=True, expires=60)
def worker_heartbeat() -> None:
    """Run by the pool: its stamp proves tasks still get executed (`worker_alive`)."""
    Path(settings.WORKER_HEARTBEAT_FILE).write_text(timezone.now().isoformat())
