"""The email outbox: every email of the portal goes through `send_templated_email`.

The row is written in the caller's transaction, so an email exists exactly when the
business action that causes it is committed; a Celery task sends it after commit and
the periodic sweep re-sends what a lost task left pending.
"""

import logging
import time
from collections.abc import Iterable
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import get_template
from django.utils import timezone

from apart.core.models import OutboxEmail, OutboxStatus
from apart.core.queue import send_task_or_wait_for_sweep

logger = logging.getLogger(__name__)
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
    sent after commit (a row is claimed before it is sent, so a task run twice sends
    once). Returns the rows written; the caller bounds `messages` (e.g. one chunk)."""
    parts = [get_template(f"emails/{template}_{part}") for part in _PARTS]
    messages, written = iter(messages), []
    while batch := list(islice(messages, chunk)):
        rows = OutboxEmail.objects.bulk_create(
            [_render(parts, template, to, context) for to, context in batch]
        )
        _send_after_commit([row.pk for row in rows], chunk)
        written += rows
    return written


class _SendAfterCommit:
    """The on-commit callback that queues one sending task for the rows it holds."""

    def __init__(self, ids: list[int], chunk: int):
        self.ids, self.chunk = ids, chunk

    def __call__(self):
        from apart.core.tasks import send_outbox_emails  # the task module imports this one

        send_task_or_wait_for_sweep(send_outbox_emails, self.ids)


def _send_after_commit(ids: list[int], chunk: int) -> None:
    """One task per transaction rather than one per email (the three emails of an account
    request, say): the rows join the callback already waiting for this transaction's
    commit, when it has room and cannot be rolled back without them (registered outside
    every savepoint still open, or in one of them); otherwise a new callback waits."""
    if database.in_atomic_block:
        open_savepoints = set(database.savepoint_ids)
        for savepoints, callback, _robust in reversed(database.run_on_commit):
            if (
                isinstance(callback, _SendAfterCommit)
                and callback.chunk == chunk
                and len(callback.ids) + len(ids) <= chunk
                and savepoints <= open_savepoints
            ):
                callback.ids += ids
                return
    transaction.on_commit(_SendAfterCommit(ids, chunk))


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


# Rows claimed by one statement and marked sent by one statement: the database costs two
# round trips per batch instead of three per email. Small enough that what a killed worker
# may send twice (the batch sent but not yet marked) stays a handful.
CLAIM_BATCH = 100


def _claimable(now) -> Q:
    """Pending, or claimed by a worker that has not finished for a long time (lost)."""
    stale = now - timezone.timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS * 5)
    return Q(status=OutboxStatus.PENDING) | Q(status=OutboxStatus.SENDING, claimed_at__lt=stale)


_CLAIMED = ("id", "recipient", "subject", "template", "body_text", "body_html", "attempts")


def claim_batch(rows: Q, *, order: str = "id", limit: int = CLAIM_BATCH) -> list[OutboxEmail]:
    """Move up to `limit` claimable rows matching `rows` to sending; return them by id.

    One statement, `UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)
    RETURNING …`: on PostgreSQL two workers claiming at once take disjoint rows without
    waiting for each other, and a row that another one claimed meanwhile no longer matches
    once locked (the condition is checked again on the committed row). SQLite runs one
    writing statement at a time, which gives the same (it has no FOR UPDATE)."""
    now = timezone.now()
    inner = OutboxEmail.objects.filter(rows & _claimable(now)).order_by(order).values("pk")[:limit]
    select, params = inner.query.sql_with_params()
    if database.vendor == "postgresql":
        select += " FOR UPDATE SKIP LOCKED"
    table = database.ops.quote_name(OutboxEmail._meta.db_table)
    with database.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "
            f"WHERE id IN ({select}) RETURNING {', '.join(_CLAIMED)}",
            [OutboxStatus.SENDING, database.ops.adapt_datetimefield_value(now), *params],
        )
        claimed = [OutboxEmail(**dict(zip(_CLAIMED, row, strict=True))) for row in cursor]
    return sorted(claimed, key=lambda email: email.pk)


def claim(email_id: int) -> OutboxEmail | None:
    """Atomically move a row from pending to sending; None if someone else has it."""
    claimed = claim_batch(Q(pk=email_id), limit=1)
    return claimed[0] if claimed else None


class DeliveryFailed(Exception):
    """A row could not be sent and may be retried: `remaining` are the ids not sent yet of
    the task's list, the failing one first; `attempts` is that row's count so far."""

    def __init__(self, remaining: list[int], attempts: int):
        super().__init__(f"{len(remaining)} email(s) left to send")
        self.remaining, self.attempts = remaining, attempts


def send_each_pending(email_ids: list[int]) -> None:
    """Claim and send the rows, a batch at a time, over one connection to the email
    service. A row claimed elsewhere or already sent is passed over; a row failed for good
    (its cap reached) too; any other failure stops here (DeliveryFailed), the rest waits."""
    connection = get_connection()
    try:
        for first in range(0, len(email_ids), CLAIM_BATCH):
            batch = email_ids[first : first + CLAIM_BATCH]
            failing = _send_batch(claim_batch(Q(pk__in=batch)), connection, stop_on_failure=True)
            if failing is not None:
                rest = [pk for pk in email_ids[first:] if pk != failing.pk]
                raise DeliveryFailed([failing.pk, *rest], failing.attempts) from failing.error
    finally:
        connection.close()


def sweep(*, older_than_seconds: int, budget_seconds: float) -> int:
    """Send what a lost task or a broker outage left: rows pending for `older_than_seconds`
    (and not tried within them), and rows claimed by a worker lost long ago. Batch after
    batch until none is left or `budget_seconds` have passed; a failing row is passed over
    (back to pending, tried again by a later sweep). Several sweeps may run at once on
    several workers: their claims are disjoint. Returns the number of rows tried."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    lost = Q(status=OutboxStatus.SENDING)  # only those claimed long ago are claimable
    pending = Q(status=OutboxStatus.PENDING, created_at__lte=cutoff) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lte=cutoff)
    )
    deadline = time.monotonic() + budget_seconds
    tried, connection = 0, get_connection()
    try:
        for rows in (lost, pending):  # apart, each read in the (status, created_at) index
            while time.monotonic() < deadline and (emails := claim_batch(rows, order="created_at")):
                _send_batch(emails, connection, stop_on_failure=False)
                tried += len(emails)
    finally:
        connection.close()
    return tried


