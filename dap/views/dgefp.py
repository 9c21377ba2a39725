"""The DGEFP's line on the tacit-acceptance batch: last run, how many, and a button."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dap import batching
from dap.models import AuthorizationRequest, BatchKind, BatchRun
from dap.models.batch import BatchTrigger
from dap.tasks import run_tacit_batch_task
from habilitations import access


@access.profile_required(*access.READ_ALL_PROFILES)
def batch_status(request):
    from django.utils import timezone

    runs = BatchRun.objects.filter(kind=BatchKind.DAP_TACIT).select_related("triggered_by")
    now = timezone.now()
    return render(
        request,
        "dap/batch.html",
        {
            "last": runs.first(),
            "runs": list(runs[:10]),
            "next_run": batching.next_run_at(now),
            "overdue": AuthorizationRequest.objects.pending()
            .filter(tacit_deadline__lte=now)
            .count(),
            "pending": AuthorizationRequest.objects.pending().count(),
            "can_run": access.can_run_batches(request.user),
        },
    )


@require_POST
@access.dgefp_required
def batch_start(request):
    run_tacit_batch_task.delay(trigger=BatchTrigger.BUTTON, user_id=request.user.pk)
    messages.success(
        request,
        "Traitement d'acceptation tacite lancé. Actualisez la page pour voir son résultat.",
    )
    return redirect("dap:batch")
