"""The email outbox: every email of the portal goes through `send_templated_email`.

The row is written in the caller's transaction, so an email exists exactly when the
business action that causes it is committed; a Celery task sends it after commit and
the periodic sweep re-sends what a lost task left pending.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from apart.core.models import OutboxEmail, OutboxStatus
from apart.core.queue import enqueue_on_commit

SCRUBBED = "[Contenu retiré après l'envoi : il contenait un secret.]"


def send_templated_email(*, to: str, template: str, context: dict | None = None) -> OutboxEmail:
    """Render `templates/emails/<template>_{subject,body}.txt` (+ `.html` if present)."""
    context = {"base_url": settings.PORTAL_BASE_URL, **(context or {})}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body_text = render_to_string(f"emails/{template}_body.txt", context)
    body_html = render_to_string(f"emails/{template}_body.html", context)
    email = OutboxEmail.objects.create(
        recipient=to, subject=subject, template=template, body_text=body_text, body_html=body_html
    )
    from apart.core.tasks import send_outbox_email  # the task module imports this one

    enqueue_on_commit(send_outbox_email, email.pk)
    return email


def send_if_pending(email_id: int) -> None:
    """Claim the row and send it (nothing if another worker has it or it was sent)."""
    email = claim(email_id)
    if email is not None:
        deliver(email)


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


def deliver(email: OutboxEmail) -> None:
    """Send a claimed row; on failure put it back to pending (or failed after the cap)."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.recipient],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
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
