"""The ASP support back-office: the queue of tickets and the ticket page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from habilitations.access import (
    can_act_on_tickets,
    establishments_visible_to,
    support_agent_required,
    support_viewer_required,
)
from support.access import get_ticket_for, tickets_visible_to
from support.enums import TicketMotif
from support.forms import QueueFilterForm, ReplaceReferentForm, ReplyForm, TransitionNoteForm
from support.services.tickets import (
    TransitionNotAllowed,
    allowed_transitions,
    establishment_users,
    ticket_close,
    ticket_reopen,
    ticket_replace_referent,
    ticket_reply,
)

PAGE_SIZE = 25


@support_viewer_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    tickets = tickets_visible_to(request.user)
    if form.is_bound and form.is_valid():
        tickets = form.filter(tickets)
    elif not form.is_bound:
        tickets = tickets.open()
    page = Paginator(tickets.order_by("created_at", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "support/backoffice/queue.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


@support_viewer_required
def ticket_detail(request, reference):
    ticket = get_ticket_for(request.user, reference)
    return _render_ticket(request, ticket)


def _establishment_for(request, ticket):
    """The establishment of the ticket's SIRET, through the one access module."""
    return (
        establishments_visible_to(request.user)
        .select_related("principal_user")
        .filter(siret=ticket.siret)
        .first()
    )


def _render_ticket(request, ticket, *, reply_form=None, status=200):
    establishment = _establishment_for(request, ticket)
    can_act = can_act_on_tickets(request.user)
    transitions = allowed_transitions(ticket) if can_act else set()
    context = {
        "ticket": ticket,
        "establishment": establishment,
        "attachments": establishment_users(establishment) if establishment else [],
        "thread": ticket.messages.select_related("author"),
        "history": ticket.transitions.select_related("by"),
        "can_act": can_act,
        "transitions": transitions,
        "can_replace_referent": (
            "replace_referent" in transitions
            and ticket.motif == TicketMotif.HABILITATION
            and establishment is not None
            and ticket.account_request_id is None
        ),
        "reply_form": reply_form or ReplyForm(),
        "note_form": TransitionNoteForm(),
    }
    return render(request, "support/backoffice/ticket.html", context, status=status)


def _refused(request, ticket, error):
    messages.error(request, str(error))
    return redirect("support:ticket", reference=ticket.reference)


@support_agent_required
@require_POST
def reply(request, reference):
    ticket = get_ticket_for(request.user, reference)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_ticket(request, ticket, reply_form=form, status=400)
    try:
        ticket_reply(ticket=ticket, agent=request.user, body=form.cleaned_data["body"])
    except TransitionNotAllowed as error:
        return _refused(request, ticket, error)
    messages.success(request, f"La réponse a été envoyée à {ticket.email}.")
    return redirect("support:ticket", reference=ticket.reference)


@support_agent_required
@require_POST
def close(request, reference):
    return _move(request, reference, ticket_close, "La demande a été clôturée.")


@support_agent_required
@require_POST
def reopen(request, reference):
    return _move(request, reference, ticket_reopen, "La demande a été rouverte.")


def _move(request, reference, service, success):
    ticket = get_ticket_for(request.user, reference)
    form = TransitionNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        service(ticket=ticket, agent=request.user, note=note)
    except TransitionNotAllowed as error:
        return _refused(request, ticket, error)
    messages.success(request, success)
    return redirect("support:ticket", reference=ticket.reference)


@support_agent_required
def replace_referent(request, reference):
    ticket = get_ticket_for(request.user, reference)
    establishment = _establishment_for(request, ticket)
    if request.method == "POST":
        form = ReplaceReferentForm(request.POST)
        if form.is_valid():
            data = form.person_data()
            try:
                ticket_replace_referent(ticket=ticket, agent=request.user, **data)
            except TransitionNotAllowed as error:
                return _refused(request, ticket, error)
            messages.success(
                request,
                f"{data['first_name']} {data['last_name'].upper()} devient le référent de "
                f"l'établissement : le compte et l'habilitation sont en cours de création, les "
                f"courriels IDENTIFIANT, MOT DE PASSE et HABILITATION lui sont envoyés.",
            )
            return redirect("support:ticket", reference=ticket.reference)
    else:
        form = ReplaceReferentForm(initial=ReplaceReferentForm.initial_from_ticket(ticket))
    context = {"ticket": ticket, "establishment": establishment, "form": form}
    return render(request, "support/backoffice/replace_referent.html", context)
