"""Finding a DAP, an avenant or a DA by its number, code or SIRET (seed 003, « Recherche
de DAP avec des lettres »): exact, case-insensitive, spaces ignored, on indexed columns
(numbers and codes are stored upper-case, so the unique index answers)."""

from dap.models import AuthorizationRequest, Decision
from dap.models.decisions import normalize_reference


def decision_by_code(*, code: str, user) -> Decision | None:
    """The DA of this code indemnisation if `user` may see it, else None."""
    normalized = normalize_reference(code)
    if not normalized:
        return None
    return (
        Decision.objects.visible_to(user)
        .select_related("establishment", "request")
        .filter(code=normalized)
        .first()
    )


def find_by_reference(*, text: str, user) -> tuple[list, list]:
    """Requests and DAs whose number (or the establishment's SIRET) is exactly `text`."""
    normalized = normalize_reference(text)
    if not normalized:
        return [], []
    requests = AuthorizationRequest.objects.visible_to(user).select_related("establishment")
    decisions = Decision.objects.visible_to(user).select_related("establishment")
    if normalized.isdigit() and len(normalized) == 14:
        return (
            list(requests.filter(establishment__siret=normalized)[:200]),
            list(decisions.filter(establishment__siret=normalized)[:200]),
        )
    return (
        list(requests.filter(number=normalized)),
        list(decisions.filter(number=normalized) | decisions.filter(code=normalized)),
    )
