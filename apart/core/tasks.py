from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from apart.core import outbox
from apart.core.captcha import purge_expired_challenges


@shared_task(bind=True, default_retry_delay=30, acks_late=True)
def send_outbox_emails(self, email_ids: list[int]) -> None:
    """Send a chunk of outbox rows, claimed a batch at a time (a duplicate sends nothing)."""
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
    """Send what a lost task or a broker outage left pending. No lock: several sweeps (a
    backlog outlasting the beat interval, a doubled beat) claim disjoint batches and drain
    it together; each stops claiming after OUTBOX_SWEEP_BUDGET_SECONDS."""
    return outbox.sweep(
        older_than_seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS,
        budget_seconds=settings.OUTBOX_SWEEP_BUDGET_SECONDS,
    )


@shared_task(ignore_result=True, expires=60)
def worker_heartbeat() -> None:
    """Run by the pool: its stamp proves tasks still get executed (`worker_alive`)."""
    Path(settings.WORKER_HEARTBEAT_FILE).write_text(timezone.now().isoformat())


@shared_task(ignore_result=True, expires=300)
def purge_expired_captchas() -> int:
    """The expired image codes, deleted here rather than before every check."""
    return purge_expired_challenges()
