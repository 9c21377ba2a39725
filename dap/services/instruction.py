"""Instruction by the UD agents: valider, refuser, invalider — each with a motive."""

from django.core.exceptions import ValidationError
from django.db import transaction

from apart.core.outbox import send_templated_email
from dap.models import AuthorizationRequest, Decision, RequestStatus
from dap.services.decisions import decision_create
from dap.services.transitions import request_transition


def _require_motive(motive: str) -> str:
    motive = (motive or "").strip()
    if not motive:
        raise ValidationError("Indiquez le motif de votre décision.")
    return motive


def _conclude(request, *, agent, motive, to) -> AuthorizationRequest:
    motive = _require_motive(motive)
    with transaction.atomic():
        locked = AuthorizationRequest.objects.select_for_update().get(pk=request.pk)
        request_transition(request=locked, to=to, actor=agent, motive=motive)
        send_templated_email(
            to=locked.establishment.email,
            template="dap_status",
            context={"request": locked, "establishment": locked.establishment, "motive": motive},
        )
    return locked


def request_refuse(*, request, agent, motive: str) -> AuthorizationRequest:
    return _conclude(request, agent=agent, motive=motive, to=RequestStatus.REFUSED)


def request_invalidate(*, request, agent, motive: str) -> AuthorizationRequest:
    """Back to the employer to complete; the delay starts again when it is sent again."""
    return _conclude(request, agent=agent, motive=motive, to=RequestStatus.INVALIDATED)


def request_validate(*, request, agent, motive: str) -> Decision:
    return decision_create(request=request, actor=agent, motive=_require_motive(motive))
