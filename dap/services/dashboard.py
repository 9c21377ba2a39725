"""The employer dashboard's DAP and DA blocks (rendered by dap/includes/dashboard_blocks.html)."""

from django.db.models import Count, Window

from dap.models import AuthorizationRequest, Decision, RequestStatus
from dap.services.timeline import tacit_at_latest

SHOWN = 3


def dashboard_blocks(*, user, establishment=None) -> dict:
    """Counts by status and the latest requests and DAs the user may see (of `establishment`
    when one is chosen)."""
    requests = AuthorizationRequest.objects.visible_to(user)
    decisions = Decision.objects.visible_to(user)
    if establishment is not None:
        requests = requests.filter(establishment=establishment)
        decisions = decisions.filter(establishment=establishment)
    counts = dict(requests.values_list("status").annotate(n=Count("id")).order_by())
    latest = list(requests.select_related("establishment").order_by("-created_at", "-id")[:SHOWN])
    for item in latest:
        item.tacit_latest = tacit_at_latest(item)
    by_status = [
        (status.label, counts[status.value]) for status in RequestStatus if counts.get(status.value)
    ]
    # The total comes with the latest rows (a window over every row, counted before the
    # LIMIT): one query where a COUNT was a second one.
    latest_decisions = list(
        decisions.select_related("establishment")
        .annotate(total=Window(Count("id")))
        .order_by("-created_at", "-id")[:SHOWN]
    )
    return {
        "dap_blocks": {
            "requests": latest,
            "request_count": sum(counts.values()),
            "by_status": by_status,
            "decisions": latest_decisions,
            "decision_count": latest_decisions[0].total if latest_decisions else 0,
            "establishment": establishment,
        }
    }