def _send_batch(emails: list[OutboxEmail], connection, *, stop_on_failure: bool):
    """Send claimed rows in order; mark those sent in one statement. A failing row goes
    back to pending (or failed at its cap). With `stop_on_failure`, the first failure that
    may be retried stops the batch: the rows not tried are released (their claim was not
    an attempt) and the failing row is returned, its `error` set. Whatever stops the batch
    (a time limit, a lost database), what was sent is recorded first."""
    sent, tried = [], 0
    try:
        for email in emails:
            tried += 1
            try:
                _send(email, connection)
            except Exception as error:
                _record_failure(email, error)
                if stop_on_failure and email.attempts < settings.OUTBOX_MAX_ATTEMPTS:
                    email.error = error
                    return email
                logger.warning("Outbox: email %s not sent (%r)", email.pk, error)
            else:
                sent.append(email)
    finally:
        _mark_sent(sent)
        _release(emails[tried:])
    return None


def deliver(email: OutboxEmail, *, connection=None) -> None:
    """Send one claimed row; on failure put it back to pending (or failed after the cap)."""
    try:
        _send(email, connection)
    except Exception as error:
        _record_failure(email, error)
        raise
    _mark_sent([email])


def _send(email: OutboxEmail, connection) -> None:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.OUTBOX_FROM_EMAILS.get(email.template, settings.DEFAULT_FROM_EMAIL),
        to=[email.recipient],
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if connection is not None:
        connection.open()  # the first time only: later calls find it open
    message.send()


def _record_failure(email: OutboxEmail, error: Exception) -> None:
    exhausted = email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxStatus.FAILED if exhausted else OutboxStatus.PENDING,
        last_error=repr(error)[:2000],
    )


def _mark_sent(emails: list[OutboxEmail]) -> None:
    if not emails:
        return
    OutboxEmail.objects.filter(pk__in=[email.pk for email in emails]).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    secret = [email for email in emails if _scrubbed(email)]
    if secret:
        OutboxEmail.objects.filter(pk__in=[email.pk for email in secret]).update(
            **_scrubbed(secret[0])
        )


def _release(emails: list[OutboxEmail]) -> None:
    """Rows claimed but not tried: back to pending, their claim not counted as an attempt."""
    if emails:
        OutboxEmail.objects.filter(pk__in=[email.pk for email in emails]).update(
            status=OutboxStatus.PENDING, claimed_at=None, attempts=F("attempts") - 1
        )


def _scrubbed(email: OutboxEmail) -> dict:
    """A temporary password or a reset link must not outlive its sending in the database
    (reset tokens are otherwise stored only as hashes). The development mailbox keeps them."""
    if email.template not in settings.OUTBOX_SENSITIVE_TEMPLATES or settings.DEV_MAILBOX_ENABLED:
        return {}
    return {"body_text": SCRUBBED, "body_html": ""}
