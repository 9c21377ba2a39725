"""The employer's tableau de bord: the composition of every app's block.

It sits in the top layer because it shows blocks of several apps (establishments, DAP,
decisions, DI): each app gives its blocks through a small `dashboard_blocks(user,
establishment)` function returning `{"template": ..., **context}` dicts, and the page
includes each block's template. The URL keeps its name `establishments:dashboard`.
"""

from html import escape

from django.shortcuts import render
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
    if is_employer:
        # The switcher's list (at most MAX_ESTABLISHMENTS_PER_MANAGER) is read anyway: it
        # gives the total and the incomplete fiches too.
        choices = list(
            visible.with_incompleteness()
            .order_by("denomination", "siret")
            .values_list("siret", "denomination", "fiche_incomplete")
        )
        total = len(choices)
    else:  # an agent sees a département or the whole country: no switcher of 200,000 names
        choices, total = [], visible.count()
    context = {
        "current": current,
        "establishments": shown,
        "total": total,
        "switchable": len(choices) > 1,
        "any_incomplete": any(incomplete for _, _, incomplete in choices),
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
    engine were a third of the expert-comptable's dashboard, and through `format_html`
    still 1 ms (`html.escape` gives the same entities as Django's `escape`)."""
    selected = current.siret if current is not None else None
    return mark_safe(
        "\n".join(
            f'<option value="{escape(siret)}"{" selected" if siret == selected else ""}>'
            f"{escape(name)} — {escape(format_siret(siret))}</option>"
            for siret, name, _ in choices
        )
    )
