"""Employer-space list of the demandes d'indemnisation (empty until the DI module is delivered)."""

from django.shortcuts import render

from habilitations import access


def di_list(request):
    visible = access.establishments_visible_to(request.user)
    is_employer = access.is_establishment_user(request.user)
    context = {"is_employer": is_employer, "visible_count": visible.count()}
    return render(request, "indemnisation/list.html", context)
