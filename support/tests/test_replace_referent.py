import pytest
from django.urls import reverse

from accounts.models import User
from apart.core.models import OutboxEmail
from habilitations.enums import RequestKind, RequestStatus
from habilitations.models import AccountRequest, Attachment
from support.enums import MessageKind, TicketStatus
from tests import factories

pytestmark = pytest.mark.django_db

NEW_REFERENT = {
    "requester_checked": "on",
    "last_name": "Martin",
    "first_name": "Julie",
    "phone": "06 12 34 56 78",
    "email": "julie.martin@exemple.fr",
    "email_confirm": "julie.martin@exemple.fr",
    "secret_question": "Ville de naissance ?",
    "secret_answer": "Lyon",
}


def replace_url(ticket):
    return reverse("support:ticket_replace_referent", args=[ticket.reference])


def test_the_form_is_prefilled_with_the_requester(
    client_of, support_agent, establishment_a, make_ticket
):
    ticket = make_ticket(establishment_a, requester_name="MARTIN Julie Anne")
    form = client_of(support_agent).get(replace_url(ticket)).context["form"]
    assert form.initial == {
        "last_name": "MARTIN",
        "first_name": "Julie Anne",
        "phone": "01 02 03 04 05",
        "email": "julie.martin@exemple.fr",
    }


def test_replacing_the_referent_end_to_end(
    client_of,
    support_agent,
    establishment_a,
    establishment_b,
    employer_a,
    make_ticket,
    django_capture_on_commit_callbacks,
):
    # The departed referent also works for B: that access must stay.
    factories.AttachmentFactory(
        habilitation=employer_a.habilitations.get(), establishment=establishment_b
    )
    ticket = make_ticket(establishment_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(support_agent).post(replace_url(ticket), NEW_REFERENT)
    assert response.status_code == 302

    request = AccountRequest.objects.get()
    assert request.kind == RequestKind.REPLACE_REFERENT
    assert request.status == RequestStatus.PROCESSED
    assert request.requested_by == support_agent
    new_referent = User.objects.get(email="julie.martin@exemple.fr")
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user == new_referent
    assert new_referent.must_change_password
    assert (
        Attachment.objects.active()
        .filter(habilitation__user=new_referent, establishment=establishment_a)
        .exists()
    )

    departed = Attachment.objects.get(habilitation__user=employer_a, establishment=establishment_a)
    assert departed.revoked_at is not None
    assert departed.revoked_by == support_agent
    assert (
        Attachment.objects.active()
        .filter(habilitation__user=employer_a, establishment=establishment_b)
        .exists()
    )

    templates = set(
        OutboxEmail.objects.filter(recipient="julie.martin@exemple.fr").values_list(
            "template", flat=True
        )
    )
    assert {"asp_identifiant", "asp_mot_de_passe", "apart_habilitation"} <= templates

    ticket.refresh_from_db()
    assert ticket.account_request == request
    assert ticket.status == TicketStatus.IN_PROGRESS
    action = ticket.messages.get(kind=MessageKind.ACTION)
    assert "Demandeur vérifié" in action.body
    assert employer_a.identifiant in action.body
    assert ticket.transitions.filter(name="replace_referent", by=support_agent).exists()


def test_the_agent_must_confirm_the_check_of_the_requester(
    client_of, support_agent, establishment_a, employer_a, make_ticket
):
    ticket = make_ticket(establishment_a)
    data = {**NEW_REFERENT}
    del data["requester_checked"]
    response = client_of(support_agent).post(replace_url(ticket), data)
    assert response.status_code == 200
    assert "Confirmez que vous avez vérifié le demandeur." in response.content.decode()
    assert not AccountRequest.objects.exists()
    assert Attachment.objects.active().filter(habilitation__user=employer_a).exists()


def test_the_action_is_refused_for_another_motif(
    client_of, support_agent, establishment_a, employer_a, make_ticket
):
    ticket = make_ticket(establishment_a, motif="dap")
    page = client_of(support_agent).get(reverse("support:ticket", args=[ticket.reference]))
    assert "Remplacer le référent" not in page.content.decode()
    client_of(support_agent).post(replace_url(ticket), NEW_REFERENT)
    assert not AccountRequest.objects.exists()
    assert Attachment.objects.active().filter(habilitation__user=employer_a).exists()


def test_the_action_is_refused_without_a_known_establishment(client_of, support_agent, make_ticket):
    ticket = make_ticket(siret="73282932000074")
    response = client_of(support_agent).post(replace_url(ticket), NEW_REFERENT, follow=True)
    assert "Aucun établissement ne correspond" in response.content.decode()
    assert not AccountRequest.objects.exists()


def test_the_action_is_refused_on_a_closed_ticket(
    client_of, support_agent, establishment_a, make_ticket
):
    ticket = make_ticket(establishment_a)
    client = client_of(support_agent)
    client.post(reverse("support:ticket_close", args=[ticket.reference]))
    client.post(replace_url(ticket), NEW_REFERENT)
    assert not AccountRequest.objects.exists()


def test_the_dgefp_reads_the_ticket_but_cannot_replace_the_referent(
    client_of, dgefp_admin, establishment_a, make_ticket
):
    ticket = make_ticket(establishment_a)
    client = client_of(dgefp_admin)
    page = client.get(reverse("support:ticket", args=[ticket.reference]))
    assert page.status_code == 200
    assert "Remplacer le référent" not in page.content.decode()
    assert client.post(replace_url(ticket), NEW_REFERENT).status_code == 403
    assert not AccountRequest.objects.exists()


def test_the_referent_is_replaced_only_once_per_ticket(
    client_of,
    support_agent,
    establishment_a,
    employer_a,
    make_ticket,
    django_capture_on_commit_callbacks,
):
    ticket = make_ticket(establishment_a)
    client = client_of(support_agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(replace_url(ticket), NEW_REFERENT)
    page = client.get(reverse("support:ticket", args=[ticket.reference])).content.decode()
    assert "Remplacer le référent</a>" not in page
    response = client.post(
        replace_url(ticket),
        {**NEW_REFERENT, "email": "autre@exemple.fr", "email_confirm": "autre@exemple.fr"},
        follow=True,
    )
    assert "Le référent a déjà été remplacé pour cette demande." in response.content.decode()
    assert AccountRequest.objects.count() == 1
