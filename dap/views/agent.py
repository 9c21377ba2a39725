"""The UD agents' instruction queue and decisions (their départements only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dap.forms import InstructionForm, QueueFilterForm
from dap.models import AuthorizationRequest, RequestStatus
from dap.models.decisions import normalize_reference
from dap.services.instruction import request_invalidate, request_refuse, request_validate
from dap.services.timeline import tacit_at_latest
from dap.views.common import paginate, visible_request
from habilitations import access

ACTIONS = {
    "validate": (request_validate, "Demande validée : la décision d'autorisation est créée."),
    "refuse": (request_refuse, "Demande refusée."),
    "invalidate": (request_invalidate, "Demande invalidée : elle est renvoyée à l'employeur."),
}


def _filtered(queryset, data: dict):
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    else:
        queryset = queryset.exclude(status=RequestStatus.DRAFT)
    if data.get("reason"):
        queryset = queryset.filter(reason=data["reason"])
    if data.get("sent_from"):
        queryset = queryset.filter(sent_at__date__gte=data["sent_from"])
    if data.get("sent_to"):
        queryset = queryset.filter(sent_at__date__lte=data["sent_to"])
    if data.get("siret"):
        queryset = queryset.filter(establishment__siret=data["siret"])
    if data.get("number"):
        queryset = queryset.filter(number=normalize_reference(data["number"]))
    return queryset


@access.profile_required(*access.READ_ALL_PROFILES, "ud_agent")
def queue(request):
    """Pending first, oldest deadline first: what the batch would accept next."""
    form = QueueFilterForm(request.GET or {"status": RequestStatus.SENT})
    queryset = AuthorizationRequest.objects.visible_to(request.user).select_related("establishment")
    if form.is_valid():
        queryset = _filtered(queryset, form.cleaned_data)
    else:
        queryset = queryset.none()
    order = access.scoped_order(request.user, "tacit_deadline", "sent_at", "id")
    page = paginate(request, queryset.order_by(*order))
    for item in page:
        item.tacit_latest = tacit_at_latest(item)
    return render(request, "dap/queue.html", {"form": form, "page_obj": page})


@require_POST
@access.instructor_required
def instruct(request, number):
    dap = visible_request(request.user, number)
    form = InstructionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(f"{dap.get_absolute_url()}#instruction")
    action, done = ACTIONS[form.cleaned_data["decision"]]
    try:
        action(request=dap, agent=request.user, motive=form.cleaned_data["motive"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("dap:detail", number=dap.number)
