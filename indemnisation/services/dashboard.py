"""The employer dashboard's « Mes Demandes d'Indemnisation » block."""

from django.db.models import Count

from indemnisation.models import Claim, ClaimStatus

LATEST = 5


def dashboard_blocks(*, user, establishment=None) -> list[dict]:
    """One block: counts by status and the latest DIs (of the current establishment when
    the expert-comptable chose one), all through the scoped queryset."""
    claims = Claim.objects.visible_to(user)
    if establishment is not None:
        claims = claims.filter(establishment=establishment)
    counts = claims.order_by().values("status").annotate(count=Count("pk"))
    by_status = [(ClaimStatus(row["status"]).label, row["count"]) for row in counts]
    return [
        {
            "template": "indemnisation/includes/dashboard_di.html",
            "di_by_status": sorted(by_status),
            "di_latest": list(claims.select_related("establishment")[:LATEST]),
        }
    ]
