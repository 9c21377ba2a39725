"""JSON look-ups of reference data used by the public forms (no login needed)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from establishments.combo import IDCC, NAF, SEPARATOR
from establishments.reference import communes_for_postal_code


@login_not_required
@require_GET
@cache_control(public=True, max_age=3600)
def communes(request):
    """`?code_postal=75002` → `[{"insee_code": "75102", "name": "Paris 2e Arrondissement"}]`."""
    postal_code = request.GET.get("code_postal", "").strip()
    data = [
        {"insee_code": commune.insee_code, "name": commune.name}
        # A code unknown to La Poste's base (a CEDEX code): the département's communes.
        | ({"fallback": True} if getattr(commune, "fallback", False) else {})
        for commune in communes_for_postal_code(postal_code)
    ]
    return JsonResponse(data, safe=False)


def _suggestions(reference, request):
    """`?q=resta` → `[{"value": "56.10A — Restauration traditionnelle"}, …]` (20 at most)."""
    found = reference.search(request.GET.get("q", "")[:100])
    rows = [{"value": f"{code}{SEPARATOR}{label}"} for code, label in found]
    return JsonResponse(rows, safe=False)


@login_not_required
@require_GET
@cache_control(public=True, max_age=3600)
def naf_search(request):
    return _suggestions(NAF, request)


@login_not_required
@require_GET
@cache_control(public=True, max_age=3600)
def idcc_search(request):
    return _suggestions(IDCC, request)
