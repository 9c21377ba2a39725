"""The instruction queue lists the oldest deadline first for every profile: the UD agent's
order is an expression (so that PostgreSQL finds the département's requests first), the
same order as the read-all profiles' plain one."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dap.tests.factories import sent_request
from habilitations import access
from habilitations.enums import Profile
from tests.factories import EstablishmentFactory, agent

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_pending():
    """Three requests of Paris sent on three days, created newest first."""
    first_day = timezone.make_aware(datetime(2020, 4, 6, 10))
    requests = [
        sent_request(EstablishmentFactory(), first_day + timedelta(days=offset))
        for offset in (2, 0, 1)
    ]
    return sorted(requests, key=lambda request: request.tacit_deadline)


@pytest.mark.parametrize(
    "user", [lambda: agent(Profile.UD_AGENT, "75"), lambda: agent(Profile.DGEFP)]
)
def test_the_queue_shows_the_oldest_deadline_first(client, three_pending, user):
    client.force_login(user())

    page = client.get(reverse("dap:queue"), {"status": "sent"}).content.decode()

    shown = re.findall(r"DAP075[0-9A-Z]+", page)
    assert list(dict.fromkeys(shown)) == [request.number for request in three_pending]


def test_only_the_ud_agent_gets_the_expression():
    ud_agent, dgefp = agent(Profile.UD_AGENT, "75"), agent(Profile.DGEFP)

    assert access.scoped_order(dgefp, "sent_at", "id") == ("sent_at", "id")
    expression, then = access.scoped_order(ud_agent, "sent_at", "id")
    assert not isinstance(expression, str) and then == "id"
