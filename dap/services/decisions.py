"""Décisions d'autorisation: created when a DAP or an avenant is authorised."""

from django.db import IntegrityError, transaction

from dap import numbering, tacit
from dap.models import AuthorizationRequest, Decision, DecisionKind, RequestStatus
from dap.services.transitions import request_transition


def _new_decision(request: AuthorizationRequest, kind: str, at) -> Decision:
    establishment = request.establishment
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Decision.objects.create(
                    number=numbering.decision_number(request.number),
                    code=tacit.random_code(),
                    request=request,
                    establishment=establishment,
                    kind=kind,
                    period_start=request.period_start,
                    period_end=request.period_end,
                    authorized_hours=request.hours,
                    employees=request.employees,
                    requested_at=request.sent_at,
                    iban=establishment.iban,
                    bic=establishment.bic,
                    account_holder=establishment.account_holder,
                    created_at=at,
                )
        except IntegrityError:  # a code drawn twice (1 chance in 8·10^14): draw again
            continue
    raise IntegrityError("Impossible de tirer un code indemnisation unique.")


@transaction.atomic
def decision_create(*, request: AuthorizationRequest, actor, motive: str) -> Decision:
    """An agent validates a sent request: status, log, DA and the employer's email."""
    from dap.services.notifications import notify_decision

    request = AuthorizationRequest.objects.select_for_update().get(pk=request.pk)
    target = RequestStatus.VALIDATED if actor is not None else RequestStatus.TACIT
    log = request_transition(request=request, to=target, actor=actor, motive=motive)
    kind = DecisionKind.EXPRESS if actor is not None else DecisionKind.TACIT
    decision = _new_decision(request, kind, log.at)
    notify_decision(decision)
    return decision
