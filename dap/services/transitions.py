"""The state machine of a request, with its log (who, when, from, to, why)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from dap.models import AuthorizationRequest, RequestStatus, Transition

S = RequestStatus
ALLOWED = {
    S.DRAFT: {S.SENT},
    S.INVALIDATED: {S.SENT},
    S.SENT: {S.VALIDATED, S.REFUSED, S.INVALIDATED, S.TACIT},
    S.VALIDATED: set(),
    S.REFUSED: set(),
    S.TACIT: set(),
}


def request_transition(
    *, request: AuthorizationRequest, to: str, actor, motive: str = "", at=None, also=()
) -> Transition:
    """Move `request` (locked by the caller) to `to`, or raise ValidationError in French.
    `also`: fields the caller changed on the request, saved by the same UPDATE."""
    if to not in ALLOWED[request.status]:
        raise ValidationError(
            f"La demande est « {request.get_status_display()} » : elle ne peut pas passer "
            f"à « {S(to).label} »."
        )
    at = at or timezone.now()
    from_status = request.status
    request.status = to
    fields = ["status", "updated_at", *also]
    if to in (S.VALIDATED, S.REFUSED, S.INVALIDATED, S.TACIT):
        request.concluded_at = at
        fields.append("concluded_at")
    request.save(update_fields=fields)
    return Transition.objects.create(
        request=request, actor=actor, at=at, from_status=from_status, to_status=to, motive=motive
    )
