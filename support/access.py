"""Who may see which ticket: support's own policy, on top of habilitations.access.

Tickets are not establishments' data: ASP support and the DGEFP see every ticket, anyone
else none. Every ticket is loaded through `tickets_visible_to` (a guessed reference is a
404), as establishments are through `habilitations.access.establishments_visible_to`.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from habilitations.access import can_view_tickets
from support.models import Ticket


def tickets_visible_to(user) -> QuerySet[Ticket]:
    return Ticket.objects.all() if can_view_tickets(user) else Ticket.objects.none()


def get_ticket_for(user, reference: str) -> Ticket:
    """The ticket of this reference if the user may see it, else 404."""
    return get_object_or_404(tickets_visible_to(user), reference=reference.upper())
