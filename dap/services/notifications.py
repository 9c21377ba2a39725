"""Emails to the employer at each decision, through the outbox."""

from django.db import transaction
from django.utils import timezone

from apart.core.outbox import send_templated_emails
from dap.models import Decision

NOTIFY_CHUNK = 500


def _write_emails(decisions: list[Decision]) -> None:
    send_templated_emails(
        template="dap_decision",
        messages=(
            (
                decision.establishment.email,
                {
                    "decision": decision,
                    "request": decision.request,
                    "establishment": decision.establishment,
                },
            )
            for decision in decisions
        ),
        chunk=max(len(decisions), 1),
    )


def notify_decision(decision: Decision) -> None:
    """Write the DA email to the establishment and mark the decision notified."""
    _write_emails([decision])
    Decision.objects.filter(pk=decision.pk).update(notified_at=timezone.now())


def notify_decisions_chunk(*, limit: int = NOTIFY_CHUNK) -> int:
    """Email up to `limit` DAs not yet notified (those created by the batch) in one
    transaction: the rows are claimed with SKIP LOCKED, so that several workers running
    this at once take disjoint chunks. Returns how many were notified."""
    with transaction.atomic():
        batch = list(
            Decision.objects.filter(notified_at__isnull=True)
            .select_related("establishment", "request")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("created_at", "id")[:limit]
        )
        _write_emails(batch)
        Decision.objects.filter(pk__in=[d.pk for d in batch]).update(notified_at=timezone.now())
    return len(batch)


def notify_pending_decisions(*, chunk: int = NOTIFY_CHUNK) -> int:
    """Email every DA not yet notified, chunk by chunk, in this process."""
    total = 0
    while notified := notify_decisions_chunk(limit=chunk):
        total += notified
        if notified < chunk:
            break
    return total


def pending_notifications() -> int:
    return Decision.objects.filter(notified_at__isnull=True).count()
