"""Emails to the employer at each decision, through the outbox."""

from django.db import transaction
from django.utils import timezone

from apart.core.outbox import send_templated_email
from dap.models import Decision

NOTIFY_CHUNK = 500


def _write_email(decision: Decision) -> None:
    establishment = decision.establishment
    send_templated_email(
        to=establishment.email,
        template="dap_decision",
        context={"decision": decision, "request": decision.request, "establishment": establishment},
    )


def notify_decision(decision: Decision) -> None:
    """Write the DA email to the establishment and mark the decision notified."""
    _write_email(decision)
    Decision.objects.filter(pk=decision.pk).update(notified_at=timezone.now())


def notify_pending_decisions(*, chunk: int = NOTIFY_CHUNK) -> int:
    """Email every DA not yet notified (those created by the batch), chunk by chunk."""
    total = 0
    while True:
        with transaction.atomic():
            batch = list(
                Decision.objects.filter(notified_at__isnull=True)
                .select_related("establishment", "request")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("created_at", "id")[:chunk]
            )
            for decision in batch:
                _write_email(decision)
            Decision.objects.filter(pk__in=[d.pk for d in batch]).update(notified_at=timezone.now())
        total += len(batch)
        if len(batch) < chunk:
            return total
