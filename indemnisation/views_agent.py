"""The UD agents' queue of DIs (their départements only) and their instruction."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from dap.models.decisions import normalize_reference
from dap.views.common import paginate
from habilitations import access
from indemnisation.claim_forms import ClaimFilterForm, InstructionForm
from indemnisation.models import Claim, ClaimStatus
from indemnisation.rules import AUTO_VALIDATION_DELAY
from indemnisation.services.instruction import (
    claim_ask_visa,
    claim_reject,
    claim_take,
    claim_validate,
)
from indemnisation.views import visible_claim

ACTIONS = {
    "take": (
        claim_take,
        "Demande prise en instruction : elle ne sera pas validée automatiquement.",
    ),
    "visa": (claim_ask_visa, "Visa UT demandé."),
    "validate": (claim_validate, "Demande validée et mise en paiement ; l'employeur est informé."),
    "reject": (claim_reject, "Demande rejetée."),
}


def _filtered(queryset, data: dict):
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    else:
        queryset = queryset.exclude(status=ClaimStatus.PROVISIONAL)
    if data.get("month"):
        queryset = queryset.filter(month=data["month"].replace(day=1))
    if data.get("siret"):
        queryset = queryset.filter(establishment__siret=data["siret"])
    if data.get("number"):
        number = normalize_reference(data["number"])
        queryset = queryset.filter(number=number) | queryset.filter(decision__number=number)
    return queryset


@access.profile_required(*access.READ_ALL_PROFILES, "ud_agent")
def queue(request):
    """Pending first, oldest filing first: what the 72 h batch would validate next."""
    form = ClaimFilterForm(request.GET or {"status": ClaimStatus.PENDING_VALIDATION})
    queryset = Claim.objects.visible_to(request.user).select_related("establishment", "decision")
    queryset = _filtered(queryset, form.cleaned_data) if form.is_valid() else queryset.none()
    page = paginate(request, queryset.order_by(*access.scoped_order(request.user, "sent_at", "id")))
    for claim in page:
        claim.auto_at = claim.sent_at + AUTO_VALIDATION_DELAY if claim.sent_at else None
    with translation.override("fr"):
        return render(request, "indemnisation/queue.html", {"form": form, "page_obj": page})


@require_POST
@access.instructor_required
def instruct(request, claim_id):
    claim = visible_claim(request.user, claim_id)
    form = InstructionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(f"{claim.get_absolute_url()}#instruction")
    action, done = ACTIONS[form.cleaned_data["action"]]
    try:
        action(claim=claim, agent=request.user, motive=form.cleaned_data["motive"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(claim)
