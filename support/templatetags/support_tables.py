"""The rows of the support queue, built in Python (same HTML as the template's loop was).

Twenty-five rows through the template engine — a `{% url %}`, two date filters, the SIRET
filter and the badge's conditions each — were the better part of the queue's render.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from apart.templatetags.apart_ui import siret as format_siret

register = template.Library()

BADGES = {"new": "fr-badge--new", "closed": "fr-badge--success"}
EMPTY = '<tr><td colspan="7">Aucune demande ne correspond à ces critères.</td></tr>'


def _row(ticket, detail_prefix: str, detail_suffix: str) -> str:
    created = timezone.localtime(ticket.created_at)
    badge = BADGES.get(ticket.status, "fr-badge--info")
    return (
        f'<tr><td><a href="{detail_prefix}{escape(quote(ticket.reference))}{detail_suffix}">'
        f"{escape(ticket.reference)}</a></td>"
        f"<td>{dateformat.format(created, 'd/m/Y H:i')} "
        f'<span class="fr-hint-text">il y a {escape(timesince(ticket.created_at))}</span></td>'
        f"<td>{escape(ticket.get_motif_display())}</td>"
        f"<td>{escape(format_siret(ticket.siret))}</td>"
        f"<td>{escape(ticket.denomination)}</td>"
        f"<td>{escape(ticket.requester_name)}</td>"
        f'<td><span class="fr-badge fr-badge--sm {badge}">'
        f"{escape(ticket.get_status_display())}</span></td></tr>"
    )


@register.simple_tag
def ticket_rows(tickets) -> str:
    """The <tr> of each ticket of the page, or the one row saying there is none."""
    stand_in = "0"
    prefix, _, suffix = reverse("support:ticket", args=[stand_in]).rpartition(f"/{stand_in}/")
    rows = [_row(ticket, f"{prefix}/", f"/{suffix}") for ticket in tickets]
    return mark_safe("\n".join(rows) if rows else EMPTY)
