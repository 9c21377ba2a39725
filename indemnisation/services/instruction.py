"""The UD agents' instruction of a DI (their départements only: habilitations.access)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from indemnisation.models import Claim, ClaimStatus
from indemnisation.services.notifications import notify_rejection, notify_validation
from indemnisation.services.transitions import claim_transition

S = ClaimStatus
PAYMENT_MOTIVE = "Mise en paiement transmise à l'ASP."


def _locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().select_related("establishment").get(pk=claim.pk)


@transaction.atomic
def claim_take(*, claim: Claim, agent, motive: str = "") -> None:
    """« En cours d'instruction »: the 72 h batch leaves it to the agent."""
    locked = _locked(claim)
    claim_transition(
        claim=locked, to=S.IN_INSTRUCTION, actor=agent, motive=motive or "Prise en instruction."
    )


@transaction.atomic
def claim_ask_visa(*, claim: Claim, agent, motive: str = "") -> None:
    locked = _locked(claim)
    claim_transition(
        claim=locked, to=S.AWAITING_VISA, actor=agent, motive=motive or "Visa UT demandé."
    )


@transaction.atomic
def claim_validate(*, claim: Claim, agent, motive: str = "") -> None:
    """Validée, then Paiement demandé, and the employer's email."""
    locked = _locked(claim)
    claim_transition(
        claim=locked, to=S.VALIDATED, actor=agent, motive=motive or "Demande conforme."
    )
    claim_transition(claim=locked, to=S.PAYMENT_REQUESTED, actor=agent, motive=PAYMENT_MOTIVE)
    notify_validation(locked)


@transaction.atomic
def claim_reject(*, claim: Claim, agent, motive: str) -> None:
    if not motive.strip():
        raise ValidationError("Indiquez le motif du rejet : il est communiqué à l'employeur.")
    locked = _locked(claim)
    claim_transition(claim=locked, to=S.REJECTED, actor=agent, motive=motive)
    notify_rejection(locked, motive)
