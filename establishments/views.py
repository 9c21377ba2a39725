"""The public contrat de prestation (expert-comptable ↔ client), rendered as a PDF.

The employer space's screens (list, fiche, users, RIB, switch) need the access policy and
live in `habilitations.employer_views`, the layer that owns it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts import throttle
from establishments.forms import ServiceContractForm
from establishments.pdf import service_contract_pdf

CONTRACT_PDFS_PER_WINDOW = 30
CONTRACT_WINDOW_SECONDS = 15 * 60


def contract_quota_left(request) -> bool:
    """Rendering a PDF costs CPU: a public page limits it per client address."""
    key = f"contract-pdf:{throttle.client_ip(request)}"
    cache.add(key, 0, timeout=CONTRACT_WINDOW_SECONDS)
    return cache.incr(key) <= CONTRACT_PDFS_PER_WINDOW


@login_not_required
@require_http_methods(["GET", "POST"])
def service_contract(request):
    form = ServiceContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not contract_quota_left(request):
            messages.error(request, "Trop de contrats générés : réessayez dans quelques minutes.")
            return render(
                request, "establishments/service_contract.html", {"form": form}, status=429
            )
        pdf = service_contract_pdf(form.cleaned_data)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"contrat-de-prestation-{form.cleaned_data['client_siret']}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "establishments/service_contract.html", {"form": form})
