"""The email outbox: every email of the portal goes through `send_templated_email`.

The row is written in the caller's transaction, so an email exists exactly when the
business action that causes it is committed; a Celery task sends it after commit and
the periodic sweep re-sends what a lost task left pending.
"""

from collections.abc import Iterable
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.template.loader import get_template
from django.utils import timezone

from apart.core.models import OutboxEmail, OutboxStatus
from apart.core.queue import enqueue_on_commit

SCRUBBED = "[Contenu retiré après l'envoi : il contenait un secret.]"
# Rows written by one INSERT and sent by one task (a worker's SMTP connection is reused
# within it); small enough that a task ends in seconds, well before the sweep's stale claim.
WRITE_CHUNK = 500


def send_templated_email(*, to: str, template: str, context: dict | None = None) -> OutboxEmail:
    """Render `templates/emails/<template>_{subject,body}.txt` (+ `.html` if present)."""
    return send_templated_emails(template=template, messages=[(to, context)])[0]


def send_templated_emails(
    *, template: str, messages: Iterable[tuple[str, dict | None]], chunk: int = WRITE_CHUNK
) -> list[OutboxEmail]:
    """The same for many `(to, context)` messages of one template: the templates are
    fetched once, rows written `chunk` at a time by one INSERT, and one task per chunk is
    sent after commit (each row is still claimed on its own, so a task run twice sends
    once). Returns the rows written; the caller bounds `messages` (e.g. one chunk)."""
    from apart.core.tasks import send_outbox_emails  # the task module imports this one

    parts = [get_template(f"emails/{template}_{part}") for part in _PARTS]
    messages, written = iter(messages), []
    while batch := list(islice(messages, chunk)):
        rows = OutboxEmail.objects.bulk_create(
            [_render(parts, template, to, context) for to, context in batch]
        )
        enqueue_on_commit(send_outbox_emails, [row.pk for row in rows])
        written += rows
    return written


_PARTS = ("subject.txt", "body.txt", "body.html")


def _render(parts, template: str, to: str, context: dict | None) -> OutboxEmail:
    context = {"base_url": settings.PORTAL_BASE_URL, **(context or {})}
    subject, body_text, body_html = (part.render(context) for part in parts)
    return OutboxEmail(
        recipient=to,
        subject=" ".join(subject.split()),
        template=template,
        body_text=body_text,
        body_html=body_html,
    )


def send_if_pending(email_id: int) -> None:
    """Claim the row and send it (nothing if another worker has it or it was sent)."""
    send_each_pending([email_id])


def claim(email_id: int) -> OutboxEmail | None:
    """Atomically move a row from pending to sending; None if someone else has it."""
    now = timezone.now()
    stale = now - timezone.timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS * 5)
    claimed = (
        OutboxEmail.objects.filter(pk=email_id)
        .filter(
            Q(status=OutboxStatus.PENDING) | Q(status=OutboxStatus.SENDING, claimed_at__lt=stale)
        )
        .update(status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return OutboxEmail.objects.get(pk=email_id) if claimed else None


class DeliveryFailed(Exception):
    """A row could not be sent and may be retried: `remaining` are the ids not sent yet of
    the task's list, the failing one first; `attempts` is that row's count so far."""

    def __init__(self, remaining: list[int], attempts: int):
        super().__init__(f"{len(remaining)} email(s) left to send")
        self.remaining, self.attempts = remaining, attempts


def send_each_pending(email_ids: list[int]) -> None:
    """Claim and send the rows one by one, over one connection to the email service. A row
    claimed elsewhere or already sent is passed over; a row failed for good (its cap
    reached) too; any other failure stops here (DeliveryFailed), the rest waits."""
    connection = get_connection()
    try:
        for position, email_id in enumerate(email_ids):
            email = claim(email_id)
            if email is None:
                continue
            try:
                deliver(email, connection=connection)
            except Exception as error:
                if email.attempts < settings.OUTBOX_MAX_ATTEMPTS:
                    raise DeliveryFailed(email_ids[position:], email.attempts) from error
    finally:
        connection.close()


def deliver(email: OutboxEmail, *, connection=None) -> None:
    """Send a claimed row; on failure put it back to pending (or failed after the cap)."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.OUTBOX_FROM_EMAILS.get(email.template, settings.DEFAULT_FROM_EMAIL),
        to=[email.recipient],
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        if connection is not None:
            connection.open()  # the first time only: later calls find it open
        message.send()
    except Exception as error:
        exhausted = email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxStatus.FAILED if exhausted else OutboxStatus.PENDING,
            last_error=repr(error)[:2000],
        )
        raise
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="", **_scrubbed(email)
    )


def _scrubbed(email: OutboxEmail) -> dict:
    """A temporary password or a reset link must not outlive its sending in the database
    (reset tokens are otherwise stored only as hashes). The development mailbox keeps them."""
    if email.template not in settings.OUTBOX_SENSITIVE_TEMPLATES or settings.DEV_MAILBOX_ENABLED:
        return {}
    return {"body_text": SCRUBBED, "body_html": ""}


def pending_ids(*, older_than_seconds: int, limit: int = 500) -> list[int]:
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    stale_claim = timezone.now() - timezone.timedelta(seconds=older_than_seconds * 5)
    return list(
        OutboxEmail.objects.filter(
            Q(status=OutboxStatus.PENDING, created_at__lte=cutoff)
            | Q(status=OutboxStatus.SENDING, claimed_at__lt=stale_claim)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
