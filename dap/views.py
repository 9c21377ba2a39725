"""Lists of the employer space for DAPs and DAs (empty until the DAP module is delivered)."""

from django.shortcuts import render

from habilitations import access


def _context(request) -> dict:
    visible = access.establishments_visible_to(request.user)
    is_employer = access.is_establishment_user(request.user)
    return {
        "is_employer": is_employer,
        "incomplete": list(
            visible.incomplete().order_by("denomination", "siret")[:20] if is_employer else []
        ),
    }


def dap_list(request):
    return render(request, "dap/list.html", _context(request))


def decision_list(request):
    return render(request, "dap/decisions.html", _context(request))
