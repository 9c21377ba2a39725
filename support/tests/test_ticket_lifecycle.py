from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apart.core.models import OutboxEmail
from support.enums import MessageKind, TicketStatus
from support.models import Ticket
from support.services.tickets import TransitionNotAllowed, ticket_close, ticket_reopen, ticket_reply

pytestmark = pytest.mark.django_db


def test_a_reply_is_emailed_kept_on_the_ticket_and_logged(client_of, support_agent, make_ticket):
    ticket = make_ticket()
    response = client_of(support_agent).post(
        reverse("support:ticket_reply", args=[ticket.reference]),
        {"body": "Bonjour, pouvez-vous nous transmettre un Kbis ?"},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.IN_PROGRESS
    reply = ticket.messages.get(kind=MessageKind.REPLY)
    assert reply.author == support_agent
    email = OutboxEmail.objects.get(template="support_ticket_reply")
    assert email.recipient == ticket.email
    assert ticket.reference in email.subject
    assert "pouvez-vous nous transmettre un Kbis ?" in email.body_text
    transition = ticket.transitions.get(name="reply")
    assert (transition.from_status, transition.to_status, transition.by) == (
        TicketStatus.NEW,
        TicketStatus.IN_PROGRESS,
        support_agent,
    )


def test_an_empty_reply_is_refused(client_of, support_agent, make_ticket):
    ticket = make_ticket()
    response = client_of(support_agent).post(
        reverse("support:ticket_reply", args=[ticket.reference]), {"body": ""}
    )
    assert response.status_code == 400
    assert "Veuillez saisir la réponse." in response.content.decode()
    assert not OutboxEmail.objects.filter(template="support_ticket_reply").exists()


def test_close_then_reopen_through_the_pages(client_of, support_agent, make_ticket):
    ticket = make_ticket()
    client = client_of(support_agent)
    client.post(reverse("support:ticket_close", args=[ticket.reference]), {"note": "Résolu"})
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED
    page = client.get(reverse("support:ticket", args=[ticket.reference])).content.decode()
    assert "Rouvrir la demande" in page
    assert "Envoyer la réponse" not in page
    client.post(reverse("support:ticket_reopen", args=[ticket.reference]))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.IN_PROGRESS
    log = list(ticket.transitions.values_list("name", "from_status", "to_status", "note"))
    assert log == [
        ("submit", "", TicketStatus.NEW, ""),
        ("close", TicketStatus.NEW, TicketStatus.CLOSED, "Résolu"),
        ("reopen", TicketStatus.CLOSED, TicketStatus.IN_PROGRESS, ""),
    ]


def test_a_closed_ticket_cannot_be_answered_or_closed_again(support_agent, make_ticket):
    ticket = ticket_close(ticket=make_ticket(), agent=support_agent)
    with pytest.raises(TransitionNotAllowed):
        ticket_reply(ticket=ticket, agent=support_agent, body="Bonjour")
    with pytest.raises(TransitionNotAllowed):
        ticket_close(ticket=ticket, agent=support_agent)
    assert not OutboxEmail.objects.filter(template="support_ticket_reply").exists()
    assert ticket.transitions.count() == 2


def test_an_open_ticket_cannot_be_reopened(support_agent, make_ticket):
    with pytest.raises(TransitionNotAllowed):
        ticket_reopen(ticket=make_ticket(), agent=support_agent)


def test_a_refused_transition_shows_a_message(client_of, support_agent, make_ticket):
    ticket = make_ticket()
    client = client_of(support_agent)
    response = client.post(reverse("support:ticket_reopen", args=[ticket.reference]), follow=True)
    assert "impossible" in response.content.decode()


def test_the_queue_is_filtered_by_motif_status_and_age_oldest_first(
    client_of, support_agent, make_ticket
):
    def aged(ticket, days):
        Ticket.objects.filter(pk=ticket.pk).update(created_at=timezone.now() - timedelta(days=days))
        return ticket

    old = aged(make_ticket(motif="dap"), 10)
    recent = aged(make_ticket(motif="habilitation"), 1)
    closed = aged(ticket_close(ticket=make_ticket(motif="dap"), agent=support_agent), 5)
    client = client_of(support_agent)

    def shown(**params):
        page = client.get(reverse("support:queue"), params).context["page"]
        return [t.reference for t in page]

    assert shown() == [old.reference, recent.reference]
    assert shown(motif="dap") == [old.reference]
    assert shown(status="all") == [old.reference, closed.reference, recent.reference]
    assert shown(status="closed") == [closed.reference]
    assert shown(age="7") == [old.reference]
    assert shown(q=recent.reference.lower()) == [recent.reference]


def test_the_queue_is_paged(client_of, support_agent, make_ticket):
    for _ in range(27):
        make_ticket()
    client = client_of(support_agent)
    first = client.get(reverse("support:queue")).context["page"]
    assert len(first) == 25 and first.has_next()
    second = client.get(reverse("support:queue"), {"page": 2}).context["page"]
    assert len(second) == 2


def test_the_queue_rows_link_each_ticket_and_say_when_there_is_none(
    client_of, support_agent, make_ticket
):
    client = client_of(support_agent)
    empty = client.get(reverse("support:queue")).content.decode()
    assert "Aucune demande ne correspond à ces critères." in empty
    ticket = make_ticket()
    page = client.get(reverse("support:queue")).content.decode()
    assert f'href="{reverse("support:ticket", args=[ticket.reference])}"' in page
    assert ticket.get_status_display() in page
    assert "Aucune demande ne correspond" not in page


def test_the_ticket_page_shows_the_establishment_and_its_users(
    client_of, support_agent, establishment_a, employer_a, accountant_a, employer_b, make_ticket
):
    ticket = make_ticket(establishment_a)
    page = client_of(support_agent).get(reverse("support:ticket", args=[ticket.reference]))
    content = page.content.decode()
    assert establishment_a.denomination in content
    assert employer_a.identifiant in content
    assert accountant_a.identifiant in content
    assert employer_b.identifiant not in content
    assert "Remplacer le référent" in content


def test_an_unknown_reference_is_a_404(client_of, support_agent):
    response = client_of(support_agent).get(reverse("support:ticket", args=["ZZZZZZZZ"]))
    assert response.status_code == 404


def test_queue_queries_do_not_grow_with_the_number_of_tickets(
    client_of, support_agent, make_ticket, django_assert_max_num_queries
):
    for _ in range(10):
        make_ticket()
    client = client_of(support_agent)
    with django_assert_max_num_queries(12):
        client.get(reverse("support:queue"))
    assert Ticket.objects.count() == 10
