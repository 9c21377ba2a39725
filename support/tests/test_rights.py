"""Rights by role on the back-office and the agents' administration (isolation matrix)."""

import pytest
from django.urls import reverse

from habilitations.enums import HabilitationStatus
from habilitations.models import Habilitation

pytestmark = pytest.mark.django_db

PERSONAS = ["employer_a", "accountant_a", "ud_agent_a", "support_agent", "dgefp_admin"]
VIEWERS = {"support_agent", "dgefp_admin"}
ACTORS = {"support_agent"}
ADMINS = {"dgefp_admin"}


@pytest.fixture
def ticket(make_ticket, establishment_a):
    return make_ticket(establishment_a)


@pytest.fixture
def agent_habilitation(ud_agent_other):
    return Habilitation.objects.get(user=ud_agent_other)


def support_get_urls(ticket):
    return [
        reverse("support:queue"),
        reverse("support:ticket", args=[ticket.reference]),
    ]


def admin_get_urls(agent_habilitation):
    return [
        reverse("support:agents"),
        reverse("support:agent_new"),
        reverse("support:agent", args=[agent_habilitation.pk]),
        reverse("support:audit_log"),
        reverse("support:banners"),
        reverse("support:banner_new"),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, ticket, agent_habilitation):
    for url in support_get_urls(ticket) + admin_get_urls(agent_habilitation):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("home")), url


@pytest.mark.parametrize("persona", PERSONAS)
def test_back_office_pages_by_role(request, client_of, persona, ticket):
    client = client_of(request.getfixturevalue(persona))
    for url in support_get_urls(ticket):
        assert client.get(url).status_code == (200 if persona in VIEWERS else 403), url


@pytest.mark.parametrize("persona", PERSONAS)
def test_ticket_actions_by_role(request, client_of, persona, ticket):
    client = client_of(request.getfixturevalue(persona))
    response = client.post(reverse("support:ticket_close", args=[ticket.reference]))
    assert response.status_code == (302 if persona in ACTORS else 403)
    response = client.post(
        reverse("support:ticket_reply", args=[ticket.reference]), {"body": "Bonjour"}
    )
    assert response.status_code == (302 if persona in ACTORS else 403)
    response = client.get(reverse("support:ticket_replace_referent", args=[ticket.reference]))
    assert response.status_code == (200 if persona in ACTORS else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_agents_administration_by_role(request, client_of, persona, agent_habilitation):
    client = client_of(request.getfixturevalue(persona))
    for url in admin_get_urls(agent_habilitation):
        assert client.get(url).status_code == (200 if persona in ADMINS else 403), url
    response = client.post(reverse("support:agent_suspend", args=[agent_habilitation.pk]))
    assert response.status_code == (302 if persona in ADMINS else 403)
    agent_habilitation.refresh_from_db()
    expected = HabilitationStatus.SUSPENDED if persona in ADMINS else HabilitationStatus.ACTIVE
    assert agent_habilitation.status == expected


def test_a_suspended_support_agent_loses_the_back_office(client_of, support_agent, ticket):
    Habilitation.objects.filter(user=support_agent).update(status=HabilitationStatus.SUSPENDED)
    client = client_of(support_agent)
    response = client.get(reverse("support:queue"))
    assert (response.status_code, response.url) == (302, "/")  # the session ended (issue 10)
    assert "_auth_user_id" not in client.session


def test_an_expired_habilitation_loses_the_back_office(client_of, support_agent, ticket):
    from datetime import timedelta

    from django.utils import timezone

    yesterday = timezone.localdate() - timedelta(days=1)
    Habilitation.objects.filter(user=support_agent).update(
        valid_from=yesterday - timedelta(days=10), valid_until=yesterday
    )
    client = client_of(support_agent)
    response = client.get(reverse("support:queue"))
    assert (response.status_code, response.url) == (302, "/")  # the session ended (issue 10)
    assert "_auth_user_id" not in client.session


def test_the_dgefp_cannot_manage_a_dgefp_or_establishment_habilitation(
    client_of, dgefp_admin, employer_a
):
    client = client_of(dgefp_admin)
    for user in (dgefp_admin, employer_a):
        habilitation = Habilitation.objects.get(user=user)
        assert client.get(reverse("support:agent", args=[habilitation.pk])).status_code == 404
        response = client.post(reverse("support:agent_suspend", args=[habilitation.pk]))
        assert response.status_code == 404


@pytest.mark.parametrize("name", ["help", "faq", "assistance"])
def test_public_help_pages_are_open_to_everyone(client, name):
    assert client.get(reverse(f"support:{name}")).status_code == 200
