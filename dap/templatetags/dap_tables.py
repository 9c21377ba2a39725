"""The rows of the DAP tables (queue, « mes DAP », search), built in Python.

Twenty rows through the template engine — a `{% url %}`, an `{% include %}` of the status
badge and four date filters each — were half of the instruction queue's CPU. The HTML is
the same as the template's was (the status badge is `request_badge`, also used by the DAP page).
"""

from datetime import datetime
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from apart.templatetags.apart_ui import siret as format_siret
from dap.models import RequestStatus

register = template.Library()

BADGES = {
    RequestStatus.VALIDATED: "fr-badge fr-badge--success fr-badge--sm",
    RequestStatus.TACIT: "fr-badge fr-badge--success fr-badge--sm",
    RequestStatus.REFUSED: "fr-badge fr-badge--error fr-badge--sm",
    RequestStatus.INVALIDATED: "fr-badge fr-badge--warning fr-badge--sm",
    RequestStatus.SENT: "fr-badge fr-badge--info fr-badge--sm",
}
_STAND_IN = "0"
HOUR = "H\\hi"  # 14h00, as the template's `time:"H\\hi"`


def _day(value) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return dateformat.format(value, "d/m/Y") if value else ""


def _badge(item) -> str:
    css = BADGES.get(item.status, "fr-badge fr-badge--sm")
    return f'<p class="{css}">{escape(item.get_status_display())}</p>'


@register.simple_tag
def request_badge(item) -> str:
    """The status badge of one request (its page), the same as in the tables."""
    return mark_safe(_badge(item))


def _row(item, detail_prefix: str, detail_suffix: str) -> str:
    establishment = item.establishment
    avenant = ' <span class="fr-text--xs">(avenant)</span>' if item.is_avenant else ""
    tacit = "—"
    if getattr(item, "tacit_latest", None):  # set by the queue and the list
        moment = timezone.localtime(item.tacit_latest)
        tacit = f"le {_day(moment)} à {dateformat.time_format(moment, HOUR)}"
    return (
        f'<tr><td><a href="{detail_prefix}{escape(quote(item.number))}{detail_suffix}">'
        f"{escape(item.number)}</a>{avenant}</td>"
        f"<td>{escape(establishment.denomination)}<br>"
        f'<span class="fr-text--xs">{escape(format_siret(establishment.siret))}</span></td>'
        f"<td>du {_day(item.period_start)} au {_day(item.period_end)}</td>"
        f"<td>{_badge(item)}</td>"
        f"<td>{tacit}</td></tr>"
    )


@register.simple_tag
def request_rows(requests) -> str:
    """The <tr> of each request (with `tacit_latest` set by the view)."""
    detail = reverse("dap:detail", args=[_STAND_IN])
    prefix, _, suffix = detail.rpartition(f"/{_STAND_IN}/")
    prefix, suffix = f"{prefix}/", f"/{suffix}"
    return mark_safe("\n".join(_row(item, prefix, suffix) for item in requests))
