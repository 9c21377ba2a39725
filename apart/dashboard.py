"""The employer's tableau de bord: the composition of every app's block.

It sits in the top layer because it shows blocks of several apps (establishments, DAP,
decisions, DI): each app gives its blocks through a small `dashboard_blocks(user,
establishment)` function returning `{"template": ..., **context}` dicts, and the page
includes each block's template. The URL keeps its name `establishments:dashboard`.
"""

from django.shortcuts import render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from apart.templatetags.apart_ui import siret as format_siret
from dap.dashboard import dashboard_blocks as dap_blocks
from habilitations import access
from habilitations.employer_views import current_establishment
from indemnisation.dashboard import dashboard_blocks as indemnisation_blocks

DASHBOARD_SIZE = 5
BLOCK_PROVIDERS = (dap_blocks, indemnisation_blocks)


def dashboard(request):
    visible = access.establishments_visible_to(request.user)
    current = current_establishment(request)
    shown = list(visible.order_by("denomination", "siret")[:DASHBOARD_SIZE])
    if current is not None:
        shown = [current] + [e for e in shown if e.pk != current.pk][: DASHBOARD_SIZE - 1]
    is_employer = access.is_establishment_user(request.user)
    choices = list(visible.order_by("denomination", "siret").values_list("siret", "denomination"))
    context = {
        "current": current,
        "establishments": shown,
        "total": len(choices),  # the switcher's list is read anyway: no COUNT query
        "any_incomplete": is_employer and visible.incomplete().exists(),
        "is_employer": is_employer,
        "is_accountant": is_employer and access.is_accountant(request.user),
        "choice_options": switch_options(choices, current),
        "blocks": [
            block for provider in BLOCK_PROVIDERS for block in provider(request.user, current)
        ],
    }
    return render(request, "establishments/dashboard.html", context)


def switch_options(choices, current) -> str:
    """The <option>s of the switcher, built in Python: 200 of them through the template
    engine were a third of the expert-comptable's dashboard."""
    selected = current.siret if current is not None else None
    return format_html_join(
        "\n",
        '<option value="{}"{}>{} — {}</option>',
        (
            (siret, mark_safe(" selected") if siret == selected else "", name, format_siret(siret))
            for siret, name in choices
        ),
    )
