from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from apart.core import outbox
from apart.core.captcha import purge_expired_challenges
from apart.core.locks import batch_lock
from apart.core.queue import sweep_each


@shared_task(bind=True, default_retry_delay=30, acks_late=True)
def send_outbox_emails(self, email_ids: list[int]) -> None:
    """Send a chunk of outbox rows, each claimed on its own (a duplicate sends nothing)."""
    try:
        outbox.send_each_pending(email_ids)
    except outbox.DeliveryFailed as failure:
        # The one cap is OUTBOX_MAX_ATTEMPTS, counted on each row (a retry and the sweep
        # alike): the retry takes the rows not sent yet, the failing one first.
        raise self.retry(
            args=[failure.remaining],
            exc=failure.__cause__,
            countdown=30 * failure.attempts,
            max_retries=settings.OUTBOX_MAX_ATTEMPTS * len(email_ids),
        ) from failure.__cause__


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


@shared_task(ignore_result=True, expires=300)
def purge_expired_captchas() -> int:
    """The expired image codes, deleted here rather than before every check."""
    return purge_expired_challenges()
