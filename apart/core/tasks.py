from celery import shared_task
from django.conf import settings

from apart.core import outbox
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
    """Send what a lost task or a broker outage left pending."""
    ids = outbox.pending_ids(older_than_seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    return sweep_each(ids, outbox.send_if_pending, what="outbox")
