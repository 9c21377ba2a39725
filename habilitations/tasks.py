from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from apart.core.queue import sweep_each
from habilitations.enums import RequestStatus
from habilitations.models import AccountRequest
from habilitations.services import account_request_process


@shared_task(bind=True, max_retries=5, default_retry_delay=30, acks_late=True)
def process_account_request(self, request_id: int) -> None:
    account_request_process(request_id=request_id)


@shared_task
def sweep_account_requests(older_than_seconds: int = 60, limit: int = 500) -> int:
    """Process the requests that a worker or broker outage left waiting."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        AccountRequest.objects.filter(status=RequestStatus.RECEIVED, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sweep_each(ids, lambda pk: account_request_process(request_id=pk), what="requests")
