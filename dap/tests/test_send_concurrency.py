"""A double click on « Envoyer » sends once: the two POSTs arrive together, on two
PostgreSQL connections; the send view's scoped lookup locks the row (SELECT … FOR UPDATE),
so the second waits, then finds the request sent (one transition, one receipt)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from apart.core.models import OutboxEmail
from dap.models import AuthorizationRequest, RequestStatus, Transition
from dap.tests import factories
from dap.views import employer as employer_views
from tests.concurrency import post_twice_at_once, wait_for_each_other

pytestmark = [
    pytest.mark.postgresql("row locks on two connections"),
    pytest.mark.django_db(transaction=True),
]
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def rendezvous(monkeypatch):
    wait_for_each_other(monkeypatch, employer_views, "send_locked")


@pytest.fixture(autouse=True)
def clock():
    """The factories' DAP (from 16 March 2020) may be sent on 6 April 2020, within the
    30 days of late filing (the frozen clock is the process's, so both threads see it)."""
    with time_machine.travel(datetime(2020, 4, 6, 10, tzinfo=PARIS), tick=False) as traveller:
        yield traveller


def test_two_simultaneous_sends_of_one_draft_send_it_once(employer_a, establishment_a):
    factories.complete_fiche(establishment_a)
    draft = factories.dap_request(establishment_a)
    statuses = post_twice_at_once(employer_a, reverse("dap:send", args=[draft.number]))
    assert statuses == [302, 302]
    assert AuthorizationRequest.objects.get(pk=draft.pk).status == RequestStatus.SENT
    assert Transition.objects.filter(request=draft, to_status=RequestStatus.SENT).count() == 1
    assert OutboxEmail.objects.filter(template="dap_received").count() == 1
