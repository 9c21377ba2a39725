"""The employer's email when a DI is validated (seed 003: in 2020 « aucun mail n'est envoyé
à l'employeur lorsque la DI est validée »; ours sends one), through the outbox."""

from django.db import transaction
from django.utils import timezone

from apart.core.outbox import send_templated_email, send_templated_emails
from indemnisation.models import Claim

NOTIFY_CHUNK = 500


def _write_validated_emails(claims: list[Claim]) -> None:
    """One INSERT and one sending task for the whole list (the templates fetched once)."""
    send_templated_emails(
        template="di_validated",
        messages=(
            (claim.establishment.email, {"claim": claim, "establishment": claim.establishment})
            for claim in claims
        ),
        chunk=max(len(claims), 1),
    )


def notify_validation(claim: Claim) -> None:
    _write_validated_emails([claim])
    Claim.objects.filter(pk=claim.pk).update(notified_at=timezone.now())


def notify_rejection(claim: Claim, motive: str) -> None:
    establishment = claim.establishment
    send_templated_email(
        to=establishment.email,
        template="di_rejected",
        context={"claim": claim, "establishment": establishment, "motive": motive},
    )


def notify_validations_chunk(*, limit: int = NOTIFY_CHUNK) -> int:
    """Email up to `limit` validated DIs not yet notified (those of the batch) in one
    transaction: the rows are claimed with SKIP LOCKED, so that several workers running
    this at once take disjoint chunks. Returns how many were notified."""
    with transaction.atomic():
        batch = list(
            Claim.objects.filter(notified_at__isnull=True, validated_at__isnull=False)
            .select_related("establishment", "decision")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("validated_at", "id")[:limit]
        )
        if not batch:
            return 0
        _write_validated_emails(batch)
        Claim.objects.filter(pk__in=[claim.pk for claim in batch]).update(
            notified_at=timezone.now()
        )
    return len(batch)


def notify_pending_validations(*, chunk: int = NOTIFY_CHUNK) -> int:
    """Email every validated DI not yet notified, chunk by chunk, in this process."""
    total = 0
    while notified := notify_validations_chunk(limit=chunk):
        total += notified
        if notified < chunk:
            break
    return total


def pending_notifications() -> int:
    return Claim.objects.filter(notified_at__isnull=True, validated_at__isnull=False).count()
