"""The DGEFP's line on the 72 h DI batch: last run, how many, and a button (like the DAP's)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_POST

from dap import batching
from dap.models import BatchKind, BatchRun
from dap.models.batch import BatchTrigger
from habilitations import access
from indemnisation.models import Claim, ClaimStatus
from indemnisation.rules import AUTO_VALIDATION_DELAY
from indemnisation.tasks import run_validation_batch_task


@access.profile_required(*access.READ_ALL_PROFILES)
def batch_status(request):
    runs = BatchRun.objects.filter(kind=BatchKind.DI_VALIDATION).select_related("triggered_by")
    now = timezone.now()
    pending = Claim.objects.filter(status=ClaimStatus.PENDING_VALIDATION)
    with translation.override("fr"):
        return render(
            request,
            "indemnisation/batch.html",
            {
                "last": runs.first(),
                "runs": list(runs[:10]),
                "next_run": batching.next_run_at(now),
                "pending": pending.count(),
                "overdue": pending.filter(sent_at__lte=now - AUTO_VALIDATION_DELAY).count(),
                "can_run": access.can_run_batches(request.user),
            },
        )


@require_POST
@access.dgefp_required
def batch_start(request):
    run_validation_batch_task.delay(trigger=BatchTrigger.BUTTON, user_id=request.user.pk)
    messages.success(
        request,
        "Traitement de validation des demandes d'indemnisation lancé. Actualisez la page pour "
        "voir son résultat.",
    )
    return redirect("indemnisation:batch")
