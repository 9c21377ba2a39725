"""The state machine of a DI (statuses of the APART codebook) with its log."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from indemnisation.models import Claim, ClaimStatus, ClaimTransition

S = ClaimStatus
ALLOWED = {
    S.PROVISIONAL: {S.PENDING_VALIDATION, S.WITHDRAWN},
    S.PENDING_VALIDATION: {S.IN_INSTRUCTION, S.VALIDATED, S.REJECTED, S.WITHDRAWN},
    S.IN_INSTRUCTION: {S.AWAITING_VISA, S.VALIDATED, S.REJECTED},
    S.AWAITING_VISA: {S.VALIDATED, S.REJECTED},
    S.VALIDATED: {S.PAYMENT_REQUESTED},
    S.PAYMENT_REQUESTED: {S.PAYMENT_DONE, S.PAYMENT_INVALIDATED},
    S.PAYMENT_INVALIDATED: {S.PAYMENT_REQUESTED},
    S.PAYMENT_DONE: {S.OR_TO_ISSUE},
    S.OR_TO_ISSUE: {S.OR_ISSUED, S.OR_INVALIDATED},
    S.OR_ISSUED: set(),
    S.OR_INVALIDATED: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}


def claim_transition(
    *, claim: Claim, to: int, actor, motive: str = "", at=None, batch_run=None
) -> ClaimTransition:
    """Move `claim` (locked by the caller) to `to`, or raise ValidationError in French."""
    if to not in ALLOWED[claim.status]:
        raise ValidationError(
            f"La demande est « {claim.get_status_display()} » : elle ne peut pas passer "
            f"à « {S(to).label} »."
        )
    at = at or timezone.now()
    from_status = claim.status
    claim.status = to
    fields = ["status", "updated_at"]
    if to == S.PENDING_VALIDATION:
        claim.sent_at = at
        fields.append("sent_at")
    if to == S.VALIDATED:
        claim.validated_at = at
        fields.append("validated_at")
    claim.save(update_fields=fields)
    return ClaimTransition.objects.create(
        claim=claim,
        actor=actor,
        at=at,
        from_status=from_status,
        to_status=to,
        motive=motive,
        batch_run=batch_run,
    )
