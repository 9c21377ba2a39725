"""A double click on « Envoyer » sends once: the two POSTs arrive together, on two
PostgreSQL connections; the send view's scoped lookup locks the row (SELECT … FOR UPDATE),
so the second waits, then finds the request sent (one transition, one receipt)."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from apart.core.models import OutboxEmail
from dap.models import AuthorizationRequest, RequestStatus, Transition
from dap.tests import factories

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        reason = f"needs PostgreSQL (row locks on two connections) — {connection.vendor} here"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def rendezvous(monkeypatch):
    """Each POST, once its lookup is done, waits up to a second for the other one: without
    the row lock both would read the draft and go on together; with it the second is still
    blocked in its lookup, so the first goes on alone after the second."""
    import dap.views.employer as view_module

    real = view_module.send_locked
    meeting = threading.Barrier(2, timeout=1)

    def after_rendezvous(**kwargs):
        try:
            meeting.wait()
        except threading.BrokenBarrierError:
            pass
        return real(**kwargs)

    monkeypatch.setattr(view_module, "send_locked", after_rendezvous)


@pytest.fixture(autouse=True)
def clock():
    """The factories' DAP (from 16 March 2020) may be sent on 6 April 2020, within the
    30 days of late filing (the frozen clock is the process's, so both threads see it)."""
    with time_machine.travel(datetime(2020, 4, 6, 10, tzinfo=PARIS), tick=False) as traveller:
        yield traveller


def test_two_simultaneous_sends_of_one_draft_send_it_once(employer_a, establishment_a):
    factories.complete_fiche(establishment_a)
    draft = factories.dap_request(establishment_a)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(employer_a)
    barrier = threading.Barrier(2)
    statuses = []

    def send(client):
        try:
            barrier.wait()
            statuses.append(client.post(reverse("dap:send", args=[draft.number])).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]
    assert AuthorizationRequest.objects.get(pk=draft.pk).status == RequestStatus.SENT
    assert Transition.objects.filter(request=draft, to_status=RequestStatus.SENT).count() == 1
    assert OutboxEmail.objects.filter(template="dap_received").count() == 1
