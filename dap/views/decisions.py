"""Décisions d'autorisation: list, detail with the code indemnisation, PDF; search."""

from django.http import HttpResponse
from django.shortcuts import render

from dap import pdf
from dap.models import Decision
from dap.services.lookup import find_by_reference
from dap.views.common import paginate, visible_decision
from habilitations import access


def decision_list(request):
    queryset = (
        Decision.objects.visible_to(request.user)
        .select_related("establishment", "request")
        .order_by("-created_at", "-id")
    )
    context = {
        "page_obj": paginate(request, queryset),
        "is_employer": access.is_establishment_user(request.user),
    }
    return render(request, "dap/decisions.html", context)


def decision_detail(request, decision_number):
    decision = visible_decision(request.user, decision_number)
    return render(request, "dap/decision_detail.html", {"decision": decision})


def decision_pdf(request, decision_number):
    decision = visible_decision(request.user, decision_number)
    response = HttpResponse(pdf.decision_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="decision-{decision.number}.pdf"'
    return response


def search(request):
    """Exact, case-insensitive: a DAP, avenant or DA number, a code, or a SIRET."""
    text = request.GET.get("q", "").strip()
    requests, decisions = find_by_reference(text=text, user=request.user) if text else ([], [])
    return render(
        request,
        "dap/search.html",
        {"q": text, "requests": requests, "decisions": decisions, "searched": bool(text)},
    )
