"""The employer's pages: lists, DAP form, sending, avenants, récépissé."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from dap import pdf
from dap.forms import AvenantForm, DocumentForm, InstructionForm, RequestForm
from dap.models import AuthorizationRequest, Decision, RequestStatus
from dap.services.requests import (
    FICHE_INCOMPLETE,
    avenant_create,
    avenant_problem,
    request_create,
    request_update,
    send_locked,
    send_problems,
)
from dap.services.timeline import next_step, tacit_at_latest
from dap.views.common import locked_request, paginate, visible_request
from habilitations import access


def request_list(request):
    queryset = (
        AuthorizationRequest.objects.visible_to(request.user)
        .select_related("establishment", "decision")
        .order_by("-created_at", "-id")
    )
    page = paginate(request, queryset)
    for item in page:
        item.tacit_latest = tacit_at_latest(item)
    # An expert-comptable may hold hundreds of SIRET (demo: 200): list the first ones and
    # let a SIRET (or its start) find the others.
    editable = access.establishments_editable_by(request.user)
    siret = "".join(request.GET.get("siret", "").split())[:14]
    if siret.isdigit():
        editable = editable.filter(siret__startswith=siret)
    shown = list(editable.order_by("denomination", "siret")[: settings.DAP_NEW_REQUEST_SHOWN])
    return render(
        request,
        "dap/list.html",
        {
            "page_obj": page,
            "is_employer": access.is_establishment_user(request.user),
            "is_instructor": access.can_instruct_requests(request.user),
            "establishments": shown,
            "establishments_total": editable.count()
            if len(shown) == settings.DAP_NEW_REQUEST_SHOWN
            else len(shown),
            "siret": siret,
        },
    )


def _establishment_or_404(request, siret):
    return access.get_establishment_for(request.user, siret, for_update=True)


@require_http_methods(["GET", "POST"])
def request_new(request, siret):
    establishment = _establishment_or_404(request, siret)
    if not establishment.is_complete:
        return render(
            request,
            "dap/fiche_incomplete.html",
            {
                "establishment": establishment,
                "message": FICHE_INCOMPLETE,
                "missing": establishment.missing_fiche_fields(),
            },
        )
    form = RequestForm(request.POST or None, establishment=establishment)
    if request.method == "POST" and form.is_valid():
        created = request_create(
            establishment=establishment, user=request.user, data=form.cleaned_data
        )
        messages.success(request, f"Demande {created.number} enregistrée en brouillon.")
        return redirect("dap:detail", number=created.number)
    return render(
        request,
        "dap/form.html",
        {
            "form": form,
            "establishment": establishment,
            "title": "Saisir une demande d'autorisation",
        },
    )


@require_http_methods(["GET", "POST"])
def request_edit(request, number):
    dap = visible_request(request.user, number, for_update=True)
    if not dap.is_editable:
        messages.error(request, "Cette demande a été envoyée : elle ne peut plus être modifiée.")
        return redirect("dap:detail", number=dap.number)
    form_class = AvenantForm if dap.is_avenant else RequestForm
    extra = {"parent": dap.amends} if dap.is_avenant else {}
    form = form_class(request.POST or None, instance=dap, establishment=dap.establishment, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            request_update(request=dap, data=form.cleaned_data)
        except ValidationError as error:  # sent from another tab meanwhile
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Demande enregistrée.")
        return redirect("dap:detail", number=dap.number)
    return render(
        request,
        "dap/form.html",
        {
            "form": form,
            "establishment": dap.establishment,
            "dap": dap,
            "title": f"Modifier la demande {dap.number}",
        },
    )


@require_POST
def request_send_view(request, number):
    try:
        with transaction.atomic():
            dap = locked_request(request.user, number)
            dap = send_locked(request=dap, user=request.user)
    except ValidationError as error:  # nothing written: the block was rolled back
        for message in error.messages:
            messages.error(request, message)
        return redirect("dap:detail", number=dap.number)
    messages.success(
        request, f"Demande {dap.number} envoyée à l'unité départementale. {next_step(dap)}"
    )
    return redirect("dap:detail", number=dap.number)


def request_detail(request, number):
    dap = visible_request(request.user, number)
    can_edit = access.can_edit(request.user, dap.establishment)
    decision = Decision.objects.filter(request=dap).first()
    context = {
        "dap": dap,
        "next_step": next_step(dap),
        "can_edit": can_edit,
        "decision": decision,
        "documents": list(dap.documents.all()),
        "transitions": list(dap.transitions.select_related("actor")),
        "avenants": list(dap.avenants.order_by("created_at")),
        "document_form": DocumentForm()
        if can_edit and dap.status not in dap.CLOSED_STATUSES
        else None,
        "problems": send_problems(dap, on=timezone.localdate())
        if can_edit and dap.is_editable
        else [],
        "avenant_possible": can_edit and avenant_problem(dap) is None,
        "instruction_form": (
            InstructionForm()
            if dap.status == RequestStatus.SENT and access.can_instruct_requests(request.user)
            else None
        ),
    }
    return render(request, "dap/detail.html", context)


@require_http_methods(["GET", "POST"])
def avenant_new(request, number):
    parent = visible_request(request.user, number, for_update=True)
    problem = avenant_problem(parent)
    if problem:
        messages.error(request, problem)
        return redirect("dap:detail", number=parent.number)
    form = AvenantForm(
        request.POST or None,
        initial={k: getattr(parent, k) for k in ("period_end", "employees", "hours")},
        establishment=parent.establishment,
        parent=parent,
    )
    if request.method == "POST" and form.is_valid():
        try:
            avenant = avenant_create(parent=parent, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("dap:detail", number=parent.number)
        messages.success(request, f"Avenant {avenant.number} enregistré en brouillon.")
        return redirect("dap:detail", number=avenant.number)
    return render(
        request,
        "dap/form.html",
        {
            "form": form,
            "establishment": parent.establishment,
            "parent": parent,
            "title": "Avenant de demande d'autorisation préalable (DAP)",
        },
    )


def receipt_pdf(request, number):
    dap = visible_request(request.user, number)
    if dap.sent_at is None:
        messages.error(request, "Le récépissé est délivré à l'envoi de la demande.")
        return redirect("dap:detail", number=dap.number)
    response = HttpResponse(pdf.receipt_pdf(dap), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="recepisse-{dap.number}.pdf"'
    return response
