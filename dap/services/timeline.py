""" "What happens next, and when": the sentence every request shows under its status."""

from django.utils import formats, timezone

from dap import batching
from dap.models import AuthorizationRequest, RequestStatus


def tacit_at_latest(request: AuthorizationRequest):
    """The scheduled run that will accept the request if no agent concludes before."""
    if request.status != RequestStatus.SENT or request.tacit_deadline is None:
        return None
    return batching.next_run_at(request.tacit_deadline)


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return f"le {formats.date_format(local, 'l j F Y')} à {local:%H}h{local:%M}"


def next_step(request: AuthorizationRequest) -> str:
    status = request.status
    if status == RequestStatus.DRAFT:
        return "Brouillon : la demande n'est pas envoyée. Complétez-la puis envoyez-la."
    if status == RequestStatus.INVALIDATED:
        return (
            "Renvoyée par l'unité départementale : complétez la demande selon le motif "
            "indiqué, puis envoyez-la de nouveau."
        )
    if status == RequestStatus.SENT:
        latest = tacit_at_latest(request)
        return (
            "En cours d'instruction par l'unité départementale. Sans conclusion de sa part, "
            f"la demande sera acceptée tacitement au plus tard {_when(latest)} "
            f"(délai légal écoulé {_when(request.tacit_deadline)})."
        )
    if status == RequestStatus.REFUSED:
        return f"Refusée par l'unité départementale {_when(request.concluded_at)}."
    kind = "Acceptée tacitement" if status == RequestStatus.TACIT else "Validée"
    return f"{kind} {_when(request.concluded_at)} : la décision d'autorisation est disponible."
