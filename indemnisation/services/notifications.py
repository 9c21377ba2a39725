"""The employer's email when a DI is validated (seed 003: in 2020 « aucun mail n'est envoyé
à l'employeur lorsque la DI est validée »; ours sends one), through the outbox."""

from django.db import transaction
from django.utils import timezone

from apart.core.outbox import send_templated_email
from indemnisation.models import Claim

NOTIFY_CHUNK = 500


def notify_validation(claim: Claim) -> None:
    establishment = claim.establishment
    send_templated_email(
        to=establishment.email,
        template="di_validated",
        context={"claim": claim, "establishment": establishment},
    )
    Claim.objects.filter(pk=claim.pk).update(notified_at=timezone.now())


def notify_rejection(claim: Claim, motive: str) -> None:
    establishment = claim.establishment
    send_templated_email(
        to=establishment.email,
        template="di_rejected",
        context={"claim": claim, "establishment": establishment, "motive": motive},
    )


def notify_pending_validations(*, chunk: int = NOTIFY_CHUNK) -> int:
    """Email every validated DI not yet notified (those validated by the batch)."""
    total = 0
    while True:
        with transaction.atomic():
            batch = list(
                Claim.objects.filter(notified_at__isnull=True, validated_at__isnull=False)
                .select_related("establishment")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("validated_at", "id")[:chunk]
            )
            for claim in batch:
                notify_validation(claim)
        total += len(batch)
        if len(batch) < chunk:
            return total
