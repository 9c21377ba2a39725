from celery import shared_task
from django.conf import settings

from apart.core import outbox
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
    """Send what a lost task or a broker outage left pending."""
    ids = outbox.pending_ids(older_than_seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    return sweep_each(ids, outbox.send_if_pending, what="outbox")
